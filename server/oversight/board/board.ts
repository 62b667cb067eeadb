// The 矛调中心 board as one loader call: red and yellow cases, deadlines across every stage, the
// unrouted queue and each organisation's load, for the cities the dispatcher covers — plus the
// case being acted on, when one is chosen. Every section is paginated on its own.
import { z } from "zod";
import type { SessionUser } from "../../auth/session";
import { loadCaseFor } from "../../cases/access";
import { AppError } from "../../lib/errors";
import { regionName } from "../../triage/regions";
import { boardCities } from "./cities";
import { boardDeadlines, HORIZONS, type Horizon } from "./deadlines";
import { linesFor } from "./lines";
import { BOARD_EVENTS } from "./rooms";
import { orgLoadsOf, reassignOptions, riskCases, unroutedCases } from "./sections";

const page = z.coerce.number().int().min(1).max(500).catch(1);

/** The board's query string. Anything malformed falls back to the default rather than failing. */
export const boardQuerySchema = z.object({
  within: z.enum(Object.keys(HORIZONS) as [Horizon, ...Horizon[]]).catch("3d"),
  riskPage: page,
  duePage: page,
  queuePage: page,
  orgPage: page,
  act: z.string().max(40).optional().catch(undefined),
});
export type BoardQuery = z.infer<typeof boardQuerySchema>;

export function parseBoardQuery(search: URLSearchParams): BoardQuery {
  return boardQuerySchema.parse(Object.fromEntries(search));
}

/** The case chosen for 改派/上报, if the dispatcher may see it; null otherwise (a stale link). */
function actingOn(user: SessionUser, caseId: string | undefined) {
  if (!caseId) return null;
  try {
    const view = loadCaseFor(user, caseId);
    if (!view.roles.includes("dispatcher")) return null;
    return linesFor([caseId])[0] ?? null;
  } catch (e) {
    if (e instanceof AppError && e.code === "NOT_FOUND") return null;
    throw e;
  }
}

export function dispatchBoard(user: SessionUser, q: BoardQuery, now = new Date()) {
  const cities = boardCities(user);
  const acting = actingOn(user, q.act);
  return {
    cities: cities.map((c) => ({ code: c, name: regionName(c) ?? c })),
    now,
    within: q.within,
    risk: riskCases(cities, q.riskPage),
    deadlines: boardDeadlines(cities, q.within, q.duePage, now),
    unrouted: unroutedCases(cities, q.queuePage),
    loads: orgLoadsOf(cities, q.orgPage),
    acting,
    orgOptions: acting ? reassignOptions(cities) : [],
    live: BOARD_EVENTS,
  };
}

export type DispatchBoard = ReturnType<typeof dispatchBoard>;
