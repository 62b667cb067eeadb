import { sql } from "drizzle-orm";
import { counters } from "../../db/schema";
import type { Tx } from "./timeline";

/** YJF + year + 6-digit sequence per year, e.g. YJF2026000123. Call inside the filing transaction. */
export function nextCaseNo(tx: Tx, now: Date = new Date()): string {
  // China time decides the year: a case filed at 00:30 on 1 January Beijing time is next year's.
  const year = new Date(now.getTime() + 8 * 3600_000).getUTCFullYear();
  const name = `case_no_${year}`;
  const row = tx
    .insert(counters)
    .values({ name, value: 1 })
    .onConflictDoUpdate({ target: counters.name, set: { value: sql`${counters.value} + 1` } })
    .returning()
    .get();
  return `YJF${year}${String(row.value).padStart(6, "0")}`;
}
