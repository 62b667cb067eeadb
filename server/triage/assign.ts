// From a routing decision to a named mediator with a deadline. Runs inside the caller's
// transaction; the caller then makes the status transition with the patch returned here.
import { and, count, eq, inArray, notInArray, sql } from "drizzle-orm";
import { assignments, caseParties, cases, memberships, organisations, orgLoads, users, type Case } from "../../db/schema";
import type { Category } from "../../app/lib/categories";
import { createId } from "../lib/ids";
import type { Tx } from "../cases/timeline";
import { acceptDeadline } from "./deadlines";
import { kindOfOrg, route, type RoutableOrg, type RoutingDecision } from "./routing";
import { mediatorConflict, sideUserIds } from "../handoff/referrals/conflict";

// A load is the number of cases awaiting acceptance, awaiting consent or mediating: the same list
// as the org_loads triggers (migrations/0009_org_loads.sql) and pickMediator's count below.

export function loadRoutableOrgs(tx: Tx): RoutableOrg[] {
  const orgs = tx.select().from(organisations).all();
  const mediators = tx
    .select({ orgId: memberships.orgId, n: count() })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.active, true), eq(users.active, true), eq(users.role, "mediator")))
    .groupBy(memberships.orgId)
    .all();
  // Kept by triggers in the same transaction as each case change (migrations/0009_org_loads.sql):
  // counting open cases here cost ~9 ms per filing at a million cases.
  const loads = tx.select({ orgId: orgLoads.orgId, n: orgLoads.openCases }).from(orgLoads).all();
  const mCount = new Map(mediators.map((m) => [m.orgId, m.n]));
  const load = new Map(loads.map((l) => [l.orgId, l.n]));
  return orgs.map((o) => ({
    id: o.id,
    name: o.name,
    type: o.type,
    level: o.level,
    regionCode: o.regionCode,
    areaCode: o.areaCode,
    categories: o.categories,
    sector: o.sector as RoutableOrg["sector"],
    tags: o.tags,
    charges: o.charges,
    active: o.active,
    parentId: o.parentId,
    mediatorCount: mCount.get(o.id) ?? 0,
    openCases: load.get(o.id) ?? 0,
  }));
}

/** The organisation's mediator with the fewest open cases, skipping those who must not serve. */
export function pickMediator(tx: Tx, orgId: string, exclude: string[]): { id: string; name: string } | null {
  const open = sql<number>`(select count(*) from ${cases} where ${cases.mediatorId} = ${users.id} and ${cases.status} in ('awaiting_acceptance','awaiting_consent','mediating'))`;
  const rows = tx
    .select({ id: users.id, name: users.name, open })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.orgId, orgId),
        eq(memberships.active, true),
        eq(users.active, true),
        eq(users.role, "mediator"),
        exclude.length ? notInArray(users.id, exclude) : undefined,
      ),
    )
    .orderBy(open, users.name)
    .limit(1)
    .all();
  return rows[0] ? { id: rows[0].id, name: rows[0].name } : null;
}

/**
 * People who stand for a side of the case — parties, their lawyers, the referring lawyer — and so
 * may never be its mediator (司发通〔2017〕105号; server/handoff/referrals/conflict.ts).
 */
export function sidePeople(tx: Tx, row: Pick<Case, "id" | "filedById" | "source">): string[] {
  const parties = tx.select({ userId: caseParties.userId, agentUserId: caseParties.agentUserId }).from(caseParties).where(eq(caseParties.caseId, row.id)).all();
  return [...new Set([row.filedById, ...sideUserIds(row, parties)])];
}

/**
 * 律调对接 (domain.md, the 宝安 model): for a law firm's referral the 调解协会人民调解委员会 presides and
 * the firm's own lawyer-mediation studio sends the mediator — never the referring lawyer, who is a
 * side person (sidePeople) and not a mediator. These are the studios the referring lawyer works in.
 */
export function referringStudios(tx: Tx, row: Pick<Case, "source" | "filedById">): { id: string; name: string }[] {
  if (row.source !== "lawyer_referral") return [];
  return tx
    .select({ id: organisations.id, name: organisations.name })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.orgId))
    .where(and(eq(memberships.userId, row.filedById), eq(memberships.active, true), eq(organisations.type, "lawyer_studio"), eq(organisations.active, true)))
    .all();
}

/** The committee's own mediator, or for a referral one sent by the referring firm's studio. */
function pickPresidingMediator(tx: Tx, row: Case, org: RoutableOrg, exclude: string[]): { mediator: { id: string; name: string }; studio: string | null } | null {
  if (org.tags.includes("lawyer_referral")) {
    for (const studio of referringStudios(tx, row)) {
      const m = pickMediator(tx, studio.id, exclude);
      if (m) return { mediator: m, studio: studio.name };
    }
  }
  const m = pickMediator(tx, org.id, exclude);
  return m ? { mediator: m, studio: null } : null;
}

/** Mediators who already declined or let this case time out: never offered it again. */
export function previousMediators(tx: Tx, caseId: string): { orgIds: string[]; mediatorIds: string[] } {
  const rows = tx
    .select({ orgId: assignments.orgId, mediatorId: assignments.mediatorId, state: assignments.state })
    .from(assignments)
    .where(eq(assignments.caseId, caseId))
    .all();
  const gone = rows.filter((r) => r.state === "declined" || r.state === "expired" || r.state === "replaced");
  return { orgIds: [...new Set(gone.map((r) => r.orgId))], mediatorIds: gone.flatMap((r) => (r.mediatorId ? [r.mediatorId] : [])) };
}

export type Placement =
  | { status: "awaiting_acceptance"; orgId: string; orgName: string; mediator: { id: string; name: string }; reason: string; deadline: Date; patch: Partial<Case> }
  | { status: "unrouted"; reason: string; patch: Partial<Case> };

/**
 * Routes the case by the rules and, if an organisation is found, gives it to one of its
 * mediators. Organisations whose every mediator is excluded are skipped in turn.
 */
export function placeCase(
  tx: Tx,
  row: Case,
  opts: { crossRegion: boolean; excludeOrgIds?: string[]; excludeMediatorIds?: string[]; now?: Date },
): Placement {
  const now = opts.now ?? new Date();
  const orgs = loadRoutableOrgs(tx);
  const excludeOrgIds = [...(opts.excludeOrgIds ?? [])];
  const excludeMediators = [...(opts.excludeMediatorIds ?? []), ...sidePeople(tx, row)];
  for (let attempt = 0; attempt < orgs.length + 1; attempt++) {
    const decision: RoutingDecision = route(
      {
        category: row.category as Category,
        regionCode: row.regionCode!,
        areaCode: row.areaCode,
        source: row.source,
        kindPreference: row.kindPreference,
        risk: row.risk,
        crossRegion: opts.crossRegion,
        chosenOrgId: row.source.startsWith("court_") ? row.orgId : null,
        excludeOrgIds,
      },
      orgs,
    );
    if (decision.outcome === "unrouted") {
      return { status: "unrouted", reason: decision.reason, patch: { orgId: null, mediatorId: null, routingReason: decision.reason, acceptDeadline: null } };
    }
    const chosenId = decision.orgId;
    const org = orgs.find((o) => o.id === chosenId)!;
    const picked = pickPresidingMediator(tx, row, org, excludeMediators);
    if (!picked) {
      excludeOrgIds.push(decision.orgId);
      continue;
    }
    const { mediator } = picked;
    const reason = picked.studio ? `${decision.reason}；${picked.studio}派调解员${mediator.name}参与` : decision.reason;
    const deadline = acceptDeadline(now);
    tx.insert(assignments).values({ id: createId(), caseId: row.id, orgId: org.id, mediatorId: mediator.id, deadline, assignedAt: now }).run();
    return {
      status: "awaiting_acceptance",
      orgId: org.id,
      orgName: org.name,
      mediator,
      reason,
      deadline,
      patch: { orgId: org.id, mediatorId: mediator.id, kind: kindOfOrg(org), routingReason: reason, acceptDeadline: deadline },
    };
  }
  const reason = "没有可接收本案的调解员，转人工分流";
  return { status: "unrouted", reason, patch: { orgId: null, mediatorId: null, routingReason: reason, acceptDeadline: null } };
}

/** A dispatcher's (or org head's) hand-made assignment to a chosen organisation and mediator. */
export function placeByHand(
  tx: Tx,
  row: Case,
  orgId: string,
  mediatorId: string | undefined,
  now: Date = new Date(),
): { orgName: string; mediator: { id: string; name: string }; deadline: Date; patch: Partial<Case> } | { error: string } {
  const org = tx.select().from(organisations).where(eq(organisations.id, orgId)).get();
  if (!org || !org.active) return { error: "所选调解组织不存在或已停用" };
  const kind = kindOfOrg({ type: org.type } as RoutableOrg);
  if (!kind) return { error: "所选机构不是调解组织" };
  if (kind === "lawyer" && row.category === "婚姻家庭") return { error: "律师调解不受理婚姻家庭纠纷（司发通〔2017〕105号）" };
  let mediator: { id: string; name: string } | null;
  if (mediatorId) {
    mediator =
      tx
        .select({ id: users.id, name: users.name })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        // A referral's committee may also take a mediator sent by the referring firm's studio.
        .where(
          and(
            inArray(memberships.orgId, [orgId, ...(org.tags.includes("lawyer_referral") ? referringStudios(tx, row).map((s) => s.id) : [])]),
            eq(memberships.userId, mediatorId),
            eq(memberships.active, true),
            eq(users.role, "mediator"),
            eq(users.active, true),
          ),
        )
        .get() ?? null;
    if (!mediator) return { error: "所选调解员不属于该组织或已停用" };
    const parties = tx.select({ userId: caseParties.userId, agentUserId: caseParties.agentUserId }).from(caseParties).where(eq(caseParties.caseId, row.id)).all();
    const conflict = mediatorConflict(mediator.id, row, parties) ?? (mediator.id === row.filedById ? "提交本案的人不能担任本案调解员" : null);
    if (conflict) return { error: conflict };
  } else {
    mediator = pickMediator(tx, orgId, sidePeople(tx, row));
    if (!mediator) return { error: "该组织暂无可用调解员" };
  }
  const deadline = acceptDeadline(now);
  tx.insert(assignments).values({ id: createId(), caseId: row.id, orgId, mediatorId: mediator.id, deadline, assignedAt: now }).run();
  return { orgName: org.name, mediator, deadline, patch: { orgId, mediatorId: mediator.id, kind, acceptDeadline: deadline } };
}

/** Closes the current pending assignment of a case with the given outcome. */
export function closePendingAssignment(tx: Tx, caseId: string, state: "accepted" | "declined" | "expired" | "replaced", reason: string | null, now = new Date()): void {
  tx.update(assignments)
    .set({ state, decidedAt: now, reason })
    .where(and(eq(assignments.caseId, caseId), eq(assignments.state, "pending")))
    .run();
}
