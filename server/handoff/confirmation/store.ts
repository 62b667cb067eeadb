// Reading what 司法确认 needs: the case's applications, who signed, the courts and their judges, and
// the two legal checks (competent courts, Art 355 refusals) fed from the database. No writes here.
import { and, asc, desc, eq } from "drizzle-orm";
import { getDb } from "../../../db/client";
import { handoffs, organisations, type Agreement, type Case, type CaseParty, type Handoff } from "../../../db/schema";
import { versionOf, type Reader } from "../../agreements/store";
import { orgById, orgsOfMember, staffOf } from "../directory";
import { openApplication } from "../joint-application";
import { competentCourts, type Competence } from "./competent-courts";
import { confirmationRefusal, type Refusal } from "./refusals";

export type { Reader };
export { orgById, userName } from "../directory";
export { applicantsOf, OPEN_STATUSES } from "../joint-application";
/** A 赋强公证 application under way: the parties chose that route for this agreement. */
export { openNotarisation } from "../notarisation/store";

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
  return openApplication(caseId, "confirmation", db);
}

export function courtOrgs(db: Reader = getDb()) {
  return db
    .select({ id: organisations.id, name: organisations.name, regionCode: organisations.regionCode })
    .from(organisations)
    .where(and(eq(organisations.type, "court"), eq(organisations.active, true)))
    .orderBy(asc(organisations.regionCode))
    .all();
}

/** The judges of a court: whom its inbox notices and deadline warnings reach. */
export function judgesOf(courtId: string, db: Reader = getDb()): { id: string; name: string; phone: string }[] {
  return staffOf(courtId, ["judge"], db);
}

/** The courts whose inbox this judge reads. */
export function courtsOfJudge(user: { id: string; role: string }, db: Reader = getDb()): { id: string; name: string; regionCode: string }[] {
  if (user.role !== "judge") return [];
  return orgsOfMember(user.id, ["court"], db);
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
