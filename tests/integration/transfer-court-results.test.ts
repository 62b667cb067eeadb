// 委派/委托 results back to the court: the judge sees every case the court sent out with its
// outcome — the effective agreement and its PDF, or why mediation failed — and the court's judges
// are told once when such a case ends (the minute sweep, a "court_informed" timeline row).
import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { courtReferralSchema } from "~/lib/case-schemas";
import { loader as referralsLoader } from "~/routes/court.referrals";
import { loader as pdfLoader } from "~/routes/cases.$caseId.agreement_.pdf";
import { getDb } from "../../db/client";
import { caseEvents, notifications } from "../../db/schema";
import { seed } from "../../db/seed";
import type { SessionUser } from "../../server/auth/session";
import { loadCaseFor } from "../../server/cases/access";
import { createDraft, submitDraft } from "../../server/cases/filing";
import { saveDraft } from "../../server/agreements/drafts";
import { courtReferrals } from "../../server/handoff/referrals/results";
import { sweepCourtResults } from "../../server/handoff/referrals/court-notice";
import { transferPanel } from "../../server/handoff/transfer/panel";
import { endSession, scheduleSession } from "../../server/mediation/sessions";
import { runSweep } from "../../server/jobs/sweep";
import { consent, refuse, verifyInvitation } from "../../server/triage/consent";
import { acceptCase } from "../../server/triage/decisions";
import { draftOf, reachAgreement, signAs } from "./agreement-helpers";
import { ctx, thrownResponse } from "./helpers";
import { caseRow, cookieOf, eventsOf, fileCase, idNumberOf, invitationSms, newRespondent, notesOf, ORG, orgId, PHONE, userByPhone } from "./triage-helpers";

let judge: SessionUser;
let chenJing: SessionUser; // 特邀调解员 of the court's 特邀调解工作室
let zhao: SessionUser & { phone: string };

beforeAll(async () => {
  await seed();
  judge = userByPhone(PHONE.judge);
  chenJing = userByPhone(PHONE.courtInvited);
  zhao = userByPhone(PHONE.zhaoDawei);
});


let filed = 0;

/** The judge sends a contract dispute out to the court's 特邀调解工作室; 陈静 accepts; the respondent is verified. */
async function sentOut(mode: "court_delegated" | "court_entrusted", courtCaseNo?: string) {
  const r = newRespondent("冯国强");
  const data = courtReferralSchema.parse({
    mode,
    orgId: orgId(ORG.courtInvited),
    courtCaseNo,
    category: "合同",
    regionCode: "530102",
    facts: "原告与被告签订装修合同，被告未按约完工，双方就工程款结算发生争议。",
    claims: "请求被告返还预付工程款",
    amountYuan: 45000,
    applicant: { kind: "person", name: "赵大伟", idNumber: idNumberOf(PHONE.zhaoDawei), phone: PHONE.zhaoDawei, address: "昆明市五华区人民中路20号" },
    respondents: [r],
  });
  const caseId = createDraft(judge);
  // A second apart, so that "newest first" does not depend on two filings landing in one millisecond.
  await submitDraft(judge, caseId, { source: data.mode, data }, new Date(Date.now() + ++filed * 1000));
  await acceptCase(chenJing, caseId, { conflict: "none" });
  const { token, code } = invitationSms(r.phone);
  await verifyInvitation(token, { code, name: r.name, idNumber: r.idNumber, password: "Huijie2026" }, { ip: "127.0.0.1", userAgent: "vitest" });
  return { caseId, respondent: userByPhone(r.phone) };
}

const courtNotes = () => getDb().select().from(notifications).where(eq(notifications.userId, judge.id)).all().filter((n) => n.link === "/court/referrals");
const informedRows = (caseId: string) => getDb().select({ n: count() }).from(caseEvents).where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.type, "court_informed"))).get()!.n;

describe("委派/委托 results back to the court", () => {
  let agreed = "";
  let refused = "";
  let failed = "";
  let pending = "";
  let citizen = "";

  beforeAll(async () => {
    // 1. 委派: agreement reached, signed by everyone — effective.
    const a = await sentOut("court_delegated");
    agreed = a.caseId;
    await consent(a.respondent, agreed);
    await reachAgreement(chenJing, agreed);
    await saveDraft(chenJing, agreed, { content: draftOf(chenJing, agreed), baseVersion: 0 });
    for (const u of [zhao, a.respondent as SessionUser & { phone: string }, chenJing as SessionUser & { phone: string }]) await signAs(u, agreed, 1);
    // 2. 委派: the respondent refuses mediation.
    const b = await sentOut("court_delegated");
    refused = b.caseId;
    await refuse(b.respondent, refused, "不愿意调解，要求法院判决");
    // 3. 委托 after filing: mediation fails.
    const c = await sentOut("court_entrusted", "（2026）云0102民初1234号");
    failed = c.caseId;
    await consent(c.respondent, failed);
    const sessionId = await scheduleSession(chenJing, failed, { scheduledAt: new Date(Date.now() + 60_000), durationMin: 60, mode: "joint" });
    await endSession(chenJing, failed, sessionId, { outcome: "failed", failReason: "party_quits", note: "被告表示不再参加调解" });
    // 4. 委派: still waiting for the respondent.
    pending = (await sentOut("court_delegated")).caseId;
    // A citizen's own case is none of the court's business.
    citizen = (await fileCase(userByPhone(PHONE.liMing))).caseId;
  });

  it("lists the court's cases newest first with each outcome: the agreement with its PDF, or the reason it failed", () => {
    const all = courtReferrals(judge, {});
    expect(all.courts).toEqual([ORG.court]);
    expect(all.rows.map((r) => r.id)).toEqual([pending, failed, refused, agreed]);
    const byId = new Map(all.rows.map((r) => [r.id, r]));
    expect(byId.get(agreed)!.result).toMatchObject({ kind: "agreement", pdf: `/cases/${agreed}/agreement/pdf`, docNoText: expect.stringMatching(/^云解纷协〔\d{4}〕\d{6}号$/) });
    expect(byId.get(refused)!.result).toMatchObject({ kind: "failed", reason: "被申请人拒绝调解（《人民调解法》第十七条）", note: "不愿意调解，要求法院判决" });
    expect(byId.get(failed)!).toMatchObject({ courtCaseNo: "（2026）云0102民初1234号", source: "法院委托（诉中）", result: { kind: "failed", reason: "调解不成：当事人拒绝继续调解", note: "被告表示不再参加调解" } });
    expect(byId.get(pending)!.result).toEqual({ kind: "pending" });
    expect(byId.has(citizen)).toBe(false);
  });

  it("filters by result and pages through the route; only judges may open it", async () => {
    expect(courtReferrals(judge, { filter: "agreement" }).rows.map((r) => r.id)).toEqual([agreed]);
    expect(courtReferrals(judge, { filter: "failed" }).rows.map((r) => r.id)).toEqual([failed, refused]);
    expect(courtReferrals(judge, { filter: "pending" }).rows.map((r) => r.id)).toEqual([pending]);
    const page = (await referralsLoader({ request: new Request("http://localhost/court/referrals?result=failed&page=9", { headers: { cookie: cookieOf(judge) } }), params: {}, context: ctx() } as never)) as { total: number; page: number; rows: unknown[] };
    expect(page).toMatchObject({ total: 2, page: 1 });
    for (const u of [chenJing, zhao, userByPhone("13800000501")]) {
      const r = await thrownResponse(() => referralsLoader({ request: new Request("http://localhost/court/referrals", { headers: { cookie: cookieOf(u) } }), params: {}, context: ctx() } as never));
      expect(r.status).toBe(403);
    }
  });

  it("the judge downloads the effective agreement's PDF (the court has the case)", async () => {
    expect(loadCaseFor(judge, agreed).roles).toContain("court");
    const res = (await pdfLoader({ request: new Request(`http://localhost/cases/${agreed}/agreement/pdf`, { headers: { cookie: cookieOf(judge) } }), params: { caseId: agreed }, context: ctx() } as never)) as Response;
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
  });

  it("the sweep tells the court's judges once per ended case, and never about one still running", async () => {
    expect(courtNotes()).toEqual([]);
    await runSweep(new Date());
    const notes = courtNotes();
    expect(notes.map((n) => [n.caseId, n.title]).sort()).toEqual(
      [
        [agreed, "委派调解已达成协议"],
        [refused, "委派调解未成功"],
        [failed, "委托调解未成功"],
      ].sort(),
    );
    expect(notes.find((n) => n.caseId === failed)!.body).toContain("（法院案号 （2026）云0102民初1234号）：调解不成：当事人拒绝继续调解（被告表示不再参加调解）");
    expect(notes.find((n) => n.caseId === agreed)!.body).toMatch(/调解协议（云解纷协〔\d{4}〕\d{6}号）已生效/);
    for (const id of [agreed, refused, failed]) expect(informedRows(id)).toBe(1);
    expect(informedRows(pending)).toBe(0);
    expect(informedRows(citizen)).toBe(0);
    const marker = eventsOf(agreed).find((e) => e.type === "court_informed")!;
    expect(marker).toMatchObject({ actorLabel: "系统", visibility: "staff", data: expect.objectContaining({ result: "agreement" }) });

    // Again, and again later: nothing new.
    await runSweep(new Date(Date.now() + 60_000));
    expect(await sweepCourtResults(new Date(Date.now() + 120_000), { errors: 0 })).toBe(0);
    expect(courtNotes()).toHaveLength(3);
    for (const id of [agreed, refused, failed]) expect(informedRows(id)).toBe(1);
  });

  it("a 委派 case that failed may go back to the delegating court for filing", () => {
    const panel = transferPanel(loadCaseFor(chenJing, failed))!;
    expect(panel.choices!.withoutAgreement.options).toEqual([
      { kind: "litigation", orgId: orgId(ORG.court), name: ORG.court, basis: "委托调解的人民法院：本案已由该院立案，委托调解不成的，由该院继续审理" },
    ]);
    expect(caseRow(failed).courtId).toBe(orgId(ORG.court));
    expect(notesOf(judge.id, failed).length).toBeGreaterThan(0);
  });
});
