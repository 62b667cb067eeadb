// The statistics page and its CSV exports: who sees what (scope.ts), the filters (filters.ts),
// and every table (report.ts). The page, the CSV and the bench all go through here.
import { getDb } from "../../../db/client";
import { organisations } from "../../../db/schema";
import { toCsv } from "../../../app/lib/csv";
import type { SessionUser } from "../../auth/session";
import { AppError } from "../../lib/errors";
import { chinaDate } from "../../handoff/deadlines";
import { regionName } from "../../triage/regions";
import { MIN_PUBLIC_COUNT, monthOf } from "./definitions";
import { addMonths, resolveStatsQuery, type StatsFilters } from "./filters";
import { caseSums, monthRange, regionsWithCases, totals, type Where } from "./queries";
import { CHARTS, type ChartContext } from "./report";
import type { StatsScope } from "./scope";
import { heading, TABLE_IDS, withheldText, type StatsTable, type TableId } from "./tables";

/** "昆明市五华区": the county with its city, without the province. */
export function regionLabel(code: string): string {
  const full = regionName(code);
  const province = regionName(code.slice(0, 2));
  if (!full) return code;
  return province && full.startsWith(province) && full.length > province.length ? full.slice(province.length) : full;
}

function orgNames(): (id: string) => string {
  const names = new Map(getDb().select({ id: organisations.id, name: organisations.name }).from(organisations).all().map((o) => [o.id, o.name]));
  return (id) => names.get(id) ?? "已撤销的组织";
}

export function contextFor(scope: StatsScope, filters: StatsFilters, now: Date): ChartContext {
  const where: Where = {
    ...filters,
    orgIds: scope.view === "staff" ? scope.orgIds : null,
    regionPrefixes: scope.view === "staff" ? scope.regionPrefixes : null,
  };
  return { where, pub: scope.view === "public", today: chinaDate(now), orgName: orgNames(), regionLabel };
}

/**
 * The public page's county filter, kept only when the county has at least MIN_PUBLIC_COUNT cases in
 * the period: with fewer, every figure of the page would be about those few (and a county is
 * picked by its code in the address bar, whatever the picker offers). It is then ignored, with a
 * note saying so, rather than refused: the period the visitor chose still applies.
 */
export function publicRegionFilter(scope: StatsScope, filters: StatsFilters): { filters: StatsFilters; notice: string | null } {
  if (scope.view !== "public" || !filters.region) return { filters, notice: null };
  const inRegion = totals({ ...filters, orgId: null, orgIds: null, regionPrefixes: null }).filed;
  if (inRegion >= MIN_PUBLIC_COUNT) return { filters, notice: null };
  const span = filters.from === filters.to ? filters.from : `${filters.from}至${filters.to}`;
  return {
    filters: { ...filters, region: null },
    notice: `所选地区在${span}期间收案少于${MIN_PUBLIC_COUNT}件，为防止识别当事人，公开页面不单独显示该地区，下面是全部地区的数据。`,
  };
}

export type StatsPage = {
  view: StatsScope["view"];
  scopeLabel: string;
  staffAvailable: boolean;
  filters: StatsFilters;
  options: { months: string[]; regions: { code: string; name: string }[]; orgs: { id: string; name: string }[] | null };
  minCount: number;
  /** Why a filter was not applied (the public page's county filter over too few cases), or null. */
  notice: string | null;
  tables: StatsTable[];
};

function options(scope: StatsScope, ctx: ChartContext, filters: StatsFilters, now: Date): StatsPage["options"] {
  const range = monthRange();
  const last = [range.last, filters.to, monthOf(now)].filter(Boolean).sort().at(-1)!;
  const first = [range.first ?? addMonths(last, -11), filters.from, addMonths(last, -11)].sort()[0];
  const months: string[] = [];
  for (let m = last; m >= first && months.length < 120; m = addMonths(m, -1)) months.push(m);
  const scoped = { orgIds: ctx.where.orgIds, regionPrefixes: ctx.where.regionPrefixes };
  let regions = regionsWithCases(scoped);
  if (scope.view === "public") {
    // A county with fewer cases than the threshold is not even listed.
    const all = { ...ctx.where, from: "0000-00", to: "9999-99", region: null, orgId: null };
    const counts = new Map(caseSums(all, "region_code").map((r) => [r.key, r.filed]));
    regions = regions.filter((r) => (counts.get(r) ?? 0) >= MIN_PUBLIC_COUNT);
  }
  let orgs: StatsPage["options"]["orgs"] = null;
  if (scope.view === "staff") {
    const all = { ...ctx.where, from: "0000-00", to: "9999-99", region: null, orgId: null };
    const ids = new Set([...caseSums(all, "org_id").filter((r) => r.key && r.filed > 0).map((r) => r.key), ...(scope.orgIds ?? [])]);
    orgs = [...ids].map((id) => ({ id, name: ctx.orgName(id) })).sort((a, b) => a.name.localeCompare(b.name, "zh-CN"));
  }
  return { months, regions: regions.map((code) => ({ code, name: regionLabel(code) })), orgs };
}

/** Everything the statistics page shows, for this user and query string. */
export function statsPage(user: Pick<SessionUser, "id" | "role"> | null, params: URLSearchParams, now = new Date()): StatsPage {
  const resolved = resolveStatsQuery(params, user, now);
  const { scope, staffAvailable } = resolved;
  const { filters, notice } = publicRegionFilter(scope, resolved.filters);
  const ctx = contextFor(scope, filters, now);
  // Organisation-level figures are for staff; the public page shows them only merged (report.ts).
  const tables = TABLE_IDS.map((id) => CHARTS[id](ctx));
  return { view: scope.view, scopeLabel: scope.label, staffAvailable, filters, options: options(scope, ctx, filters, now), minCount: MIN_PUBLIC_COUNT, notice, tables };
}

/** CSV text of one table (same rows as on the page) with its file names. */
export function statsCsv(user: Pick<SessionUser, "id" | "role"> | null, tableId: string, params: URLSearchParams, now = new Date()): { body: string; filename: string; ascii: string } {
  if (!(TABLE_IDS as readonly string[]).includes(tableId)) throw new AppError("NOT_FOUND", "没有这张统计表");
  const id = tableId as TableId;
  const resolved = resolveStatsQuery(params, user, now);
  // The same county rule as the page the link came from: the CSV holds the page's rows.
  const { filters } = publicRegionFilter(resolved.scope, resolved.filters);
  const table = CHARTS[id](contextFor(resolved.scope, filters, now));
  const body = toCsv([
    table.columns.map(heading),
    ...table.rows.map((r) => r.map((v, i) => (v === null ? withheldText(table.columns[i], MIN_PUBLIC_COUNT) : v))),
  ]);
  const span = `${filters.from}至${filters.to}`;
  return { body, filename: `云解纷统计_${table.title}_${span}.csv`, ascii: `yunjiefen-stats-${id}-${filters.from}-${filters.to}.csv` };
}
