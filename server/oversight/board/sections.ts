// The board's other sections: red and yellow cases, the unrouted queue, and each organisation's load.
import { and, asc, count, eq, inArray, type SQL } from "drizzle-orm";
import { getDb } from "../../../db/client";
import { cases, memberships, organisations, orgLoads, users } from "../../../db/schema";
import { MEDIATION_ORG_TYPES, ORG_LEVEL_LABELS, ORG_TYPE_LABELS } from "../../../app/lib/roles";
import { inCities } from "./cities";
import { BOARD_OPEN, linesFor, PAGE_SIZE, paged, riskOrder } from "./lines";

/** One page of the cases matching `where`, red then yellow then the rest, oldest first within a colour. */
function casePage(where: SQL | undefined, page: number) {
  const db = getDb();
  const ids = db
    .select({ id: cases.id })
    .from(cases)
    .where(where)
    .orderBy(riskOrder, asc(cases.submittedAt), asc(cases.id))
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE)
    .all()
    .map((r) => r.id);
  const total = db.select({ n: count() }).from(cases).where(where).get()!.n;
  return paged(linesFor(ids), total, page);
}

/** Red, then yellow, cases still on the mediation path, oldest first within a colour. */
export function riskCases(cities: string[], page: number) {
  return casePage(and(inArray(cases.status, [...BOARD_OPEN]), inArray(cases.risk, ["red", "yellow"]), inCities(cases.regionCode, cities)), page);
}

/** The queue: cases the rules could not route, red first, then the longest waiting. */
export function unroutedCases(cities: string[], page: number) {
  return casePage(and(eq(cases.status, "unrouted"), inCities(cases.regionCode, cities)), page);
}

// The same statuses as org_loads (migrations/0009_org_loads.sql).
const LOAD_STATUSES = ["awaiting_acceptance", "awaiting_consent", "mediating"] as const;

export type OrgLoad = ReturnType<typeof orgLoadsOf>["items"][number];

/**
 * Every active mediation organisation in the cities with its open cases (org_loads, kept by
 * triggers), its active mediators and its open red cases, heaviest per mediator first. An
 * organisation with open cases and no mediator at all comes first of all.
 */
export function orgLoadsOf(cities: string[], page: number) {
  const db = getDb();
  const orgs = db
    .select({ id: organisations.id, name: organisations.name, type: organisations.type, level: organisations.level, regionCode: organisations.regionCode, open: orgLoads.openCases })
    .from(organisations)
    .leftJoin(orgLoads, eq(orgLoads.orgId, organisations.id))
    .where(and(eq(organisations.active, true), inArray(organisations.type, [...MEDIATION_ORG_TYPES]), inCities(organisations.regionCode, cities)))
    .all();
  const ids = orgs.map((o) => o.id);
  const mediators = new Map(
    ids.length
      ? db
          .select({ orgId: memberships.orgId, n: count() })
          .from(memberships)
          .innerJoin(users, eq(users.id, memberships.userId))
          .where(and(inArray(memberships.orgId, ids), eq(memberships.active, true), eq(users.active, true), eq(users.role, "mediator")))
          .groupBy(memberships.orgId)
          .all()
          .map((m) => [m.orgId, m.n] as const)
      : [],
  );
  const red = new Map(
    db
      .select({ orgId: cases.orgId, n: count() })
      .from(cases)
      .where(and(inArray(cases.status, [...LOAD_STATUSES]), eq(cases.risk, "red"), inCities(cases.regionCode, cities)))
      .groupBy(cases.orgId)
      .all()
      .map((r) => [r.orgId, r.n] as const),
  );
  const all = orgs
    .map((o) => {
      const openCases = o.open ?? 0;
      const mediatorCount = mediators.get(o.id) ?? 0;
      const perMediator = mediatorCount ? openCases / mediatorCount : openCases ? Infinity : 0;
      return {
        id: o.id,
        name: o.name,
        kindText: o.level ? `${ORG_TYPE_LABELS[o.type]}·${ORG_LEVEL_LABELS[o.level]}` : ORG_TYPE_LABELS[o.type],
        openCases,
        mediators: mediatorCount,
        redCases: red.get(o.id) ?? 0,
        // Serialisable: Infinity would become null in JSON.
        perMediator: Number.isFinite(perMediator) ? Math.round(perMediator * 10) / 10 : null,
        noMediator: mediatorCount === 0 && openCases > 0,
        sort: perMediator,
      };
    })
    .sort((a, b) => b.sort - a.sort || b.openCases - a.openCases || a.name.localeCompare(b.name, "zh-CN"));
  const total = all.length;
  const items = all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map(({ sort: _sort, ...o }) => o);
  return paged(items, total, page);
}

/** Organisations a case may be reassigned to from the board: the mediation bodies of the cities. */
export function reassignOptions(cities: string[]) {
  const db = getDb();
  const orgs = db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(and(eq(organisations.active, true), inArray(organisations.type, [...MEDIATION_ORG_TYPES]), inCities(organisations.regionCode, cities)))
    .orderBy(asc(organisations.regionCode), asc(organisations.name))
    .all();
  const people = orgs.length
    ? db
        .select({ orgId: memberships.orgId, id: users.id, name: users.name })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(inArray(memberships.orgId, orgs.map((o) => o.id)), eq(memberships.active, true), eq(users.role, "mediator"), eq(users.active, true)))
        .orderBy(asc(users.name))
        .all()
    : [];
  return orgs.map((o) => ({ ...o, mediators: people.filter((p) => p.orgId === o.id).map(({ id, name }) => ({ id, name })) }));
}

