// Every 裁 time limit, in one pure module with the clock passed in, so tests move time freely.
// Calendar days (these limits are not working days), counted the way the law counts periods
// (民事诉讼法 Art 85; 民法典 Arts 201, 203; periodEnd in server/triage/deadlines.ts): from the day after
// the act, to 24:00 China time of the last day, a last day that is a rest day moving to the end of
// the next working day.
//
// - 人民调解法 Art 33 / 民事诉讼法 Art 205: apply for 司法确认 within 30 days of the agreement taking effect.
// - 最高人民法院《关于人民调解协议司法确认程序的若干规定》(法释〔2011〕5号) Art 4: the court decides within 3 days
//   whether to accept; Art 5: it rules within 15 days of accepting, extendable once by 10.
import { periodEnd } from "../triage/deadlines";

const DAY = 86_400_000;
const CHINA_OFFSET = 8 * 3600_000;

export const CONFIRM_WINDOW_DAYS = 30;
export const COURT_ACCEPT_DAYS = 3;
export const RULING_DAYS = 15;
export const RULING_EXTENSION_DAYS = 10;
/** How long before a deadline the warning goes out. */
export const WARN_BEFORE_MS = DAY;

function addDays(from: Date, days: number): Date {
  return new Date(from.getTime() + days * DAY);
}

/** Which China calendar day `d` falls on, as a count of days (China has no daylight saving). */
function dayIndex(d: Date): number {
  return Math.floor((d.getTime() + CHINA_OFFSET) / DAY);
}

/** 00:00 China time of that day. */
function dayStart(day: number): Date {
  return new Date(day * DAY - CHINA_OFFSET);
}

/**
 * The window for applying for 司法确认: 30 days from the day after the agreement took effect, to
 * 24:00 of the 30th (or of the first working day after it, when the 30th is a rest day).
 * `daysLeft` counts the China calendar days of the window still to run, today included while the
 * window is open — the day the agreement took effect is not one of them: 30 on that day and the
 * next (more when the end moved past rest days), 1 on the last day, 0 once closed.
 */
export function confirmationWindow(effectiveAt: Date, now: Date): { endsAt: Date; open: boolean; daysLeft: number } {
  const endsAt = periodEnd(effectiveAt, CONFIRM_WINDOW_DAYS);
  const open = endsAt.getTime() - now.getTime() > 0;
  const firstCounted = Math.max(dayIndex(now), dayIndex(effectiveAt) + 1);
  return { endsAt, open, daysLeft: open ? dayIndex(endsAt) - firstCounted + 1 : 0 };
}

/**
 * For SQL on agreements.effectiveAt: agreements that took effect before the instant returned have
 * 司法确认 windows ending before `t`; those that took effect at or after it, at or after `t`. The
 * end depends only on the China date the agreement took effect and never moves back for a later
 * date, so one cut-off exists; around a long holiday it lies well over 30 days before `t`, since
 * the windows of many days end on the same working day after it.
 */
export function windowCutoff(t: Date): Date {
  const ends = (day: number) => periodEnd(dayStart(day), CONFIRM_WINDOW_DAYS).getTime();
  // The window of the day 30 days before t's own ends at 24:00 of t's day or later: not before t.
  let day = dayIndex(t) - CONFIRM_WINDOW_DAYS;
  while (ends(day - 1) >= t.getTime()) day--;
  return dayStart(day);
}

/** When the court must have decided whether to accept: 3 days from the application reaching it. */
export function courtAcceptDue(submittedAt: Date): Date {
  return periodEnd(submittedAt, COURT_ACCEPT_DAYS);
}

/**
 * When the court must rule: 15 days from acceptance; once extended, 25. Art 5 lengthens the period
 * itself by 10 days (the 15-day period never expired, so its own end is not moved over rest days
 * first): only the 25th day moves if it is a rest day. The extended end is never earlier than the
 * 15-day one, however far rest days pushed that.
 */
export function rulingDue(acceptedAt: Date, extended: boolean): Date {
  return periodEnd(acceptedAt, RULING_DAYS + (extended ? RULING_EXTENSION_DAYS : 0));
}

/** YYYY-MM-DD in China, whatever the server's zone. */
export function chinaDate(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export type InstalmentState = "paid" | "due" | "overdue";

/** An instalment is overdue from the day after its due date (China time) until it is paid. */
export function instalmentState(dueDate: string, paidAt: Date | null, now: Date): InstalmentState {
  if (paidAt) return "paid";
  return chinaDate(now) > dueDate ? "overdue" : "due";
}

/** Whole days from today (China) to a YYYY-MM-DD date; negative once it has passed. */
export function daysUntil(date: string, now: Date): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${chinaDate(now)}T00:00:00Z`)) / DAY);
}

/** 履行: the payer is reminded this many days before an instalment falls due (local practice). */
export const INSTALMENT_REMIND_DAYS = 3;

/** The last due date (YYYY-MM-DD, China) whose reminder goes out today: today + 3 days. */
export function reminderHorizon(now: Date): string {
  return chinaDate(addDays(now, INSTALMENT_REMIND_DAYS));
}

/** Unpaid and due within the next 3 days (today included): time for the one reminder. */
export function instalmentNeedsReminder(dueDate: string, paidAt: Date | null, now: Date): boolean {
  return !paidAt && dueDate >= chinaDate(now) && dueDate <= reminderHorizon(now);
}

/** How a court deadline stands now: fine, within a day (WARN_BEFORE_MS), or passed. */
export function deadlineTone(due: Date, now: Date): "ok" | "near" | "passed" {
  const left = due.getTime() - now.getTime();
  return left <= 0 ? "passed" : left <= WARN_BEFORE_MS ? "near" : "ok";
}

/**
 * The warning due now for a deadline, given when the last one went out (one column serves all of a
 * handoff's deadlines): "near" once within a day of it, "passed" once it has passed, each once.
 * A warning sent for an earlier, shorter deadline does not count for a later or extended one.
 */
export function deadlineWarning(due: Date, warnedAt: Date | null, now: Date): "near" | "passed" | null {
  const tone = deadlineTone(due, now);
  if (tone === "passed") return warnedAt && warnedAt.getTime() >= due.getTime() ? null : "passed";
  if (tone === "near") return warnedAt && warnedAt.getTime() >= due.getTime() - WARN_BEFORE_MS ? null : "near";
  return null;
}
