// Numbers that run per year (case numbers, agreement, 调确字, 公证书 and 执行证书 numbers): the year is the
// year in China, and each sequence is a row of the counters table, taken inside the transaction
// that uses the number so that no number is given twice.
import { sql } from "drizzle-orm";
import { counters } from "../../db/schema";
import type { Tx } from "../cases/timeline";

/** The year in China, which is the year a number belongs to. */
export function chinaYear(now: Date): number {
  return new Date(now.getTime() + 8 * 3600_000).getUTCFullYear();
}

/** Takes the next number of the sequence `name` (1 for a new one). */
export function nextInSequence(tx: Tx, name: string): number {
  return tx
    .insert(counters)
    .values({ name, value: 1 })
    .onConflictDoUpdate({ target: counters.name, set: { value: sql`${counters.value} + 1` } })
    .returning()
    .get().value;
}
