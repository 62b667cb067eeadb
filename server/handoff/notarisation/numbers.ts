// Numbers printed on a notarial document (its 公证书 number and its verification key) must be on
// the PDF before the state change commits, and PDF sealing is asynchronous while a SQLite
// transaction is not. So: peek at the next numbers, render and seal with them, then claim them
// inside the transaction; if someone took them meanwhile, the transaction is refused and nothing
// is written, so the sequence never has a gap (ADR 014).
import { eq } from "drizzle-orm";
import { getDb } from "../../../db/client";
import { counters } from "../../../db/schema";
import type { Tx } from "../../cases/timeline";
import { AppError } from "../../lib/errors";
import { nextInSequence } from "../../lib/sequence";

export function peekNext(name: string): number {
  return (getDb().select({ value: counters.value }).from(counters).where(eq(counters.name, name)).get()?.value ?? 0) + 1;
}

export function claimNext(tx: Tx, name: string, expected: number): void {
  if (nextInSequence(tx, name) !== expected) throw new AppError("CONFLICT", "文书编号刚刚被占用，请重新提交");
}
