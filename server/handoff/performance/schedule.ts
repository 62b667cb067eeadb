// 履行: the payment schedule of an effective agreement. Written in the transaction that makes the
// agreement effective, so an effective agreement with a payment always has its instalments.
import { and, asc, eq } from "drizzle-orm";
import { getDb } from "../../../db/client";
import { instalments, users, type Agreement, type Instalment } from "../../../db/schema";
import type { AgreementContent } from "../../../app/lib/agreement-schema";
import type { Tx } from "../../cases/timeline";
import { createId } from "../../lib/ids";
import { instalmentState, type InstalmentState } from "../deadlines";

type Reader = Pick<ReturnType<typeof getDb>, "select">;

/** One row per instalment of the agreement's payment; nothing for an agreement without one. */
export function createInstalments(tx: Tx, agreement: Pick<Agreement, "id" | "caseId">, content: AgreementContent): number {
  const p = content.payment;
  if (!p) return 0;
  const rows = p.instalments.map((x, i) => ({
    id: createId(),
    caseId: agreement.caseId,
    agreementId: agreement.id,
    seq: i + 1,
    dueDate: x.dueDate,
    amountFen: x.amountFen,
    payerPartyId: p.payerPartyId,
    payeePartyId: p.payeePartyId,
  }));
  // A schedule is written once: a second call for the same agreement changes nothing.
  tx.insert(instalments).values(rows).onConflictDoNothing().run();
  return rows.length;
}

export type ScheduleLine = Instalment & { state: InstalmentState; confirmedByName: string | null };

/** The schedule of an agreement, in order, each instalment with its state at `now`. */
export function scheduleOf(agreementId: string, now: Date, db: Reader = getDb()): ScheduleLine[] {
  return db
    .select({ i: instalments, confirmedByName: users.name })
    .from(instalments)
    .leftJoin(users, eq(users.id, instalments.confirmedById))
    .where(eq(instalments.agreementId, agreementId))
    .orderBy(asc(instalments.seq))
    .all()
    .map(({ i, confirmedByName }) => ({ ...i, confirmedByName, state: instalmentState(i.dueDate, i.paidAt, now) }));
}

/** A default: any instalment unpaid after its due date. */
export function hasDefault(agreementId: string, now: Date, db: Reader = getDb()): boolean {
  return scheduleOf(agreementId, now, db).some((l) => l.state === "overdue");
}

export function instalmentOf(agreementId: string, instalmentId: string, db: Reader = getDb()): Instalment | undefined {
  return db
    .select()
    .from(instalments)
    .where(and(eq(instalments.agreementId, agreementId), eq(instalments.id, instalmentId)))
    .get();
}
