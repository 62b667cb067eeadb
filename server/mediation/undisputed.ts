// The undisputed facts that travel with a failed case (在线调解规则 Art 22): the latest session record
// that every party who answered confirmed, with who confirmed it. A record with any objection, or
// with no answer at all, is not undisputed. The agreement draft starts from them too (server/agreements/page.ts).
import { and, asc, desc, eq } from "drizzle-orm";
import { getDb } from "../../db/client";
import { mediationSessions, recordConfirmations, users } from "../../db/schema";

export type UndisputedFacts = { sessionId: string; endedAt: Date | null; text: string; confirmedBy: { name: string; at: Date }[] };

export function undisputedFacts(caseId: string): UndisputedFacts | null {
  const db = getDb();
  const ended = db
    .select({ id: mediationSessions.id, record: mediationSessions.record, recordVersion: mediationSessions.recordVersion, endedAt: mediationSessions.endedAt })
    .from(mediationSessions)
    .where(and(eq(mediationSessions.caseId, caseId), eq(mediationSessions.status, "ended")))
    .orderBy(desc(mediationSessions.endedAt))
    .all();
  for (const s of ended) {
    if (!s.record.trim()) continue;
    const answers = db
      .select({ confirmed: recordConfirmations.confirmed, at: recordConfirmations.at, name: users.name })
      .from(recordConfirmations)
      .innerJoin(users, eq(users.id, recordConfirmations.userId))
      .where(and(eq(recordConfirmations.sessionId, s.id), eq(recordConfirmations.recordVersion, s.recordVersion)))
      .orderBy(asc(recordConfirmations.at))
      .all();
    if (answers.length > 0 && answers.every((a) => a.confirmed))
      return { sessionId: s.id, endedAt: s.endedAt, text: s.record.trim(), confirmedBy: answers.map((a) => ({ name: a.name, at: a.at })) };
  }
  return null;
}
