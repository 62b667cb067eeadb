import { chinaYear, nextInSequence } from "../lib/sequence";
import type { Tx } from "./timeline";

/** YJF + year + 6-digit sequence per year, e.g. YJF2026000123. Call inside the filing transaction. */
export function nextCaseNo(tx: Tx, now: Date = new Date()): string {
  // China time decides the year: a case filed at 00:30 on 1 January Beijing time is next year's.
  const year = chinaYear(now);
  return `YJF${year}${String(nextInSequence(tx, `case_no_${year}`)).padStart(6, "0")}`;
}
