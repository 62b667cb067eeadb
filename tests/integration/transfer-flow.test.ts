// When mediation fails the case moves on with its file: either party (or the mediator) sends it to
// a competent body, the body's 仲裁员 or 法官 finds it in their inbox, reads the file and confirms it
// arrived, and the parties see where it went. Every refusal names its rule and writes nothing.
import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { action as sendAction } from "~/routes/transfers.send";
import { loader as inboxLoader } from "~/routes/transfers._index";
import { action as fileAction, loader as fileLoader } from "~/routes/transfers.$handoffId";
import { loader as caseLoader } from "~/routes/cases.$caseId._index";
import { getDb } from "../../db/client";
import { cases, handoffs } from "../../db/schema";
import { seed } from "../../db/seed";
import type { SessionUser } from "../../server/auth/session";
import { loadCaseFor } from "../../server/cases/access";
import { addEvidence } from "../../server/cases/case-evidence";
import { acknowledgeTransfer } from "../../server/handoff/transfer/acknowledge";
import { transferCase } from "../../server/handoff/transfer/send";
import { transferPanel } from "../../server/handoff/transfer/panel";
import { transferInbox } from "../../server/handoff/transfer/inbox";
import { makeOffer, respondOffer } from "../../server/mediation/offers";
import { confirmRecord, saveRecord } from "../../server/mediation/room";
import { endSession, scheduleSession } from "../../server/mediation/sessions";
import { consent, verifyInvitation } from "../../server/triage/consent";
import { acceptCase } from "../../server/triage/decisions";
import { ctx, thrownResponse } from "./helpers";
import { caseRow, citizenInput, cookieOf, eventsOf, fileCase, invitationSms, newRespondent, notesOf, orgId, PHONE, rejects, smsTo, snapshot, userById, userByPhone } from "./triage-helpers";

const PNG = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000" + "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082", "hex");
const LABOUR_BOARD = "五华区劳动人事争议仲裁委员会";
const KM_ARBITRATION = "昆明仲裁委员会";
const COURT = "昆明市五华区人民法院";
const OFFER_TERMS = "申请人同意放弃加班费，只要求补发工资";
const RECORD = "一、双方确认申请人于2025年3月入职，月工资6000元。\n二、双方确认2025年10月至12月工资未发放。";

let liMing: SessionUser;
let wangFang: SessionUser;
let zhengTao: SessionUser; // 仲裁员, 五华区劳动人事争议仲裁委员会
let kongWen: SessionUser; // 仲裁员, 昆明仲裁委员会
let linXiao: SessionUser; // 法官, 五华区人民法院

beforeAll(async () => {
  await seed();
  liMing = userByPhone(PHONE.liMing);
  wangFang = userByPhone(PHONE.wangFang);
  zhengTao = userByPhone("13800000501");
  kongWen = userByPhone("13800000502");
  linXiao = userByPhone(PHONE.judge);
});

const handoffCount = () => getDb().select({ n: count() }).from(handoffs).get()!.n;

/** A case of `category` filed by 李明, accepted, consented, one session with a record, ended as failed. */
async function failedCase(category: string, opts: { confirmBoth?: boolean } = {}) {
  const r = newRespondent("周建华");
  const { caseId } = await fileCase(liMing, citizenInput({ category }, r));
  const mediator = userById(caseRow(caseId).mediatorId!);
  await acceptCase(mediator, caseId, { conflict: "none" });
  const { token, code } = invitationSms(r.phone);
  await verifyInvitation(token, { code, name: r.name, idNumber: r.idNumber, password: "Huijie2026" }, { ip: "127.0.0.1", userAgent: "vitest" });
  const respondent = userByPhone(r.phone);
  await consent(respondent, caseId);
  await addEvidence(liMing, caseId, [{ name: "工资条.png", bytes: PNG }], "evidence");
  // An offer the respondent turned down: a concession that must stay behind (在线调解规则 Art 18).
  const offer = await makeOffer(liMing, caseId, { amountYuan: 7300, terms: OFFER_TERMS });
  await respondOffer(respondent, caseId, offer.id, { action: "reject" });
  const sessionId = await scheduleSession(mediator, caseId, { scheduledAt: new Date(Date.now() + 60_000), durationMin: 60, mode: "joint" });
  saveRecord(mediator, caseId, sessionId, RECORD, 0);
  await endSession(mediator, caseId, sessionId, { outcome: "failed", failReason: "too_far_apart", note: "双方对加班费数额分歧过大" });
  confirmRecord(liMing, caseId, sessionId, { confirmed: true });
  if (opts.confirmBoth !== false) confirmRecord(respondent, caseId, sessionId, { confirmed: true });
  else confirmRecord(respondent, caseId, sessionId, { confirmed: false, disputed: "入职时间不是3月" });
  return { caseId, mediator, respondent, r };
}

function sendForm(u: SessionUser, fields: Record<string, string>) {
  return sendAction({ request: new Request("http://localhost/transfers/send", { method: "POST", body: new URLSearchParams(fields), headers: { cookie: cookieOf(u) } }), params: {}, context: ctx() } as never);
}

type Reply = { data: { ok: boolean; error?: string; done?: string; field?: string }; init: { status: number } | null };

describe("a failed labour dispute goes to labour arbitration (劳动争议调解仲裁法 Arts 5, 21)", () => {
  let w: Awaited<ReturnType<typeof failedCase>>;
  let handoffId = "";

  beforeAll(async () => {
    w = await failedCase("劳动争议");
  });

  it("the case page offers only the labour arbitration commission where the contract is performed, and says why not a court", () => {
    expect(caseRow(w.caseId).status).toBe("failed");
    const panel = transferPanel(loadCaseFor(liMing, w.caseId))!;
    expect(panel.sent).toBeNull();
    expect(panel.choices!.labour).toBe(true);
    expect(panel.choices!.asksAboutAgreement).toBe(false);
    expect(panel.choices!.withoutAgreement.options).toEqual([{ kind: "arbitration", orgId: orgId(LABOUR_BOARD), name: LABOUR_BOARD, basis: expect.stringContaining("第二十一条") }]);
    expect(panel.choices!.withoutAgreement.refusals.map((r) => r.reason)).toEqual([expect.stringContaining("《劳动争议调解仲裁法》第五条")]);
    // Either party may go on to arbitration (an employee may be the respondent): the respondent is
    // offered the same commission, by the same rule.
    // (劳动争议调解仲裁法 Art 21 does not depend on who applies; only `plaintiff` differs.)
    expect(transferPanel(loadCaseFor(w.respondent, w.caseId))!.choices).toEqual({ ...panel.choices, plaintiff: "respondent" });
  });

  it("refuses, writing nothing: court filing (Art 5, for the respondent too), a commercial commission, a notary office, a stale page", async () => {
    const before = { ...snapshot(), handoffs: handoffCount() };
    const e = await rejects(transferCase(liMing, w.caseId, { kind: "litigation", orgId: orgId(COURT), arbitrationAgreement: false }), "BAD_INPUT", /劳动争议须先申请劳动争议仲裁.*第五条/);
    expect(e.field).toBe("orgId");
    await rejects(transferCase(liMing, w.caseId, { kind: "arbitration", orgId: orgId(KM_ARBITRATION), arbitrationAgreement: true }), "BAD_INPUT", /劳动人事争议仲裁委员会/);
    await rejects(transferCase(liMing, w.caseId, { kind: "litigation", orgId: orgId("昆明市春城公证处"), arbitrationAgreement: false }), "BAD_INPUT", "昆明市春城公证处不是人民法院，不能移送立案");
    await rejects(transferCase(liMing, w.caseId, { kind: "arbitration", orgId: orgId(COURT), arbitrationAgreement: false }), "BAD_INPUT", `${COURT}不是仲裁委员会，不能移送仲裁`);
    await rejects(transferCase(w.respondent, w.caseId, { kind: "litigation", orgId: orgId(COURT), arbitrationAgreement: false }), "BAD_INPUT", /劳动争议须先申请劳动争议仲裁.*第五条/);
    await rejects(transferCase(liMing, w.caseId, { kind: "arbitration", orgId: orgId(LABOUR_BOARD), arbitrationAgreement: false }, { version: caseRow(w.caseId).version - 1 }), "CONFLICT", /刚刚有了新进展/);
    await rejects(transferCase(wangFang, w.caseId, { kind: "arbitration", orgId: orgId(LABOUR_BOARD), arbitrationAgreement: false }), "NOT_FOUND");
    expect({ ...snapshot(), handoffs: handoffCount() }).toEqual(before);
  });

  it("the form refuses a missing choice or confirmation with 400 and a Chinese message", async () => {
    const base = { caseId: w.caseId, version: String(caseRow(w.caseId).version), target: `arbitration:${orgId(LABOUR_BOARD)}`, confirm: "yes" };
    const noTarget = (await sendForm(liMing, { ...base, target: "" })) as Reply;
    expect(noTarget.init?.status).toBe(400);
    expect(noTarget.data.error).toBe("请选择移送的仲裁委员会或人民法院");
    const noConfirm = (await sendForm(liMing, { caseId: base.caseId, version: base.version, target: base.target })) as Reply;
    expect(noConfirm.data.error).toBe("请确认已核对移送的案卷内容");
    const court = (await sendForm(liMing, { ...base, target: `litigation:${orgId(COURT)}` })) as Reply;
    expect(court.init?.status).toBe(400);
    expect(court.data.error).toContain("第五条");
    expect(handoffCount()).toBe(0);
  });

  it("the applicant sends it through the form: one handoff row, the case held by the commission, timeline, notices and SMS", async () => {
    const res = (await sendForm(liMing, { caseId: w.caseId, version: String(caseRow(w.caseId).version), target: `arbitration:${orgId(LABOUR_BOARD)}`, confirm: "yes" })) as Response;
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/cases/${w.caseId}?transferred=1`);
    const h = getDb().select().from(handoffs).where(eq(handoffs.caseId, w.caseId)).all();
    expect(h).toHaveLength(1);
    handoffId = h[0].id;
    expect(h[0]).toMatchObject({ kind: "arbitration", targetOrgId: orgId(LABOUR_BOARD), status: "submitted", startedById: liMing.id, basis: expect.stringContaining("第二十一条") });
    expect(h[0].submittedAt).toBeInstanceOf(Date);
    expect(caseRow(w.caseId)).toMatchObject({ status: "transferred", handoffOrgId: orgId(LABOUR_BOARD) });
    const ev = eventsOf(w.caseId).at(-1)!;
    expect(ev).toMatchObject({ type: "transferred", fromStatus: "failed", toStatus: "transferred", actorId: liMing.id, visibility: "all" });
    expect(ev.summary).toContain(`案件移送至${LABOUR_BOARD}（移送仲裁）`);
    expect(ev.summary).toContain("经各方确认的无争议事实");
    expect(notesOf(zhengTao.id, w.caseId).map((n) => [n.title, n.link])).toEqual([["新移送案件", `/transfers/${handoffId}`]]);
    expect(notesOf(w.respondent.id, w.caseId).at(-1)!.title).toBe("案件已移送");
    expect(notesOf(w.mediator.id, w.caseId).at(-1)!.title).toBe("案件已移送");
    expect(smsTo(w.r.phone).at(-1)!.body).toContain(`已移送至${LABOUR_BOARD}`);
    // The arbitrator now has the case (through handoffOrgId), as arbitrator.
    expect(loadCaseFor(zhengTao, w.caseId).roles).toEqual(["arbitrator"]);
  });

  it("refuses a second transfer, naming where it went", async () => {
    const before = { ...snapshot(), handoffs: handoffCount() };
    await rejects(transferCase(liMing, w.caseId, { kind: "arbitration", orgId: orgId(LABOUR_BOARD), arbitrationAgreement: false }), "CONFLICT", new RegExp(`已于 .* 移送至${LABOUR_BOARD}，不能重复移送`));
    await rejects(transferCase(w.mediator, w.caseId, { kind: "arbitration", orgId: orgId(LABOUR_BOARD), arbitrationAgreement: false }), "CONFLICT", /不能重复移送/);
    expect({ ...snapshot(), handoffs: handoffCount() }).toEqual(before);
  });

  it("the commission's inbox lists it with its file; other bodies' inboxes do not; parties have no inbox", async () => {
    const mine = transferInbox(zhengTao, {});
    expect(mine.bodies).toEqual([LABOUR_BOARD]);
    expect(mine.rows.map((r) => r.id)).toEqual([handoffId]);
    expect(mine.rows[0]).toMatchObject({ status: "submitted", category: "劳动争议", applicants: "李明", respondents: "周建华", files: 1, ending: "调解不成：双方分歧过大，无法达成协议" });
    expect(transferInbox(zhengTao, { filter: "accepted" }).rows).toEqual([]);
    expect(transferInbox(kongWen, {}).rows).toEqual([]);
    expect(transferInbox(linXiao, {}).rows).toEqual([]);
    const denied = await thrownResponse(() => inboxLoader({ request: new Request("http://localhost/transfers", { headers: { cookie: cookieOf(liMing) } }), params: {}, context: ctx() } as never));
    expect(denied.status).toBe(403);
    const page = (await inboxLoader({ request: new Request("http://localhost/transfers?status=bogus&page=x", { headers: { cookie: cookieOf(zhengTao) } }), params: {}, context: ctx() } as never)) as { rows: unknown[]; filter: string };
    expect(page).toMatchObject({ filter: "all", rows: [expect.anything()] });
  });

  it("the file carries parties, claims, evidence, the confirmed facts, why it failed and how mediation went — not the offers", async () => {
    const f = (await fileLoader({ request: new Request(`http://localhost/transfers/${handoffId}`, { headers: { cookie: cookieOf(zhengTao) } }), params: { handoffId }, context: ctx() } as never)) as Awaited<ReturnType<typeof import("../../server/handoff/transfer/file").transferFile>>;
    expect(f.receiver).toBe(true);
    expect(f.mayAcknowledge).toBe(true);
    expect(f.parties.map((p) => [p.side, p.name, p.idNumber.includes("*")])).toEqual([
      ["applicant", "李明", false],
      ["respondent", "周建华", false],
    ]);
    expect(f.case.claims).toBeTruthy();
    expect(f.evidence.map((e) => e.filename)).toEqual(["工资条.png"]);
    expect(f.undisputed!.text).toBe(RECORD);
    expect(f.undisputed!.confirmedBy.map((c) => c.name).sort()).toEqual(["周建华", "李明"].sort());
    expect(f.ending).toMatchObject({ reason: "调解不成：双方分歧过大，无法达成协议", note: "双方对加班费数额分歧过大" });
    expect(f.history).toMatchObject({ org: "五华区劳动人事争议调解中心", mediator: w.mediator.name, sessions: [{ outcome: "failed", failReason: "双方分歧过大，无法达成协议" }] });
    expect(f.history.events.some((e) => e.summary.includes("提出调解方案"))).toBe(false);
    expect(JSON.stringify(f)).not.toContain(OFFER_TERMS);
    // Nor does the case page the arbitrator opens from the file: no offers, no offer events (ADR 015).
    const page = await caseLoader({ request: new Request(`http://localhost/cases/${w.caseId}`, { headers: { cookie: cookieOf(zhengTao) } }), params: { caseId: w.caseId }, context: ctx() } as never);
    expect(page.mediation!.offers).toEqual([]);
    for (const word of [OFFER_TERMS, "提出调解方案", "拒绝了对方的方案", "730000", "7,300"]) expect(JSON.stringify(page), word).not.toContain(word);
    // The parties still see their offer.
    const mine = await caseLoader({ request: new Request(`http://localhost/cases/${w.caseId}`, { headers: { cookie: cookieOf(liMing) } }), params: { caseId: w.caseId }, context: ctx() } as never);
    expect(mine.mediation!.offers.map((o) => o.terms)).toEqual([OFFER_TERMS]);
    // The evidence link works for the arbitrator (the existing evidence route checks case access).
    expect(loadCaseFor(zhengTao, w.caseId)).toBeTruthy();
  });

  it("answers 404 to another commission, a court and an unrelated citizen; the parties read it with the other side masked", async () => {
    for (const u of [kongWen, linXiao, wangFang]) {
      const r = await thrownResponse(() => fileLoader({ request: new Request(`http://localhost/transfers/${handoffId}`, { headers: { cookie: cookieOf(u) } }), params: { handoffId }, context: ctx() } as never));
      expect(r.status).toBe(404);
    }
    const missing = await thrownResponse(() => fileLoader({ request: new Request("http://localhost/transfers/nope", { headers: { cookie: cookieOf(zhengTao) } }), params: { handoffId: "nope" }, context: ctx() } as never));
    expect(missing.status).toBe(404);
    const mine = (await fileLoader({ request: new Request(`http://localhost/transfers/${handoffId}`, { headers: { cookie: cookieOf(liMing) } }), params: { handoffId }, context: ctx() } as never)) as { mayAcknowledge: boolean; parties: { name: string; idNumber: string; phone: string }[] };
    expect(mine.mayAcknowledge).toBe(false);
    expect(mine.parties[0].idNumber).not.toContain("*");
    expect(mine.parties[1].idNumber).toContain("*");
    expect(mine.parties[1].phone).toContain("*");
  });

  it("refuses acknowledgement by another body or by a party (404), and bad input (400), writing nothing", async () => {
    const before = { ...snapshot(), row: getDb().select().from(handoffs).where(eq(handoffs.id, handoffId)).get() };
    await rejects(acknowledgeTransfer(kongWen, handoffId, {}), "NOT_FOUND");
    await rejects(acknowledgeTransfer(linXiao, handoffId, {}), "NOT_FOUND");
    await rejects(acknowledgeTransfer(liMing, handoffId, {}), "NOT_FOUND");
    const post = (u: SessionUser, body: Record<string, string>) =>
      fileAction({ request: new Request(`http://localhost/transfers/${handoffId}`, { method: "POST", body: new URLSearchParams(body), headers: { cookie: cookieOf(u) } }), params: { handoffId }, context: ctx() } as never);
    expect((await thrownResponse(() => post(kongWen, { intent: "acknowledge" }))).status).toBe(404);
    const long = (await post(zhengTao, { intent: "acknowledge", refNo: "字".repeat(61) })) as Reply;
    expect(long.init?.status).toBe(400);
    expect(long.data.error).toBe("案号不能超过60个字");
    const odd = (await post(zhengTao, { intent: "delete" })) as Reply;
    expect(odd.init?.status).toBe(400);
    expect({ ...snapshot(), row: getDb().select().from(handoffs).where(eq(handoffs.id, handoffId)).get() }).toEqual(before);
  });

  it("the arbitrator acknowledges with their own number: the parties are told, the case page says where it is", async () => {
    const post = (body: Record<string, string>) =>
      fileAction({ request: new Request(`http://localhost/transfers/${handoffId}`, { method: "POST", body: new URLSearchParams(body), headers: { cookie: cookieOf(zhengTao) } }), params: { handoffId }, context: ctx() } as never);
    const ok = (await post({ intent: "acknowledge", refNo: "  五劳人仲案字〔2026〕第88号 " })) as Reply;
    expect(ok.data).toMatchObject({ ok: true, done: "已确认收到，案号 五劳人仲案字〔2026〕第88号，已通知当事人" });
    const h = getDb().select().from(handoffs).where(eq(handoffs.id, handoffId)).get()!;
    expect(h).toMatchObject({ status: "accepted", outcome: "acknowledged", handlerId: zhengTao.id, refNo: "五劳人仲案字〔2026〕第88号" });
    expect(caseRow(w.caseId).status).toBe("transferred");
    expect(eventsOf(w.caseId).at(-1)).toMatchObject({ type: "transfer_acknowledged", actorLabel: "郑涛（仲裁员）", summary: `${LABOUR_BOARD}确认收到移送的案件，案号 五劳人仲案字〔2026〕第88号` });
    expect(notesOf(liMing.id, w.caseId).at(-1)!.title).toBe("移送案件已被接收");
    expect(notesOf(w.respondent.id, w.caseId).at(-1)!.body).toContain("第88号");
    expect(smsTo(PHONE.liMing).at(-1)!.body).toContain(`已由${LABOUR_BOARD}确认收到`);

    // Twice: refused with who did it and when.
    const again = (await post({ intent: "acknowledge" })) as Reply;
    expect(again.init?.status).toBe(409);
    expect(again.data.error).toMatch(new RegExp(`${LABOUR_BOARD}已于 .* 确认收到本案（郑涛），案号 五劳人仲案字〔2026〕第88号，不能重复确认`));

    // Both parties see it on the case page.
    for (const u of [liMing, w.respondent]) {
      const page = (await caseLoader({ request: new Request(`http://localhost/cases/${w.caseId}`, { headers: { cookie: cookieOf(u) } }), params: { caseId: w.caseId }, context: ctx() } as never)) as { transfer: ReturnType<typeof transferPanel> };
      expect(page.transfer!.choices).toBeNull();
      expect(page.transfer!.sent).toMatchObject({ orgName: LABOUR_BOARD, acknowledged: true, refNo: "五劳人仲案字〔2026〕第88号", handler: "郑涛", fileLink: `/transfers/${handoffId}` });
    }
    expect(transferInbox(zhengTao, { filter: "accepted" }).rows.map((r) => r.refNo)).toEqual(["五劳人仲案字〔2026〕第88号"]);
  });
});

describe("a contract dispute: arbitration by agreement (仲裁法 Arts 4-6) or court filing (民事诉讼法 Arts 22, 24)", () => {
  it("without the facts confirmed by everyone, the file says there are none; a mediating case cannot be transferred", async () => {
    const w = await failedCase("合同", { confirmBoth: false });
    const panel = transferPanel(loadCaseFor(liMing, w.caseId))!;
    expect(panel.choices!.asksAboutAgreement).toBe(true);
    expect(panel.choices!.withoutAgreement.options.map((o) => [o.kind, o.name])).toEqual([["litigation", COURT]]);
    expect(panel.choices!.withoutAgreement.refusals.map((r) => r.reason)).toEqual([expect.stringContaining("《仲裁法》第四条")]);
    expect(panel.choices!.withAgreement!.options.map((o) => [o.kind, o.name])).toEqual([["arbitration", KM_ARBITRATION]]);
    expect(panel.choices!.withAgreement!.refusals.map((r) => r.reason)).toEqual([expect.stringContaining("《仲裁法》第五条")]);

    // With an agreement, court filing is refused (Art 5); the mediator sends it to the chosen commission.
    await rejects(transferCase(w.mediator, w.caseId, { kind: "litigation", orgId: orgId(COURT), arbitrationAgreement: true }), "BAD_INPUT", /《仲裁法》第五条/);
    const { handoffId } = await transferCase(w.mediator, w.caseId, { kind: "arbitration", orgId: orgId(KM_ARBITRATION), arbitrationAgreement: true });
    expect(eventsOf(w.caseId).at(-1)).toMatchObject({ type: "transferred", actorId: w.mediator.id, data: expect.objectContaining({ arbitrationAgreement: true, undisputedFacts: false }) });
    expect(transferInbox(kongWen, {}).rows.map((r) => r.id)).toEqual([handoffId]);
    expect(transferInbox(zhengTao, {}).rows.map((r) => r.id)).not.toContain(handoffId);
    const f = (await fileLoader({ request: new Request(`http://localhost/transfers/${handoffId}`, { headers: { cookie: cookieOf(kongWen) } }), params: { handoffId }, context: ctx() } as never)) as { undisputed: unknown };
    expect(f.undisputed).toBeNull();
  });

  it("goes to the court of the place of performance, which the judge acknowledges without a number yet", async () => {
    const w = await failedCase("借贷");
    const { handoffId } = await transferCase(liMing, w.caseId, { kind: "litigation", orgId: orgId(COURT), arbitrationAgreement: false });
    expect(getDb().select().from(handoffs).where(eq(handoffs.id, handoffId)).get()).toMatchObject({ kind: "litigation", basis: "合同履行地人民法院（《民事诉讼法》第二十四条）" });
    expect(transferInbox(linXiao, {}).rows.map((r) => r.id)).toContain(handoffId);
    expect(loadCaseFor(linXiao, w.caseId).roles).toEqual(["court"]);
    await acknowledgeTransfer(linXiao, handoffId, { refNo: "   " });
    expect(getDb().select().from(handoffs).where(and(eq(handoffs.id, handoffId))).get()).toMatchObject({ status: "accepted", refNo: null, handlerId: linXiao.id });
    expect(eventsOf(w.caseId).at(-1)).toMatchObject({ actorLabel: "林晓（法官）", summary: `${COURT}确认收到移送的案件` });
  });

  it("the respondent may send it too (在线调解规则 Art 21: either party goes on), under the same competence rules", async () => {
    const w = await failedCase("借贷");
    const panel = transferPanel(loadCaseFor(w.respondent, w.caseId))!;
    expect(panel.choices!.withoutAgreement.options.map((o) => [o.kind, o.name])).toEqual([["litigation", COURT]]);
    const before = { ...snapshot(), handoffs: handoffCount() };
    // An arbitration agreement keeps it out of court (仲裁法 Art 5), whoever sends it.
    await rejects(transferCase(w.respondent, w.caseId, { kind: "litigation", orgId: orgId(COURT), arbitrationAgreement: true }), "BAD_INPUT", /《仲裁法》第五条/);
    await rejects(transferCase(w.respondent, w.caseId, { kind: "litigation", orgId: orgId("昆明市盘龙区人民法院"), arbitrationAgreement: false }), "BAD_INPUT", /对本案没有管辖权；可以移送：昆明市五华区人民法院/);
    expect({ ...snapshot(), handoffs: handoffCount() }).toEqual(before);

    const res = (await sendForm(w.respondent, { caseId: w.caseId, version: String(caseRow(w.caseId).version), target: `litigation:${orgId(COURT)}`, confirm: "yes" })) as Response;
    expect(res.status).toBe(302);
    const h = getDb().select().from(handoffs).where(eq(handoffs.caseId, w.caseId)).get()!;
    expect(h).toMatchObject({ kind: "litigation", targetOrgId: orgId(COURT), status: "submitted", startedById: w.respondent.id });
    expect(caseRow(w.caseId)).toMatchObject({ status: "transferred", handoffOrgId: orgId(COURT) });
    expect(eventsOf(w.caseId).at(-1)).toMatchObject({ type: "transferred", fromStatus: "failed", toStatus: "transferred", actorId: w.respondent.id });
    expect(notesOf(liMing.id, w.caseId).at(-1)!.title).toBe("案件已移送");
    expect(transferInbox(linXiao, {}).rows.map((r) => r.id)).toContain(h.id);
    expect(transferPanel(loadCaseFor(w.respondent, w.caseId))!.sent).toMatchObject({ orgName: COURT, fileLink: `/transfers/${h.id}` });
    // And no second transfer by the applicant.
    await rejects(transferCase(liMing, w.caseId, { kind: "litigation", orgId: orgId(COURT), arbitrationAgreement: false }), "CONFLICT", /不能重复移送/);
  });

  it("after the court rejected the agreement (民诉解释 Art 358) the case may go to court filing, the ground in the file", async () => {
    const w = await failedCase("借贷");
    // The state a rejection leaves behind (server/handoff/confirmation writes it): the case in
    // confirm_rejected, held by the court, its confirmation handoff decided "rejected" on a ground.
    const later = new Date(Date.now() + 60_000);
    getDb().update(cases).set({ status: "confirm_rejected", handoffOrgId: orgId(COURT) }).where(eq(cases.id, w.caseId)).run();
    getDb()
      .insert(handoffs)
      .values({ id: `conf-${w.caseId}`, caseId: w.caseId, kind: "confirmation", targetOrgId: orgId(COURT), basis: "调解组织所在地基层人民法院", status: "decided", startedById: liMing.id, outcome: "rejected", outcomeGround: "unclear", outcomeNote: "履行期限约定不明", decidedAt: later })
      .run();
    const panel = transferPanel(loadCaseFor(liMing, w.caseId))!;
    expect(panel.choices!.withoutAgreement.options.map((o) => o.name)).toEqual([COURT]);
    const { handoffId } = await transferCase(liMing, w.caseId, { kind: "litigation", orgId: orgId(COURT), arbitrationAgreement: false });
    expect(eventsOf(w.caseId).at(-1)).toMatchObject({ type: "transferred", fromStatus: "confirm_rejected", toStatus: "transferred" });
    const f = (await fileLoader({ request: new Request(`http://localhost/transfers/${handoffId}`, { headers: { cookie: cookieOf(linXiao) } }), params: { handoffId }, context: ctx() } as never)) as { ending: { reason: string; note: string } };
    expect(f.ending).toMatchObject({ reason: "人民法院裁定驳回司法确认申请：内容不明确", note: "履行期限约定不明" });
  });

  it("a case still in mediation cannot be transferred: the rule says only a failed one", async () => {
    const r = newRespondent();
    const { caseId } = await fileCase(liMing, citizenInput({ category: "合同" }, r));
    const mediator = userById(caseRow(caseId).mediatorId!);
    await acceptCase(mediator, caseId, { conflict: "none" });
    const before = { ...snapshot(), handoffs: handoffCount() };
    await rejects(transferCase(mediator, caseId, { kind: "litigation", orgId: orgId(COURT), arbitrationAgreement: false }), "CONFLICT", /只有调解不成或司法确认被驳回的案件才能移送.*待对方同意/);
    expect(transferPanel(loadCaseFor(liMing, caseId))).toBeNull();
    expect({ ...snapshot(), handoffs: handoffCount() }).toEqual(before);
  });
});
