// One case as a line on the board: enough to recognise it and act on it, loaded by primary key for
// the rows of one page only (the sections first pick the ids, ordered and paginated).
import { eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { getDb } from "../../../db/client";
import { cases, organisations, users } from "../../../db/schema";
import { CASE_STATUS_LABELS } from "../../../app/lib/case-enums";
import { formatCaseNo } from "../../../app/lib/case-format";
import { check } from "../../cases/state-machine";
import { escalationTarget } from "./escalation-target";

/** Cases still on the mediation path: the ones a dispatcher can still steer. */
export const BOARD_OPEN = ["unrouted", "awaiting_acceptance", "awaiting_consent", "mediating", "agreed"] as const;

/** Red first, then yellow, then green (the letters alone would sort green < red < yellow). */
export const riskOrder = sql<number>`(case ${cases.risk} when 'red' then 0 when 'yellow' then 1 else 2 end)`;

export const PAGE_SIZE = 20;

/** A board section's page: its items, how many there are in all, and how many pages that makes. */
export function paged<T>(items: T[], total: number, page: number) {
  return { items, total, page, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}

const parent = alias(organisations, "parent_org");

export type BoardLine = ReturnType<typeof linesFor>[number];

export function linesFor(ids: string[]) {
  if (ids.length === 0) return [];
  const rows = getDb()
    .select({
      id: cases.id,
      caseNo: cases.caseNo,
      version: cases.version,
      status: cases.status,
      category: cases.category,
      risk: cases.risk,
      riskReasons: cases.riskReasons,
      routingReason: cases.routingReason,
      submittedAt: cases.submittedAt,
      orgId: cases.orgId,
      orgName: organisations.name,
      orgType: organisations.type,
      orgLevel: organisations.level,
      parentId: parent.id,
      parentName: parent.name,
      parentType: parent.type,
      parentLevel: parent.level,
      parentActive: parent.active,
      mediatorName: users.name,
    })
    .from(cases)
    .leftJoin(organisations, eq(organisations.id, cases.orgId))
    .leftJoin(parent, eq(parent.id, organisations.parentId))
    .leftJoin(users, eq(users.id, cases.mediatorId))
    .where(inArray(cases.id, ids))
    .all();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const { parentId, parentName, parentType, parentLevel, parentActive, orgType, orgLevel, ...rest } = r;
    const org = r.orgId ? { type: orgType!, level: orgLevel } : null;
    const up = parentId ? { id: parentId, name: parentName!, type: parentType!, level: parentLevel, active: parentActive! } : null;
    const target = escalationTarget(org, up);
    // What a dispatcher may do in this status (the state machine decides; the board only shows it).
    const assign = check("assign", r.status, ["dispatcher"]);
    const escalate = check("escalate", r.status, ["dispatcher"]);
    return [
      {
        ...rest,
        caseNoText: formatCaseNo(r.caseNo),
        statusText: CASE_STATUS_LABELS[r.status],
        mayReassign: assign.ok,
        // Where 上报 would send it, or why it cannot go up (shown instead of the button).
        escalateTo: escalate.ok && "name" in target ? target.name : null,
        escalateBlocked: !escalate.ok ? escalate.message : "error" in target ? target.error : null,
      },
    ];
  });
}
