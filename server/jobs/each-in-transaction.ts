// The shape every timer's batch takes: one item at a time, each in its own transaction, so one
// failure neither holds up nor undoes the rest; notifications are written with the change, SMS and
// socket announcements go out only after it committed (Effects); an error is counted in the
// sweep's report and logged, never thrown. The item's step re-checks its condition inside the
// transaction (a conditional update on a "done at" column) and says whether it did anything.
import { getDb } from "../../db/client";
import { Effects } from "../cases/effects";
import type { Tx } from "../cases/timeline";

export type ErrorCount = { errors: number };

/**
 * Lets the event loop serve waiting requests and socket messages between two items: the database
 * calls are synchronous, and a batch of 500 items run back to back held every page for seconds.
 */
export function yieldToRequests(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Runs `step` for each item in its own transaction; returns how many steps did something. */
export async function eachInTransaction<T>(items: readonly T[], report: ErrorCount, label: string, step: (tx: Tx, fx: Effects, item: T) => boolean): Promise<number> {
  let done = 0;
  for (const item of items) {
    try {
      const fx = new Effects();
      const did = getDb().transaction((tx) => {
        const r = step(tx, fx, item);
        fx.write(tx);
        return r;
      });
      if (did) done++; // committed: counted even if an SMS fails below
      await fx.flush();
    } catch (e) {
      report.errors++;
      console.error(label, e);
    }
    await yieldToRequests();
  }
  return done;
}
