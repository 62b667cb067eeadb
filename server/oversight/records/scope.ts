// Who may read mediator records, and which part. Decided here, on the server, for every page and
// loader: an organisation's heads (memberships.role = "head", mediator accounts like the org_staff
// case role in server/cases/access.ts) read the records of their organisations' mediators with
// every rating; the platform admin reads all; a mediator reads only their own record, aggregated.
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { getDb } from "../../../db/client";
import { cases, memberships, organisations, users } from "../../../db/schema";
import type { SessionUser } from "../../auth/session";
import { AppError } from "../../lib/errors";
import { MEDIATION_ORG_TYPES } from "../../../app/lib/roles";


export type Org = { id: string; name: string };

export type Viewer =
  | { kind: "admin"; user: SessionUser }
  | { kind: "head"; user: SessionUser; orgs: Org[] }
  | { kind: "mediator"; user: SessionUser };

/** The mediation organisations `userId` heads (active membership, active organisation). */
export function headedOrgs(userId: string): Org[] {
  return getDb()
    .select({ id: organisations.id, name: organisations.name })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.orgId))
    .where(
      and(
        eq(memberships.userId, userId),
        eq(memberships.active, true),
        eq(memberships.role, "head"),
        eq(organisations.active, true),
        inArray(organisations.type, [...MEDIATION_ORG_TYPES]),
      ),
    )
    .orderBy(asc(organisations.name))
    .all();
}

/** The heads of an organisation who should hear about its ratings. */
export function headsOf(orgId: string): string[] {
  return getDb()
    .select({ id: users.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), eq(memberships.active, true), eq(memberships.role, "head"), eq(users.role, "mediator"), eq(users.active, true)))
    .all()
    .map((u) => u.id);
}

/** Anyone who is neither a mediator nor the admin gets 403 before any query about mediators. */
export function viewerOf(user: SessionUser): Viewer {
  if (user.role === "admin") return { kind: "admin", user };
  if (user.role !== "mediator") throw new AppError("FORBIDDEN", "调解员档案仅供调解组织负责人和调解员本人查看");
  const orgs = headedOrgs(user.id);
  return orgs.length ? { kind: "head", user, orgs } : { kind: "mediator", user };
}

/** Is `mediatorId` an active member of one of `orgIds` (the only mediators a head may look at)? */
export function memberOfAny(mediatorId: string, orgIds: string[]): boolean {
  if (orgIds.length === 0) return false;
  return !!getDb()
    .select({ id: memberships.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.userId, mediatorId), inArray(memberships.orgId, orgIds), eq(memberships.active, true), eq(users.role, "mediator")))
    .get();
}

/** Did `mediatorId` mediate a case of one of `orgIds` without being a member (律调对接)? */
export function mediatedFor(mediatorId: string, orgIds: string[]): boolean {
  if (orgIds.length === 0) return false;
  // The unary + keeps SQLite on cases_mediator_idx: one mediator's cases, not a whole organisation's.
  return !!getDb()
    .select({ id: cases.id })
    .from(cases)
    .where(and(eq(cases.mediatorId, mediatorId), inArray(sql`+${cases.orgId}`, orgIds)))
    .limit(1)
    .get();
}
