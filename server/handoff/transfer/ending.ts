// Why a mediation ended without an agreement, in words: the Art 25 reason with the mediator's note,
// the respondent's refusal, an expired invitation, a withdrawal, or the court's rejection of the
// agreement (民诉解释 Art 358). Used by the transfer file and by the court's 委派/委托 results.
import { and, desc, eq, inArray } from "drizzle-orm";
import { getDb } from "../../../db/client";
import { caseEvents, handoffs, type Case } from "../../../db/schema";
import { FAIL_REASON_LABELS, type FailReason } from "../../../app/lib/case-enums";
import { REJECT_GROUNDS, type RejectGround } from "../../../app/lib/handoff-enums";

/** Statuses in which mediation is over without an effective agreement (or the agreement was set aside). */
export const UNSUCCESSFUL = ["failed", "refused", "consent_expired", "withdrawn", "confirm_rejected", "transferred"] as const;

const ENDING_EVENTS = ["mediation_failed", "refused", "consent_expired", "withdrawn"];

export type Ending = { reason: string; note: string | null; at: Date | null };

export function endingOf(row: Pick<Case, "id" | "status" | "failReason" | "endedAt">): Ending | null {
  if (!(UNSUCCESSFUL as readonly string[]).includes(row.status)) return null;
  const db = getDb();
  const rejected = db
    .select()
    .from(handoffs)
    .where(and(eq(handoffs.caseId, row.id), eq(handoffs.kind, "confirmation"), eq(handoffs.outcome, "rejected")))
    .orderBy(desc(handoffs.decidedAt))
    .get();
  const last = db
    .select({ type: caseEvents.type, reason: caseEvents.reason, at: caseEvents.at })
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, row.id), inArray(caseEvents.type, ENDING_EVENTS)))
    .orderBy(desc(caseEvents.id))
    .get();
  // A rejection after the last failed mediation is the more recent reason.
  if (rejected && (!last || (rejected.decidedAt && rejected.decidedAt >= last.at))) {
    const ground = rejected.outcomeGround && rejected.outcomeGround in REJECT_GROUNDS ? REJECT_GROUNDS[rejected.outcomeGround as RejectGround] : rejected.outcomeGround;
    return { reason: `人民法院裁定驳回司法确认申请${ground ? `：${ground}` : ""}`, note: rejected.outcomeNote, at: rejected.decidedAt };
  }
  if (!last) return row.failReason ? { reason: `调解不成：${FAIL_REASON_LABELS[row.failReason as FailReason] ?? row.failReason}`, note: null, at: row.endedAt } : null;
  switch (last.type) {
    case "mediation_failed":
      return { reason: `调解不成：${row.failReason ? (FAIL_REASON_LABELS[row.failReason as FailReason] ?? row.failReason) : "未记载原因"}`, note: last.reason, at: last.at };
    case "refused":
      return { reason: "被申请人拒绝调解（《人民调解法》第十七条）", note: last.reason, at: last.at };
    case "consent_expired":
      return { reason: "被申请人未在期限内答复调解邀请，视为不同意调解", note: null, at: last.at };
    default:
      return { reason: "申请人撤回调解申请", note: last.reason, at: last.at };
  }
}
