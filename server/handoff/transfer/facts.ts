// What the competence rules need from the database: the bodies that receive cases and the case's
// own facts. Reads only.
import { and, desc, eq, inArray } from "drizzle-orm";
import { getDb } from "../../../db/client";
import { handoffs, organisations, type Case, type CaseParty, type Handoff } from "../../../db/schema";
import { actsFor } from "../parties";
import type { BodyOrg, Side, TransferFacts } from "./competence";

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

/**
 * The side that goes on when `userId` sends the case: the side they act for (as the party or the
 * party's agent). Anyone else allowed to send it — the mediator — carries on the applicant's
 * claims, the 请求事项 the file goes with, so the applicant is the plaintiff and the respondent
 * the defendant, as the case was filed. Someone acting on both sides (not a real case) counts as
 * the applicant, for the same reason.
 */
export function suingSide(parties: CaseParty[], userId: string): Side {
  const mine = parties.filter((p) => actsFor(p, userId));
  return mine.length > 0 && mine.every((p) => p.side === "respondent") ? "respondent" : "applicant";
}

export function transferFacts(row: Case, parties: CaseParty[], arbitrationAgreement: boolean, plaintiff: Side): TransferFacts {
  return {
    category: row.category,
    disputeRegion: row.regionCode,
    parties: parties.map((p) => ({ side: p.side, kind: p.kind, regionCode: p.regionCode })),
    plaintiff,
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
