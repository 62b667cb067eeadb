// The statistics queries: sums over the small precomputed tables (migrations/0011_stats.sql),
// never over `cases` (a million rows: 0.3–0.8 s a query; these take a few ms — tests/bench/stats.ts).
import { getDb } from "../../../db/client";
import { prefixEnd } from "../region-prefix";
import { addMonths } from "./filters";

/** What to count: a period of filing months, a county, an organisation, within a user's scope. */
export type Where = {
  from: string;
  to: string;
  region: string | null;
  orgId: string | null;
  /** The scope: null = no restriction. */
  orgIds: string[] | null;
  regionPrefixes: string[] | null;
};

export type Sums = { filed: number; open: number; agreed: number; success: number; failure: number; ended: number; confirmed: number; notarised: number; pending: number };
export const ZERO: Sums = { filed: 0, open: 0, agreed: 0, success: 0, failure: 0, ended: 0, confirmed: 0, notarised: 0, pending: 0 };
const SUM_COLUMNS = Object.keys(ZERO) as (keyof Sums)[];

type Clause = { sql: string; params: (string | number)[] };

function scopeClause(w: Where): Clause {
  const parts: string[] = [];
  const params: (string | number)[] = [];
  if (w.regionPrefixes) {
    parts.push(`(${w.regionPrefixes.map(() => "(region_code >= ? and region_code < ?)").join(" or ") || "0"})`);
    for (const p of w.regionPrefixes) params.push(p, prefixEnd(p));
  }
  if (w.orgIds) {
    parts.push(`org_id in (${w.orgIds.map(() => "?").join(",") || "null"})`);
    params.push(...w.orgIds);
  }
  if (w.region) {
    parts.push("region_code = ?");
    params.push(w.region);
  }
  if (w.orgId) {
    parts.push("org_id = ?");
    params.push(w.orgId);
  }
  return { sql: parts.join(" and "), params };
}

function monthClause(w: Where): Clause {
  const s = scopeClause(w);
  return { sql: ["month >= ? and month <= ?", s.sql].filter(Boolean).join(" and "), params: [w.from, w.to, ...s.params] };
}

/** Instalments due in the period whose due date has passed (before `today`, China). */
function dueClause(w: Where, today: string): Clause {
  const s = scopeClause(w);
  const end = `${addMonths(w.to, 1)}-01`;
  return { sql: ["due_date >= ? and due_date < ?", s.sql].filter(Boolean).join(" and "), params: [`${w.from}-01`, end < today ? end : today, ...s.params] };
}

function all<T>(sql: string, params: (string | number)[]): T[] {
  return getDb().$client.prepare(sql).all(...params) as T[];
}

export type Dim = "month" | "category" | "kind" | "region_code" | "org_id";

/** Case counts grouped by one dimension (or one row of totals). */
export function caseSums(w: Where, dim: Dim | null): (Sums & { key: string })[] {
  const c = monthClause(w);
  const cols = SUM_COLUMNS.map((k) => `coalesce(sum("${k}"), 0) as "${k}"`).join(", ");
  const rows = all<Sums & { key: string }>(`select ${dim ?? "''"} as key, ${cols} from stats_cells where ${c.sql}${dim ? ` group by ${dim}` : ""}`, c.params);
  return rows;
}

export function totals(w: Where): Sums {
  const [row] = caseSums(w, null);
  const { key: _key, ...sums } = row ?? { key: "", ...ZERO };
  return sums;
}

/** The days-to-close histogram, grouped by month or organisation when asked. */
export function dayBins(w: Where, dim: "month" | "org_id" | null): { key: string; days: number; n: number }[] {
  const c = monthClause(w);
  return all(`select ${dim ?? "''"} as key, days, sum(n) as n from stats_days where ${c.sql} group by ${dim ? `${dim}, ` : ""}days having sum(n) <> 0`, c.params);
}

export type InstalmentSums = { total: number; paid: number; onTime: number };
export function instalmentSums(w: Where, today: string): InstalmentSums {
  const c = dueClause(w, today);
  const [row] = all<InstalmentSums>(`select coalesce(sum(total), 0) as total, coalesce(sum(paid), 0) as paid, coalesce(sum(on_time), 0) as onTime from stats_instalments where ${c.sql}`, c.params);
  return row;
}

export type RatingSums = { n: number; mediator: number; process: number; outcome: number };
export function ratingSums(w: Where): RatingSums {
  const c = monthClause(w);
  const [row] = all<RatingSums>(
    `select coalesce(sum(n), 0) as n, coalesce(sum(mediator_sum), 0) as mediator, coalesce(sum(process_sum), 0) as process, coalesce(sum(outcome_sum), 0) as outcome from stats_ratings where ${c.sql}`,
    c.params,
  );
  return row;
}

/** The months that have cases at all (for the period pickers). */
export function monthRange(): { first: string | null; last: string | null } {
  const [row] = all<{ first: string | null; last: string | null }>("select min(month) as first, max(month) as last from stats_cells where filed <> 0", []);
  return row;
}

/** Counties that have cases inside the scope (for the region picker). */
export function regionsWithCases(w: Pick<Where, "orgIds" | "regionPrefixes">): string[] {
  const s = scopeClause({ ...w, from: "", to: "", region: null, orgId: null });
  return all<{ region_code: string }>(`select distinct region_code from stats_cells where filed <> 0 and region_code <> ''${s.sql ? ` and ${s.sql}` : ""} order by region_code`, s.params).map((r) => r.region_code);
}
