// What the statistics count, in one place (ADR 018). migrations/0011_stats.sql spells the same
// lists out in SQL for its triggers; direct.ts computes from these, and the integration test
// checks that both agree. The mediator records (server/oversight/records/summary.ts) count
// outcomes and their end dates with mediationOutcome below too, so the two never disagree.
import type { CaseStatus } from "../../../app/lib/case-enums";
import { chinaDate } from "../../handoff/deadlines";

/** The agreement took effect: effective, and every 裁 step after it (a rejected 司法确认 included, until the case is mediated again or transferred). */
export const SUCCESS_STATUSES: readonly CaseStatus[] = ["effective", "confirming", "confirmed", "confirm_rejected", "notarising", "notarised"];
/**
 * The dispute was not resolved by mediation: it failed (人民调解法 Art 26), or the case went to
 * arbitration or court — also after an agreement whose 司法确认 was rejected: the status says only
 * "transferred", and so do the triggers of migration 0011 (ADR 018).
 */
export const FAILURE_STATUSES: readonly CaseStatus[] = ["failed", "transferred"];
/** Mediation never took place: the respondent refused or did not answer, or the applicant withdrew. */
export const ENDED_STATUSES: readonly CaseStatus[] = ["refused", "consent_expired", "withdrawn"];

export type Stage = "open" | "agreed" | "success" | "failure" | "ended";
export type HandoffStanding = "confirmed" | "notarised" | "pending" | null;

export function stageOf(status: CaseStatus): Stage {
  if (SUCCESS_STATUSES.includes(status)) return "success";
  if (FAILURE_STATUSES.includes(status)) return "failure";
  if (ENDED_STATUSES.includes(status)) return "ended";
  if (status === "agreed") return "agreed";
  return "open";
}

export type Outcome = {
  stage: Stage;
  /** When mediation ended (ms), for a success or a failure: null otherwise, or when unknown. */
  closedAt: number | null;
};

/**
 * How a case's mediation came out — the one definition of the statistics (direct.ts, and the
 * triggers of migration 0011 that must agree with it) and of the mediator records. The stage is
 * stageOf(status). The end is `endedAt` (a failure), else the live agreement's `effectiveAt` (a
 * success — and a case transferred after a rejected 司法确认, which has no `endedAt`: its
 * mediation ended when the agreement took effect; the court's ruling and the transfer came after).
 */
export function mediationOutcome(c: { status: CaseStatus; endedAt: Date | number | null; effectiveAt: Date | number | null }): Outcome {
  const stage = stageOf(c.status);
  if (stage !== "success" && stage !== "failure") return { stage, closedAt: null };
  const end = c.endedAt ?? c.effectiveAt;
  return { stage, closedAt: end === null ? null : +end };
}

export function handoffOf(status: CaseStatus): HandoffStanding {
  if (status === "confirmed" || status === "notarised") return status;
  if (status === "confirming" || status === "notarising") return "pending";
  return null;
}

/** Regions and organisations with fewer cases than this are merged into 其他 on the public page. */
export const MIN_PUBLIC_COUNT = 5;

const DAY = 86_400_000;

/** YYYY-MM of an instant, China time. */
export function monthOf(t: Date | number): string {
  return chinaDate(new Date(+t)).slice(0, 7);
}

/** Whole days between filing and the end of mediation (less than a day counts as 0). */
export function daysBetween(from: Date | number, to: Date | number): number {
  return Math.floor((+to - +from) / DAY);
}

/** Paid no later than the end of the due date, China time. */
export function paidOnTime(dueDate: string, paidAt: Date | number | null): boolean {
  return paidAt !== null && +paidAt < Date.parse(`${dueDate}T00:00:00+08:00`) + DAY;
}
