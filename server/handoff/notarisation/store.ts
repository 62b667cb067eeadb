// Reading 赋强公证 applications: the case's latest one, its signed parts, the offices one may
// choose, the notaries of an office. No writes here.
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { getDb } from "../../../db/client";
import { handoffApplicants, handoffs, memberships, organisations, users, type Handoff } from "../../../db/schema";
import type { AgreementContent } from "../../../app/lib/agreement-schema";
import { agreementOfCase, versionOf } from "../../agreements/store";
import { AppError } from "../../lib/errors";

export type Reader = Pick<ReturnType<typeof getDb>, "select">;

/** Waiting for signatures, or with the notary: a second application cannot start meanwhile. */
export const OPEN_STATUSES = ["applying", "submitted", "accepted"] as const;

export function latestNotarisation(caseId: string, db: Reader = getDb()): Handoff | undefined {
  return db
    .select()
    .from(handoffs)
    .where(and(eq(handoffs.caseId, caseId), eq(handoffs.kind, "notarisation")))
    .orderBy(desc(handoffs.createdAt))
    .get();
}

export function openNotarisation(caseId: string, db: Reader = getDb()): Handoff | undefined {
  return db
    .select()
    .from(handoffs)
    .where(and(eq(handoffs.caseId, caseId), eq(handoffs.kind, "notarisation"), inArray(handoffs.status, [...OPEN_STATUSES])))
    .get();
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

export function applicantsOf(handoffId: string, db: Reader = getDb()) {
  return db.select().from(handoffApplicants).where(eq(handoffApplicants.handoffId, handoffId)).orderBy(asc(handoffApplicants.signedAt)).all();
}

export function notaryOffices(db: Reader = getDb()) {
  return db
    .select({ id: organisations.id, name: organisations.name, address: organisations.address, phone: organisations.phone, regionCode: organisations.regionCode })
    .from(organisations)
    .where(and(eq(organisations.type, "notary_office"), eq(organisations.active, true)))
    .orderBy(asc(organisations.name))
    .all();
}

export function orgById(id: string, db: Reader = getDb()) {
  return db.select().from(organisations).where(eq(organisations.id, id)).get();
}

/** The 公证员 of an office, to be told about new applications and requests. */
export function notariesOf(orgId: string, db: Reader = getDb()): string[] {
  return db
    .select({ id: users.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), eq(memberships.active, true), eq(users.role, "notary"), eq(users.active, true)))
    .all()
    .map((u) => u.id);
}

/** The offices in which this user works as a notary. */
export function officesOfNotary(userId: string, db: Reader = getDb()): string[] {
  return db
    .select({ orgId: memberships.orgId })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.orgId))
    .where(and(eq(memberships.userId, userId), eq(memberships.active, true), eq(organisations.type, "notary_office")))
    .all()
    .map((m) => m.orgId);
}

/** The case's effective agreement and the content its parties signed, or a clear refusal. */
export function effectiveAgreement(caseId: string, db: Reader = getDb()) {
  const agreement = agreementOfCase(caseId, db);
  if (!agreement || agreement.status !== "effective") throw new AppError("CONFLICT", "调解协议尚未生效");
  const content: AgreementContent = versionOf(agreement.id, agreement.currentVersion, db)!.content;
  return { agreement, content };
}

export function userName(id: string | null, db: Reader = getDb()): string | null {
  return id ? (db.select({ name: users.name }).from(users).where(eq(users.id, id)).get()?.name ?? null) : null;
}
