// Tells the court that sent a case out (委派/委托) how it ended: agreement effective, or mediation
// over without one. Run by the minute sweep. Once per case, ever: the notice, a "court_informed"
// timeline row and cases.courtInformedAt are written in one transaction, and a case with that date
// is never picked again (it also survives restarts, being in the database). The sweep reads only
// court cases without the date (the partial index cases_court_pending_idx), not every case ever
// sent out. ADR 015.
import { and, asc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import { getDb } from "../../../db/client";
import { agreements, cases, type Case } from "../../../db/schema";
import { formatDocNo } from "../../../app/lib/agreement-enums";
import { CASE_STATUS_LABELS } from "../../../app/lib/case-enums";
import { formatCaseNo } from "../../../app/lib/case-format";
import { SYSTEM } from "../../cases/actor";
import type { Effects } from "../../cases/effects";
import { recordEvent, type Tx } from "../../cases/timeline";
import { eachInTransaction, type ErrorCount } from "../../jobs/each-in-transaction";
import { staffOf } from "../directory";
import { endingOf, UNSUCCESSFUL } from "../transfer/ending";
import { COURT_SOURCES, hasEffectiveAgreement } from "./results";

export const COURT_INFORMED = "court_informed";

// The partial index's condition, word for word (db/schema.ts); COURT_SOURCES in SQL.
const PENDING = sql`${cases.courtId} is not null and ${cases.courtInformedAt} is null and ${cases.source} in ('court_delegated', 'court_entrusted')`;

/** Informs the court about one case, inside the caller's transaction; false if already done or not ended. */
function informCourt(tx: Tx, row: Case, fx: Effects, now: Date): boolean {
  if (!row.courtId || !(COURT_SOURCES as readonly string[]).includes(row.source)) return false;
  if (row.courtInformedAt) return false;
  const a = tx.select().from(agreements).where(and(eq(agreements.caseId, row.id), eq(agreements.status, "effective"))).get();
  // An unsuccessful case always has an ending to report: without a recorded reason, its status. (The
  // sweep picks every such case, so one it could not report would come back in every batch.)
  const ending = a ? null : (endingOf(row) ?? ((UNSUCCESSFUL as readonly string[]).includes(row.status) ? { reason: CASE_STATUS_LABELS[row.status], note: null } : null));
  if (!a && !ending) return false;
  const how = row.source === "court_delegated" ? "委派" : "委托";
  const no = `${formatCaseNo(row.caseNo)}${row.courtCaseNo ? `（法院案号 ${row.courtCaseNo}）` : ""}`;
  const notice = a
    ? { title: `${how}调解已达成协议`, body: `${no}：调解成功，调解协议（${formatDocNo(a.docNo)}）已生效，可在“委派/委托”中下载协议文本` }
    : { title: `${how}调解未成功`, body: `${no}：${ending!.reason}${ending!.note ? `（${ending!.note}）` : ""}` };
  // Conditional, so that two sweeps racing for the same case tell the court once.
  const marked = tx
    .update(cases)
    .set({ courtInformedAt: now })
    .where(and(eq(cases.id, row.id), isNull(cases.courtInformedAt)))
    .run();
  if (marked.changes === 0) return false;
  recordEvent(tx, row.id, SYSTEM, {
    type: COURT_INFORMED,
    summary: a ? `已将调解结果（达成协议）告知${how}法院` : `已将调解结果（${ending!.reason}）告知${how}法院`,
    visibility: "staff",
    data: { result: a ? "agreement" : "failed", agreementId: a?.id ?? null },
  });
  for (const { id: judge } of staffOf(row.courtId, ["judge"], tx)) fx.notify({ userId: judge, caseId: row.id, title: notice.title, body: notice.body, link: "/court/referrals" });
  return true;
}

/** The sweep's part: every court-sent case that ended and whose court has not been told yet. */
export async function sweepCourtResults(now: Date, report: ErrorCount): Promise<number> {
  // Every condition informCourt checks is in SQL too, and it sets the date this looks for: a case
  // told once never takes a place in the batch again. Longest waiting first. The first three
  // conditions are cases_court_pending_idx's, written as literals so that SQLite can use it.
  const due = getDb()
    .select({ id: cases.id })
    .from(cases)
    .where(and(PENDING, or(inArray(cases.status, [...UNSUCCESSFUL]), hasEffectiveAgreement)))
    .orderBy(asc(cases.updatedAt), asc(cases.id))
    .limit(500)
    .all();
  return eachInTransaction(due, report, `告知委派法院调解结果失败（${now.toISOString()}）`, (tx, fx, { id }) => {
    const row = tx.select().from(cases).where(eq(cases.id, id)).get();
    return !!row && informCourt(tx, row, fx, now);
  });
}
