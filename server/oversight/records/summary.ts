// Pure arithmetic of a mediator's record: how each case stands, and the durations' average and
// median. The queries (stats.ts) feed it rows; nothing here reads the database.
import type { CaseStatus } from "../../../app/lib/case-enums";
import { mediationOutcome } from "../stats/definitions";

export type CaseLine = {
  status: CaseStatus;
  failReason: string | null;
  acceptedAt: Date | null;
  endedAt: Date | null;
  effectiveAt: Date | null; // of the case's effective agreement, when there is one
};

export type Outcome = "open" | "agreement" | "failed" | "other";

const BY_STAGE = { open: "open", agreed: "open", success: "agreement", failure: "failed", ended: "other" } as const;

/**
 * The statistics' definition (mediationOutcome, ADR 018), in the record's words: agreement = the
 * agreement took effect and stands (司法确认 or 公证 applied for, granted or — until the case moves
 * on — rejected); failed = ended under Art 25 without agreement, or transferred to arbitration or
 * court, also after a rejected 司法确认; other = mediation never took place: refused, unanswered,
 * withdrawn; open = before the agreement took effect.
 */
export function outcomeOf(c: Pick<CaseLine, "status" | "endedAt" | "effectiveAt">): Outcome {
  return BY_STAGE[mediationOutcome(c).stage];
}

const DAY = 86_400_000;

/** Days from acceptance to the end of mediation (mediationOutcome: the failure, or the agreement taking effect). */
export function durationDays(c: CaseLine): number | null {
  const end = mediationOutcome(c).closedAt;
  if (!c.acceptedAt || end === null) return null;
  return (end - c.acceptedAt.getTime()) / DAY;
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
