// 司法确认 timers, run by the minute sweep (server/jobs/sweep.ts) with `now` injectable:
// - an application still being signed when the 30-day window ends is closed (人民调解法 Art 33),
//   with a timeline entry and the parties told;
// - the court's judges are warned a day before the 3-day acceptance and the 15(+10)-day ruling
//   deadlines, and again when one has passed.
// Each step is a conditional update on the database (status, warnedAt), so nothing fires twice,
// across restarts and concurrent sweeps alike.
import { and, asc, eq, isNull, lt, lte, or, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { getDb } from "../../../db/client";
import { agreements, caseParties, cases, handoffs, type Handoff } from "../../../db/schema";
import { formatCaseNo, formatDateTime } from "../../../app/lib/case-format";
import { SYSTEM } from "../../cases/actor";
import type { Effects } from "../../cases/effects";
import { recordEvent, type Tx } from "../../cases/timeline";
import { eachInTransaction, type ErrorCount } from "../../jobs/each-in-transaction";
import { confirmationWindow, deadlineWarning, WARN_BEFORE_MS, windowCutoff } from "../deadlines";
import { MEDIATION_LAW_33, RULES_4, RULES_5 } from "./law";
import { partyUserIds } from "../parties";
import { judgesOf, orgById } from "./store";

export type ConfirmationSweep = { closed: number; warned: number };

const BATCH = 500;

export async function sweepConfirmations(now: Date, report: ErrorCount): Promise<ConfirmationSweep> {
  const db = getDb();

  // Applications whose 30-day window has ended, oldest agreement first. The window has ended
  // (endsAt <= now) exactly for agreements that took effect before windowCutoff(now + 1 ms): the
  // end moves over rest days, so this is not simply 30 days ago (up to 9 days earlier around the
  // Spring Festival). Every row SQL returns is therefore expired, and a batch never fills up with
  // open applications; the window is checked once more before closing, as a guard.
  const applying = db
    .select({ h: handoffs, effectiveAt: agreements.effectiveAt })
    .from(handoffs)
    .innerJoin(agreements, eq(agreements.id, handoffs.agreementId))
    .where(and(eq(handoffs.kind, "confirmation"), eq(handoffs.status, "applying"), lt(agreements.effectiveAt, windowCutoff(new Date(now.getTime() + 1)))))
    .orderBy(asc(agreements.effectiveAt), asc(handoffs.id))
    .limit(BATCH)
    .all()
    .filter((r) => r.effectiveAt && !confirmationWindow(r.effectiveAt, now).open);
  const closed = await eachInTransaction(applying, report, "司法确认申请期限届满处理失败", (tx, fx, { h, effectiveAt }) => closeExpired(tx, h, effectiveAt!, now, fx));

  // Court deadlines within a day, or passed, not warned about since that warning became due — in
  // SQL, so rows already warned never take a place in the batch; the nearest deadline first.
  const horizon = new Date(now.getTime() + WARN_BEFORE_MS);
  const dueNow = (column: SQLiteColumn): SQL =>
    and(
      lte(column, horizon),
      or(isNull(handoffs.warnedAt), and(lte(column, now), sql`${handoffs.warnedAt} < ${column}`), and(sql`${column} > ${now.getTime()}`, sql`${handoffs.warnedAt} < ${column} - ${WARN_BEFORE_MS}`)),
    )!;
  const due = db
    .select()
    .from(handoffs)
    .where(and(eq(handoffs.kind, "confirmation"), or(and(eq(handoffs.status, "submitted"), dueNow(handoffs.acceptDue)), and(eq(handoffs.status, "accepted"), dueNow(handoffs.decisionDue)))))
    .orderBy(sql`case when ${handoffs.status} = 'submitted' then ${handoffs.acceptDue} else ${handoffs.decisionDue} end`, asc(handoffs.id))
    .limit(BATCH)
    .all();
  const warned = await eachInTransaction(due, report, "司法确认期限提醒处理失败", (tx, fx, h) => warnOnce(tx, h, now, fx));
  return { closed, warned };
}

/** 人民调解法 Art 33: the window ended before every party signed; the application is closed, once. */
function closeExpired(tx: Tx, h: Handoff, effectiveAt: Date, now: Date, fx: Effects): boolean {
  const done = tx
    .update(handoffs)
    .set({ status: "closed", outcome: "expired", decidedAt: now, updatedAt: now })
    .where(and(eq(handoffs.id, h.id), eq(handoffs.status, "applying")))
    .run();
  if (done.changes === 0) return false;
  const row = tx.select().from(cases).where(eq(cases.id, h.caseId)).get()!;
  const parties = tx.select().from(caseParties).where(eq(caseParties.caseId, h.caseId)).all();
  const court = orgById(h.targetOrgId, tx)!.name;
  const endsAt = confirmationWindow(effectiveAt, now).endsAt;
  recordEvent(tx, h.caseId, SYSTEM, {
    type: "confirmation_expired",
    summary: `调解协议生效已满三十日（${formatDateTime(endsAt)}届满），各方当事人未能共同签署向${court}的司法确认申请，申请已关闭（${MEDIATION_LAW_33}）`,
    data: { handoffId: h.id },
  });
  const no = formatCaseNo(row.caseNo);
  const body = `${no}：司法确认的三十日申请期限已届满，申请未能提交法院，已关闭。调解协议仍然有效，一方不履行的，另一方可以向人民法院提起诉讼。`;
  for (const u of partyUserIds(parties)) fx.notify({ userId: u, caseId: h.caseId, title: "司法确认申请期限已届满", body, link: `/cases/${h.caseId}/confirmation` });
  for (const p of parties) fx.text(p.phone, body);
  return true;
}

/** The "near" or "passed" warning of the deadline the court is working to, once each. */
function warnOnce(tx: Tx, h: Handoff, now: Date, fx: Effects): boolean {
  const deadline = h.status === "submitted" ? h.acceptDue : h.decisionDue;
  const kind = deadline ? deadlineWarning(deadline, h.warnedAt, now) : null;
  if (!deadline || !kind) return false;
  const threshold = kind === "passed" ? deadline : new Date(deadline.getTime() - WARN_BEFORE_MS);
  const column = h.status === "submitted" ? handoffs.acceptDue : handoffs.decisionDue;
  // Only if nothing moved since the list was read (accepted, extended, decided, warned by another sweep).
  const done = tx
    .update(handoffs)
    .set({ warnedAt: now })
    .where(and(eq(handoffs.id, h.id), eq(handoffs.status, h.status), eq(column, deadline), or(isNull(handoffs.warnedAt), lt(handoffs.warnedAt, threshold))))
    .run();
  if (done.changes === 0) return false;
  warnJudges(tx, h, kind, deadline, fx);
  return true;
}

function warnJudges(tx: Tx, h: Handoff, kind: "near" | "passed", deadline: Date, fx: Effects) {
  const row = tx.select({ caseNo: cases.caseNo }).from(cases).where(eq(cases.id, h.caseId)).get()!;
  const accepting = h.status === "submitted";
  const what = accepting ? `决定是否受理的三日期限（${RULES_4}）` : `作出裁定的审查期限（${RULES_5}）`;
  const title = `${accepting ? "受理" : "裁定"}期限${kind === "passed" ? "已届满" : "即将届满"}`;
  const body = `${formatCaseNo(row.caseNo)}${h.refNo ? `（${h.refNo}）` : ""}：${what}${kind === "passed" ? "已于" : "将于"}${formatDateTime(deadline)}届满。`;
  // The judge reviewing it, or every judge of the court while nobody has taken it yet.
  const to = h.handlerId ? [h.handlerId] : judgesOf(h.targetOrgId, tx).map((j) => j.id);
  for (const userId of to) fx.notify({ userId, caseId: h.caseId, title, body, link: `/court/confirmations/${h.id}` });
}
