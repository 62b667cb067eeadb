// The bodies cases are handed to and the people in them, as the handoff code looks them up: an
// organisation, a user's name, an office's staff (whom its notices reach), a member's offices
// (whose inbox they read). Reads only.
import { and, eq, inArray } from "drizzle-orm";
import { getDb } from "../../db/client";
import { memberships, organisations, users, type Organisation, type User } from "../../db/schema";

export type Reader = Pick<ReturnType<typeof getDb>, "select">;

export function orgById(id: string, db: Reader = getDb()): Organisation | undefined {
  return db.select().from(organisations).where(eq(organisations.id, id)).get();
}

export function userName(id: string | null, db: Reader = getDb()): string | null {
  return id ? (db.select({ name: users.name }).from(users).where(eq(users.id, id)).get()?.name ?? null) : null;
}

/** The active users with one of these roles who are active members of the organisation. */
export function staffOf(orgId: string, roles: User["role"][], db: Reader = getDb()): { id: string; name: string; phone: string }[] {
  return db
    .select({ id: users.id, name: users.name, phone: users.phone })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), eq(memberships.active, true), eq(users.active, true), inArray(users.role, roles)))
    .all();
}

/** The organisations of these types of which the user is an active member. */
export function orgsOfMember(userId: string, types: Organisation["type"][], db: Reader = getDb()): { id: string; name: string; type: string; regionCode: string }[] {
  return db
    .select({ id: organisations.id, name: organisations.name, type: organisations.type, regionCode: organisations.regionCode })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.orgId))
    .where(and(eq(memberships.userId, userId), eq(memberships.active, true), inArray(organisations.type, types)))
    .all();
}
