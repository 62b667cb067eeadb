// 调: scheduling sessions, ending them with an outcome, and the mediation time limit.
import { and, asc, eq, gt, isNull, lte } from "drizzle-orm";
import { getDb } from "../../db/client";
import { cases, mediationSessions, type Case, type MediationSession } from "../../db/schema";
import { FAIL_REASON_LABELS, type FailReason } from "../../app/lib/case-enums";
import { formatCaseNo, formatDateTime } from "../../app/lib/case-format";
import type { Category } from "../../app/lib/categories";
import type { SessionUser } from "../auth/session";
import { AppError } from "../lib/errors";
import { createId } from "../lib/ids";
import type { CaseView } from "../cases/access";
import { recordEvent, transition, type Tx } from "../cases/timeline";
import { withCase } from "../cases/with-case";
import { mediationDeadline } from "../triage/deadlines";

const link = (caseId: string, sessionId?: string) => (sessionId ? `/cases/${caseId}/room/${sessionId}` : `/cases/${caseId}`);

/** The users who take part in a case's sessions, by side. */
export function participantsOf(view: Pick<CaseView, "row" | "parties">): { userId: string; side: "applicant" | "respondent" | "mediator" }[] {
  const out: { userId: string; side: "applicant" | "respondent" | "mediator" }[] = [];
  for (const p of view.parties) {
    for (const u of [p.userId, p.agentUserId]) if (u && !out.some((o) => o.userId === u)) out.push({ userId: u, side: p.side });
  }
  if (view.row.mediatorId) out.push({ userId: view.row.mediatorId, side: "mediator" });
  return out;
}

/** The deadline that starts when mediation does (在线调解规则 Art 24 and the category's own rule). */
export function mediationDuePatch(row: Pick<Case, "category" | "source" | "acceptedAt">, now: Date): Partial<Case> {
  const rule = mediationDeadline({ category: row.category as Category, source: row.source, acceptedAt: row.acceptedAt ?? now });
  return { mediationDue: rule.deadline, mediationDueRule: rule.rule };
}

export type ScheduleInput = { scheduledAt: Date; durationMin: number; mode: "joint" | "separate"; note?: string };

export async function scheduleSession(user: SessionUser, caseId: string, input: ScheduleInput, now = new Date()) {
  return withCase(user, caseId, (tx, view, fx, actor) => {
    if (!view.roles.includes("mediator")) throw new AppError("FORBIDDEN", "只有本案调解员可以安排调解");
    if (view.row.status !== "mediating") throw new AppError("CONFLICT", "双方同意调解后才能安排调解");
    if (input.scheduledAt.getTime() < now.getTime() - 5 * 60_000) throw new AppError("BAD_INPUT", "调解时间不能早于现在", "scheduledAt");
    const id = createId();
    tx.insert(mediationSessions).values({ id, caseId, scheduledAt: input.scheduledAt, durationMin: input.durationMin, mode: input.mode, createdById: user.id, createdAt: now }).run();
    const when = formatDateTime(input.scheduledAt);
    recordEvent(tx, caseId, actor, {
      type: "session_scheduled",
      summary: `安排${input.mode === "joint" ? "联合" : "分别"}调解：${when}，约${input.durationMin}分钟`,
      reason: input.note ?? null,
      data: { sessionId: id },
    });
    for (const p of participantsOf(view).filter((x) => x.side !== "mediator"))
      fx.notify({ userId: p.userId, caseId, title: "调解已安排", body: `${formatCaseNo(view.row.caseNo)}：${when} 在线调解，请准时进入调解室`, link: link(caseId, id) });
    for (const p of view.parties) fx.text(p.phone, `您的纠纷（${view.row.caseNo}）已安排于 ${when} 在线调解，请登录平台进入调解室。`);
    return id;
  });
}

export function listSessions(caseId: string): MediationSession[] {
  return getDb().select().from(mediationSessions).where(eq(mediationSessions.caseId, caseId)).orderBy(asc(mediationSessions.scheduledAt)).all();
}

export function getSession(caseId: string, sessionId: string): MediationSession {
  const s = getDb().select().from(mediationSessions).where(and(eq(mediationSessions.id, sessionId), eq(mediationSessions.caseId, caseId))).get();
  if (!s) throw new AppError("NOT_FOUND", "调解会议不存在");
  return s;
}

export type EndInput =
  | { outcome: "adjourned"; nextAt?: Date; note?: string }
  | { outcome: "agreement"; note?: string }
  | { outcome: "failed"; failReason: FailReason; note?: string };

/** Ends a session; "agreement" and "failed" also end the mediation stage of the case. */
export async function endSession(user: SessionUser, caseId: string, sessionId: string, input: EndInput, now = new Date()) {
  return withCase(user, caseId, (tx, view, fx, actor) => {
    if (!view.roles.includes("mediator")) throw new AppError("FORBIDDEN", "只有本案调解员可以结束调解");
    const s = tx.select().from(mediationSessions).where(and(eq(mediationSessions.id, sessionId), eq(mediationSessions.caseId, caseId))).get();
    if (!s) throw new AppError("NOT_FOUND", "调解会议不存在");
    if (s.status === "ended" || s.status === "cancelled") throw new AppError("CONFLICT", "本次调解已经结束");
    tx.update(mediationSessions)
      .set({
        status: "ended",
        endedAt: now,
        outcome: input.outcome,
        failReason: input.outcome === "failed" ? input.failReason : null,
        outcomeNote: input.note ?? null,
        nextAt: input.outcome === "adjourned" ? (input.nextAt ?? null) : null,
        caucusSide: null,
        recordingOn: false,
      })
      .where(eq(mediationSessions.id, sessionId))
      .run();
    const no = formatCaseNo(view.row.caseNo);
    let summary: string;
    if (input.outcome === "adjourned") {
      summary = `本次调解结束，择期继续${input.nextAt ? `（拟定 ${formatDateTime(input.nextAt)}）` : ""}`;
      recordEvent(tx, caseId, actor, { type: "session_ended", summary, reason: input.note ?? null, data: { sessionId } });
    } else {
      // The mediation stage is over: later sessions of this case will not take place.
      tx.update(mediationSessions)
        .set({ status: "cancelled" })
        .where(and(eq(mediationSessions.caseId, caseId), eq(mediationSessions.status, "scheduled")))
        .run();
      if (input.outcome === "agreement") {
        summary = "调解达成一致，进入调解协议起草与签署";
        transition(tx, view.row, "end_agreed", view.roles, actor, "agreed", {}, { type: "agreement_reached", summary, reason: input.note ?? null, data: { sessionId } });
      } else {
        summary = `调解不成：${FAIL_REASON_LABELS[input.failReason]}`;
        transition(tx, view.row, "end_failed", view.roles, actor, "failed", { failReason: input.failReason, endedAt: now }, {
          type: "mediation_failed",
          summary,
          reason: input.note ?? null,
          data: { sessionId, failReason: input.failReason },
        });
      }
    }
    for (const p of participantsOf(view).filter((x) => x.side !== "mediator"))
      fx.notify({ userId: p.userId, caseId, title: "调解结束", body: `${no}：${summary}`, link: link(caseId) });
    return summary;
  });
}

/** Art 24: the parties agreed to extend; the mediator records it with the new date. */
export async function extendDeadline(user: SessionUser, caseId: string, input: { until: Date; reason: string }, now = new Date()) {
  return withCase(user, caseId, (tx, view, _fx, actor) => {
    const current = view.row.mediationDue;
    if (input.until.getTime() <= Math.max(now.getTime(), current?.getTime() ?? 0)) throw new AppError("BAD_INPUT", "新的期限须晚于当前期限", "until");
    return transition(tx, view.row, "extend_deadline", view.roles, actor, null, { mediationDue: input.until, mediationDueRule: `经当事人同意延长：${input.reason}`, dueWarnedAt: null }, {
      type: "deadline_extended",
      summary: `经当事人同意，调解期限延长至 ${formatDateTime(input.until)}`,
      reason: input.reason,
    });
  });
}

/** Sessions starting within the next hour that have not been reminded (for the sweep). */
export function sessionsToRemind(tx: Pick<Tx, "select">, now: Date) {
  return tx
    .select({ session: mediationSessions })
    .from(mediationSessions)
    .innerJoin(cases, eq(cases.id, mediationSessions.caseId))
    .where(and(eq(mediationSessions.status, "scheduled"), eq(cases.status, "mediating"), isNull(mediationSessions.reminderSentAt), gt(mediationSessions.scheduledAt, now), lte(mediationSessions.scheduledAt, new Date(now.getTime() + 60 * 60_000))))
    .all()
    .map((r) => r.session);
}
