// 裁 time limits, each against the rule it comes from, with the clock moved by hand.
import { describe, expect, it } from "vitest";
import { deadlineTone, deadlineWarning } from "../../server/handoff/deadlines";
import { chinaDate, confirmationWindow, courtAcceptDue, daysUntil, instalmentNeedsReminder, instalmentState, reminderHorizon, rulingDue, windowCutoff } from "../../server/handoff/deadlines";

const at = (s: string) => new Date(s);

/** The end (24:00, i.e. 23:59:59.999 China time) of a China date. */
const endOf = (day: string) => at(`${day}T23:59:59.999+08:00`);

describe("人民调解法第三十三条: the 30-day window for 司法确认, counted per 民事诉讼法第八十五条", () => {
  // Sun 11-01 + 30 is Tue 12-01, a working day.
  const effective = at("2026-11-01T10:00:00+08:00");
  it("民法典第二百零一条：the day the agreement takes effect is not counted; the window ends at 24:00 of the 30th day", () => {
    expect(confirmationWindow(effective, effective)).toEqual({ endsAt: endOf("2026-12-01"), open: true, daysLeft: 30 });
  });
  it("days left are China calendar days still to run, today included: 30 on the first day too, 2 on 11-30, 1 on the last day", () => {
    expect(confirmationWindow(effective, at("2026-11-02T08:00:00+08:00")).daysLeft).toBe(30);
    expect(confirmationWindow(effective, at("2026-11-30T10:00:00+08:00")).daysLeft).toBe(2);
    expect(confirmationWindow(effective, at("2026-12-01T10:00:00+08:00"))).toMatchObject({ open: true, daysLeft: 1 });
    // Holidays and weekends inside the window are counted like any day.
    expect(confirmationWindow(effective, at("2026-12-01T23:59:59+08:00")).open).toBe(true);
  });
  it("closes at 24:00 of its last day, not 30×24 hours after the agreement took effect", () => {
    expect(confirmationWindow(effective, at("2026-12-02T00:00:00+08:00"))).toMatchObject({ open: false, daysLeft: 0 });
    expect(confirmationWindow(effective, at("2027-03-01T00:00:00+08:00"))).toMatchObject({ open: false, daysLeft: 0 });
  });
  it("民事诉讼法第八十五条：期间最后一日是法定休假日的，以休假日后的第一日为届满日 — the 30th day on National Day", () => {
    // Tue 9-01 + 30 is Thu 10-01; 10-01..07 are the holiday; Thu 10-08 is the first working day.
    const sep1 = at("2026-09-01T10:00:00+08:00");
    expect(confirmationWindow(sep1, sep1)).toEqual({ endsAt: endOf("2026-10-08"), open: true, daysLeft: 37 });
    // 30×24 hours later the window is still open, with 10-01..08 left.
    expect(confirmationWindow(sep1, at("2026-10-01T10:01:00+08:00"))).toMatchObject({ open: true, daysLeft: 8 });
    expect(confirmationWindow(sep1, at("2026-10-09T00:00:00+08:00"))).toMatchObject({ open: false, daysLeft: 0 });
  });
  it("民事诉讼法第八十五条：a 30th day on a Saturday moves to Monday; on a 调休 Saturday it does not", () => {
    // Thu 10-22 + 30 is Sat 11-21.
    expect(confirmationWindow(at("2026-10-22T09:00:00+08:00"), at("2026-11-21T12:00:00+08:00"))).toEqual({ endsAt: endOf("2026-11-23"), open: true, daysLeft: 3 });
    // Thu 9-10 + 30 is Sat 10-10, worked in exchange for the National Day holiday.
    expect(confirmationWindow(at("2026-09-10T09:00:00+08:00"), at("2026-10-10T12:00:00+08:00")).endsAt).toEqual(endOf("2026-10-10"));
  });
  it("the Spring Festival can hold the window open nine days past its 30th day", () => {
    // Fri 1-16 + 30 is Sun 2-15; 2-15..23 are rest days; Tue 2-24.
    expect(confirmationWindow(at("2026-01-16T09:00:00+08:00"), at("2026-02-20T09:00:00+08:00"))).toEqual({ endsAt: endOf("2026-02-24"), open: true, daysLeft: 5 });
  });
});

describe("windowCutoff: which agreements' windows end before an instant, for SQL", () => {
  it("every agreement that took effect from 9-01 on has a window ending 10-08 or later (9-01 + 30 falls in the holiday)", () => {
    // Windows ending on 10-08: agreements of 9-01..9-08; that of 8-31 ended on Wed 9-30.
    expect(windowCutoff(at("2026-10-08T12:00:00+08:00"))).toEqual(at("2026-09-01T00:00:00+08:00"));
    expect(windowCutoff(endOf("2026-10-08"))).toEqual(at("2026-09-01T00:00:00+08:00"));
    // From 10-09 00:00 on, the windows of 9-01..9-08 have ended too; 9-09's ends on 10-09.
    expect(windowCutoff(at("2026-10-09T00:00:00+08:00"))).toEqual(at("2026-09-09T00:00:00+08:00"));
  });
  it("on ordinary days it is 00:00 of the day 30 days before", () => {
    // Wed 12-02's window is Mon 11-02's: 11-02 + 30 = Wed 12-02.
    expect(windowCutoff(at("2026-12-02T15:00:00+08:00"))).toEqual(at("2026-11-02T00:00:00+08:00"));
    // Mon 11-23: the windows of Thu 10-22 (30th day Sat 11-21) and Fri 10-23 (Sun 11-22) end today too.
    expect(windowCutoff(at("2026-11-23T15:00:00+08:00"))).toEqual(at("2026-10-22T00:00:00+08:00"));
  });
  it("agrees with confirmationWindow on both sides of the cut-off", () => {
    for (const t of [at("2026-02-24T08:00:00+08:00"), at("2026-10-08T12:00:00+08:00"), at("2026-11-23T00:00:00+08:00"), at("2026-12-02T15:00:00+08:00")]) {
      const cut = windowCutoff(t);
      expect(confirmationWindow(new Date(cut.getTime() - 1), t).endsAt.getTime(), t.toISOString()).toBeLessThan(t.getTime());
      expect(confirmationWindow(cut, t).endsAt.getTime(), t.toISOString()).toBeGreaterThanOrEqual(t.getTime());
    }
  });
});

describe("司法确认程序若干规定第四条、第五条: 3 days to accept, 15 (+10 once) to rule, counted per 民事诉讼法第八十五条", () => {
  it("第四条：acceptance is due at 24:00 of the third day after the application reached the court", () => {
    // Mon 11-16 + 3 is Thu 11-19; Fri 11-20 + 3 is Mon 11-23.
    expect(courtAcceptDue(at("2026-11-16T16:00:00+08:00"))).toEqual(endOf("2026-11-19"));
    expect(courtAcceptDue(at("2026-11-20T16:00:00+08:00"))).toEqual(endOf("2026-11-23"));
  });
  it("第四条 with 民事诉讼法第八十五条：a third day on a Saturday, or in the National Day holiday, moves to the next working day", () => {
    // Wed 11-18 + 3 is Sat 11-21: Mon 11-23. Wed 9-30 + 3 is Sat 10-03, in the holiday: Thu 10-08.
    expect(courtAcceptDue(at("2026-11-18T16:00:00+08:00"))).toEqual(endOf("2026-11-23"));
    expect(courtAcceptDue(at("2026-09-30T16:00:00+08:00"))).toEqual(endOf("2026-10-08"));
  });
  it("第五条：the ruling is due 15 days after acceptance, 25 once extended", () => {
    // Tue 9-15 + 15 is Wed 9-30; + 25 is Sat 10-10, a 调休 working day.
    expect(rulingDue(at("2026-09-15T10:00:00+08:00"), false)).toEqual(endOf("2026-09-30"));
    expect(rulingDue(at("2026-09-15T10:00:00+08:00"), true)).toEqual(endOf("2026-10-10"));
  });
  it("第五条：the extension lengthens the period to 25 days; only its 25th day moves over rest days", () => {
    // Thu 9-17 + 15 is Fri 10-02, in the holiday: Thu 10-08. Extended, + 25 is Mon 10-12 — not
    // 10 days after the moved end (Sun 10-18, then Mon 10-19).
    expect(rulingDue(at("2026-09-17T10:00:00+08:00"), false)).toEqual(endOf("2026-10-08"));
    expect(rulingDue(at("2026-09-17T10:00:00+08:00"), true)).toEqual(endOf("2026-10-12"));
  });
  it("an extended period never ends before the 15-day one, even when the Spring Festival moved that", () => {
    // Sat 1-31 + 15 is Sun 2-15: Tue 2-24. + 25 is Wed 2-25.
    expect(rulingDue(at("2026-01-31T10:00:00+08:00"), false)).toEqual(endOf("2026-02-24"));
    expect(rulingDue(at("2026-01-31T10:00:00+08:00"), true)).toEqual(endOf("2026-02-25"));
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
  // The acceptance deadline of an application that reached the court on Fri 11-20: Mon 11-23, 24:00.
  const due = courtAcceptDue(at("2026-11-20T16:00:00+08:00"));
  it("the tone: fine until a day before, near within the day, passed from the deadline on", () => {
    expect(due).toEqual(endOf("2026-11-23"));
    expect(deadlineTone(due, at("2026-11-22T23:59:00+08:00"))).toBe("ok");
    expect(deadlineTone(due, at("2026-11-23T00:00:00+08:00"))).toBe("near");
    expect(deadlineTone(due, at("2026-11-24T00:00:00+08:00"))).toBe("passed");
  });
  it("the near warning goes out once, then the passed one once, then nothing", () => {
    expect(deadlineWarning(due, null, at("2026-11-22T12:00:00+08:00"))).toBeNull();
    const nearAt = at("2026-11-23T09:00:00+08:00");
    expect(deadlineWarning(due, null, nearAt)).toBe("near");
    expect(deadlineWarning(due, nearAt, at("2026-11-23T20:00:00+08:00"))).toBeNull();
    const passedAt = at("2026-11-24T00:01:00+08:00");
    expect(deadlineWarning(due, nearAt, passedAt)).toBe("passed");
    expect(deadlineWarning(due, passedAt, at("2026-11-26T00:00:00+08:00"))).toBeNull();
  });
  it("a sweep that missed the day before sends only the passed warning", () => {
    const late = at("2026-11-24T08:00:00+08:00");
    expect(deadlineWarning(due, null, late)).toBe("passed");
    expect(deadlineWarning(due, late, at("2026-11-24T09:00:00+08:00"))).toBeNull();
  });
  it("a warning about the 3-day acceptance does not silence the 15-day (or extended 25-day) ruling deadline", () => {
    const acceptWarned = at("2026-11-24T00:01:00+08:00");
    // Accepted Tue 11-24: + 15 is Wed 12-09; + 25 is Sat 12-19, so Mon 12-21.
    const ruling = rulingDue(at("2026-11-24T10:00:00+08:00"), false);
    expect(ruling).toEqual(endOf("2026-12-09"));
    expect(deadlineWarning(ruling, acceptWarned, at("2026-12-09T08:00:00+08:00"))).toBe("near");
    const extended = rulingDue(at("2026-11-24T10:00:00+08:00"), true);
    expect(extended).toEqual(endOf("2026-12-21"));
    expect(deadlineWarning(extended, at("2026-12-09T08:00:00+08:00"), at("2026-12-21T08:00:00+08:00"))).toBe("near");
  });
});
