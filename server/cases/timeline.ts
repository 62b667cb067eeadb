// Every state change goes through here: status, version check and timeline row in one transaction.
import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { caseEvents, cases, type Case } from "../../db/schema";
import type { CaseStatus } from "../../app/lib/case-enums";
import { AppError } from "../lib/errors";
import type { Actor } from "./actor";
import { check, type CaseAction, type CaseRole } from "./state-machine";

export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export type EventInput = {
  type: string;
  summary: string;
  reason?: string | null;
  data?: Record<string, unknown> | null;
  visibility?: "all" | "staff";
  fromStatus?: CaseStatus | null;
  toStatus?: CaseStatus | null;
};

export function recordEvent(tx: Tx, caseId: string, actor: Actor, e: EventInput): void {
  tx.insert(caseEvents)
    .values({
      caseId,
      actorId: actor.id,
      actorLabel: actor.label,
      type: e.type,
      summary: e.summary,
      reason: e.reason ?? null,
      data: e.data ?? null,
      visibility: e.visibility ?? "all",
      fromStatus: e.fromStatus ?? null,
      toStatus: e.toStatus ?? null,
    })
    .run();
}

/**
 * Moves a case from its current status to `to` (or keeps it, when `to` is null) if the state
 * machine allows `action` for `roles`. The update is conditional on the version the caller read:
 * if someone else changed the case meanwhile, nothing is written and the caller gets CONFLICT.
 */
export function transition(
  tx: Tx,
  row: Pick<Case, "id" | "status" | "version">,
  action: CaseAction,
  roles: readonly CaseRole[],
  actor: Actor,
  to: CaseStatus | null,
  patch: Partial<typeof cases.$inferInsert>,
  event: Omit<EventInput, "fromStatus" | "toStatus">,
): Case {
  const verdict = check(action, row.status, roles, to);
  if (!verdict.ok) throw new AppError(verdict.status === 403 ? "FORBIDDEN" : "CONFLICT", verdict.message);
  const next = to ?? row.status;
  const updated = tx
    .update(cases)
    .set({ ...patch, status: next, version: row.version + 1, updatedAt: new Date() })
    .where(and(eq(cases.id, row.id), eq(cases.version, row.version)))
    .returning()
    .get();
  if (!updated) throw new AppError("CONFLICT", "案件刚刚已被他人处理，请刷新页面查看最新状态");
  recordEvent(tx, row.id, actor, { ...event, fromStatus: row.status, toStatus: to ? next : null });
  return updated;
}
