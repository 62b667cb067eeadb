// 调解员档案: the list of an organisation's mediators with their numbers, and one mediator's record.
// Access is decided in scope.ts; what each viewer gets is decided here, not in the page.
import { and, asc, count, eq, inArray, sql, type SQL } from "drizzle-orm";
import { getDb } from "../../../db/client";
import { cases, memberships, organisations, users } from "../../../db/schema";
import type { SessionUser } from "../../auth/session";
import { AppError } from "../../lib/errors";
import { mediatedFor, memberOfAny, viewerOf, type Org, type Viewer } from "./scope";
import { MEDIATION_ORG_TYPES } from "../../../app/lib/roles";
import { caseSummaries, ratingLines, ratingSummaries, type OrgFilter, type RatingSummary } from "./stats";
import type { CaseSummary } from "./summary";

export const MEDIATORS_PAGE_SIZE = 20;

/**
 * Below this many ratings a mediator's own averages are withheld: with one or two ratings, and the
 * timeline saying which side just rated, an average would tell them who gave which score.
 */
export const MIN_RATINGS_FOR_OWN_AVERAGE = 3;

function ownView(r: RatingSummary): RatingSummary & { withheld: boolean } {
  return r.count < MIN_RATINGS_FOR_OWN_AVERAGE ? { count: r.count, mediatorScore: null, processScore: null, outcomeScore: null, withheld: r.count > 0 } : { ...r, withheld: false };
}

function mediationOrgs(): Org[] {
  return getDb()
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(and(eq(organisations.active, true), inArray(organisations.type, [...MEDIATION_ORG_TYPES])))
    .orderBy(asc(organisations.name))
    .all();
}

/** The organisations this viewer may filter by, and the filter that applies to their queries. */
function orgScope(viewer: Exclude<Viewer, { kind: "mediator" }>, orgId: string | undefined): { choices: Org[]; filter: OrgFilter; orgId: string | null } {
  const choices = viewer.kind === "head" ? viewer.orgs : mediationOrgs();
  // An organisation outside the choices is ignored rather than trusted.
  const picked = orgId && choices.some((o) => o.id === orgId) ? orgId : null;
  const filter = picked ? [picked] : viewer.kind === "head" ? viewer.orgs.map((o) => o.id) : null;
  return { choices, filter, orgId: picked };
}

export type RecordsIndex =
  | { kind: "own"; userId: string }
  | {
      kind: "list";
      viewer: "admin" | "head";
      orgs: Org[];
      orgId: string | null;
      total: number;
      page: number;
      pages: number;
      rows: {
        id: string;
        name: string;
        orgs: string;
        self: boolean;
        cases: CaseSummary;
        ratings: RatingSummary & { withheld: boolean };
      }[];
    };

/**
 * The mediators of some organisations: their members, and whoever mediated their cases without
 * being one (律调对接: the committee presides while the law firm's studio sends the mediator).
 */
function roster(filter: OrgFilter): SQL | undefined {
  if (!filter) return undefined;
  return sql`${users.id} in (select ${memberships.userId} from ${memberships} where ${memberships.active} = 1 and ${inArray(memberships.orgId, filter)} union select ${cases.mediatorId} from ${cases} where ${inArray(cases.orgId, filter)} and ${cases.mediatorId} is not null)`;
}

/** Each person's active organisations, for the list's second line. */
function orgNamesOf(userIds: string[]): Map<string, string> {
  const rows = userIds.length
    ? getDb()
        .select({ userId: memberships.userId, name: organisations.name })
        .from(memberships)
        .innerJoin(organisations, eq(organisations.id, memberships.orgId))
        .where(and(inArray(memberships.userId, userIds), eq(memberships.active, true)))
        .orderBy(asc(organisations.name))
        .all()
    : [];
  const out = new Map<string, string>();
  for (const r of rows) out.set(r.userId, out.has(r.userId) ? `${out.get(r.userId)}、${r.name}` : r.name);
  return out;
}

export function mediatorRecordsIndex(user: SessionUser, opts: { page?: number; orgId?: string }): RecordsIndex {
  const viewer = viewerOf(user);
  // A mediator who heads nothing has one record to see: their own.
  if (viewer.kind === "mediator") return { kind: "own", userId: user.id };
  const { choices, filter, orgId } = orgScope(viewer, opts.orgId);
  const db = getDb();
  const where = and(eq(users.role, "mediator"), roster(filter));
  const total = db.select({ n: count() }).from(users).where(where).get()?.n ?? 0;
  const pages = Math.max(1, Math.ceil(total / MEDIATORS_PAGE_SIZE));
  const page = Math.min(Math.max(1, opts.page ?? 1), pages);
  const people = db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(where)
    .orderBy(asc(users.name), asc(users.id))
    .limit(MEDIATORS_PAGE_SIZE)
    .offset((page - 1) * MEDIATORS_PAGE_SIZE)
    .all();
  const ids = people.map((p) => p.id);
  const caseStats = caseSummaries(ids, filter);
  const rated = ratingSummaries(ids, filter);
  const orgNames = orgNamesOf(ids);
  return {
    kind: "list",
    viewer: viewer.kind,
    orgs: choices,
    orgId,
    total,
    page,
    pages,
    rows: people.map((p) => {
      const r = rated.get(p.id)!;
      const self = p.id === user.id;
      return { id: p.id, name: p.name, orgs: orgNames.get(p.id) ?? "", self, cases: caseStats.get(p.id)!, ratings: self ? ownView(r) : { ...r, withheld: false } };
    }),
  };
}

export function mediatorRecord(user: SessionUser, mediatorId: string, opts: { page?: number }) {
  const viewer = viewerOf(user);
  const self = mediatorId === user.id;
  let filter: OrgFilter;
  if (self) filter = null;
  else if (viewer.kind === "admin") filter = null;
  else if (viewer.kind === "head" && (memberOfAny(mediatorId, viewer.orgs.map((o) => o.id)) || mediatedFor(mediatorId, viewer.orgs.map((o) => o.id)))) filter = viewer.orgs.map((o) => o.id);
  // Another mediator's record, or one outside the head's organisations: as if it did not exist.
  else throw new AppError("NOT_FOUND", "没有找到该调解员的档案");
  const db = getDb();
  const person = db.select({ id: users.id, name: users.name, role: users.role }).from(users).where(eq(users.id, mediatorId)).get();
  if (!person || person.role !== "mediator") throw new AppError("NOT_FOUND", "没有找到该调解员的档案");
  const orgs = db
    .select({ id: organisations.id, name: organisations.name, role: memberships.role })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.orgId))
    .where(and(eq(memberships.userId, mediatorId), eq(memberships.active, true)))
    .orderBy(asc(organisations.name))
    .all();
  const r = ratingSummaries([mediatorId], filter).get(mediatorId)!;
  // Who said what is for the organisation's heads and the admin; the rated mediator gets the sums.
  const detail = !self;
  return {
    mediator: { id: person.id, name: person.name },
    self,
    viewer: viewer.kind,
    orgs: orgs.map((o) => ({ name: o.name, head: o.role === "head" })),
    cases: caseSummaries([mediatorId], filter).get(mediatorId)!,
    ratings: detail ? { ...r, withheld: false } : ownView(r),
    minForOwnAverage: MIN_RATINGS_FOR_OWN_AVERAGE,
    lines: detail ? ratingLines(mediatorId, filter, opts.page ?? 1) : null,
  };
}

export type MediatorRecord = ReturnType<typeof mediatorRecord>;
export type MediatorRecordsList = Extract<RecordsIndex, { kind: "list" }>;
