// 分 end to end on the seeded demo world: filing, routing, acceptance, the respondent's invitation
// and consent, refusal, withdrawal, declines, the dispatcher's queue, red risk, 律调对接 and
// court referrals, and bad input that must write nothing.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { citizenFilingSchema, courtReferralSchema, referralFilingSchema } from "~/lib/case-schemas";
import { formatCaseNo } from "~/lib/case-format";
import { getDb } from "../../db/client";
import { evidence, users } from "../../db/schema";
import { seed } from "../../db/seed";
import type { SessionUser } from "../../server/auth/session";
import { loadCaseFor } from "../../server/cases/access";
import { addEvidence } from "../../server/cases/case-evidence";
import { createDraft, submitDraft, type SubmitInput } from "../../server/cases/filing";
import { caseDetail, listCases, publicLookup } from "../../server/cases/queries";
import { consent, openInvitation, refuse, verifyInvitation } from "../../server/triage/consent";
import { acceptCase, assignByHand, declineCase, requestMediatorChange, setRisk, withdrawCase } from "../../server/triage/decisions";
import { acceptDeadline } from "../../server/triage/deadlines";
import {
  assignmentsOf,
  caseRow,
  citizenInput,
  eventsOf,
  fileCase,
  idNumberOf,
  invitationSms,
  invitationsOf,
  newRespondent,
  notesOf,
  NEIGHBOUR,
  ORG,
  orgId,
  orgName,
  partiesOf,
  PHONE,
  rejects,
  smsTo,
  snapshot,
  userByPhone,
  type Respondent,
} from "./triage-helpers";

// The lawyer's power of attorney goes through the real evidence store, into a temporary folder.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "yjf-triage-flow-"));
process.env.DATA_DIR = dataDir;
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

// A real 1×1 PNG.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");
const META = { ip: "127.0.0.1", userAgent: "vitest" };
const PASSWORD = "Huijie2026";

let liMing: SessionUser;
let cuihu: SessionUser; // 李桂芬
let huashan: SessionUser; // 王建国
let wuhua: SessionUser; // 张丽
let dispatcher: SessionUser; // 赵敏
let lawyer: SessionUser; // 何志远
let judge: SessionUser; // 林晓
let association: SessionUser; // 黄海
let studio: SessionUser; // 杨帆, mediator of the referring lawyer's firm's studio
let wangFang: SessionUser;

beforeAll(async () => {
  await seed();
  liMing = userByPhone(PHONE.liMing);
  cuihu = userByPhone(PHONE.cuihu);
  huashan = userByPhone(PHONE.huashan);
  wuhua = userByPhone(PHONE.wuhua);
  dispatcher = userByPhone(PHONE.dispatcher);
  lawyer = userByPhone(PHONE.lawyer);
  judge = userByPhone(PHONE.judge);
  association = userByPhone(PHONE.association);
  studio = userByPhone(PHONE.lawyerStudio);
  wangFang = userByPhone(PHONE.wangFang);
});

const chinaYear = () => new Date(Date.now() + 8 * 3600_000).getUTCFullYear();

/** The respondent answers the SMS: verifies with the code and becomes a signed-in user. */
async function verifyAs(r: Respondent, password = PASSWORD) {
  const { token, code } = invitationSms(r.phone);
  const out = await verifyInvitation(token, { code, name: r.name, idNumber: r.idNumber, password }, META);
  return { ...out, user: userByPhone(r.phone) };
}

/** A filed and accepted neighbour case, waiting for the respondent. */
async function acceptedCase(respondent = newRespondent()) {
  const filed = await fileCase(liMing, citizenInput({}, respondent));
  await acceptCase(cuihu, filed.caseId, { conflict: "none" });
  return { ...filed, respondent };
}

describe("a citizen's neighbour dispute, from filing to mediation", () => {
  const respondent = newRespondent();
  let caseId = "";
  let caseNo = "";
  let respondentUser: SessionUser;

  it("is routed to the community committee of 华山街道 and its mediator 李桂芬", async () => {
    const before = Date.now();
    const res = await fileCase(liMing, citizenInput({}, respondent));
    const after = Date.now();
    caseId = res.caseId;
    caseNo = res.caseNo;
    expect(res).toMatchObject({ status: "awaiting_acceptance", orgName: ORG.cuihu });
    expect(caseNo).toMatch(new RegExp(`^YJF${chinaYear()}\\d{6}$`));

    const row = caseRow(caseId);
    expect(row).toMatchObject({ status: "awaiting_acceptance", version: 1, orgId: orgId(ORG.cuihu), mediatorId: cuihu.id, kind: "people", risk: "green", category: "邻里", regionCode: "530102", areaCode: "530102001", source: "citizen", draft: null });
    expect(row.routingReason).toBe("人民调解就近受理：翠湖社区人民调解委员会（村(社区)级）");
    expect(row.submittedAt!.getTime()).toBeGreaterThanOrEqual(before);
    expect(row.submittedAt!.getTime()).toBeLessThanOrEqual(after);
    expect(row.acceptDeadline).toEqual(acceptDeadline(row.submittedAt!));

    const parties = partiesOf(caseId);
    expect(parties.map((p) => [p.side, p.name, p.userId, p.consent])).toEqual([
      ["applicant", "李明", liMing.id, "consented"],
      ["respondent", "陈立新", null, "pending"],
    ]);
    expect(assignmentsOf(caseId).map((a) => [a.orgId, a.mediatorId, a.state])).toEqual([[orgId(ORG.cuihu), cuihu.id, "pending"]]);
  });

  it("records who submitted it and when, on the timeline", () => {
    const row = caseRow(caseId);
    const events = eventsOf(caseId);
    expect(events.map((e) => e.type)).toEqual(["draft_created", "submitted"]);
    const submitted = events[1];
    expect(submitted).toMatchObject({
      actorId: liMing.id,
      actorLabel: "李明（申请人）",
      fromStatus: "draft",
      toStatus: "awaiting_acceptance",
      visibility: "all",
      summary: `提交调解申请，案件编号 ${formatCaseNo(caseNo)}；分流至翠湖社区人民调解委员会，调解员 李桂芬`,
      reason: row.routingReason,
    });
    expect(Math.abs(submitted.at.getTime() - row.submittedAt!.getTime())).toBeLessThan(5_000);
  });

  it("tells the mediator and the applicant, and texts nobody yet", () => {
    const toMediator = notesOf(cuihu.id, caseId);
    expect(toMediator).toHaveLength(1);
    expect(toMediator[0]).toMatchObject({ title: "新案件待受理", body: `${formatCaseNo(caseNo)}（邻里），请在3个工作日内受理或说明理由不予受理`, link: `/cases/${caseId}`, readAt: null });
    expect(notesOf(liMing.id, caseId).map((n) => [n.title, n.body])).toEqual([["调解申请已提交", `${formatCaseNo(caseNo)}：已分给翠湖社区人民调解委员会`]]);
    expect(notesOf(dispatcher.id, caseId)).toEqual([]);
    expect(smsTo(respondent.phone)).toEqual([]);
  });

  it("shows in the mediator's 待受理 list, and to nobody without standing", async () => {
    expect(listCases(cuihu, { scope: "to_accept" }).rows.map((r) => r.id)).toContain(caseId);
    expect(listCases(huashan, { scope: "to_accept" }).rows.map((r) => r.id)).not.toContain(caseId);
    expect(listCases(wangFang, {}).rows.map((r) => r.id)).not.toContain(caseId);
    await rejects(() => loadCaseFor(wangFang, caseId), "NOT_FOUND", "案件不存在或您无权查看");
    await rejects(() => loadCaseFor(huashan, caseId), "NOT_FOUND", "案件不存在或您无权查看");
    expect(caseDetail(loadCaseFor(cuihu, caseId)).actions).toEqual(["assign", "accept", "decline", "set_risk", "escalate"]); // she heads 翠湖
    expect(caseDetail(loadCaseFor(liMing, caseId)).actions).toEqual(["withdraw"]);
  });

  it("the mediator accepts: awaiting consent, the assignment is closed, the respondent gets an SMS", async () => {
    const before = Date.now();
    const row = await acceptCase(cuihu, caseId, { conflict: "none" });
    expect(row).toMatchObject({ status: "awaiting_consent", version: 2, conflictDisclosure: null });
    expect(row.acceptedAt!.getTime()).toBeGreaterThanOrEqual(before);
    expect(assignmentsOf(caseId).map((a) => a.state)).toEqual(["accepted"]);

    const [inv] = invitationsOf(caseId);
    expect(invitationsOf(caseId)).toHaveLength(1);
    expect(inv).toMatchObject({ partyId: partiesOf(caseId).find((p) => p.side === "respondent")!.id, attempts: 0, verifiedAt: null, answeredAt: null, remindedAt: null });
    expect(inv.expiresAt.getTime() - row.acceptedAt!.getTime()).toBe(120 * 3600_000);

    const sms = smsTo(respondent.phone);
    expect(sms).toHaveLength(1);
    expect(sms[0].body).toMatch(
      new RegExp(`^【云解纷】李\\*申请与您调解一起邻里纠纷（${caseNo}）。调解自愿，请在5天内打开 https?://[^ ]+/invite/[a-z2-7]{32} 查看并答复，验证码 \\d{6}。$`),
    );
    // The code and token are stored hashed only.
    const { token, code } = invitationSms(respondent.phone);
    expect(inv.tokenHash).not.toContain(token);
    expect(inv.codeHash).not.toContain(code);

    expect(eventsOf(caseId).slice(2).map((e) => [e.type, e.actorLabel, e.summary, e.fromStatus, e.toStatus])).toEqual([
      ["accepted", "李桂芬（调解员）", "调解员受理本案，声明与本案无利益冲突", "awaiting_acceptance", "awaiting_consent"],
      ["invited", "系统", "已向1位被申请人发送调解邀请短信", null, null],
    ]);
    expect(notesOf(liMing.id, caseId).at(-1)).toMatchObject({ title: "调解员已受理", body: `${formatCaseNo(caseNo)}：调解员 李桂芬 已受理，正在邀请对方当事人（1位）` });
  });

  it("the invitation page shows masked names and the organisation, nothing more", () => {
    const { token } = invitationSms(respondent.phone);
    expect(openInvitation(token)).toMatchObject({
      state: "open",
      caseNo: formatCaseNo(caseNo),
      category: "邻里",
      applicant: "李*",
      party: { kind: "person", name: "陈**" },
      org: { name: ORG.cuihu, charges: false, feeNote: null },
      verified: false,
    });
  });

  it("the respondent verifies with the SMS code: an account is created, linked and signed in", async () => {
    const usersBefore = getDb().select().from(users).all().length;
    const { token, code } = invitationSms(respondent.phone);
    const out = await verifyInvitation(token, { code, name: respondent.name, idNumber: respondent.idNumber, password: PASSWORD }, META);
    expect(out.caseId).toBe(caseId);
    expect(out.session!.role).toBe("party");
    expect(out.session!.token).toMatch(/^[a-z2-7]{32}$/);

    const account = getDb().select().from(users).where(eq(users.phone, respondent.phone)).get()!;
    expect(account).toMatchObject({ id: out.session!.userId, name: "陈立新", idNumber: respondent.idNumber, role: "party", active: true });
    expect(getDb().select().from(users).all()).toHaveLength(usersBefore + 1);
    respondentUser = userByPhone(respondent.phone);

    expect(partiesOf(caseId).find((p) => p.side === "respondent")!.userId).toBe(account.id);
    expect(invitationsOf(caseId)[0].verifiedAt).not.toBeNull();
    expect(eventsOf(caseId).at(-1)).toMatchObject({ type: "respondent_verified", actorId: account.id, actorLabel: "陈立新（被申请人）", summary: "被申请人通过短信验证码和身份信息核验" });
    expect(openInvitation(token)).toMatchObject({ state: "open", verified: true });

    const view = loadCaseFor(respondentUser, caseId);
    expect(view.roles).toEqual(["respondent"]);
    const detail = caseDetail(view);
    expect(detail.actions).toEqual(["consent", "refuse", "request_mediator_change"]);
    // The other side's numbers are masked; the respondent's own are not.
    const applicant = detail.parties.find((p) => p.side === "applicant")!;
    expect(applicant.phone).toBe("139****0001");
    expect(applicant.address).toBe("（仅调解组织可见）");
    expect(detail.parties.find((p) => p.side === "respondent")!.idNumber).toBe(respondent.idNumber);
  });

  it("the respondent consents: mediation starts, applicant and mediator are told", async () => {
    const row = await consent(respondentUser, caseId);
    expect(row).toMatchObject({ status: "mediating", version: 3 });
    expect(partiesOf(caseId).find((p) => p.side === "respondent")!.consent).toBe("consented");
    expect(invitationsOf(caseId)[0].answeredAt).not.toBeNull();
    const last = eventsOf(caseId).at(-1)!;
    expect(last).toMatchObject({ type: "consented", actorLabel: "陈立新（被申请人）", fromStatus: "awaiting_consent", toStatus: "mediating" });
    expect(last.summary).toMatch(/^被申请人同意调解，案件进入调解（调解期限至 \d{4}-\d{2}-\d{2}，调解一般应当在30日内完成/);
    expect(notesOf(liMing.id, caseId).at(-1)).toMatchObject({ title: "对方同意调解", body: `${formatCaseNo(caseNo)}：陈立新 同意调解` });
    expect(notesOf(cuihu.id, caseId).at(-1)).toMatchObject({ title: "对方同意调解", body: `${formatCaseNo(caseNo)}：被申请人同意调解，可以安排调解` });
  });

  it("a second answer, or a second use of the link, is refused", async () => {
    await rejects(consent(respondentUser, caseId), "CONFLICT", "您已答复过本案的调解邀请");
    await rejects(refuse(respondentUser, caseId, "改变主意"), "CONFLICT", "您已答复过本案的调解邀请");
    const { token, code } = invitationSms(respondent.phone);
    await rejects(verifyInvitation(token, { code, name: respondent.name, idNumber: respondent.idNumber }, META), "CONFLICT", "该邀请已答复或案件已结束");
    expect(openInvitation(token).state).toBe("answered");
    expect(caseRow(caseId).version).toBe(3);
  });

  it("the timeline lists every step, in order, for everyone who may see the case", () => {
    const events = eventsOf(caseId);
    expect(events.map((e) => e.type)).toEqual(["draft_created", "submitted", "accepted", "invited", "respondent_verified", "consented"]);
    expect(events.filter((e) => e.toStatus).map((e) => e.toStatus)).toEqual(["draft", "awaiting_acceptance", "awaiting_consent", "mediating"]);
    for (let i = 1; i < events.length; i++) expect(events[i].at.getTime()).toBeGreaterThanOrEqual(events[i - 1].at.getTime());

    const forApplicant = caseDetail(loadCaseFor(liMing, caseId)).events.map((e) => e.summary);
    expect(forApplicant).toEqual(events.map((e) => e.summary));
    const lookup = publicLookup(caseNo, PHONE.liMing);
    expect(lookup).toMatchObject({ status: "mediating", statusText: "调解中", orgName: ORG.cuihu, parties: [{ side: "applicant", name: "李*" }, { side: "respondent", name: "陈**" }] });
    expect(lookup.events).toHaveLength(5); // without the draft
    expect(lookup.events.map((e) => e.summary).join("")).not.toContain("陈立新");
  });

  it("a party may ask for another mediator once mediation runs; the dispatcher is told", async () => {
    const row = await requestMediatorChange(liMing, caseId, "调解员与对方熟识");
    expect(row).toMatchObject({ status: "mediating", version: 4 });
    expect(eventsOf(caseId).at(-1)).toMatchObject({ type: "mediator_change_requested", visibility: "staff", reason: "调解员与对方熟识", fromStatus: "mediating", toStatus: null });
    expect(notesOf(dispatcher.id, caseId).map((n) => n.title)).toEqual(["当事人申请更换调解员"]);
  });
});

describe("two respondents", () => {
  it("stays awaiting consent until the last one consents", async () => {
    const [a, b] = [newRespondent("周海"), newRespondent("吴兰")];
    const { caseId } = await fileCase(liMing, citizenInput({ respondents: [a, b] }));
    await acceptCase(cuihu, caseId, { conflict: "none" });
    expect(invitationsOf(caseId)).toHaveLength(2);
    expect(eventsOf(caseId).at(-1)!.summary).toBe("已向2位被申请人发送调解邀请短信");
    expect(smsTo(a.phone)).toHaveLength(1);
    expect(smsTo(b.phone)).toHaveLength(1);

    const ua = (await verifyAs(a)).user;
    expect((await consent(ua, caseId)).status).toBe("awaiting_consent");
    expect(eventsOf(caseId).at(-1)).toMatchObject({ type: "consented", summary: "被申请人同意调解，等待其他被申请人答复", toStatus: "awaiting_consent" });
    const ub = (await verifyAs(b)).user;
    expect((await consent(ub, caseId)).status).toBe("mediating");
  });
});

describe("the respondent refuses", () => {
  it("ends the case as refused and tells the applicant the other routes", async () => {
    const { caseId, caseNo, respondent } = await acceptedCase();
    const { user } = await verifyAs(respondent);
    const row = await refuse(user, caseId, "不认识申请人，不同意调解");
    expect(row.status).toBe("refused");
    expect(row.endedAt).not.toBeNull();
    expect(partiesOf(caseId).find((p) => p.side === "respondent")).toMatchObject({ consent: "refused", refuseReason: "不认识申请人，不同意调解" });
    expect(invitationsOf(caseId)[0].answeredAt).not.toBeNull();
    expect(eventsOf(caseId).at(-1)).toMatchObject({
      type: "refused",
      actorLabel: "陈立新（被申请人）",
      summary: "被申请人拒绝调解，调解程序终止（《人民调解法》第十七条）",
      reason: "不认识申请人，不同意调解",
      fromStatus: "awaiting_consent",
      toStatus: "refused",
    });
    expect(notesOf(liMing.id, caseId).at(-1)).toMatchObject({ title: "对方拒绝调解", body: `${formatCaseNo(caseNo)}：对方不同意调解。您可以查看其他解决途径（仲裁、诉讼等）` });
    expect(notesOf(cuihu.id, caseId).at(-1)).toMatchObject({ title: "对方拒绝调解", body: `${formatCaseNo(caseNo)} 已终止` });

    await rejects(consent(user, caseId), "CONFLICT", "您已答复过本案的调解邀请");
    await rejects(withdrawCase(liMing, caseId, "不需要了"), "CONFLICT", '案件当前状态为"对方已拒绝调解"，不能撤回申请');
    expect(caseDetail(loadCaseFor(liMing, caseId)).actions).toEqual([]);
  });

  it("only the respondent may answer", async () => {
    const { caseId } = await acceptedCase();
    await rejects(consent(liMing, caseId), "FORBIDDEN", "只有被申请人本人可以答复");
    await rejects(refuse(cuihu, caseId, "代为拒绝"), "FORBIDDEN", "只有被申请人本人可以答复");
    await rejects(consent(wangFang, caseId), "NOT_FOUND");
    expect(caseRow(caseId).status).toBe("awaiting_consent");
  });
});

describe("the SMS code", () => {
  const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, "0");

  it("five wrong codes lock the invitation; the right code then gets TOO_MANY and nothing is linked", async () => {
    const { caseId, respondent } = await acceptedCase();
    const { token, code } = invitationSms(respondent.phone);
    const input = { code: wrong(code), name: respondent.name, idNumber: respondent.idNumber, password: PASSWORD };
    for (const left of [4, 3, 2, 1]) {
      const e = await rejects(verifyInvitation(token, input, META), "BAD_INPUT", `验证码不正确，还可尝试 ${left} 次`);
      expect(e.field).toBe("code");
      expect(invitationsOf(caseId)[0].attempts).toBe(5 - left);
    }
    await rejects(verifyInvitation(token, input, META), "BAD_INPUT", "验证码错误次数过多，该邀请已锁定");
    expect(invitationsOf(caseId)[0].attempts).toBe(5);

    await rejects(verifyInvitation(token, { ...input, code }, META), "TOO_MANY", "验证码错误次数过多，该邀请已锁定，请联系调解组织");
    expect(invitationsOf(caseId)[0]).toMatchObject({ attempts: 5, verifiedAt: null });
    expect(getDb().select().from(users).where(eq(users.phone, respondent.phone)).get()).toBeUndefined();
    expect(partiesOf(caseId).find((p) => p.side === "respondent")!.userId).toBeNull();
    expect(eventsOf(caseId).map((e) => e.type)).not.toContain("respondent_verified");
  });

  it("the right code with someone else's identity is refused, counted, and links nobody", async () => {
    const { caseId, respondent } = await acceptedCase();
    const { token, code } = invitationSms(respondent.phone);
    const e = await rejects(
      verifyInvitation(token, { code, name: respondent.name, idNumber: idNumberOf(PHONE.wangFang), password: PASSWORD }, META),
      "BAD_INPUT",
      "姓名或身份证号码与申请人填写的信息不一致，请核对；如信息有误，请联系调解组织更正",
    );
    expect(e.field).toBe("idNumber");
    expect(invitationsOf(caseId)[0].attempts).toBe(1);
    expect(partiesOf(caseId).find((p) => p.side === "respondent")!.userId).toBeNull();
  });

  it("an unknown or malformed link is NOT_FOUND", async () => {
    await rejects(() => openInvitation("a".repeat(32)), "NOT_FOUND", "邀请链接无效，请核对短信中的链接");
    await rejects(() => openInvitation("../../etc/passwd"), "NOT_FOUND");
    await rejects(verifyInvitation("b".repeat(32), { code: "123456", name: "陈立新", idNumber: "x" }, META), "NOT_FOUND");
  });
});

describe("withdrawal", () => {
  it("the applicant withdraws before acceptance: withdrawn, assignment closed, mediator told", async () => {
    const { caseId, caseNo } = await fileCase(liMing);
    const row = await withdrawCase(liMing, caseId, "已与对方私下和解");
    expect(row).toMatchObject({ status: "withdrawn", version: 2 });
    expect(row.endedAt).not.toBeNull();
    expect(assignmentsOf(caseId).map((a) => [a.state, a.reason])).toEqual([["replaced", "申请人撤回"]]);
    expect(eventsOf(caseId).at(-1)).toMatchObject({ type: "withdrawn", actorLabel: "李明（申请人）", summary: "申请人撤回调解申请", reason: "已与对方私下和解", fromStatus: "awaiting_acceptance", toStatus: "withdrawn" });
    expect(notesOf(cuihu.id, caseId).at(-1)).toMatchObject({ title: "申请人已撤回", body: `${formatCaseNo(caseNo)} 已撤回` });
    await rejects(acceptCase(cuihu, caseId, { conflict: "none" }), "CONFLICT", '案件当前状态为"已撤回"，不能受理');
    await rejects(withdrawCase(liMing, caseId, "再撤一次"), "CONFLICT", '案件当前状态为"已撤回"，不能撤回申请');
    expect(caseRow(caseId).version).toBe(2);
  });

  it("withdrawing while the respondent is invited closes the invitation link", async () => {
    const { caseId, respondent } = await acceptedCase();
    await withdrawCase(liMing, caseId, "不再需要调解");
    const { token, code } = invitationSms(respondent.phone);
    expect(openInvitation(token).state).toBe("closed");
    await rejects(verifyInvitation(token, { code, name: respondent.name, idNumber: respondent.idNumber, password: PASSWORD }, META), "CONFLICT", "该邀请已答复或案件已结束");
  });

  it("nobody but the applicant side may withdraw", async () => {
    const { caseId } = await fileCase(liMing);
    await rejects(withdrawCase(cuihu, caseId, "调解员代撤"), "FORBIDDEN", '您无权对本案进行"撤回申请"操作');
    await rejects(withdrawCase(dispatcher, caseId, "分流员代撤"), "FORBIDDEN", '您无权对本案进行"撤回申请"操作');
    await rejects(withdrawCase(wangFang, caseId, "别人的案件"), "NOT_FOUND");
    expect(caseRow(caseId)).toMatchObject({ status: "awaiting_acceptance", version: 1 });
  });
});

describe("the mediator declines", () => {
  it("goes up a level to another organisation, never back to whoever declined, and says why", async () => {
    const { caseId, caseNo } = await fileCase(liMing);
    const no = formatCaseNo(caseNo);

    const r1 = await declineCase(cuihu, caseId, "本人与被申请人系亲属，应当回避");
    expect(r1).toMatchObject({ status: "awaiting_acceptance", orgId: orgId(ORG.huashan), mediatorId: huashan.id, version: 2 });
    expect(eventsOf(caseId).at(-1)).toMatchObject({
      type: "declined",
      actorId: cuihu.id,
      actorLabel: "李桂芬（调解员）",
      summary: "调解员不予受理（理由：本人与被申请人系亲属，应当回避）；改派至华山街道人民调解委员会，调解员 王建国",
      reason: "本人与被申请人系亲属，应当回避",
      fromStatus: "awaiting_acceptance",
      toStatus: "awaiting_acceptance",
    });
    expect(notesOf(liMing.id, caseId).at(-1)).toMatchObject({ title: "案件已改派", body: `${no}：已改派至华山街道人民调解委员会` });
    expect(notesOf(huashan.id, caseId).map((n) => n.title)).toEqual(["新案件待受理"]);
    // The one who declined no longer has the case.
    await rejects(() => loadCaseFor(cuihu, caseId), "NOT_FOUND");

    const r2 = await declineCase(huashan, caseId, "案情复杂，建议由区级调委会调解");
    expect(r2).toMatchObject({ status: "awaiting_acceptance", orgId: orgId(ORG.wuhua), mediatorId: wuhua.id });

    const r3 = await declineCase(wuhua, caseId, "本人近期休假");
    expect(r3).toMatchObject({ status: "unrouted", orgId: null, mediatorId: null, acceptDeadline: null, version: 4 });
    expect(eventsOf(caseId).at(-1)!.summary).toBe("调解员不予受理（理由：本人近期休假）；转矛调中心人工分流");
    expect(notesOf(dispatcher.id, caseId).map((n) => [n.title, n.body])).toEqual([["待人工分流案件", `${no}（邻里）需要人工指派调解组织`]]);
    expect(notesOf(liMing.id, caseId).at(-1)).toMatchObject({ title: "案件已改派", body: `${no}：正在人工分流` });

    const history = assignmentsOf(caseId);
    expect(history.map((a) => [orgName(a.orgId), a.mediatorId, a.state, a.reason])).toEqual([
      [ORG.cuihu, cuihu.id, "declined", "本人与被申请人系亲属，应当回避"],
      [ORG.huashan, huashan.id, "declined", "案情复杂，建议由区级调委会调解"],
      [ORG.wuhua, wuhua.id, "declined", "本人近期休假"],
    ]);
    expect(new Set(history.map((a) => a.mediatorId)).size).toBe(3);
  });

  it("a decline needs the case to be awaiting acceptance, and the mediator to be its mediator", async () => {
    const { caseId } = await acceptedCase();
    await rejects(declineCase(cuihu, caseId, "改主意了"), "CONFLICT", '案件当前状态为"待对方同意"，不能不予受理');
    const other = await fileCase(liMing);
    await rejects(declineCase(liMing, other.caseId, "申请人不能拒绝"), "FORBIDDEN", '您无权对本案进行"不予受理"操作');
    await rejects(declineCase(huashan, other.caseId, "不是我的案件"), "NOT_FOUND");
  });
});

describe("the dispatcher", () => {
  let caseId = "";
  let caseNo = "";

  it("gets a case from 西山区, where no organisation exists, in the queue: unrouted", async () => {
    const res = await fileCase(liMing, citizenInput({ regionCode: "530112", areaCode: undefined, address: "昆明市西山区滇池路100号" }));
    caseId = res.caseId;
    caseNo = res.caseNo;
    expect(res).toMatchObject({ status: "unrouted", orgName: null });
    const row = caseRow(caseId);
    expect(row).toMatchObject({ status: "unrouted", orgId: null, mediatorId: null, acceptDeadline: null, kind: null });
    expect(row.routingReason).toBe("未提供乡镇（街道），由县级人民调解委员会受理。本区县暂无可受理该纠纷的人民调解委员会，转分流员人工分流");
    expect(eventsOf(caseId).at(-1)).toMatchObject({ type: "submitted", summary: `提交调解申请，案件编号 ${formatCaseNo(caseNo)}；规则无法确定调解组织，转矛调中心人工分流`, toStatus: "unrouted" });
    expect(assignmentsOf(caseId)).toEqual([]);
    expect(notesOf(dispatcher.id, caseId).map((n) => [n.title, n.body])).toEqual([["待人工分流案件", `${formatCaseNo(caseNo)}（邻里）需要人工指派调解组织`]]);
    expect(notesOf(liMing.id, caseId).map((n) => n.body)).toEqual([`${formatCaseNo(caseNo)}：正在人工分流`]);
    expect(smsTo(PHONE.dispatcher).filter((s) => s.body.includes(formatCaseNo(caseNo)))).toEqual([]); // not red: no SMS

    const queue = listCases(dispatcher, {});
    expect(queue.scope).toBe("queue");
    expect(queue.rows.find((r) => r.id === caseId)).toMatchObject({ status: "unrouted", statusText: "待人工分流", orgName: null });
    expect(caseDetail(loadCaseFor(dispatcher, caseId)).actions).toEqual(["assign", "set_risk"]);
  });

  it("refuses a hand assignment to something that is not a usable mediation organisation, writing nothing", async () => {
    const before = snapshot();
    await rejects(assignByHand(dispatcher, caseId, { orgId: orgId(ORG.court), reason: "试试法院" }), "BAD_INPUT", "所选机构不是调解组织");
    await rejects(assignByHand(dispatcher, caseId, { orgId: "no-such-org", reason: "不存在" }), "BAD_INPUT", "所选调解组织不存在或已停用");
    await rejects(assignByHand(dispatcher, caseId, { orgId: orgId(ORG.wuhua), mediatorId: cuihu.id, reason: "别组织的人" }), "BAD_INPUT", "所选调解员不属于该组织或已停用");
    await rejects(assignByHand(liMing, caseId, { orgId: orgId(ORG.wuhua), reason: "自己指派" }), "FORBIDDEN", '您无权对本案进行"人工指派"操作');
    expect(snapshot()).toEqual(before);
  });

  it("assigns it by hand: awaiting acceptance with a deadline, mediator and applicant told", async () => {
    const row = await assignByHand(dispatcher, caseId, { orgId: orgId(ORG.wuhua), reason: "西山区暂无调解组织，就近指派" });
    expect(row).toMatchObject({ status: "awaiting_acceptance", orgId: orgId(ORG.wuhua), mediatorId: wuhua.id, kind: "people", routingReason: "人工指派：西山区暂无调解组织，就近指派", version: 2 });
    expect(row.acceptDeadline).not.toBeNull();
    expect(eventsOf(caseId).at(-1)).toMatchObject({
      type: "assigned",
      actorLabel: "赵敏（分流员）",
      summary: "人工指派至五华区人民调解委员会，调解员 张丽",
      reason: "西山区暂无调解组织，就近指派",
      fromStatus: "unrouted",
      toStatus: "awaiting_acceptance",
    });
    expect(assignmentsOf(caseId).map((a) => [a.mediatorId, a.state])).toEqual([[wuhua.id, "pending"]]);
    expect(notesOf(wuhua.id, caseId).map((n) => n.title)).toEqual(["新案件待受理"]);
    expect(notesOf(liMing.id, caseId).at(-1)).toMatchObject({ title: "案件已分派调解组织", body: `${formatCaseNo(caseNo)}：${ORG.wuhua}` });
    expect(listCases(wuhua, { scope: "to_accept" }).rows.map((r) => r.id)).toContain(caseId);
  });

  // Regression guard (a bug found and fixed): server/triage/decisions.ts assignByHand calls placeByHand (which inserts the new pending
  // assignment) *before* closePendingAssignment(…, "replaced"), which closes every pending row of
  // the case — the brand-new one included. Reassigning a case that is awaiting acceptance leaves
  // no pending assignment, and the new mediator's row is recorded as "replaced".
  it("reassigning a case awaiting acceptance replaces the old assignment and keeps the new one pending", async () => {
    await assignByHand(dispatcher, caseId, { orgId: orgId(ORG.huashan), reason: "张丽休假，改派华山街道" });
    expect(caseRow(caseId)).toMatchObject({ mediatorId: huashan.id, status: "awaiting_acceptance" });
    expect(notesOf(wuhua.id, caseId).at(-1)).toMatchObject({ title: "案件已改派" });
    expect(assignmentsOf(caseId).map((a) => [a.mediatorId, a.state])).toEqual([
      [wuhua.id, "replaced"],
      [huashan.id, "pending"],
    ]);
  });

  it("may change the risk grade; it is staff-only on the timeline", async () => {
    const row = await setRisk(dispatcher, caseId, { risk: "yellow", reason: "跨区县纠纷，需关注" });
    expect(row.risk).toBe("yellow");
    expect(row.riskReasons).toContain("跨区县纠纷，需关注");
    expect(eventsOf(caseId).at(-1)).toMatchObject({ type: "risk_changed", visibility: "staff", summary: "风险等级由绿色（一般）调整为黄色（关注）" });
    await rejects(setRisk(dispatcher, caseId, { risk: "yellow", reason: "再调一次" }), "BAD_INPUT", "风险等级未变化");
    await rejects(setRisk(liMing, caseId, { risk: "green", reason: "申请人自己降级" }), "FORBIDDEN");
    expect(caseDetail(loadCaseFor(liMing, caseId)).events.map((e) => e.summary)).not.toContain("风险等级由绿色（一般）调整为黄色（关注）");
  });
});

describe("reassignment after the respondent has consented", () => {
  // Regression guard (a bug found and fixed): assign is allowed from mediating (state-machine RULES.assign), and assignByHand sends the
  // case back to awaiting_acceptance; when the new mediator accepts, acceptCase
  // (server/triage/decisions.ts) always moves to awaiting_consent, but sendInvitations invites only
  // respondents whose consent is still "pending" — none are. The case waits for nobody: no
  // invitation, nobody may consent ("您已答复过本案的调解邀请"), and the sweep never expires it.
  // Fix: when no respondent is pending, accept straight into mediating (RULES.accept.to must then
  // allow it), or reset the respondents' consent and invite them again.
  it("the new mediator's acceptance does not leave the case waiting for nobody", async () => {
    const respondent = newRespondent();
    const { caseId } = await acceptedCase(respondent);
    const { user } = await verifyAs(respondent);
    await consent(user, caseId);
    await assignByHand(dispatcher, caseId, { orgId: orgId(ORG.huashan), reason: "当事人申请更换调解员，经审查同意" });
    const row = await acceptCase(huashan, caseId, { conflict: "none" });
    const pending = partiesOf(caseId).filter((p) => p.side === "respondent" && p.consent === "pending");
    const open = invitationsOf(caseId).filter((i) => !i.answeredAt);
    expect(row.status === "mediating" || (pending.length > 0 && open.length > 0)).toBe(true);
  });
});

describe("red words", () => {
  it("grade the case red, send it straight to the county committee, and alert the dispatcher by SMS", async () => {
    const smsBefore = smsTo(PHONE.dispatcher).length;
    const res = await fileCase(liMing, citizenInput({ facts: "对方多次上门辱骂，扬言要拿刀砍人，家人十分害怕。" }));
    const no = formatCaseNo(res.caseNo);
    expect(res).toMatchObject({ status: "awaiting_acceptance", orgName: ORG.wuhua });
    const row = caseRow(res.caseId);
    expect(row.risk).toBe("red");
    expect(row.mediatorId).toBe(wuhua.id);
    expect(row.routingReason).toBe("红色预警纠纷直接由县级人民调解委员会调解。人民调解就近受理：五华区人民调解委员会（县(区)级）");
    expect(row.riskReasons.join("")).toMatch(/砍|拿刀/);

    const events = eventsOf(res.caseId);
    expect(events.map((e) => e.type)).toEqual(["draft_created", "submitted", "risk_graded"]);
    expect(events[2]).toMatchObject({ actorLabel: "系统", summary: "风险评估：红色预警", visibility: "staff" });
    expect(events[1].data).toMatchObject({ risk: "red" });

    expect(notesOf(dispatcher.id, res.caseId).map((n) => [n.title, n.body])).toEqual([["红色预警案件", `${no}（邻里）有激化风险，请立即关注处置`]]);
    const sms = smsTo(PHONE.dispatcher);
    expect(sms).toHaveLength(smsBefore + 1);
    expect(sms.at(-1)!.body).toBe(`【云解纷】红色预警：${no}（邻里）有激化风险，请立即关注处置`);

    // The applicant sees neither the grade nor the staff-only entry.
    const forApplicant = caseDetail(loadCaseFor(liMing, res.caseId));
    expect(forApplicant.case.risk).toBeNull();
    expect(forApplicant.case.riskReasons).toEqual([]);
    expect(forApplicant.events.map((e) => e.summary)).not.toContain("风险评估：红色预警");

    // The dispatcher's queue shows red first.
    const queue = listCases(dispatcher, {}).rows;
    expect(queue.length).toBeGreaterThan(1);
    expect(queue[0].risk).toBe("red");
    const firstNonRed = queue.findIndex((r) => r.risk !== "red");
    expect(queue.slice(firstNonRed).every((r) => r.risk !== "red")).toBe(true);
  });

  it("a mediator who sees the risk later raises it to red: the dispatcher is alerted at once (人民调解法 Art 25)", async () => {
    const { caseId, caseNo } = await fileCase(liMing);
    const smsBefore = smsTo(PHONE.dispatcher).length;
    const row = await setRisk(cuihu, caseId, { risk: "red", reason: "被申请人扬言报复" });
    expect(row).toMatchObject({ risk: "red", status: "awaiting_acceptance", version: 2 });
    expect(eventsOf(caseId).at(-1)).toMatchObject({ type: "risk_changed", actorLabel: "李桂芬（调解员）", summary: "风险等级由绿色（一般）调整为红色（高危）", visibility: "staff" });
    expect(notesOf(dispatcher.id, caseId).map((n) => n.title)).toEqual(["红色预警案件"]);
    expect(smsTo(PHONE.dispatcher)).toHaveLength(smsBefore + 1);
    expect(smsTo(PHONE.dispatcher).at(-1)!.body).toBe(`【云解纷】红色预警：${formatCaseNo(caseNo)}（邻里）有激化风险，请立即关注处置`);
  });
});

describe("律调对接: a lawyer refers a client's case", () => {
  const referral = (respondent = newRespondent()): SubmitInput => ({
    source: "lawyer_referral",
    data: referralFilingSchema.parse({
      category: "合同",
      regionCode: "530102",
      areaCode: "530102001",
      facts: "委托人向对方出售货物，对方收货后拖欠货款至今未付。",
      claims: "请求对方支付货款并承担逾期利息",
      amountYuan: 28000,
      client: { kind: "person", name: "王芳", idNumber: idNumberOf(PHONE.wangFang), phone: PHONE.wangFang, address: "昆明市五华区北京路88号" },
      respondents: [respondent],
    }),
  });

  it("without a power of attorney is refused and writes nothing", async () => {
    const draftId = createDraft(lawyer);
    const before = snapshot();
    const e = await rejects(submitDraft(lawyer, draftId, referral()), "BAD_INPUT", "律调对接须上传当事人签署的授权委托书");
    expect(e.field).toBe("powerOfAttorney");
    expect(snapshot()).toEqual(before);
    expect(caseRow(draftId)).toMatchObject({ status: "draft", caseNo: null, version: 0 });
  });

  it("with one, goes to the 调解协会人民调解委员会, which presides, with a mediator sent by the firm's studio — never the lawyer", async () => {
    const draftId = createDraft(lawyer);
    const files = await addEvidence(lawyer, draftId, [{ name: "授权委托书.png", bytes: PNG }], "power_of_attorney");
    expect(files).toHaveLength(1);
    expect(getDb().select().from(evidence).where(eq(evidence.caseId, draftId)).all().map((f) => [f.kind, f.mime])).toEqual([["power_of_attorney", "image/png"]]);

    const res = await submitDraft(lawyer, draftId, referral());
    const no = formatCaseNo(res.caseNo);
    expect(res).toMatchObject({ status: "awaiting_acceptance", orgName: ORG.association });
    const row = caseRow(draftId);
    expect(row).toMatchObject({ source: "lawyer_referral", kind: "people", orgId: orgId(ORG.association), mediatorId: studio.id, filedById: lawyer.id });
    expect(row.mediatorId).not.toBe(lawyer.id);
    expect(row.routingReason).toBe("律调对接：由调解协会人民调解委员会主持调解，律师调解工作室可派员参与：五华区调解协会人民调解委员会（同区县）；云岭律师事务所律师调解工作室派调解员杨帆参与");

    // The client is an existing account: linked, with the lawyer as agent, told in-app and by SMS.
    const applicant = partiesOf(draftId).find((p) => p.side === "applicant")!;
    expect(applicant).toMatchObject({ name: "王芳", userId: wangFang.id, agentUserId: lawyer.id, consent: "consented" });
    expect(notesOf(wangFang.id, draftId).map((n) => [n.title, n.body])).toEqual([["您的纠纷已提交调解", no]]);
    expect(smsTo(PHONE.wangFang).at(-1)!.body).toBe(`【云解纷】您的纠纷已提交调解，案件编号 ${res.caseNo}。可凭案件编号和本手机号在平台查询进度。`);
    expect(notesOf(lawyer.id, draftId).map((n) => n.title)).toEqual(["调解申请已提交"]);
    expect(notesOf(studio.id, draftId).map((n) => n.title)).toEqual(["新案件待受理"]);
    expect(notesOf(association.id, draftId)).toEqual([]);
    expect(eventsOf(draftId).find((e) => e.type === "submitted")).toMatchObject({ actorId: lawyer.id, actorLabel: "何志远（律师）" });

    // The lawyer sees it as filer and applicant's agent, and may withdraw but not accept.
    expect(loadCaseFor(lawyer, draftId).roles.sort()).toEqual(["applicant", "filer"]);
    await rejects(acceptCase(lawyer, draftId, { conflict: "none" }), "FORBIDDEN", '您无权对本案进行"受理"操作');
    // Nor may a dispatcher make the lawyer its mediator by hand.
    await rejects(
      assignByHand(dispatcher, draftId, { orgId: orgId("云岭律师事务所律师调解工作室"), mediatorId: lawyer.id, reason: "指派律师本人" }),
      "BAD_INPUT",
      "所选调解员不属于该组织或已停用",
    );
  });

  it("only the referring lawyer may add a power of attorney", async () => {
    const draftId = createDraft(liMing);
    await rejects(addEvidence(liMing, draftId, [{ name: "授权委托书.png", bytes: PNG }], "power_of_attorney"), "BAD_INPUT", "只有代理律师需要上传授权委托书");
  });
});

describe("a court sends a case out", () => {
  const courtInput = (mode: "court_delegated" | "court_entrusted", org: string, extra: Record<string, unknown> = {}): SubmitInput => {
    const data = courtReferralSchema.parse({
      mode,
      orgId: orgId(org),
      category: "合同",
      regionCode: "530102",
      facts: "原告与被告签订装修合同，被告未按约完工，双方就工程款结算发生争议。",
      claims: "请求被告返还预付工程款",
      amountYuan: 45000,
      applicant: { kind: "person", name: "赵大伟", idNumber: idNumberOf(PHONE.zhaoDawei), phone: PHONE.zhaoDawei, address: "昆明市五华区人民中路20号" },
      respondents: [newRespondent()],
      ...extra,
    });
    return { source: data.mode, data };
  };

  it("委派 before filing goes to the organisation the court chose", async () => {
    const draftId = createDraft(judge);
    expect(caseRow(draftId).source).toBe("court_delegated");
    const res = await submitDraft(judge, draftId, courtInput("court_delegated", ORG.courtInvited));
    expect(res).toMatchObject({ status: "awaiting_acceptance", orgName: ORG.courtInvited });
    const row = caseRow(draftId);
    expect(row).toMatchObject({ source: "court_delegated", kind: "judicial", courtId: orgId(ORG.court), orgId: orgId(ORG.courtInvited), mediatorId: userByPhone(PHONE.courtInvited).id, courtCaseNo: null });
    expect(row.routingReason).toBe("法院委派（诉前）调解：由法院指定的调解组织调解：五华区人民法院特邀调解工作室");
    expect(partiesOf(draftId).find((p) => p.side === "applicant")!.userId).toBe(userByPhone(PHONE.zhaoDawei).id);
    expect(smsTo(PHONE.zhaoDawei).at(-1)!.body).toContain(`案件编号 ${res.caseNo}`);
    expect(eventsOf(draftId).find((e) => e.type === "submitted")!.actorLabel).toBe("林晓（法官）");
    expect(loadCaseFor(judge, draftId).roles.sort()).toEqual(["court", "filer"]);
    expect(listCases(judge, {}).rows.map((r) => r.id)).toContain(draftId);
  });

  let entrusted = "";
  it("委托 after filing keeps the court's case number, and may name a people's committee", async () => {
    entrusted = createDraft(judge);
    const res = await submitDraft(judge, entrusted, courtInput("court_entrusted", ORG.wuhua, { courtCaseNo: "（2026）云0102民初1234号" }));
    expect(res).toMatchObject({ status: "awaiting_acceptance", orgName: ORG.wuhua });
    expect(caseRow(entrusted)).toMatchObject({ source: "court_entrusted", courtCaseNo: "（2026）云0102民初1234号", kind: "people", mediatorId: wuhua.id });
  });

  // Regression (was a bug): the row handed to placeCase kept the draft's source (court_delegated),
  // so a 委托 case was routed and recorded as "法院委派（诉前）".
  it("委托 is routed and recorded as 委托, not as 委派", () => {
    expect(caseRow(entrusted).routingReason).toBe("法院委托（诉中）调解：由法院指定的调解组织调解：五华区人民调解委员会");
  });

  it("a court's choice that is not a mediation organisation goes to the dispatcher", async () => {
    const draftId = createDraft(judge);
    const res = await submitDraft(judge, draftId, courtInput("court_delegated", "昆明市春城公证处"));
    expect(res.status).toBe("unrouted");
    expect(caseRow(draftId).routingReason).toBe("法院委派（诉前）调解：法院指定的调解组织“昆明市春城公证处”不是调解组织，转分流员人工分流");
    expect(notesOf(dispatcher.id, draftId).map((n) => n.title)).toEqual(["待人工分流案件"]);
  });

  it("a citizen's draft cannot be submitted as a court referral", async () => {
    const draftId = createDraft(liMing);
    const before = snapshot();
    await rejects(submitDraft(liMing, draftId, courtInput("court_delegated", ORG.courtInvited)), "BAD_INPUT", "申请类型与草稿不一致");
    expect(snapshot()).toEqual(before);
  });
});

describe("bad input writes nothing", () => {
  async function refusedSubmit(input: SubmitInput, user: SessionUser = liMing) {
    const draftId = createDraft(user);
    const before = snapshot();
    let err: unknown = null;
    try {
      await submitDraft(user, draftId, input);
    } catch (e) {
      err = e;
    }
    expect(snapshot()).toEqual(before);
    expect(caseRow(draftId)).toMatchObject({ status: "draft", caseNo: null, version: 0, submittedAt: null });
    expect(eventsOf(draftId).map((e) => e.type)).toEqual(["draft_created"]);
    return err;
  }

  it("a respondent with the applicant's own ID number", async () => {
    const me = { ...newRespondent(), name: "李明", idNumber: idNumberOf(PHONE.liMing) };
    const e = await refusedSubmit(citizenInput({}, me));
    expect(e).toMatchObject({ code: "BAD_INPUT", message: "申请人与被申请人不能是同一人（证件号码重复）", field: "respondents" });
  });

  it("the same respondent twice", async () => {
    const r = newRespondent();
    const e = await refusedSubmit(citizenInput({ respondents: [r, { ...r, phone: "13711112222" }] }));
    expect(e).toMatchObject({ code: "BAD_INPUT", message: "申请人与被申请人不能是同一人（证件号码重复）" });
  });

  it("a region code of the right shape that does not exist (999999)", async () => {
    const input = citizenInput({ regionCode: "999999", areaCode: undefined });
    expect(input.data.regionCode).toBe("999999"); // the schema lets the shape through…
    const e = await refusedSubmit(input); // …the service knows the divisions
    expect(e).toMatchObject({ code: "BAD_INPUT", message: "所选区县不存在，请重新选择", field: "regionCode" });
  });

  it("a street code that does not exist", async () => {
    const e = await refusedSubmit(citizenInput({ areaCode: "530102999" }));
    expect(e).toMatchObject({ code: "BAD_INPUT", message: "所选乡镇（街道）不存在，请重新选择", field: "areaCode" });
  });

  it("the citizen's form refuses a street outside the chosen county", () => {
    const r = citizenFilingSchema.safeParse({ ...NEIGHBOUR, areaCode: "530103001", respondents: [newRespondent()] });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([["areaCode", "乡镇（街道）须属于所选区县"]]);
  });

  const courtData = (extra: Record<string, unknown> = {}) => ({
    mode: "court_delegated",
    orgId: orgId(ORG.courtInvited),
    category: "合同",
    regionCode: "530102",
    facts: "原告与被告签订装修合同，被告未按约完工，双方就工程款结算发生争议。",
    claims: "请求被告返还预付工程款",
    applicant: { kind: "person", name: "钱秀英", idNumber: idNumberOf(PHONE.qianXiuying), phone: PHONE.qianXiuying, address: "昆明市五华区人民中路20号" },
    respondents: [newRespondent()],
    ...extra,
  });

  // Regression (was a bug): courtReferralSchema lacked the refine the other two filing schemas have.
  it("the court's form refuses a street outside the chosen county", () => {
    const r = courtReferralSchema.safeParse(courtData({ areaCode: "530103001" }));
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([["areaCode", "乡镇（街道）须属于所选区县"]]);
  });

  // Regression (was a bug): submitDraft checked only that areaCode is a known division, so whatever
  // a form let through was stored with an areaCode of another county.
  it("the service refuses a street outside the county, whatever the form let through", async () => {
    const data = { ...courtReferralSchema.parse(courtData()), areaCode: "530103001" };
    const e = await refusedSubmit({ source: "court_delegated", data }, judge);
    expect(e).toMatchObject({ code: "BAD_INPUT", message: "乡镇（街道）须属于所选区县", field: "areaCode" });
  });

  // Regression (was a bug): submitDraft handed transition() `{ ...row, status: "draft" }`, so an
  // already submitted case was filed again (new case number, parties twice, a new assignment).
  it("a submitted case cannot be submitted again", async () => {
    const { caseId } = await fileCase(liMing);
    const before = snapshot();
    await rejects(submitDraft(liMing, caseId, citizenInput()), "CONFLICT", "申请已经提交过了，请勿重复提交");
    expect(snapshot()).toEqual(before);
  });
});
