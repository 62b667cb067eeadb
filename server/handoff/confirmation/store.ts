// Reading what 司法确认 needs: the case's applications, who signed, the courts and their judges, and
// the two legal checks (competent courts, Art 355 refusals) fed from the database. No writes here.
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { getDb } from "../../../db/client";
import { handoffApplicants, handoffs, memberships, organisations, users, type Agreement, type Case, type CaseParty, type Handoff } from "../../../db/schema";
import { versionOf, type Reader } from "../../agreements/store";
import { competentCourts, type Competence } from "./competent-courts";
import { confirmationRefusal, type Refusal } from "./refusals";

export type { Reader };

/** Statuses in which an application is still under way (with the parties or the court). */
export const OPEN_STATUSES = ["applying", "submitted", "accepted"] as const;

export function confirmationById(id: string, db: Reader = getDb()): Handoff | undefined {
  return db
    .select()
    .from(handoffs)
    .where(and(eq(handoffs.id, id), eq(handoffs.kind, "confirmation")))
    .get();
}

/** Every application of the case, newest first. */
export function confirmationsOfCase(caseId: string, db: Reader = getDb()): Handoff[] {
  return db
    .select()
    .from(handoffs)
    .where(and(eq(handoffs.caseId, caseId), eq(handoffs.kind, "confirmation")))
    .orderBy(desc(handoffs.createdAt))
    .all();
}

export function openConfirmation(caseId: string, db: Reader = getDb()): Handoff | undefined {
  return db
    .select()
    .from(handoffs)
    .where(and(eq(handoffs.caseId, caseId), eq(handoffs.kind, "confirmation"), inArray(handoffs.status, [...OPEN_STATUSES])))
    .get();
}

/** A 赋强公证 application under way: the parties chose that route for this agreement. */
export function openNotarisation(caseId: string, db: Reader = getDb()): Handoff | undefined {
  return db
    .select()
    .from(handoffs)
    .where(and(eq(handoffs.caseId, caseId), eq(handoffs.kind, "notarisation"), inArray(handoffs.status, [...OPEN_STATUSES])))
    .get();
}

export function applicantsOf(handoffId: string, db: Reader = getDb()) {
  return db.select().from(handoffApplicants).where(eq(handoffApplicants.handoffId, handoffId)).orderBy(asc(handoffApplicants.signedAt)).all();
}

export function courtOrgs(db: Reader = getDb()) {
  return db
    .select({ id: organisations.id, name: organisations.name, regionCode: organisations.regionCode })
    .from(organisations)
    .where(and(eq(organisations.type, "court"), eq(organisations.active, true)))
    .orderBy(asc(organisations.regionCode))
    .all();
}

export function orgById(id: string, db: Reader = getDb()) {
  return db.select().from(organisations).where(eq(organisations.id, id)).get();
}

export function userName(id: string | null, db: Reader = getDb()): string | null {
  return id ? (db.select({ name: users.name }).from(users).where(eq(users.id, id)).get()?.name ?? null) : null;
}

/** The judges of a court: whom its inbox notices and deadline warnings reach. */
export function judgesOf(courtId: string, db: Reader = getDb()): { id: string; name: string; phone: string }[] {
  return db
    .select({ id: users.id, name: users.name, phone: users.phone })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, courtId), eq(memberships.active, true), eq(users.role, "judge"), eq(users.active, true)))
    .all();
}

/** The courts whose inbox this judge reads. */
export function courtsOfJudge(user: { id: string; role: string }, db: Reader = getDb()): { id: string; name: string; regionCode: string }[] {
  if (user.role !== "judge") return [];
  return db
    .select({ id: organisations.id, name: organisations.name, regionCode: organisations.regionCode })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.orgId))
    .where(and(eq(memberships.userId, user.id), eq(memberships.active, true), eq(organisations.type, "court")))
    .all();
}

/** Everyone who acts for a party: the party's own account and their agent. */
export function partyUserIds(parties: Pick<CaseParty, "userId" | "agentUserId">[]): string[] {
  return [...new Set(parties.flatMap((p) => [p.userId, p.agentUserId]).filter((x): x is string => !!x))];
}

/** The parties this user signs the application for (as the party, or as their agent). */
export function partiesSignedBy(parties: CaseParty[], userId: string): CaseParty[] {
  return parties.filter((p) => p.userId === userId || p.agentUserId === userId);
}

export function competenceFor(row: Case, parties: CaseParty[], db: Reader = getDb()): Competence {
  const org = row.orgId ? orgById(row.orgId, db) : undefined;
  return competentCourts({
    source: row.source,
    courtId: row.courtId,
    org: org ? { name: org.name, type: org.type, regionCode: org.regionCode, parentId: org.parentId } : null,
    // Applicants first, as the parties are named everywhere else.
    parties: [...parties].sort((a, b) => (a.side === b.side ? 0 : a.side === "applicant" ? -1 : 1)).map((p) => ({ name: p.name, regionCode: p.regionCode })),
    disputeRegion: row.regionCode,
    courts: courtOrgs(db),
  });
}

export function refusalFor(row: Case, agreement: Agreement, db: Reader = getDb()): Refusal | null {
  const content = versionOf(agreement.id, agreement.currentVersion, db)?.content;
  if (!content) return null;
  return confirmationRefusal({ category: row.category, personalStatus: content.personalStatus, terms: content.terms, other: content.other });
}
