// What the statistics count (server/oversight/stats/definitions.ts): success and failure — the
// same for the mediator records — the end of mediation, the month of filing and the on-time test,
// both in China time (UTC+8).
import { describe, expect, it } from "vitest";
import { CASE_STATUSES } from "~/lib/case-enums";
import { daysBetween, handoffOf, mediationOutcome, monthOf, paidOnTime, stageOf } from "../../server/oversight/stats/definitions";
import { durationDays, outcomeOf, summarise } from "../../server/oversight/records/summary";

describe("stages", () => {
  it("an agreement that took effect is a success, whatever 裁 did next; failed and transferred are failures", () => {
    const by = Object.fromEntries(CASE_STATUSES.map((s) => [s, stageOf(s)]));
    expect(by).toEqual({
      draft: "open",
      unrouted: "open",
      awaiting_acceptance: "open",
      awaiting_consent: "open",
      mediating: "open",
      agreed: "agreed",
      effective: "success",
      confirming: "success",
      confirmed: "success",
      confirm_rejected: "success",
      notarising: "success",
      notarised: "success",
      failed: "failure",
      refused: "ended",
      consent_expired: "ended",
      withdrawn: "ended",
      transferred: "failure",
    });
    expect(CASE_STATUSES.map(handoffOf).filter(Boolean)).toEqual(["pending", "confirmed", "pending", "notarised"]);
  });
});

describe("one definition for the statistics and the mediator records", () => {
  const filed = new Date("2026-03-01T02:00:00Z");
  const effective = new Date("2026-03-07T02:00:00Z");
  const failedAt = new Date("2026-03-09T02:00:00Z");

  it("a case sent to court after a rejected 司法确认 (民事诉讼法 Art 206) is a failure, its mediation over when the agreement took effect", () => {
    const c = { status: "transferred" as const, endedAt: null, effectiveAt: effective };
    expect(mediationOutcome(c)).toEqual({ stage: "failure", closedAt: effective.getTime() });
    expect(daysBetween(filed, mediationOutcome(c).closedAt!)).toBe(6);
    expect(outcomeOf(c)).toBe("failed");
    expect(durationDays({ ...c, failReason: null, acceptedAt: filed })).toBe(6);
    // Before the transfer, the rejected agreement still stands as a success in both.
    expect([mediationOutcome({ ...c, status: "confirm_rejected" }).stage, outcomeOf({ ...c, status: "confirm_rejected" })]).toEqual(["success", "agreement"]);
  });

  it("a failure ends at endedAt, a success at the agreement taking effect; others have no end", () => {
    expect(mediationOutcome({ status: "failed", endedAt: failedAt, effectiveAt: null })).toEqual({ stage: "failure", closedAt: failedAt.getTime() });
    expect(mediationOutcome({ status: "confirmed", endedAt: null, effectiveAt: effective })).toEqual({ stage: "success", closedAt: effective.getTime() });
    expect(mediationOutcome({ status: "agreed", endedAt: null, effectiveAt: null })).toEqual({ stage: "agreed", closedAt: null });
    expect(mediationOutcome({ status: "withdrawn", endedAt: failedAt, effectiveAt: null })).toEqual({ stage: "ended", closedAt: null });
  });

  it("the records' outcome of every status is the statistics' stage, in the records' words", () => {
    const words = { open: "open", agreed: "open", success: "agreement", failure: "failed", ended: "other" };
    for (const status of CASE_STATUSES)
      for (const effectiveAt of [null, effective]) expect(outcomeOf({ status, endedAt: null, effectiveAt }), status).toBe(words[stageOf(status)]);
    const s = summarise([
      { status: "transferred", failReason: null, acceptedAt: filed, endedAt: null, effectiveAt: effective },
      { status: "transferred", failReason: "too_far_apart", acceptedAt: filed, endedAt: failedAt, effectiveAt: null },
      { status: "effective", failReason: null, acceptedAt: filed, endedAt: null, effectiveAt: effective },
    ]);
    expect([s.agreements, s.failed, s.timedCases, s.averageDays]).toEqual([1, 2, 3, (6 + 8 + 6) / 3]);
  });
});

describe("China time", () => {
  it("a case filed at 00:30 on 1 March in 昆明 (16:30 UTC the day before) counts in March", () => {
    expect(monthOf(new Date("2026-02-28T16:30:00Z"))).toBe("2026-03");
    expect(monthOf(new Date("2026-02-28T15:59:59Z"))).toBe("2026-02");
  });

  it("an instalment paid by 23:59 China time on its due date is on time; a minute later it is not", () => {
    expect(paidOnTime("2026-03-05", new Date("2026-03-05T15:59:00Z"))).toBe(true);
    expect(paidOnTime("2026-03-05", new Date("2026-03-05T16:00:00Z"))).toBe(false);
    expect(paidOnTime("2026-03-05", new Date("2026-02-01T00:00:00Z"))).toBe(true);
    expect(paidOnTime("2026-03-05", null)).toBe(false);
  });

  it("days to close are whole days; less than one is 0", () => {
    expect(daysBetween(0, 86_400_000 - 1)).toBe(0);
    expect(daysBetween(0, 3 * 86_400_000 + 5)).toBe(3);
  });
});
