import { afterEach, describe, expect, it } from "vitest";
import {
  acceptDeadline,
  addCalendarDays,
  addWorkingDays,
  chinaDate,
  hasHolidayCalendar,
  isWorkingDay,
  mediationDeadline,
  periodEnd,
} from "../../server/triage/deadlines";

/** An instant given in China time, e.g. cst("2026-10-01 09:00"). */
const cst = (s: string) => new Date(`${s.replace(" ", "T")}:00+08:00`);
/** The end (23:59:59.999 China time) of a China date. */
const endOf = (day: string) => new Date(`${day}T23:59:59.999+08:00`);

describe("isWorkingDay", () => {
  it.each([
    // 2026 National Day and Mid-Autumn: 9-25..27 and 10-01..07 off; Sun 9-20 and Sat 10-10 worked.
    ["2026-09-20 10:00", true, "调休上班的星期日"],
    ["2026-09-24 10:00", true, "Thursday"],
    ["2026-09-25 10:00", false, "中秋节"],
    ["2026-09-30 10:00", true, "Wednesday before the holiday"],
    ["2026-10-01 10:00", false, "国庆节"],
    ["2026-10-07 10:00", false, "last day of the golden week"],
    ["2026-10-08 10:00", true, "Thursday after"],
    ["2026-10-10 10:00", true, "调休上班的星期六"],
    ["2026-10-11 10:00", false, "Sunday"],
    // 2026 Spring Festival: 2-15..23 off; Sat 2-14 and Sat 2-28 worked.
    ["2026-02-14 10:00", true, "调休上班的星期六"],
    ["2026-02-17 10:00", false, "正月初一"],
    ["2026-02-23 10:00", false, "Monday, still the holiday"],
    ["2026-02-24 10:00", true, "Tuesday after"],
    ["2026-02-28 10:00", true, "调休上班的星期六"],
    // 2025
    ["2025-01-26 10:00", true, "调休上班的星期日"],
    ["2025-02-04 10:00", false, "春节"],
    ["2025-10-08 10:00", false, "国庆中秋"],
    ["2025-10-11 10:00", true, "调休上班的星期六"],
    // An ordinary week: today is Saturday 2026-11-21.
    ["2026-11-20 10:00", true, "Friday"],
    ["2026-11-21 10:00", false, "Saturday"],
    ["2026-11-22 10:00", false, "Sunday"],
    ["2026-11-23 10:00", true, "Monday"],
  ])("%s → %s (%s)", (when, working) => {
    expect(isWorkingDay(cst(when))).toBe(working);
  });

  it("uses the China date: 17:00 UTC is already the next day in China", () => {
    expect(isWorkingDay(new Date("2026-09-30T15:59:59.999Z"))).toBe(true); // 9-30 23:59 in China
    expect(isWorkingDay(new Date("2026-09-30T17:00:00Z"))).toBe(false); // 10-01 01:00 in China
    expect(isWorkingDay(new Date("2026-11-20T16:00:00Z"))).toBe(false); // Saturday 00:00 in China
    expect(chinaDate(new Date("2026-12-31T16:00:00Z"))).toEqual({ y: 2027, m: 1, d: 1 });
  });
});

describe("does not depend on the server's time zone", () => {
  const saved = process.env.TZ;
  afterEach(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });

  it.each(["America/Los_Angeles", "Pacific/Kiritimati", "UTC", "Asia/Shanghai"])("gives the same answers in %s", (tz) => {
    process.env.TZ = tz;
    expect(isWorkingDay(cst("2026-10-01 00:30"))).toBe(false);
    expect(isWorkingDay(cst("2026-10-10 23:30"))).toBe(true);
    expect(isWorkingDay(cst("2026-10-11 00:00"))).toBe(false);
    expect(acceptDeadline(cst("2026-09-30 23:00"))).toEqual(endOf("2026-10-10"));
    expect(periodEnd(cst("2026-09-01 23:30"), 30)).toEqual(endOf("2026-10-08"));
  });
});

describe("addWorkingDays", () => {
  it("skips the golden week", () => {
    // Tue 9-29: Wed 9-30 (1), 10-01..07 off, Thu 10-08 (2), Fri 10-09 (3).
    expect(addWorkingDays(cst("2026-09-29 10:00"), 3)).toEqual(endOf("2026-10-09"));
  });

  it("counts a make-up Saturday as a working day", () => {
    // Wed 9-30: Thu 10-08, Fri 10-09, Sat 10-10 (调休上班).
    expect(addWorkingDays(cst("2026-09-30 09:00"), 3)).toEqual(endOf("2026-10-10"));
  });

  it("skips the Spring Festival and counts its make-up Saturday", () => {
    // Thu 2-12: Fri 2-13 (1), Sat 2-14 调休 (2), 2-15..23 off, Tue 2-24 (3).
    expect(addWorkingDays(cst("2026-02-12 16:00"), 3)).toEqual(endOf("2026-02-24"));
  });

  it("skips weekends", () => {
    expect(addWorkingDays(cst("2026-11-20 10:00"), 1)).toEqual(endOf("2026-11-23"));
    expect(addWorkingDays(cst("2026-11-21 10:00"), 1)).toEqual(endOf("2026-11-23"));
    expect(addWorkingDays(cst("2026-11-20 10:00"), 5)).toEqual(endOf("2026-11-27"));
  });

  it("starts from the China date: a UTC time of 17:00 is the next day in China", () => {
    // 2026-11-19T15:00Z is Thu 23:00 in China; 17:00Z is already Fri 01:00.
    expect(addWorkingDays(new Date("2026-11-19T15:00:00Z"), 3)).toEqual(endOf("2026-11-24"));
    expect(addWorkingDays(new Date("2026-11-19T17:00:00Z"), 3)).toEqual(endOf("2026-11-25"));
  });

  it("ends at 23:59:59.999 China time, which is 15:59:59.999 UTC", () => {
    expect(addWorkingDays(cst("2026-11-23 08:00"), 1).toISOString()).toBe("2026-11-24T15:59:59.999Z");
  });

  it("gives the end of the same day for n = 0", () => {
    expect(addWorkingDays(cst("2026-11-21 10:00"), 0)).toEqual(endOf("2026-11-21"));
  });

  it("crosses a year end", () => {
    // Wed 2025-12-31: 2026-01-01..03 off, Sun 01-04 调休上班.
    expect(addWorkingDays(cst("2025-12-31 10:00"), 1)).toEqual(endOf("2026-01-04"));
  });

  it.each([-1, 1.5, Number.NaN])("rejects n = %s", (n) => {
    expect(() => addWorkingDays(cst("2026-11-20 10:00"), n)).toThrow(RangeError);
  });
});

describe("addCalendarDays", () => {
  it("counts calendar days, holidays included, to the end of the last one", () => {
    expect(addCalendarDays(cst("2026-09-30 10:00"), 7)).toEqual(endOf("2026-10-07"));
    expect(addCalendarDays(cst("2026-11-21 10:00"), 30)).toEqual(endOf("2026-12-21"));
    expect(addCalendarDays(cst("2026-02-10 10:00"), 20)).toEqual(endOf("2026-03-02"));
  });

  it("starts from the China date", () => {
    expect(addCalendarDays(new Date("2026-11-20T17:00:00Z"), 1)).toEqual(endOf("2026-11-22"));
    expect(addCalendarDays(new Date("2026-11-20T15:00:00Z"), 1)).toEqual(endOf("2026-11-21"));
  });

  it("rejects a negative count", () => {
    expect(() => addCalendarDays(new Date(), -3)).toThrow(RangeError);
  });
});

describe("periodEnd: periods as the law counts them (民事诉讼法第八十五条；民法典第二百零一条、第二百零三条)", () => {
  it("民法典第二百零一条：the day of the act is not counted; the period ends at 24:00 of its last day", () => {
    // Mon 11-16 + 3: Thu 11-19, whatever the hour of the act.
    expect(periodEnd(cst("2026-11-16 10:00"), 3)).toEqual(endOf("2026-11-19"));
    expect(periodEnd(cst("2026-11-16 10:00"), 3).toISOString()).toBe("2026-11-19T15:59:59.999Z");
  });

  it("the day of the act is not counted either way: 23:59 and 00:01 two minutes later end a day apart", () => {
    expect(periodEnd(cst("2026-11-16 23:59"), 3)).toEqual(endOf("2026-11-19"));
    expect(periodEnd(cst("2026-11-17 00:01"), 3)).toEqual(endOf("2026-11-20"));
    // The same two instants in UTC: the China date decides, not the server's.
    expect(periodEnd(new Date("2026-11-16T15:59:00Z"), 3)).toEqual(endOf("2026-11-19"));
    expect(periodEnd(new Date("2026-11-16T16:01:00Z"), 3)).toEqual(endOf("2026-11-20"));
  });

  it("民事诉讼法第八十五条：期间最后一日是法定休假日的，以休假日后的第一日为届满日 — a weekend", () => {
    // Wed 11-18 + 3 is Sat 11-21: Sat and Sun are rest days, so Mon 11-23.
    expect(periodEnd(cst("2026-11-18 15:00"), 3)).toEqual(endOf("2026-11-23"));
    // Thu 10-22 + 30 is Sat 11-21: the same Monday.
    expect(periodEnd(cst("2026-10-22 09:00"), 30)).toEqual(endOf("2026-11-23"));
    // A last day that is a working day does not move.
    expect(periodEnd(cst("2026-11-20 15:00"), 3)).toEqual(endOf("2026-11-23"));
  });

  it("民事诉讼法第八十五条：a last day within the National Day holiday (10-01..07) moves to Thu 10-08", () => {
    // Tue 9-01 + 30 is Thu 10-01, the first day of the holiday; 9-07 + 30 is its last day.
    expect(periodEnd(cst("2026-09-01 10:00"), 30)).toEqual(endOf("2026-10-08"));
    expect(periodEnd(cst("2026-09-07 10:00"), 30)).toEqual(endOf("2026-10-08"));
    // Wed 9-30 + 3 is Sat 10-03, inside the holiday.
    expect(periodEnd(cst("2026-09-30 16:00"), 3)).toEqual(endOf("2026-10-08"));
    // Mon 8-31 + 30 is Wed 9-30, a working day: the holiday after it changes nothing.
    expect(periodEnd(cst("2026-08-31 10:00"), 30)).toEqual(endOf("2026-09-30"));
  });

  it("民事诉讼法第八十五条：holidays inside the period are not taken out (中秋 9-25 lies inside this one)", () => {
    expect(periodEnd(cst("2026-09-14 10:00"), 15)).toEqual(endOf("2026-09-29"));
  });

  it("a 调休 make-up day is a working day: a period ending on Sat 10-10 or Sun 9-20 ends there", () => {
    expect(periodEnd(cst("2026-09-30 10:00"), 10)).toEqual(endOf("2026-10-10"));
    expect(periodEnd(cst("2026-09-17 10:00"), 3)).toEqual(endOf("2026-09-20"));
  });

  it("the Spring Festival (2-15..23) moves a 30-day period nine days past its 30th day", () => {
    // Fri 1-16 + 30 is Sun 2-15; 2-15..23 are all rest days; Tue 2-24 is the first working day.
    expect(periodEnd(cst("2026-01-16 09:00"), 30)).toEqual(endOf("2026-02-24"));
  });

  it.each([-1, 2.5, Number.NaN])("rejects n = %s", (n) => {
    expect(() => periodEnd(cst("2026-11-20 10:00"), n)).toThrow(RangeError);
  });
});

describe("acceptDeadline: 3 working days (在线调解规则 Art 12)", () => {
  it("from a Friday, ends on Wednesday", () => {
    expect(acceptDeadline(cst("2026-11-20 15:00"))).toEqual(endOf("2026-11-25"));
  });
  it("from the eve of the golden week, ends on the make-up Saturday", () => {
    expect(acceptDeadline(cst("2026-09-30 18:00"))).toEqual(endOf("2026-10-10"));
  });
  it("from late evening UTC, counts from the China date", () => {
    expect(acceptDeadline(new Date("2026-11-20T16:30:00Z"))).toEqual(endOf("2026-11-25")); // Sat 00:30 China
  });
});

describe("mediationDeadline", () => {
  const acceptedAt = cst("2026-09-15 10:00"); // a Tuesday

  it("is 30 days by default", () => {
    const d = mediationDeadline({ category: "邻里", source: "citizen", acceptedAt });
    expect(d.deadline).toEqual(endOf("2026-10-15"));
    expect(d.rule).toContain("30日");
    expect(d.rule).toContain("《人民法院在线调解规则》第24条");
  });

  it("is 30 days for court-delegated (诉前) mediation", () => {
    const d = mediationDeadline({ category: "借贷", source: "court_delegated", acceptedAt });
    expect(d.deadline).toEqual(endOf("2026-10-15"));
    expect(d.rule).toMatch(/^法院委派（诉前）调解应当在30日内完成/);
  });

  it("is 15 days for court-entrusted (诉中) mediation, whatever the category", () => {
    for (const category of ["合同", "医疗", "劳动争议"] as const) {
      const d = mediationDeadline({ category, source: "court_entrusted", acceptedAt });
      expect(d.deadline).toEqual(endOf("2026-09-30"));
      expect(d.rule).toMatch(/^法院委托（诉中）调解应当在15日内完成/);
    }
  });

  it("is 30 working days for a medical dispute (条例 Art 38), across 中秋 and 国庆", () => {
    // From Tue 9-15: 9-16..18 (3), Sun 9-20 调休 (4), 9-21..24 (8), 9-28..30 (11),
    // 10-08..09 (13), Sat 10-10 调休 (14), 10-12..16 (19), 10-19..23 (24), 10-26..30 (29), 11-02 (30).
    const d = mediationDeadline({ category: "医疗", source: "citizen", acceptedAt });
    expect(d.deadline).toEqual(endOf("2026-11-02"));
    expect(d.rule).toContain("30个工作日");
    expect(d.rule).toContain("《医疗纠纷预防和处理条例》第38条");
  });

  it("is 15 days for a labour dispute, after which arbitration is open (Art 14)", () => {
    const d = mediationDeadline({ category: "劳动争议", source: "citizen", acceptedAt });
    expect(d.deadline).toEqual(endOf("2026-09-30"));
    expect(d.rule).toContain("《劳动争议调解仲裁法》第14条");
    expect(d.rule).toContain("申请仲裁");
  });

  it("follows the court's 30 days for a court-delegated medical case", () => {
    expect(mediationDeadline({ category: "医疗", source: "court_delegated", acceptedAt }).deadline).toEqual(endOf("2026-10-15"));
  });
});

describe("hasHolidayCalendar", () => {
  it("covers 2025 and 2026", () => {
    expect(hasHolidayCalendar(2025)).toBe(true);
    expect(hasHolidayCalendar(2026)).toBe(true);
  });
  it("knows it has nothing for years long before the data", () => {
    expect(hasHolidayCalendar(1990)).toBe(false);
  });
});
