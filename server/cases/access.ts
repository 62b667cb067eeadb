// Who may see a case, and as what. Every case loader, action, API route and socket handler
// starts here: a user with no standing on the case gets 404, never a hint that it exists.
import { and, eq, inArray, isNull, ne, or } from "drizzle-orm";
import { getDb } from "../../db/client";
import { caseParties, cases, handoffs, memberships, organisations, type Case, type CaseParty } from "../../db/schema";
import type { SessionUser } from "../auth/session";
import { AppError } from "../lib/errors";
import type { CaseRole } from "./state-machine";

export type CaseView = { row: Case; parties: CaseParty[]; roles: CaseRole[]; user: SessionUser };

type Membership = { orgId: string; type: string; regionCode: string; role: string };

function membershipsOf(userId: string): Membership[] {
  return getDb()
    .select({ orgId: memberships.orgId, type: organisations.type, regionCode: organisations.regionCode, role: memberships.role })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.orgId))
    .where(and(eq(memberships.userId, userId), eq(memberships.active, true)))
    .all();
}

/** A 矛调中心 covers its city (first 4 digits of the region code). */
export function dispatchCoverage(userId: string): string[] {
  return membershipsOf(userId)
    .filter((m) => m.type === "dispatch_center")
    .map((m) => m.regionCode.slice(0, 4));
}

export function caseRolesFor(user: SessionUser, row: Case, parties: CaseParty[]): CaseRole[] {
  const roles = new Set<CaseRole>();
  if (row.filedById === user.id) roles.add("filer");
  // A draft is the filer's alone.
  if (row.status === "draft") return [...roles];
  for (const p of parties) {
    const mine = p.userId === user.id || p.agentUserId === user.id;
    if (mine && p.side === "applicant") roles.add("applicant");
    if (mine && p.side === "respondent") roles.add("respondent");
  }
  if (row.mediatorId === user.id && user.role === "mediator") roles.add("mediator");
  const ms = membershipsOf(user.id);
  if (row.orgId && ms.some((m) => m.orgId === row.orgId && m.role === "head") && user.role === "mediator") roles.add("org_staff");
  if (user.role === "dispatcher" && row.regionCode && ms.some((m) => m.type === "dispatch_center" && row.regionCode!.startsWith(m.regionCode.slice(0, 4))))
    roles.add("dispatcher");
  if (user.role === "judge" && row.courtId && ms.some((m) => m.orgId === row.courtId)) roles.add("court");
  // 裁: the body now holding the case (a court for 司法确认 or filing, a notary office, an
  // arbitration commission) sees it through its judges, notaries and arbitrators.
  // A body that held it before (a court that ruled, then the case moved on) keeps seeing it; what
  // it may still do is decided by the handoff services, which check the handoff is theirs.
  const holds = (orgId: string | null) => !!orgId && ms.some((m) => m.orgId === orgId);
  const held = ["judge", "notary", "arbitrator"].includes(user.role) && ms.length > 0 && (holds(row.handoffOrgId) || heldBefore(row.id, ms.map((m) => m.orgId)));
  if (held) {
    if (user.role === "judge") roles.add("court");
    if (user.role === "notary") roles.add("notary");
    if (user.role === "arbitrator") roles.add("arbitrator");
  }
  return [...roles];
}

function heldBefore(caseId: string, orgIds: string[]): boolean {
  return !!getDb()
    .select({ id: handoffs.id })
    .from(handoffs)
    // Not a notary office that refused it: it never took the case on (its inbox keeps the decision).
    .where(and(eq(handoffs.caseId, caseId), inArray(handoffs.targetOrgId, orgIds), inArray(handoffs.status, ["submitted", "accepted", "decided"]), or(isNull(handoffs.outcome), ne(handoffs.outcome, "refused"))))
    .get();
}

/** The case as this user may see it, or NOT_FOUND. */
export function loadCaseFor(user: SessionUser, caseId: string): CaseView {
  const db = getDb();
  const row = db.select().from(cases).where(eq(cases.id, caseId)).get();
  if (!row) throw new AppError("NOT_FOUND", "案件不存在或您无权查看");
  const parties = db.select().from(caseParties).where(eq(caseParties.caseId, caseId)).all();
  const roles = caseRolesFor(user, row, parties);
  if (roles.length === 0) throw new AppError("NOT_FOUND", "案件不存在或您无权查看");
  return { row, parties, roles, user };
}

/** Same, inside a transaction, re-reading the row so the version is current. */
export function reloadInTx(tx: Pick<ReturnType<typeof getDb>, "select">, view: CaseView): CaseView {
  const row = tx.select().from(cases).where(eq(cases.id, view.row.id)).get();
  if (!row) throw new AppError("NOT_FOUND", "案件不存在或您无权查看");
  const parties = tx.select().from(caseParties).where(eq(caseParties.caseId, view.row.id)).all();
  return { ...view, row, parties, roles: caseRolesFor(view.user, row, parties) };
}
