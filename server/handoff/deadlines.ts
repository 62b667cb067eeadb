// Every 裁 time limit, in one pure module with the clock passed in, so tests move time freely.
// Calendar days (these limits are not working days), counted from the moment of the act.
//
// - 人民调解法 Art 33 / 民事诉讼法 Art 205: apply for 司法确认 within 30 days of the agreement taking effect.
// - 最高人民法院《关于人民调解协议司法确认程序的若干规定》(法释〔2011〕5号) Art 4: the court decides within 3 days
//   whether to accept; Art 5: it rules within 15 days of accepting, extendable once by 10.
const DAY = 86_400_000;

export const CONFIRM_WINDOW_DAYS = 30;
export const COURT_ACCEPT_DAYS = 3;
export const RULING_DAYS = 15;
export const RULING_EXTENSION_DAYS = 10;
/** How long before a deadline the warning goes out. */
export const WARN_BEFORE_MS = DAY;

export function addDays(from: Date, days: number): Date {
  return new Date(from.getTime() + days * DAY);
}

/** The window for applying for 司法确认: open until 30 days after the agreement took effect. */
export function confirmationWindow(effectiveAt: Date, now: Date): { endsAt: Date; open: boolean; daysLeft: number } {
  const endsAt = addDays(effectiveAt, CONFIRM_WINDOW_DAYS);
  const left = endsAt.getTime() - now.getTime();
  return { endsAt, open: left > 0, daysLeft: Math.max(0, Math.ceil(left / DAY)) };
}

export function courtAcceptDue(submittedAt: Date): Date {
  return addDays(submittedAt, COURT_ACCEPT_DAYS);
}

export function rulingDue(acceptedAt: Date, extended: boolean): Date {
  return addDays(acceptedAt, RULING_DAYS + (extended ? RULING_EXTENSION_DAYS : 0));
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
