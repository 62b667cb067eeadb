// The queries behind a mediator's record. Every one is keyed by mediator (cases_mediator_idx,
// ratings_mediator_idx) and, for a head, narrowed to the organisations they head.
import { and, avg, count, desc, eq, inArray, ne, sql } from "drizzle-orm";
import { getDb } from "../../../db/client";
import { agreements, cases, ratings } from "../../../db/schema";
import { summarise, type CaseLine, type CaseSummary } from "./summary";

/** null = every organisation (the admin, or a mediator's own record). */
export type OrgFilter = string[] | null;

// The organisation is a filter on a mediator's rows, never the way in: a county committee holds far
// more cases than one mediator, so the unary + keeps SQLite on the per-mediator index.
const caseOrg = sql`+${cases.orgId}`;
const ratingOrg = sql`+${ratings.orgId}`;

export function caseSummaries(mediatorIds: string[], orgIds: OrgFilter): Map<string, CaseSummary> {
  const out = new Map<string, CaseSummary>();
  if (mediatorIds.length === 0 || (orgIds && orgIds.length === 0)) {
    for (const id of mediatorIds) out.set(id, summarise([]));
    return out;
  }
  const rows = getDb()
    .select({
      mediatorId: cases.mediatorId,
      status: cases.status,
      failReason: cases.failReason,
      acceptedAt: cases.acceptedAt,
      endedAt: cases.endedAt,
      effectiveAt: agreements.effectiveAt,
    })
    .from(cases)
    // The literal `<> 'superseded'` lets SQLite use the partial unique index agreements_case_uq.
    .leftJoin(agreements, and(eq(agreements.caseId, cases.id), sql`${agreements.status} <> 'superseded'`, sql`${agreements.status} = 'effective'`))
    .where(and(inArray(cases.mediatorId, mediatorIds), orgIds ? inArray(caseOrg, orgIds) : undefined, ne(cases.status, "draft")))
    .all();
  const by = new Map<string, CaseLine[]>(mediatorIds.map((id) => [id, []]));
  for (const r of rows) by.get(r.mediatorId!)?.push(r);
  for (const [id, lines] of by) out.set(id, summarise(lines));
  return out;
}

/** Averages of the three scores (null when there is no rating). */
export type RatingSummary = { count: number; mediatorScore: number | null; processScore: number | null; outcomeScore: number | null };

const none: RatingSummary = { count: 0, mediatorScore: null, processScore: null, outcomeScore: null };

export function ratingSummaries(mediatorIds: string[], orgIds: OrgFilter): Map<string, RatingSummary> {
  const out = new Map<string, RatingSummary>(mediatorIds.map((id) => [id, none]));
  if (mediatorIds.length === 0 || (orgIds && orgIds.length === 0)) return out;
  const rows = getDb()
    .select({ mediatorId: ratings.mediatorId, n: count(), m: avg(ratings.mediatorScore), p: avg(ratings.processScore), o: avg(ratings.outcomeScore) })
    .from(ratings)
    .where(and(inArray(ratings.mediatorId, mediatorIds), orgIds ? inArray(ratingOrg, orgIds) : undefined))
    .groupBy(ratings.mediatorId)
    .all();
  const num = (x: string | null) => (x === null ? null : Number(x));
  for (const r of rows) out.set(r.mediatorId!, { count: r.n, mediatorScore: num(r.m), processScore: num(r.p), outcomeScore: num(r.o) });
  return out;
}

export const RATINGS_PAGE_SIZE = 20;

/** Each rating with its date, scores and comment, newest first. No case, no party: see ADR 017. */
export function ratingLines(mediatorId: string, orgIds: OrgFilter, page: number) {
  const db = getDb();
  const where = and(eq(ratings.mediatorId, mediatorId), orgIds ? inArray(ratingOrg, orgIds) : undefined);
  const total = orgIds && orgIds.length === 0 ? 0 : (db.select({ n: count() }).from(ratings).where(where).get()?.n ?? 0);
  const pages = Math.max(1, Math.ceil(total / RATINGS_PAGE_SIZE));
  const p = Math.min(Math.max(1, page), pages);
  const rows =
    total === 0
      ? []
      : db
          .select({ id: ratings.id, createdAt: ratings.createdAt, mediatorScore: ratings.mediatorScore, processScore: ratings.processScore, outcomeScore: ratings.outcomeScore, comment: ratings.comment })
          .from(ratings)
          .where(where)
          .orderBy(desc(ratings.createdAt), desc(ratings.id))
          .limit(RATINGS_PAGE_SIZE)
          .offset((p - 1) * RATINGS_PAGE_SIZE)
          .all();
  return { rows, total, page: p, pages };
}
