// Time limits in China time (UTC+8, no daylight saving) on the official holiday calendar,
// 调休 make-up working days included. Pure apart from the calendar data bundled in chinese-days.
import chineseDays from "chinese-days";
import type { Category } from "../../app/lib/categories";
import type { CaseSource } from "../../app/lib/case-enums";

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

type YMD = { y: number; m: number; d: number };

/** The calendar date in China at instant `d`. */
export function chinaDate(d: Date): YMD {
  const t = new Date(d.getTime() + CHINA_OFFSET_MS);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

function shift({ y, m, d }: YMD, days: number): YMD {
  const t = new Date(Date.UTC(y, m - 1, d) + days * DAY_MS);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** 23:59:59.999 China time on that date. */
function endOfDay({ y, m, d }: YMD): Date {
  return new Date(Date.UTC(y, m - 1, d + 1) - CHINA_OFFSET_MS - 1);
}

function isWorkingDate({ y, m, d }: YMD): boolean {
  // chinese-days reads dates with the process's local-time getters (and parses "YYYY-MM-DD"
  // strings as UTC), so hand it local noon of the China date: right in every server time zone.
  return chineseDays.isWorkday(new Date(y, m - 1, d, 12));
}

/** Whether `d` falls on a working day in China (weekends and public holidays off, 调休 days on). */
export function isWorkingDay(d: Date): boolean {
  return isWorkingDate(chinaDate(d));
}

function checkCount(n: number) {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`天数须为非负整数：${n}`);
}

/**
 * The end of the n-th working day after `from`'s China date; the day of `from` itself does not
 * count (the usual rule for periods, 民事诉讼法 Art 85). n = 0 gives the end of that same day.
 */
export function addWorkingDays(from: Date, n: number): Date {
  checkCount(n);
  let day = chinaDate(from);
  for (let left = n; left > 0; ) {
    day = shift(day, 1);
    if (isWorkingDate(day)) left--;
  }
  return endOfDay(day);
}

/** The end of the n-th calendar day after `from`'s China date. */
export function addCalendarDays(from: Date, n: number): Date {
  checkCount(n);
  return endOfDay(shift(chinaDate(from), n));
}

/**
 * The end of a period of n days begun by an act at `from`, as the law counts it (民事诉讼法 Art 85;
 * 民法典 Arts 201, 203): the day of the act is not counted, the period ends at 24:00 China time of
 * its n-th day, and when that day is a rest day (weekend or public holiday; a 调休 make-up day is
 * a working day) at 24:00 of the first working day after it.
 */
export function periodEnd(from: Date, n: number): Date {
  checkCount(n);
  let last = shift(chinaDate(from), n);
  while (!isWorkingDate(last)) last = shift(last, 1);
  return endOfDay(last);
}

/**
 * Whether the bundled calendar has the State Council's holiday arrangement for `year`. Beyond
 * it, weekends are still skipped but holidays are not known; update chinese-days each winter
 * when the next year's arrangement is published.
 */
export function hasHolidayCalendar(year: number): boolean {
  for (let m = 0; m < 12; m++)
    for (let d = 1; d <= 31; d++) {
      const date = new Date(year, m, d, 12);
      if (date.getMonth() !== m) break;
      const weekday = date.getDay() >= 1 && date.getDay() <= 5;
      if (weekday !== chineseDays.isWorkday(date)) return true;
    }
  return false;
}

export type DeadlineRule = { deadline: Date; rule: string };

/**
 * When mediation must end, counted from the mediator's acceptance. Court-linked cases follow the
 * court's limits whatever the category; otherwise medical and labour disputes have their own.
 */
export function mediationDeadline(input: { category: Category; source: CaseSource; acceptedAt: Date }): DeadlineRule {
  const { category, source, acceptedAt } = input;
  if (source === "court_entrusted")
    return {
      deadline: addCalendarDays(acceptedAt, 15),
      rule: "法院委托（诉中）调解应当在15日内完成，经各方当事人同意可以延长（《人民法院在线调解规则》第24条）",
    };
  if (source === "court_delegated")
    return {
      deadline: addCalendarDays(acceptedAt, 30),
      rule: "法院委派（诉前）调解应当在30日内完成，经各方当事人同意可以延长（《人民法院在线调解规则》第24条）",
    };
  if (category === "医疗")
    return {
      deadline: addWorkingDays(acceptedAt, 30),
      rule: "医疗纠纷调解应当自受理之日起30个工作日内完成，需要鉴定的，鉴定时间不计入调解期限（《医疗纠纷预防和处理条例》第38条）",
    };
  if (category === "劳动争议")
    return {
      deadline: addCalendarDays(acceptedAt, 15),
      rule: "劳动争议调解15日内未达成调解协议的，当事人可以依法申请仲裁（《劳动争议调解仲裁法》第14条）",
    };
  return {
    deadline: addCalendarDays(acceptedAt, 30),
    rule: "调解一般应当在30日内完成，经各方当事人同意可以延长（参照《人民法院在线调解规则》第24条）",
  };
}

/** A mediator must accept or decline within 3 working days, or the case is reassigned (在线调解规则 Art 12). */
export function acceptDeadline(assignedAt: Date): Date {
  return addWorkingDays(assignedAt, 3);
}
