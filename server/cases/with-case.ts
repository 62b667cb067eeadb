// The shape of every case action: load with access check, re-read inside a transaction, act,
// write notifications with the change, and release sockets/SMS after commit.
import { getDb } from "../../db/client";
import type { SessionUser } from "../auth/session";
import { actorOf, type Actor } from "./actor";
import { loadCaseFor, reloadInTx, type CaseView } from "./access";
import { Effects } from "./effects";
import type { Tx } from "./timeline";
import { announceBoardChanged, announceCaseChanged } from "../realtime/broadcast";

function roleLabel(view: CaseView): string | undefined {
  if (view.roles.includes("mediator")) return "调解员";
  if (view.roles.includes("dispatcher")) return "分流员";
  if (view.roles.includes("applicant")) return view.row.source === "lawyer_referral" && view.user.role === "lawyer" ? "代理律师" : "申请人";
  if (view.roles.includes("respondent")) return "被申请人";
  if (view.roles.includes("court")) return "法官";
  if (view.roles.includes("org_staff")) return "调解组织";
  return undefined;
}

/** Runs `fn` in a transaction on a fresh copy of the case, then releases side effects. */
export async function withCase<T>(user: SessionUser, caseId: string, fn: (tx: Tx, view: CaseView, fx: Effects, actor: Actor) => T): Promise<T> {
  const first = loadCaseFor(user, caseId);
  const fx = new Effects();
  const out = getDb().transaction((tx) => {
    const view = reloadInTx(tx, first);
    const r = fn(tx, view, fx, actorOf(user, roleLabel(view)));
    fx.write(tx);
    // Open case pages refresh themselves (the loader stays the source of truth).
    const people = new Set([...view.parties.flatMap((p) => [p.userId, p.agentUserId]), view.row.mediatorId, view.row.filedById].filter((x): x is string => !!x));
    fx.then(() => announceCaseChanged(view.row.id, [...people]));
    fx.then(() => announceBoardChanged(view.row.regionCode)); // the 矛调中心 board of its city
    return r;
  });
  await fx.flush();
  return out;
}

export function applicantUsers(parties: { side: string; userId: string | null; agentUserId: string | null }[]): string[] {
  return [...new Set(parties.filter((p) => p.side === "applicant").flatMap((p) => [p.userId, p.agentUserId]).filter((x): x is string => !!x))];
}
