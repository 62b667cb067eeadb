// 履行 through the real services: the schedule written when the agreement takes effect, the
// creditor confirming payments (and nobody else, and only once), the reminder and overdue timers
// with the clock moved by passing `now`, and the enforcement route a default opens.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { action as performanceAction } from "~/routes/cases.$caseId.performance";
import { getDb } from "../../db/client";
import { agreements, caseParties, cases, documents, handoffs, instalments, organisations } from "../../db/schema";
import { seed } from "../../db/seed";
import { startSession } from "../../server/auth/accounts";
import type { SessionUser } from "../../server/auth/session";
import { saveDraft } from "../../server/agreements/drafts";
import { agreementOfCase } from "../../server/agreements/store";
import { uploadSignedScan } from "../../server/agreements/scans";
import { loadCaseFor } from "../../server/cases/access";
import { confirmPayment } from "../../server/handoff/performance/confirm";
import { performancePanel } from "../../server/handoff/performance/panel";
import { sweepPerformance } from "../../server/handoff/performance/sweep";
import { createId } from "../../server/lib/ids";
import { runSweep } from "../../server/jobs/sweep";
import { draftOf, META, reachAgreement, signAs, signaturePng } from "./agreement-helpers";
import { ctx } from "./helpers";
import { DAY, dayFromNow, effectiveCase, withPayment } from "./performance-helpers";
import { caseRow, eventsOf, inMediation, notesOf, PHONE, rejects, smsTo, userByPhone } from "./triage-helpers";

let liMing: SessionUser;
let cuihu: SessionUser;
let wangFang: SessionUser;

beforeAll(async () => {
  await seed();
  liMing = userByPhone(PHONE.liMing);
  cuihu = userByPhone(PHONE.cuihu);
  wangFang = userByPhone(PHONE.wangFang);
});

const schedule = (caseId: string) => getDb().select().from(instalments).where(eq(instalments.caseId, caseId)).orderBy(instalments.seq).all();
const partyIds = (caseId: string) => {
  const ps = getDb().select().from(caseParties).where(eq(caseParties.caseId, caseId)).all();
  return { creditor: ps.find((p) => p.side === "applicant")!.id, debtor: ps.find((p) => p.side === "respondent")!.id };
};
const panel = (u: SessionUser, caseId: string, now = new Date()) => performancePanel(loadCaseFor(u, caseId), now)!;

describe("the payment schedule (人民调解法 Art 29: manner and deadline of performance)", () => {
  it("is written in the transaction that makes the agreement effective: one row per instalment", async () => {
    const w = await inMediation(liMing, cuihu);
    await reachAgreement(cuihu, w.caseId);
    const due = [dayFromNow(10), dayFromNow(40), dayFromNow(70)];
    await saveDraft(cuihu, w.caseId, { content: withPayment(draftOf(cuihu, w.caseId), { instalments: due.map((d, i) => ({ dueDate: d, amountFen: (i + 1) * 50_000 })) }), baseVersion: 0 });
    await signAs(liMing, w.caseId, 1);
    await signAs(w.respondent, w.caseId, 1);
    expect(schedule(w.caseId)).toHaveLength(0); // not effective yet
    await signAs(cuihu, w.caseId, 1);
    expect(caseRow(w.caseId).status).toBe("effective");
    const { creditor, debtor } = partyIds(w.caseId);
    const rows = schedule(w.caseId);
    expect(rows.map((r) => [r.seq, r.dueDate, r.amountFen, r.payerPartyId, r.payeePartyId])).toEqual([
      [1, due[0], 50_000, debtor, creditor],
      [2, due[1], 100_000, debtor, creditor],
      [3, due[2], 150_000, debtor, creditor],
    ]);
    expect(rows.every((r) => r.agreementId === agreementOfCase(w.caseId)!.id && !r.paidAt && !r.remindedAt && !r.overdueAt)).toBe(true);
  });

  it("is written when the wet-signed scan makes the agreement effective (电子签名法 Art 3 path)", async () => {
    const w = await inMediation(liMing, cuihu);
    await reachAgreement(cuihu, w.caseId);
    await saveDraft(cuihu, w.caseId, { content: { ...withPayment(draftOf(cuihu, w.caseId)), paperSigning: true }, baseVersion: 0 });
    const png = Buffer.from((await signaturePng()).split(",")[1], "base64");
    await uploadSignedScan(cuihu, w.caseId, 1, [{ bytes: png, name: "p1.png" }], META);
    expect(caseRow(w.caseId).status).toBe("effective");
    expect(schedule(w.caseId).map((r) => r.amountFen)).toEqual([100_000, 200_000]);
  });

  it("an agreement without a payment has no schedule and no performance panel", async () => {
    const w = await effectiveCase(liMing, cuihu, { payment: false });
    expect(schedule(w.caseId)).toHaveLength(0);
    expect(performancePanel(loadCaseFor(liMing, w.caseId))).toBeNull();
  });

  it("the case page shows each instalment as 待履行 with its amount in 大写", async () => {
    const w = await effectiveCase(liMing, cuihu);
    const p = panel(liMing, w.caseId);
    expect(p).toMatchObject({ payer: w.r.name, payee: "李明", totalText: "¥3,000.00", totalCapital: "人民币叁仟元整", isCreditor: true, isDebtor: false, defaulted: false, route: null });
    expect(p.lines.map((l) => [l.seq, l.state, l.amountText, l.capital, l.canConfirm])).toEqual([
      [1, "due", "¥1,000.00", "人民币壹仟元整", true],
      [2, "due", "¥2,000.00", "人民币贰仟元整", true],
    ]);
    expect(panel(w.respondent, w.caseId).lines.every((l) => !l.canConfirm)).toBe(true);
  });
});

describe("confirming a payment: only the creditor, once", () => {
  it("the creditor confirms; the timeline says who and what; the debtor is told; it shows as 已履行", async () => {
    const w = await effectiveCase(liMing, cuihu);
    const [first] = schedule(w.caseId);
    const at = new Date();
    await confirmPayment(liMing, w.caseId, first.id, at);
    const row = schedule(w.caseId)[0];
    expect(row.paidAt?.getTime()).toBe(at.getTime());
    expect(row.confirmedById).toBe(liMing.id);
    expect(eventsOf(w.caseId).at(-1)).toMatchObject({ type: "payment_confirmed", actorId: liMing.id, summary: `李明确认已收到${w.r.name}支付的第1期款项¥1,000.00（人民币壹仟元整）` });
    expect(notesOf(w.respondent.id, w.caseId).at(-1)?.title).toBe("对方已确认收到款项");
    const line = panel(w.respondent, w.caseId).lines[0];
    expect(line).toMatchObject({ state: "paid", confirmedBy: "李明" });
  });

  it("refuses the debtor, the mediator, a second confirmation and an unknown instalment, changing nothing; outsiders get 404", async () => {
    const w = await effectiveCase(liMing, cuihu);
    const [first, second] = schedule(w.caseId);
    const events = eventsOf(w.caseId).length;
    await rejects(confirmPayment(w.respondent, w.caseId, first.id), "FORBIDDEN", "只有收款方（债权人）本人或其代理人可以确认收到款项");
    await rejects(confirmPayment(cuihu, w.caseId, first.id), "FORBIDDEN");
    await rejects(confirmPayment(wangFang, w.caseId, first.id), "NOT_FOUND");
    await rejects(confirmPayment(liMing, w.caseId, "nosuchinstalment"), "NOT_FOUND", "未找到该期款项");
    expect(schedule(w.caseId).every((r) => !r.paidAt)).toBe(true);
    expect(eventsOf(w.caseId)).toHaveLength(events);

    await confirmPayment(liMing, w.caseId, first.id);
    await rejects(confirmPayment(liMing, w.caseId, first.id), "CONFLICT", /^第1期款项已于.+确认收到，不能重复确认$/);
    expect(eventsOf(w.caseId)).toHaveLength(events + 1);
    expect(schedule(w.caseId)[1].paidAt).toBeNull();
    expect(second.seq).toBe(2);
  });

  it("through the page's action: 200 with the message, 4xx in Chinese for bad input", async () => {
    const w = await effectiveCase(liMing, cuihu);
    const [first] = schedule(w.caseId);
    const post = async (u: SessionUser, body: Record<string, string>) =>
      (await performanceAction({
        request: new Request(`http://localhost/cases/${w.caseId}/performance`, { method: "POST", body: new URLSearchParams(body), headers: { cookie: `yjf_session=${startSession(u.id, u.role, { ip: "127.0.0.1" }).token}` } }),
        params: { caseId: w.caseId },
        context: ctx(),
      } as never)) as { data: { error?: string; done?: string }; init: { status: number } | null };
    expect((await post(liMing, { intent: "confirm-payment", instalmentId: "" })).init?.status).toBe(400);
    expect((await post(liMing, { intent: "nonsense" })).data.error).toBe("未知的操作");
    const debtor = await post(w.respondent, { intent: "confirm-payment", instalmentId: first.id });
    expect(debtor.init?.status).toBe(403);
    expect(debtor.data.error).toBe("只有收款方（债权人）本人或其代理人可以确认收到款项");
    expect((await post(liMing, { intent: "confirm-payment", instalmentId: first.id })).data.done).toBe("已确认收到第1期款项，已通知付款方");
    expect((await post(liMing, { intent: "confirm-payment", instalmentId: first.id })).init?.status).toBe(409);
  });
});

describe("timers: a reminder 3 days before, overdue once after the due date", () => {
  it("reminds the payer by SMS and notification once, however often the sweep runs (state in the database)", async () => {
    const w = await effectiveCase(liMing, cuihu, { instalments: [{ dueDate: dayFromNow(5), amountFen: 100_000 }, { dueDate: dayFromNow(40), amountFen: 200_000 }] });
    const reminders = () => smsTo(w.r.phone).filter((s) => s.body.includes("提醒：按调解协议"));
    await runSweep(new Date()); // 5 days ahead: not yet
    expect(reminders()).toHaveLength(0);
    const threeBefore = new Date(Date.now() + 2 * DAY + 3600_000);
    await runSweep(threeBefore); // through the real minute sweep
    expect(reminders()).toHaveLength(1);
    expect(reminders()[0].body).toContain("第1期款项¥1,000.00（人民币壹仟元整）");
    expect(notesOf(w.respondent.id, w.caseId).filter((n) => n.title === "付款期限临近")).toHaveLength(1);
    expect(notesOf(liMing.id, w.caseId).filter((n) => n.title === "付款期限临近")).toHaveLength(0);
    // A restart is just another run: the reminder is remembered in instalments.remindedAt.
    await sweepPerformance(threeBefore, { errors: 0 });
    await sweepPerformance(new Date(threeBefore.getTime() + DAY), { errors: 0 });
    expect(reminders()).toHaveLength(1);
    expect(schedule(w.caseId)[0].remindedAt?.getTime()).toBe(threeBefore.getTime());
  });

  it("marks an unpaid instalment overdue the day after it falls due, once; both parties and the mediator are told", async () => {
    const w = await effectiveCase(liMing, cuihu);
    const report = { errors: 0 };
    const dueDay = new Date(Date.now() + 2 * DAY);
    await sweepPerformance(dueDay, report);
    expect(schedule(w.caseId)[0].overdueAt).toBeNull(); // the due date itself is still in time
    const after = new Date(Date.now() + 3 * DAY);
    await sweepPerformance(after, report);
    await sweepPerformance(new Date(after.getTime() + 60_000), report);
    expect(report.errors).toBe(0);
    const [first, second] = schedule(w.caseId);
    expect(first.overdueAt?.getTime()).toBe(after.getTime());
    expect(second.overdueAt).toBeNull();
    const overdue = eventsOf(w.caseId).filter((e) => e.type === "instalment_overdue");
    expect(overdue).toHaveLength(1);
    expect(overdue[0]).toMatchObject({ actorLabel: "系统", summary: expect.stringContaining("第1期款项¥1,000.00逾期未履行") });
    expect(notesOf(w.respondent.id, w.caseId).filter((n) => n.title === "款项已逾期")).toHaveLength(1);
    expect(notesOf(liMing.id, w.caseId).filter((n) => n.title === "对方逾期未付款")).toHaveLength(1);
    expect(notesOf(cuihu.id, w.caseId).filter((n) => n.title === "调解协议未按期履行")).toHaveLength(1);
    expect(panel(liMing, w.caseId, after).lines.map((l) => l.state)).toEqual(["overdue", "due"]);
  });

  it("leaves a paid instalment alone", async () => {
    const w = await effectiveCase(liMing, cuihu);
    await confirmPayment(liMing, w.caseId, schedule(w.caseId)[0].id);
    await sweepPerformance(new Date(Date.now() + 1 * DAY), { errors: 0 });
    await sweepPerformance(new Date(Date.now() + 5 * DAY), { errors: 0 });
    expect(schedule(w.caseId)[0]).toMatchObject({ remindedAt: null, overdueAt: null });
    expect(panel(liMing, w.caseId, new Date(Date.now() + 5 * DAY)).defaulted).toBe(false);
  });
});

describe("a default opens the enforcement route that fits", () => {
  it("an effective agreement: 司法确认 within the 30 days, 赋强公证 when eligible, or suing (人民调解法 Arts 32-33, 公证法 Art 37)", async () => {
    const w = await effectiveCase(liMing, cuihu);
    expect(panel(liMing, w.caseId).route).toBeNull(); // no default, no route
    const p = panel(liMing, w.caseId, new Date(Date.now() + 3 * DAY));
    expect(p.defaulted).toBe(true);
    // The debtor is asked to pay, not shown the creditor's ways to enforcement.
    expect(panel(w.respondent, w.caseId, new Date(Date.now() + 3 * DAY))).toMatchObject({ defaulted: true, isDebtor: true, route: null });
    expect(p.route?.kind).toBe("options");
    const text = p.route!.lines.join("\n");
    expect(text).toMatch(/申请司法确认：协议生效后30日内（还剩\d+天）/);
    expect(text).toContain("申请赋强公证");
    expect(text).toContain("向人民法院起诉");
  });

  it("人民调解法第三十三条 with 民事诉讼法第八十五条: 司法确认 is offered until 24:00 of the window's last day, moved from Saturday to Monday", async () => {
    const w = await effectiveCase(liMing, cuihu);
    // Effective Thu 10-22: the 30th day is Sat 11-21, so the window ends at 24:00 of Mon 11-23.
    // The first instalment fell due on 10-30 and was not paid.
    const a = agreementOfCase(w.caseId)!;
    getDb().update(agreements).set({ effectiveAt: new Date("2026-10-22T10:00:00+08:00") }).where(eq(agreements.id, a.id)).run();
    getDb().update(instalments).set({ dueDate: "2026-10-30" }).where(and(eq(instalments.agreementId, a.id), eq(instalments.seq, 1))).run();
    const route = (at: string) => panel(liMing, w.caseId, new Date(`${at}+08:00`)).route!.lines.join("\n");
    // Fri 11-20: 11-20..23 left, today included.
    expect(route("2026-11-20T10:00:00")).toContain("申请司法确认：协议生效后30日内（还剩4天）");
    // Sun 11-22, a day after 30×24 hours: still open, Sunday and Monday left.
    expect(route("2026-11-22T10:00:00")).toContain("（还剩2天）");
    expect(route("2026-11-23T23:59:00")).toContain("（还剩1天）");
    // After the window only what is still possible is offered.
    const late = route("2026-11-24T00:00:00");
    expect(late).not.toContain("申请司法确认");
    expect(late).toContain("申请赋强公证");
  });

  it("without the enforcement clause, 赋强公证 is not offered", async () => {
    const w = await effectiveCase(liMing, cuihu, { enforcementClause: false });
    const text = panel(liMing, w.caseId, new Date(Date.now() + 3 * DAY)).route!.lines.join("\n");
    expect(text).not.toContain("申请赋强公证");
    expect(text).toContain("申请司法确认");
  });

  it("confirmed by a court: 申请强制执行 at the court that ruled, with the ruling's number (民事诉讼法 Art 206)", async () => {
    const w = await effectiveCase(liMing, cuihu);
    const db = getDb();
    const court = db.select().from(organisations).where(eq(organisations.name, "昆明市五华区人民法院")).get()!;
    // What the 司法确认 work leaves behind when the court rules the agreement valid.
    db.insert(handoffs)
      .values({ id: createId(), caseId: w.caseId, kind: "confirmation", targetOrgId: court.id, basis: "调解组织所在地基层人民法院", status: "decided", outcome: "valid", refNo: "（2026）云0102民特调确1号", startedById: liMing.id, decidedAt: new Date() })
      .run();
    db.insert(documents)
      .values({ id: createId(), docNo: "CD2026000901", kind: "ruling", caseId: w.caseId, issuerOrgId: court.id, title: "民事裁定书", status: "已生效", pdfSha256: "0".repeat(64), pdfSize: 1 })
      .run();
    db.update(cases).set({ status: "confirmed" }).where(eq(cases.id, w.caseId)).run();
    const route = panel(liMing, w.caseId, new Date(Date.now() + 3 * DAY)).route!;
    expect(route.kind).toBe("court");
    expect(route.title).toBe("申请强制执行");
    expect(route.lines.join("")).toContain("本协议已经昆明市五华区人民法院裁定确认有效（民事裁定书 （2026）云0102民特调确1号，核验编号 CD2026000901）");
    expect(route.lines.join("")).toContain("向昆明市五华区人民法院申请强制执行");
    // Payments are still confirmed after the ruling.
    await confirmPayment(liMing, w.caseId, schedule(w.caseId)[0].id);
    expect(panel(liMing, w.caseId, new Date(Date.now() + 3 * DAY)).defaulted).toBe(false);
  });
});
