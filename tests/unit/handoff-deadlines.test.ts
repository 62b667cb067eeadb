// 裁 time limits, each against the rule it comes from, with the clock moved by hand.
import { describe, expect, it } from "vitest";
import { deadlineTone, deadlineWarning } from "../../server/handoff/deadlines";
import { chinaDate, confirmationWindow, courtAcceptDue, daysUntil, instalmentNeedsReminder, instalmentState, reminderHorizon, rulingDue } from "../../server/handoff/deadlines";

const at = (s: string) => new Date(s);

describe("人民调解法 Art 33: the 30-day window for 司法确认", () => {
  const effective = at("2026-11-01T10:00:00+08:00");
  it("is open with 30 days left right after the agreement takes effect", () => {
    expect(confirmationWindow(effective, effective)).toEqual({ endsAt: at("2026-12-01T10:00:00+08:00"), open: true, daysLeft: 30 });
  });
  it("counts calendar days, holidays and weekends included", () => {
    expect(confirmationWindow(effective, at("2026-11-30T10:00:00+08:00")).daysLeft).toBe(1);
    expect(confirmationWindow(effective, at("2026-12-01T09:59:59+08:00")).open).toBe(true);
  });
  it("closes at the end of the 30th day", () => {
    expect(confirmationWindow(effective, at("2026-12-01T10:00:00+08:00"))).toMatchObject({ open: false, daysLeft: 0 });
    expect(confirmationWindow(effective, at("2027-03-01T00:00:00+08:00"))).toMatchObject({ open: false, daysLeft: 0 });
  });
});

describe("司法确认程序若干规定 Arts 4 and 5: 3 days to accept, 15 (+10 once) to rule", () => {
  const t = at("2026-12-30T16:00:00+08:00");
  it("acceptance is due 3 days after the application reaches the court, across the new year", () => {
    expect(courtAcceptDue(t)).toEqual(at("2027-01-02T16:00:00+08:00"));
  });
  it("the ruling is due 15 days after acceptance, 25 when extended", () => {
    expect(rulingDue(t, false)).toEqual(at("2027-01-14T16:00:00+08:00"));
    expect(rulingDue(t, true)).toEqual(at("2027-01-24T16:00:00+08:00"));
  });
});

describe("instalments", () => {
  it("use the China date: 23:30 UTC on the due date is already the next day in Beijing", () => {
    expect(chinaDate(at("2026-12-31T15:59:00Z"))).toBe("2026-12-31");
    expect(chinaDate(at("2026-12-31T16:00:00Z"))).toBe("2027-01-01");
    expect(instalmentState("2026-12-31", null, at("2026-12-31T15:59:00Z"))).toBe("due");
    expect(instalmentState("2026-12-31", null, at("2026-12-31T16:00:00Z"))).toBe("overdue");
  });
  it("a paid instalment stays paid, even when paid late", () => {
    expect(instalmentState("2026-01-01", at("2026-02-01T00:00:00Z"), at("2027-01-01T00:00:00Z"))).toBe("paid");
  });
  it("days until a due date", () => {
    expect(daysUntil("2026-12-03", at("2026-12-01T23:00:00+08:00"))).toBe(2);
    expect(daysUntil("2026-11-30", at("2026-12-01T01:00:00+08:00"))).toBe(-1);
  });
});

describe("instalment reminders: 3 days before the due date, China time", () => {
  it("the horizon is the China date three days ahead", () => {
    expect(reminderHorizon(at("2026-12-28T16:30:00Z"))).toBe("2027-01-01"); // 00:30 on 29 Dec in Beijing
  });
  it("an unpaid instalment due within 3 days (today included) needs its reminder", () => {
    const now = at("2026-12-01T09:00:00+08:00");
    expect(instalmentNeedsReminder("2026-12-04", null, now)).toBe(true);
    expect(instalmentNeedsReminder("2026-12-01", null, now)).toBe(true);
    expect(instalmentNeedsReminder("2026-12-05", null, now)).toBe(false);
  });
  it("not once it is overdue or paid", () => {
    const now = at("2026-12-01T09:00:00+08:00");
    expect(instalmentNeedsReminder("2026-11-30", null, now)).toBe(false);
    expect(instalmentNeedsReminder("2026-12-02", at("2026-11-30T00:00:00Z"), now)).toBe(false);
  });
});

describe("court deadlines warn a day ahead and once passed, each warning once (司法确认程序若干规定 Arts 4 and 5)", () => {
  const due = at("2027-01-02T16:00:00+08:00");
  it("the tone: fine until a day before, near within the day, passed from the deadline on", () => {
    expect(deadlineTone(due, at("2027-01-01T15:59:00+08:00"))).toBe("ok");
    expect(deadlineTone(due, at("2027-01-01T16:00:00+08:00"))).toBe("near");
    expect(deadlineTone(due, at("2027-01-02T16:00:00+08:00"))).toBe("passed");
  });
  it("the near warning goes out once, then the passed one once, then nothing", () => {
    expect(deadlineWarning(due, null, at("2027-01-01T12:00:00+08:00"))).toBeNull();
    const nearAt = at("2027-01-01T17:00:00+08:00");
    expect(deadlineWarning(due, null, nearAt)).toBe("near");
    expect(deadlineWarning(due, nearAt, at("2027-01-02T10:00:00+08:00"))).toBeNull();
    const passedAt = at("2027-01-02T16:01:00+08:00");
    expect(deadlineWarning(due, nearAt, passedAt)).toBe("passed");
    expect(deadlineWarning(due, passedAt, at("2027-01-05T00:00:00+08:00"))).toBeNull();
  });
  it("a sweep that missed the day before sends only the passed warning", () => {
    const late = at("2027-01-03T08:00:00+08:00");
    expect(deadlineWarning(due, null, late)).toBe("passed");
    expect(deadlineWarning(due, late, at("2027-01-03T09:00:00+08:00"))).toBeNull();
  });
  it("a warning about the 3-day acceptance does not silence the 15-day (or extended 25-day) ruling deadline", () => {
    const acceptWarned = at("2027-01-02T16:01:00+08:00");
    const ruling = rulingDue(at("2027-01-02T18:00:00+08:00"), false);
    expect(deadlineWarning(ruling, acceptWarned, at("2027-01-16T20:00:00+08:00"))).toBe("near");
    const extended = rulingDue(at("2027-01-02T18:00:00+08:00"), true);
    expect(deadlineWarning(extended, at("2027-01-16T20:00:00+08:00"), at("2027-01-26T20:00:00+08:00"))).toBe("near");
  });
});
