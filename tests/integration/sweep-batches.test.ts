// The minute sweep takes at most 500 rows per timer. Rows it has nothing (more) to do for must never
// fill that batch, or the one row that needs work waits forever: with hundreds of open 司法确认
// applications still inside their 30-day window (人民调解法 Art 33), an expired one is still closed;
// with hundreds of court deadlines already warned about, a new one is still warned (法释〔2011〕5号
// Arts 4-5); court-sent cases the sweep picks are each reported once, never re-picked.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { agreements, caseEvents, handoffs } from "../../db/schema";
import { seed } from "../../db/seed";
import type { SessionUser } from "../../server/auth/session";
import { startConfirmation } from "../../server/handoff/confirmation/apply";
import { sweepConfirmations } from "../../server/handoff/confirmation/sweep";
import { sweepCourtResults } from "../../server/handoff/referrals/court-notice";
import { effectiveCase, signPart } from "./confirmation-helpers";
import { captureStatements, queryPlan } from "./capture-statements";
import { caseRow, notesOf, orgId, PHONE, userByPhone } from "./triage-helpers";

const DAY = 86_400_000;
const COURT = "昆明市五华区人民法院";
const FILLER = 600; // more than a batch
let liMing: SessionUser & { phone: string };
let cuihu: SessionUser & { phone: string };
let judge: SessionUser;
let seq = 0;

beforeAll(async () => {
  await seed();
  liMing = { ...userByPhone(PHONE.liMing), phone: PHONE.liMing };
  cuihu = { ...userByPhone(PHONE.cuihu), phone: PHONE.cuihu };
  judge = userByPhone(PHONE.judge);
});

/** `n` rows written straight to the tables, in one transaction, before the case under test (so first in row order). */
function fill(n: number, row: (i: number, caseId: string, client: ReturnType<typeof getDb>["$client"]) => void) {
  const client = getDb().$client;
  client.transaction(() => {
    for (let i = 0; i < n; i++) row(i, `fill${seq++}`, client);
  })();
}

function bareCase(client: ReturnType<typeof getDb>["$client"], id: string, status: string, at: number, extra: { source?: string; courtId?: string | null } = {}) {
  client
    .prepare(
      `insert into cases (id, case_no, status, filed_by_id, region_code, category, risk, risk_reasons, source, court_id, submitted_at, created_at, updated_at)
       values (?, ?, ?, ?, '530102', '邻里', 'green', '[]', ?, ?, ?, ?, ?)`,
    )
    .run(id, `YJF1999${id}`, status, liMing.id, extra.source ?? "citizen", extra.courtId ?? null, at, at, at);
}

describe("sweepConfirmations: work that is due is never crowded out of the batch", () => {
  it("an expired application is closed although 600 open ones were written before it", async () => {
    const now = Date.now();
    const court = orgId(COURT);
    fill(FILLER, (_i, id, client) => {
      bareCase(client, id, "effective", now);
      client.prepare(`insert into agreements (id, case_id, org_id, doc_no, status, current_version, effective_at) values (?, ?, ?, ?, 'effective', 1, ?)`).run(`agr-${id}`, id, orgId("翠湖社区人民调解委员会"), `XYF${id}`, now - 2 * DAY);
      client
        .prepare(`insert into handoffs (id, case_id, agreement_id, kind, target_org_id, basis, status, started_by_id) values (?, ?, ?, 'confirmation', ?, '测试', 'applying', ?)`)
        .run(`h-${id}`, id, `agr-${id}`, court, liMing.id);
    });
    const w = await effectiveCase(liMing, cuihu);
    const { handoffId } = await startConfirmation(liMing, w.caseId, { courtId: court });
    // The agreement took effect 45 days ago: the window is over. (Its 30th day was 15 days ago; a
    // rest-day run moves the end by 9 days at most — the Spring Festival — per 民事诉讼法 Art 85.)
    getDb().update(agreements).set({ effectiveAt: new Date(now - 45 * DAY) }).where(eq(agreements.id, w.agreement.id)).run();

    const report = { errors: 0 };
    const r = await sweepConfirmations(new Date(now), report);
    expect(report.errors).toBe(0);
    expect(r.closed).toBe(1);
    expect(getDb().select().from(handoffs).where(eq(handoffs.id, handoffId)).get()).toMatchObject({ status: "closed", outcome: "expired" });
    expect(notesOf(liMing.id, w.caseId).map((n) => n.title)).toContain("司法确认申请期限已届满");
    // The open ones are untouched; a second run has nothing to do.
    expect(getDb().select().from(handoffs).where(and(eq(handoffs.kind, "confirmation"), eq(handoffs.status, "applying"))).all().length).toBeGreaterThanOrEqual(FILLER);
    expect((await sweepConfirmations(new Date(now + 60_000), report)).closed).toBe(0);
  });

  it("a court deadline is warned although 600 passed deadlines already warned about sort before it", async () => {
    const now = Date.now();
    const court = orgId(COURT);
    fill(FILLER, (_i, id, client) => {
      bareCase(client, id, "confirming", now - 20 * DAY);
      // Submitted 10 days ago, the 3-day deadline long passed, and the "passed" warning already sent.
      client
        .prepare(`insert into handoffs (id, case_id, kind, target_org_id, basis, status, started_by_id, submitted_at, accept_due, warned_at) values (?, ?, 'confirmation', ?, '测试', 'submitted', ?, ?, ?, ?)`)
        .run(`h-${id}`, id, court, liMing.id, now - 10 * DAY, now - 7 * DAY, now - 6 * DAY);
    });
    const w = await effectiveCase(liMing, cuihu);
    await startConfirmation(liMing, w.caseId, { courtId: court });
    await signPart(liMing, w.caseId);
    const { handoffId } = await signPart(w.respondent, w.caseId);
    const h = getDb().select().from(handoffs).where(eq(handoffs.id, handoffId)).get()!;
    expect(h.status).toBe("submitted");

    const at = new Date(h.acceptDue!.getTime() - 60 * 60_000); // an hour before the 3 days end
    const report = { errors: 0 };
    const r = await sweepConfirmations(at, report);
    expect(report.errors).toBe(0);
    expect(r.warned).toBe(1);
    expect(notesOf(judge.id, w.caseId).map((n) => n.title)).toEqual(["新的司法确认申请", "受理期限即将届满"]);
    expect((await sweepConfirmations(new Date(at.getTime() + 60_000), report)).warned).toBe(0);
    // Once passed, warned again — once.
    const passed = new Date(h.acceptDue!.getTime() + 60_000);
    expect((await sweepConfirmations(passed, report)).warned).toBe(1);
    expect((await sweepConfirmations(new Date(passed.getTime() + 60_000), report)).warned).toBe(0);
    expect(notesOf(judge.id, w.caseId).at(-1)?.title).toBe("受理期限已届满");
  });
});

describe("sweepCourtResults (委派/委托): every case it picks is reported once", () => {
  it("an ended court-sent case with no recorded reason is reported with its status, and never picked again", async () => {
    const court = orgId(COURT);
    const ids: string[] = [];
    fill(3, (_i, id, client) => {
      bareCase(client, id, "failed", Date.now() - DAY, { source: "court_delegated", courtId: court });
      ids.push(id);
    });
    const report = { errors: 0 };
    expect(await sweepCourtResults(new Date(), report)).toBeGreaterThanOrEqual(3);
    expect(report.errors).toBe(0);
    for (const id of ids)
      expect(getDb().select().from(caseEvents).where(and(eq(caseEvents.caseId, id), eq(caseEvents.type, "court_informed"))).all().map((e) => e.summary)).toEqual(["已将调解结果（调解不成）告知委派法院"]);
    expect(notesOf(judge.id, ids[0]).map((n) => n.title)).toEqual(["委派调解未成功"]);
    for (const id of ids) expect(caseRow(id).courtInformedAt).toBeInstanceOf(Date);
    expect(await sweepCourtResults(new Date(), report)).toBe(0);
  });

  it("reads only court-sent cases whose court has not been told (cases_court_pending_idx), not every court case ever sent", async () => {
    const court = orgId(COURT);
    // Many long-reported court cases, as years of 委派 leave behind; none of them may be walked.
    fill(FILLER, (_i, id, client) => {
      bareCase(client, id, "failed", Date.now() - 90 * DAY, { source: "court_delegated", courtId: court });
      client.prepare("update cases set court_informed_at = ? where id = ?").run(Date.now() - 80 * DAY, id);
    });
    const client = getDb().$client;
    // The batch's query runs before the sweep's first await, so capturing the synchronous part sees it.
    let sweep: Promise<number> | undefined;
    const picked = captureStatements(client, () => void (sweep = sweepCourtResults(new Date(), { errors: 0 }))).find((s) => s.sql.includes("court_informed_at"))!;
    await sweep;
    const plan = queryPlan(client, picked).join("\n");
    expect(plan).toMatch(/SCAN cases USING INDEX cases_court_pending_idx/);
    expect(await sweepCourtResults(new Date(), { errors: 0 })).toBe(0);
  });
});
