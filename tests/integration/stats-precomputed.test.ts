// The statistics tables (stats_cells, stats_days, stats_instalments, stats_ratings), kept by
// triggers in the same transaction as each change, must always equal working the figures out
// afresh from the cases, agreements, instalments and ratings (server/oversight/stats/direct.ts).
// Checked after every step of real case flows through the services — filing, declining, hand
// assignment, withdrawal, refusal, agreement, payment, 司法确认 (valid, rejected, re-mediation),
// 赋强公证, failure and transfer, transfer after a rejected 司法确认, rating — and after the
// migration's own backfill.
import { eq, sql } from "drizzle-orm";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { cases, instalments, ratings } from "../../db/schema";
import { seed } from "../../db/seed";
import type { SessionUser } from "../../server/auth/session";
import { saveDraft } from "../../server/agreements/drafts";
import { startConfirmation } from "../../server/handoff/confirmation/apply";
import { acceptApplication } from "../../server/handoff/confirmation/court";
import { remediateAfterRejection } from "../../server/handoff/confirmation/remediate";
import { ruleOnApplication } from "../../server/handoff/confirmation/ruling";
import { openConfirmation } from "../../server/handoff/confirmation/store";
import { issueNotarialCertificate } from "../../server/handoff/notarisation/notary";
import { confirmPayment } from "../../server/handoff/performance/confirm";
import { transferCase } from "../../server/handoff/transfer/send";
import { endSession, scheduleSession } from "../../server/mediation/sessions";
import { rateCase } from "../../server/oversight/ratings/rate";
import { caseSummaries } from "../../server/oversight/records/stats";
import { directTables, precomputedTables } from "../../server/oversight/stats/direct";
import { refuse, verifyInvitation } from "../../server/triage/consent";
import { acceptCase, assignByHand, declineCase, withdrawCase } from "../../server/triage/decisions";
import { createId } from "../../server/lib/ids";
import { draftOf, reachAgreement, signAs } from "./agreement-helpers";
import { signPart } from "./confirmation-helpers";
import { applyJointly, NOTARY_PHONE } from "./notarisation-helpers";
import { effectiveCase, withPayment } from "./performance-helpers";
import { caseRow, citizenInput, fileCase, inMediation, invitationSms, newRespondent, ORG, orgId, partiesOf, PHONE, userByPhone } from "./triage-helpers";

let liMing: SessionUser & { phone: string };
let cuihu: SessionUser & { phone: string };
let linXiao: SessionUser;
const DAY = 86_400_000;

beforeAll(async () => {
  await seed();
  liMing = userByPhone(PHONE.liMing);
  cuihu = userByPhone(PHONE.cuihu);
  linXiao = userByPhone(PHONE.judge);
});

/** The tables as the triggers kept them equal the figures worked out from scratch. */
function agrees() {
  const kept = precomputedTables();
  expect(kept).toEqual(directTables());
  return kept;
}

const sum = (rows: Record<string, Record<string, number>>, col: string) => Object.values(rows).reduce((s, r) => s + (r[col] ?? 0), 0);

function instalmentsOf(caseId: string) {
  return getDb().select().from(instalments).where(eq(instalments.caseId, caseId)).orderBy(instalments.seq).all();
}

/** The mediator ends mediation as failed `days` after today: the case's days-to-close are known. */
async function failedAfter(days: number) {
  const w = await inMediation(liMing, cuihu);
  const sessionId = await scheduleSession(cuihu, w.caseId, { scheduledAt: new Date(Date.now() + 60_000), durationMin: 60, mode: "joint" });
  await endSession(cuihu, w.caseId, sessionId, { outcome: "failed", failReason: "too_far_apart" }, new Date(Date.now() + days * DAY));
  return w;
}

describe("the precomputed statistics follow every case flow", () => {
  it("filing, declining, hand assignment, withdrawal and refusal", async () => {
    expect(agrees().cells).toEqual({});
    const a = await fileCase(liMing, citizenInput());
    expect(sum(agrees().cells, "filed")).toBe(1);
    await declineCase(cuihu, a.caseId, "本人近期外出培训，无法及时调解"); // → another organisation
    agrees();

    const b = await fileCase(liMing, citizenInput({ category: "物业" }));
    await assignByHand(userByPhone(PHONE.dispatcher), b.caseId, { orgId: orgId(ORG.wuhua), reason: "案情复杂，交区级调委会" });
    agrees();
    await withdrawCase(liMing, b.caseId, "已与对方自行和解");
    expect(sum(agrees().cells, "ended")).toBe(1);

    // 人民调解法 Art 17: the respondent refuses; the case ends without mediation.
    const r = newRespondent("周建华");
    const c = await fileCase(liMing, citizenInput({}, r));
    await acceptCase(cuihu, c.caseId, { conflict: "none" });
    const { token, code } = invitationSms(r.phone);
    await verifyInvitation(token, { code, name: r.name, idNumber: r.idNumber, password: "Huijie2026" }, { ip: "127.0.0.1", userAgent: "vitest" });
    await refuse(userByPhone(r.phone), c.caseId, "不同意调解");
    const t = agrees();
    expect(sum(t.cells, "ended")).toBe(2);
    expect(sum(t.cells, "filed")).toBe(3);
  });

  it("an agreement taking effect days later, its instalments paid on time and late", async () => {
    const w = await inMediation(liMing, cuihu);
    await reachAgreement(cuihu, w.caseId);
    expect(sum(agrees().cells, "agreed")).toBe(1);
    await saveDraft(cuihu, w.caseId, { content: withPayment(draftOf(cuihu, w.caseId)), baseVersion: 0 });
    const respondent = { ...w.respondent, phone: w.r.phone };
    await signAs(liMing, w.caseId, 1);
    await signAs(respondent, w.caseId, 1);
    await signAs(cuihu, w.caseId, 1, new Date(Date.now() + 3 * DAY)); // the last signature: effective in 3 days
    const t = agrees();
    expect(sum(t.cells, "success")).toBe(1);
    expect(Object.entries(t.days).map(([k, n]) => [k.split("|").at(-1), n])).toEqual([["3", 1]]);
    expect(sum(t.instalments, "total")).toBe(2);

    const [first, second] = instalmentsOf(w.caseId);
    await confirmPayment(liMing, w.caseId, first.id, new Date(Date.now() + 1 * DAY)); // before its due date
    expect(sum(agrees().instalments, "onTime")).toBe(1);
    await confirmPayment(liMing, w.caseId, second.id, new Date(Date.now() + 45 * DAY)); // 5 days late
    const u = agrees();
    expect([sum(u.instalments, "paid"), sum(u.instalments, "onTime")]).toEqual([2, 1]);
    // Undone by hand (a correction in the database): the table follows.
    getDb().update(instalments).set({ paidAt: null }).where(eq(instalments.id, second.id)).run();
    expect(sum(agrees().instalments, "paid")).toBe(1);
  });

  it("司法确认: applied, accepted, ruled valid; another rejected, mediated again with its instalments set aside", async () => {
    const w = await effectiveCase(liMing, cuihu);
    await startConfirmation(liMing, w.caseId, { courtId: orgId(ORG.court) });
    await signPart(liMing, w.caseId);
    await signPart(w.respondent, w.caseId);
    expect(sum(agrees().cells, "pending")).toBe(1);
    const h = openConfirmation(w.caseId)!;
    await acceptApplication(linXiao, h.id);
    await ruleOnApplication(linXiao, h.id, { outcome: "valid" });
    expect(sum(agrees().cells, "confirmed")).toBe(1);

    const x = await effectiveCase(liMing, cuihu);
    const before = sum(agrees().instalments, "total");
    await startConfirmation(liMing, x.caseId, { courtId: orgId(ORG.court) });
    await signPart(liMing, x.caseId);
    await signPart(x.respondent, x.caseId);
    const hx = openConfirmation(x.caseId)!;
    await acceptApplication(linXiao, hx.id);
    await ruleOnApplication(linXiao, hx.id, { outcome: "rejected", ground: "unclear", reason: "协议内容不明确" });
    expect(caseRow(x.caseId).status).toBe("confirm_rejected");
    agrees();
    // 民事诉讼法 Art 206: mediated again; the rejected agreement (and its schedule) is set aside.
    await remediateAfterRejection(cuihu, x.caseId, { reason: "双方同意重新调解" });
    const t = agrees();
    expect(sum(t.instalments, "total")).toBe(before - 2);
    expect(caseRow(x.caseId).status).toBe("mediating");
  });

  it("司法确认 rejected, then the case sent to court (民事诉讼法 Art 206): a failure, timed to the agreement taking effect; the mediator's record counts it alike", async () => {
    const before = agrees();
    const record = () => caseSummaries([cuihu.id], null).get(cuihu.id)!;
    const recordBefore = record();
    const w = await effectiveCase(liMing, cuihu);
    const effectiveAt = getDb().$client.prepare("select effective_at from agreements where case_id = ? and status = 'effective'").get(w.caseId) as { effective_at: number };
    // Filed six days before the agreement took effect (moved back by hand, so the days are known).
    getDb().update(cases).set({ submittedAt: new Date(effectiveAt.effective_at - 6 * DAY - 60_000) }).where(eq(cases.id, w.caseId)).run();
    await startConfirmation(liMing, w.caseId, { courtId: orgId(ORG.court) });
    await signPart(liMing, w.caseId);
    await signPart(w.respondent, w.caseId);
    const h = openConfirmation(w.caseId)!;
    await acceptApplication(linXiao, h.id);
    await ruleOnApplication(linXiao, h.id, { outcome: "rejected", ground: "unclear", reason: "协议内容不明确" });
    // Until the parties move on, the agreement that took effect stands as a success.
    expect(sum(agrees().cells, "success")).toBe(sum(before.cells, "success") + 1);
    expect([record().agreements, record().failed]).toEqual([recordBefore.agreements + 1, recordBefore.failed]);

    await transferCase(liMing, w.caseId, { kind: "litigation", orgId: orgId(ORG.court), arbitrationAgreement: false });
    expect(caseRow(w.caseId).status).toBe("transferred");
    const t = agrees();
    expect([sum(t.cells, "success"), sum(t.cells, "failure")]).toEqual([sum(before.cells, "success"), sum(before.cells, "failure") + 1]);
    const facts = getDb().$client.prepare("select stage, days from stats_case_facts where case_id = ?").get(w.caseId);
    expect(facts).toEqual({ stage: "failure", days: 6 });
    // 调解员档案: the same outcome, the same end date (acceptance → the agreement taking effect).
    const r = record();
    expect([r.agreements, r.failed, r.timedCases]).toEqual([recordBefore.agreements, recordBefore.failed + 1, recordBefore.timedCases + 1]);
  });

  it("赋强公证 issued; a failed mediation transferred to court; ratings given", async () => {
    const w = await effectiveCase(liMing, cuihu);
    const handoffId = await applyJointly(liMing, w.respondent, w.caseId);
    expect(sum(agrees().cells, "pending")).toBe(1);
    await issueNotarialCertificate(userByPhone(NOTARY_PHONE), handoffId);
    expect(sum(agrees().cells, "notarised")).toBe(1);

    const f = await failedAfter(12);
    let t = agrees();
    expect(Object.keys(t.days).some((k) => k.endsWith("|12"))).toBe(true);
    await transferCase(liMing, f.caseId, { kind: "litigation", orgId: orgId(ORG.court), arbitrationAgreement: false });
    expect(caseRow(f.caseId).status).toBe("transferred");
    t = agrees();
    expect(sum(t.cells, "failure")).toBe(2); // this one and the transfer after a rejected 司法确认

    await rateCase(liMing, w.caseId, { mediatorScore: 5, processScore: 4, outcomeScore: 3, comment: "" });
    await rateCase(f.respondent, f.caseId, { mediatorScore: 2, processScore: 3, outcomeScore: 1, comment: "" });
    t = agrees();
    expect([sum(t.ratings, "n"), sum(t.ratings, "mediatorSum"), sum(t.ratings, "outcomeSum")]).toEqual([2, 7, 4]);
  });

  it("a case deleted, a rating corrected and removed (by hand in the database)", async () => {
    const c = await fileCase(liMing, citizenInput());
    await acceptCase(cuihu, c.caseId, { conflict: "none" });
    agrees();
    getDb().delete(cases).where(eq(cases.id, c.caseId)).run();
    agrees();

    const w = await failedAfter(2);
    const party = partiesOf(w.caseId).find((p) => p.side === "applicant")!;
    const id = createId();
    getDb().insert(ratings).values({ id, caseId: w.caseId, partyId: party.id, userId: liMing.id, orgId: orgId(ORG.cuihu), mediatorId: cuihu.id, mediatorScore: 4, processScore: 4, outcomeScore: 4, createdAt: new Date(Date.now() - 40 * DAY) }).run();
    agrees();
    getDb().update(ratings).set({ outcomeScore: 1 }).where(eq(ratings.id, id)).run();
    agrees();
    getDb().delete(ratings).where(eq(ratings.id, id)).run();
    agrees();
  });

  it("the migration's backfill builds the same tables from the rows already there", () => {
    const kept = agrees();
    const file = fs.readFileSync(path.resolve("migrations/0011_stats.sql"), "utf8");
    const backfill = file
      .split("--> statement-breakpoint")
      .map((s) => s.replace(/^\s*--.*$/gm, "").trim())
      .filter((s) => s.startsWith("INSERT INTO"));
    expect(backfill).toHaveLength(5);
    const db = getDb();
    db.transaction((tx) => {
      for (const t of ["stats_case_facts", "stats_cells", "stats_days", "stats_instalments", "stats_ratings"]) tx.run(sql.raw(`delete from ${t}`));
      for (const s of backfill) tx.run(sql.raw(s));
    });
    expect(precomputedTables()).toEqual(kept);
    expect(sum(kept.cells, "filed")).toBe(10);
  });
});
