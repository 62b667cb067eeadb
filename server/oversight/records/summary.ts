// Pure arithmetic of a mediator's record: how each case stands, and the durations' average and
// median. The queries (stats.ts) feed it rows; nothing here reads the database.
import type { CaseStatus } from "../../../app/lib/case-enums";

export type CaseLine = {
  status: CaseStatus;
  failReason: string | null;
  acceptedAt: Date | null;
  endedAt: Date | null;
  effectiveAt: Date | null; // of the case's effective agreement, when there is one
};

const OPEN: readonly CaseStatus[] = ["unrouted", "awaiting_acceptance", "awaiting_consent", "mediating", "agreed"];
const AGREED: readonly CaseStatus[] = ["effective", "confirming", "confirmed", "confirm_rejected", "notarising", "notarised"];
const OTHER: readonly CaseStatus[] = ["refused", "consent_expired", "withdrawn"];

export type Outcome = "open" | "agreement" | "failed" | "other";

/**
 * An effective agreement counts as agreement whatever 裁 did with it later (even a case sent to
 * court after a rejected 司法确认): the mediation produced it. Failed = ended under Art 25 without
 * agreement (also once transferred). Other = mediation never took place: refused, unanswered, withdrawn.
 */
export function outcomeOf(c: Pick<CaseLine, "status" | "effectiveAt">): Outcome {
  if (OPEN.includes(c.status)) return "open";
  if (AGREED.includes(c.status) || (c.status === "transferred" && c.effectiveAt)) return "agreement";
  if (c.status === "failed" || c.status === "transferred") return "failed";
  if (OTHER.includes(c.status)) return "other";
  return "other";
}

const DAY = 86_400_000;

/** Days from acceptance to the end of mediation: the agreement taking effect, or the failure. */
export function durationDays(c: CaseLine): number | null {
  const o = outcomeOf(c);
  const end = o === "agreement" ? c.effectiveAt : o === "failed" ? c.endedAt : null;
  if (!c.acceptedAt || !end) return null;
  return (end.getTime() - c.acceptedAt.getTime()) / DAY;
}

export function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function mean(xs: number[]): number | null {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
}

export type CaseSummary = {
  open: number;
  total: number;
  agreements: number;
  failed: number;
  failedByReason: Record<string, number>;
  other: number;
  averageDays: number | null;
  medianDays: number | null;
  timedCases: number;
};

export function summarise(lines: CaseLine[]): CaseSummary {
  const s: CaseSummary = { open: 0, total: lines.length, agreements: 0, failed: 0, failedByReason: {}, other: 0, averageDays: null, medianDays: null, timedCases: 0 };
  const days: number[] = [];
  for (const c of lines) {
    const o = outcomeOf(c);
    if (o === "open") s.open++;
    else if (o === "agreement") s.agreements++;
    else if (o === "other") s.other++;
    else {
      s.failed++;
      const k = c.failReason ?? "other";
      s.failedByReason[k] = (s.failedByReason[k] ?? 0) + 1;
    }
    const d = durationDays(c);
    if (d !== null) days.push(d);
  }
  s.averageDays = mean(days);
  s.medianDays = median(days);
  s.timedCases = days.length;
  return s;
}
