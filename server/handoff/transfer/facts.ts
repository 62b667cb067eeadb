// What the competence rules need from the database: the bodies that receive cases and the case's
// own facts. Reads only.
import { and, desc, eq, inArray } from "drizzle-orm";
import { getDb } from "../../../db/client";
import { handoffs, organisations, type Case, type CaseParty, type Handoff } from "../../../db/schema";
import type { BodyOrg, TransferFacts } from "./competence";

type Reader = Pick<ReturnType<typeof getDb>, "select">;

export const TRANSFER_KINDS = ["arbitration", "litigation"] as const;

/**
 * Every organisation, active or not: the rules pick the courts and commissions, and say why any
 * other choice (a notary office, an inactive court) is refused. A few dozen rows.
 */
export function receivingBodies(db: Reader = getDb()): BodyOrg[] {
  return db
    .select({ id: organisations.id, name: organisations.name, type: organisations.type, regionCode: organisations.regionCode, sector: organisations.sector, active: organisations.active })
    .from(organisations)
    .orderBy(organisations.name)
    .all();
}

export function transferFacts(row: Case, parties: CaseParty[], arbitrationAgreement: boolean): TransferFacts {
  return {
    category: row.category,
    disputeRegion: row.regionCode,
    parties: parties.map((p) => ({ side: p.side, kind: p.kind, regionCode: p.regionCode })),
    arbitrationAgreement,
    source: row.source,
    courtId: row.courtId,
  };
}

/** The case's transfer after failure (there is at most one: a transferred case cannot be sent again). */
export function transferOfCase(caseId: string, db: Reader = getDb()): Handoff | undefined {
  return db
    .select()
    .from(handoffs)
    .where(and(eq(handoffs.caseId, caseId), inArray(handoffs.kind, [...TRANSFER_KINDS])))
    .orderBy(desc(handoffs.createdAt))
    .get();
}
