// Timers, run once a minute: overdue acceptances are reassigned, invitations get a reminder a
// day before they lapse and then expire, stale sessions are deleted. Each case is its own
// transaction, so one failure does not hold up the rest. `now` is a parameter for tests.
import { and, eq, gt, isNull, lt } from "drizzle-orm";
import { getDb } from "../../db/client";
import { caseParties, cases, invitations, mediationSessions } from "../../db/schema";
import { formatCaseNo, formatDateTime } from "../../app/lib/case-format";
import { participantsOf, sessionsToRemind } from "../mediation/sessions";
import { deleteExpiredSessions } from "../auth/session";
import { SYSTEM } from "../cases/actor";
import { Effects } from "../cases/effects";
import { transition } from "../cases/timeline";
import { applicantUsers } from "../cases/with-case";
import { timeoutAcceptance } from "../triage/decisions";
import { closeOpenInvitations } from "../triage/consent";
import { sweepPerformance } from "../handoff/performance/sweep";
import { sweepCourtResults } from "../handoff/referrals/court-notice";
import { sweepConfirmations } from "../handoff/confirmation/sweep";
import { announceBoardChanged } from "../realtime/broadcast";
import { yieldToRequests } from "./each-in-transaction";

const DAY = 24 * 3600_000;

export type SweepReport = { reassigned: number; reminded: number; expired: number; sessionReminders: number; deadlineWarnings: number; sessionsDeleted: number; errors: number };

export async function runSweep(now: Date = new Date()): Promise<SweepReport> {
  const report: SweepReport = { reassigned: 0, reminded: 0, expired: 0, sessionReminders: 0, deadlineWarnings: 0, sessionsDeleted: 0, errors: 0 };
  const db = getDb();

  const overdue = db
    .select({ id: cases.id })
    .from(cases)
    .where(and(eq(cases.status, "awaiting_acceptance"), lt(cases.acceptDeadline, now)))
    .limit(500)
    .all();
  for (const { id } of overdue) {
    await guarded(report, async () => {
      const fx = new Effects();
      db.transaction((tx) => {
        const row = tx.select().from(cases).where(eq(cases.id, id)).get()!;
        // Re-checked inside the transaction: the mediator may have accepted a moment ago.
        if (row.status !== "awaiting_acceptance" || !row.acceptDeadline || row.acceptDeadline >= now) return;
        const parties = tx.select().from(caseParties).where(eq(caseParties.caseId, id)).all();
        timeoutAcceptance(tx, row, parties, fx, now);
        fx.then(() => announceBoardChanged(row.regionCode)); // the 矛调中心 board, after commit
        fx.write(tx);
        report.reassigned++;
      });
      await fx.flush();
    });
  }

  // Reminders: still unanswered, less than a day left, not yet reminded.
  const due = db
    .select({ inv: invitations, phone: caseParties.phone, caseNo: cases.caseNo })
    .from(invitations)
    .innerJoin(caseParties, eq(caseParties.id, invitations.partyId))
    .innerJoin(cases, eq(cases.id, invitations.caseId))
    .where(and(isNull(invitations.answeredAt), isNull(invitations.closedAt), isNull(invitations.remindedAt), gt(invitations.expiresAt, now), lt(invitations.expiresAt, new Date(now.getTime() + DAY)), eq(cases.status, "awaiting_consent")))
    .all();
  for (const d of due) {
    await guarded(report, async () => {
      const fx = new Effects();
      db.update(invitations).set({ remindedAt: now }).where(eq(invitations.id, d.inv.id)).run();
      fx.text(d.phone, `提醒：案件 ${d.caseNo} 的调解邀请将于明天到期，请按此前短信中的链接查看并答复。不答复视为不同意调解。`);
      await fx.flush();
      report.reminded++;
    });
  }

  // Expiry: an invitation past its time ends the mediation path for that case.
  const lapsed = db
    .selectDistinct({ caseId: invitations.caseId })
    .from(invitations)
    .innerJoin(cases, eq(cases.id, invitations.caseId))
    .where(and(isNull(invitations.answeredAt), isNull(invitations.closedAt), lt(invitations.expiresAt, now), eq(cases.status, "awaiting_consent")))
    .all();
  for (const { caseId } of lapsed) {
    await guarded(report, async () => {
      const fx = new Effects();
      db.transaction((tx) => {
        const row = tx.select().from(cases).where(eq(cases.id, caseId)).get()!;
        if (row.status !== "awaiting_consent") return;
        const parties = tx.select().from(caseParties).where(eq(caseParties.caseId, caseId)).all();
        const updated = transition(tx, row, "consent_expire", ["system"], SYSTEM, "consent_expired", { endedAt: now }, {
          type: "consent_expired",
          summary: "被申请人未在期限内答复调解邀请，视为不同意调解",
        });
        closeOpenInvitations(tx, caseId, now);
        const no = formatCaseNo(updated.caseNo);
        for (const u of applicantUsers(parties))
          fx.notify({ userId: u, caseId, title: "对方未答复调解邀请", body: `${no}：对方未在期限内答复。您可以查看其他解决途径`, link: `/cases/${caseId}` });
        if (updated.mediatorId) fx.notify({ userId: updated.mediatorId, caseId, title: "调解邀请已过期", body: `${no} 已终止`, link: `/cases/${caseId}` });
        fx.then(() => announceBoardChanged(row.regionCode)); // the 矛调中心 board, after commit
        fx.write(tx);
        report.expired++;
      });
      await fx.flush();
    });
  }

  // Sessions starting within the hour: everyone is reminded once.
  for (const s of sessionsToRemind(db, now)) {
    await guarded(report, async () => {
      const fx = new Effects();
      db.transaction((tx) => {
        const row = tx.select().from(cases).where(eq(cases.id, s.caseId)).get()!;
        const parties = tx.select().from(caseParties).where(eq(caseParties.caseId, s.caseId)).all();
        const done = tx.update(mediationSessions).set({ reminderSentAt: now }).where(and(eq(mediationSessions.id, s.id), isNull(mediationSessions.reminderSentAt))).run();
        if (done.changes === 0) return;
        const when = formatDateTime(s.scheduledAt);
        for (const p of participantsOf({ row, parties }))
          fx.notify({ userId: p.userId, caseId: s.caseId, title: "调解即将开始", body: `${formatCaseNo(row.caseNo)}：${when} 开始，请提前进入调解室`, link: `/cases/${s.caseId}/room/${s.id}` });
        for (const p of parties) fx.text(p.phone, `提醒：您的纠纷（${row.caseNo}）将于 ${when} 在线调解，请提前登录平台进入调解室。`);
        fx.write(tx);
        report.sessionReminders++;
      });
      await fx.flush();
    });
  }

  // Mediation time limits within 3 days: the mediator and the parties are warned once.
  const nearing = db
    .select()
    .from(cases)
    .where(and(eq(cases.status, "mediating"), isNull(cases.dueWarnedAt), lt(cases.mediationDue, new Date(now.getTime() + 3 * DAY))))
    .limit(500)
    .all();
  for (const row of nearing) {
    await guarded(report, async () => {
      const fx = new Effects();
      db.transaction((tx) => {
        // Only if nothing moved since the list was read (an extension resets the warning).
        const done = tx
          .update(cases)
          .set({ dueWarnedAt: now })
          .where(and(eq(cases.id, row.id), isNull(cases.dueWarnedAt), eq(cases.status, "mediating"), eq(cases.version, row.version)))
          .run();
        if (done.changes === 0) return;
        const parties = tx.select().from(caseParties).where(eq(caseParties.caseId, row.id)).all();
        const passed = row.mediationDue!.getTime() < now.getTime();
        const body = `${formatCaseNo(row.caseNo)}：调解期限${passed ? "已于" : "将于"} ${formatDateTime(row.mediationDue)} ${passed ? "届满" : "届满，如需延长请经双方同意后办理"}`;
        for (const p of participantsOf({ row, parties })) fx.notify({ userId: p.userId, caseId: row.id, title: passed ? "调解期限已届满" : "调解期限即将届满", body, link: `/cases/${row.id}` });
        fx.write(tx);
        report.deadlineWarnings++;
      });
      await fx.flush();
    });
  }

  await sweepPerformance(now, report); // 履行: instalment reminders and overdue marking
  await sweepCourtResults(now, report); // 委派/委托: the sending court learns the outcome, once
  await sweepConfirmations(now, report); // 司法确认: expired applications closed, court deadlines warned, once each
  report.sessionsDeleted = deleteExpiredSessions(now.getTime());
  return report;
}

async function guarded(report: SweepReport, fn: () => Promise<void>) {
  try {
    await fn();
  } catch (e) {
    report.errors++;
    console.error("定时任务处理失败", e);
  }
  await yieldToRequests();
}

/** Starts the minute timer; returns a stop function for graceful shutdown. */
export function startSweeper(intervalMs = 60_000): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    runSweep()
      .catch((e) => console.error("定时任务失败", e))
      .finally(() => (running = false));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
