// The filters of the statistics pages (query string): period from/to (YYYY-MM, by month of
// filing), county, and — staff only — organisation. Parsed with zod; what lies outside the
// user's scope is refused with 403 rather than silently widened or narrowed.
import { eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "../../../db/client";
import { organisations } from "../../../db/schema";
import type { SessionUser } from "../../auth/session";
import { AppError } from "../../lib/errors";
import { monthOf } from "./definitions";
import { orgInScope, PUBLIC_SCOPE, regionInScope, staffScopeOf, type StatsScope } from "./scope";

const blank = (v: unknown) => (v === "" || v === null ? undefined : v);
const month = (what: string) => z.preprocess(blank, z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: `${what}格式应为“年-月”，如 2026-01` }).optional());

export const statsQuerySchema = z.object({
  from: month("起始月份"),
  to: month("截止月份"),
  region: z.preprocess(blank, z.string().regex(/^\d{6}$/, { error: "地区应为6位县级行政区划代码" }).optional()),
  org: z.preprocess(blank, z.string().regex(/^[a-z2-7]{16}$/, { error: "调解组织不存在" }).optional()),
  // A staff member may look at the public page as everyone else sees it.
  view: z.preprocess(blank, z.enum(["public"], { error: "视图参数不正确" }).optional()),
});

/** A period of at most ten years: the month chart has a point per month. */
export const MAX_MONTHS = 120;

export type StatsFilters = { from: string; to: string; region: string | null; orgId: string | null };
export type Resolved = { scope: StatsScope; filters: StatsFilters; staffAvailable: boolean };

/** The month `n` months before `m` (YYYY-MM). */
export function addMonths(m: string, n: number): string {
  const [y, mo] = m.split("-").map(Number);
  const t = y * 12 + (mo - 1) + n;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, "0")}`;
}

export function resolveStatsQuery(params: URLSearchParams, user: Pick<SessionUser, "id" | "role"> | null, now = new Date()): Resolved {
  const parsed = statsQuerySchema.safeParse(Object.fromEntries(params));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError("BAD_INPUT", issue.message, String(issue.path[0] ?? ""));
  }
  const q = parsed.data;
  const staff = staffScopeOf(user);
  const scope: StatsScope = staff && q.view !== "public" ? staff : PUBLIC_SCOPE;
  // Default: the last twelve months, this one included.
  const to = q.to ?? monthOf(now);
  const from = q.from ?? addMonths(to, -11);
  if (from > to) throw new AppError("BAD_INPUT", "起始月份不能晚于截止月份", "from");
  if (addMonths(from, MAX_MONTHS) <= to) throw new AppError("BAD_INPUT", `查询期间最长${MAX_MONTHS / 12}年，请缩短起止月份`, "from");
  if (q.org) {
    if (scope.view === "public") throw new AppError("FORBIDDEN", "按调解组织筛选仅对工作人员开放", "org");
    if (!getDb().select({ id: organisations.id }).from(organisations).where(eq(organisations.id, q.org)).get()) throw new AppError("BAD_INPUT", "调解组织不存在", "org");
    if (!orgInScope(scope, q.org)) throw new AppError("FORBIDDEN", "您无权查看该组织的统计数据", "org");
  }
  if (q.region && scope.view === "staff" && !regionInScope(scope, q.region)) throw new AppError("FORBIDDEN", "您只能查看本辖区的统计数据", "region");
  return { scope, filters: { from, to, region: q.region ?? null, orgId: q.org ?? null }, staffAvailable: staff !== null };
}
