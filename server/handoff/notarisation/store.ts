// Reading 赋强公证 applications: the case's latest one, its signed parts, the offices one may
// choose, the notaries of an office. No writes here.
import { and, asc, desc, eq } from "drizzle-orm";
import { getDb } from "../../../db/client";
import { handoffs, organisations, type Handoff } from "../../../db/schema";
import type { AgreementContent } from "../../../app/lib/agreement-schema";
import { agreementOfCase, versionOf } from "../../agreements/store";
import { AppError } from "../../lib/errors";
import { orgsOfMember, staffOf, type Reader } from "../directory";
import { openApplication } from "../joint-application";

export type { Reader };
export { orgById, userName } from "../directory";
export { applicantsOf } from "../joint-application";

export function latestNotarisation(caseId: string, db: Reader = getDb()): Handoff | undefined {
  return db
    .select()
    .from(handoffs)
    .where(and(eq(handoffs.caseId, caseId), eq(handoffs.kind, "notarisation")))
    .orderBy(desc(handoffs.createdAt))
    .get();
}

/** Waiting for signatures, or with the notary: a second application cannot start meanwhile. */
export function openNotarisation(caseId: string, db: Reader = getDb()): Handoff | undefined {
  return openApplication(caseId, "notarisation", db);
}

/** The application on which the notary issued the 公证书. */
export function issuedNotarisation(caseId: string, db: Reader = getDb()): Handoff | undefined {
  return db
    .select()
    .from(handoffs)
    .where(and(eq(handoffs.caseId, caseId), eq(handoffs.kind, "notarisation"), eq(handoffs.status, "decided"), eq(handoffs.outcome, "issued")))
    .get();
}

export function handoffById(id: string, db: Reader = getDb()): Handoff | undefined {
  return db.select().from(handoffs).where(eq(handoffs.id, id)).get();
}

export function notaryOffices(db: Reader = getDb()) {
  return db
    .select({ id: organisations.id, name: organisations.name, address: organisations.address, phone: organisations.phone, regionCode: organisations.regionCode })
    .from(organisations)
    .where(and(eq(organisations.type, "notary_office"), eq(organisations.active, true)))
    .orderBy(asc(organisations.name))
    .all();
}

/** The 公证员 of an office, to be told about new applications and requests. */
export function notariesOf(orgId: string, db: Reader = getDb()): string[] {
  return staffOf(orgId, ["notary"], db).map((u) => u.id);
}

/** The offices in which this user works as a notary. */
export function officesOfNotary(userId: string, db: Reader = getDb()): string[] {
  return orgsOfMember(userId, ["notary_office"], db).map((o) => o.id);
}

/** The case's effective agreement and the content its parties signed, or a clear refusal. */
export function effectiveAgreement(caseId: string, db: Reader = getDb()) {
  const agreement = agreementOfCase(caseId, db);
  if (!agreement || agreement.status !== "effective") throw new AppError("CONFLICT", "调解协议尚未生效");
  const content: AgreementContent = versionOf(agreement.id, agreement.currentVersion, db)!.content;
  return { agreement, content };
}
