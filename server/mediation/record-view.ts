import { eq } from "drizzle-orm";
import { getDb } from "../../db/client";
import { recordConfirmations, users } from "../../db/schema";

/** Who confirmed or disputed a session's record, with names. */
export function recordConfirmationsOf(sessionId: string) {
  return getDb()
    .select({ userId: recordConfirmations.userId, name: users.name, confirmed: recordConfirmations.confirmed, disputed: recordConfirmations.disputed, recordVersion: recordConfirmations.recordVersion, at: recordConfirmations.at })
    .from(recordConfirmations)
    .innerJoin(users, eq(users.id, recordConfirmations.userId))
    .where(eq(recordConfirmations.sessionId, sessionId))
    .all();
}
