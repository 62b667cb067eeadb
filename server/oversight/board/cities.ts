// Whose board this is: a 分流员 sees the cities their 矛调中心 covers (server/cases/access.ts
// dispatchCoverage: the first 4 digits of the centre's region code), and nothing else.
import { and, gte, lt, or, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { SessionUser } from "../../auth/session";
import { dispatchCoverage } from "../../cases/access";
import { AppError } from "../../lib/errors";
import { prefixEnd } from "../region-prefix";

/** The cities (4-digit prefixes) on this user's board; FORBIDDEN for anyone but a dispatcher with a centre. */
export function boardCities(user: Pick<SessionUser, "id" | "role">): string[] {
  if (user.role !== "dispatcher") throw new AppError("FORBIDDEN", "矛调中心看板仅供分流员使用");
  const cities = [...new Set(dispatchCoverage(user.id))].sort();
  if (cities.length === 0) throw new AppError("FORBIDDEN", "您尚未加入任何矛调中心，暂无可查看的辖区");
  return cities;
}

/** Region codes of these cities, as ranges ("5301" ≤ code < "5302", see ../region-prefix.ts). */
export function inCities(column: SQLiteColumn, cities: string[]): SQL {
  const ranges = cities.map((c) => and(gte(column, c), lt(column, prefixEnd(c)))!);
  return ranges.length === 1 ? ranges[0] : or(...ranges)!;
}
