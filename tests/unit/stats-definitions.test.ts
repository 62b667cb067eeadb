// What the statistics count (server/oversight/stats/definitions.ts): success and failure, the
// month of filing and the on-time test, both in China time (UTC+8).
import { describe, expect, it } from "vitest";
import { CASE_STATUSES } from "~/lib/case-enums";
import { daysBetween, handoffOf, monthOf, paidOnTime, stageOf } from "../../server/oversight/stats/definitions";

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
