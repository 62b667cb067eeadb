// Reading agreements: the row, its current version, live signatures. No writes here.
import { and, asc, desc, eq, isNull, ne } from "drizzle-orm";
import { getDb } from "../../db/client";
import {
  agreementComments,
  agreements,
  agreementScans,
  agreementSignatures,
  agreementVersions,
  users,
  type Agreement,
  type AgreementSignature,
  type AgreementVersion,
} from "../../db/schema";
/** The database or a transaction: reads inside a transaction see its own writes. */
export type Reader = Pick<ReturnType<typeof getDb>, "select">;

/** The case's live agreement (not one set aside when the parties mediated again). */
export function agreementOfCase(caseId: string, db: Reader = getDb()): Agreement | undefined {
  return db
    .select()
    .from(agreements)
    .where(and(eq(agreements.caseId, caseId), ne(agreements.status, "superseded")))
    .get();
}

export function versionOf(agreementId: string, version: number, db: Reader = getDb()): AgreementVersion | undefined {
  return db
    .select()
    .from(agreementVersions)
    .where(and(eq(agreementVersions.agreementId, agreementId), eq(agreementVersions.version, version)))
    .get();
}

export function versionList(agreementId: string) {
  return getDb()
    .select({ version: agreementVersions.version, createdAt: agreementVersions.createdAt, note: agreementVersions.note, contentSha256: agreementVersions.contentSha256, author: users.name })
    .from(agreementVersions)
    .innerJoin(users, eq(users.id, agreementVersions.authorId))
    .where(eq(agreementVersions.agreementId, agreementId))
    .orderBy(desc(agreementVersions.version))
    .all();
}

/** Signatures that still count (not voided by a later version). */
export function liveSignatures(agreementId: string, db: Reader = getDb()): AgreementSignature[] {
  return db
    .select()
    .from(agreementSignatures)
    .where(and(eq(agreementSignatures.agreementId, agreementId), isNull(agreementSignatures.voidedAt)))
    .orderBy(asc(agreementSignatures.signedAt))
    .all();
}

export function voidedSignatures(agreementId: string) {
  return getDb()
    .select({ name: agreementSignatures.name, roleLabel: agreementSignatures.roleLabel, version: agreementSignatures.version, voidedAt: agreementSignatures.voidedAt, voidReason: agreementSignatures.voidReason })
    .from(agreementSignatures)
    .where(eq(agreementSignatures.agreementId, agreementId))
    .orderBy(desc(agreementSignatures.signedAt))
    .all()
    .filter((s) => s.voidedAt);
}

export function commentsOf(agreementId: string) {
  return getDb().select().from(agreementComments).where(eq(agreementComments.agreementId, agreementId)).orderBy(asc(agreementComments.id)).all();
}

export function scansOf(agreementId: string, version: number) {
  return getDb()
    .select()
    .from(agreementScans)
    .where(and(eq(agreementScans.agreementId, agreementId), eq(agreementScans.version, version)))
    .orderBy(asc(agreementScans.page))
    .all();
}
