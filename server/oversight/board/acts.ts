// What a dispatcher does from the board: reassign (the existing manual assignment, called as is)
// or escalate. Both refuse a board that was stale when the button was pressed: the dispatcher saw
// one state of the case and must not silently undo a step someone took since.
import type { SessionUser } from "../../auth/session";
import { loadCaseFor } from "../../cases/access";
import { AppError } from "../../lib/errors";
import { assignByHand } from "../../triage/decisions";
import { boardCities } from "./cities";
import { escalateCase } from "./escalate";

function freshFor(user: SessionUser, caseId: string, seenVersion: number | undefined) {
  boardCities(user); // a dispatcher with a centre, or FORBIDDEN
  const view = loadCaseFor(user, caseId); // NOT_FOUND outside their cities
  if (seenVersion !== undefined && seenVersion !== view.row.version) throw new AppError("CONFLICT", "案件刚刚有了新进展，请查看最新状态后再操作");
  return view;
}

export async function reassignFromBoard(user: SessionUser, input: { caseId: string; version?: number; orgId: string; mediatorId?: string; reason: string }, now = new Date()) {
  freshFor(user, input.caseId, input.version);
  return assignByHand(user, input.caseId, { orgId: input.orgId, mediatorId: input.mediatorId || undefined, reason: input.reason }, now);
}

export async function escalateFromBoard(user: SessionUser, input: { caseId: string; version?: number; reason: string }, now = new Date()) {
  freshFor(user, input.caseId, input.version);
  return escalateCase(user, input.caseId, input.reason, now);
}
