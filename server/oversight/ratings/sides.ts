// Who rates for whom: a party row is rated by the party's own account or their agent's.
import type { CaseParty } from "../../../db/schema";

export function actsFor(p: Pick<CaseParty, "userId" | "agentUserId">, userId: string): boolean {
  return p.userId === userId || p.agentUserId === userId;
}

export function sideWord(p: Pick<CaseParty, "side">): string {
  return p.side === "applicant" ? "申请人" : "被申请人";
}
