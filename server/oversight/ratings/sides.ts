// Who rates for whom: a party row is rated by the party's own account or their agent's.
import type { CaseParty } from "../../../db/schema";

export { actsFor } from "../../handoff/parties";

export function sideWord(p: Pick<CaseParty, "side">): string {
  return p.side === "applicant" ? "申请人" : "被申请人";
}
