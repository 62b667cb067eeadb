// Who is the creditor and who the debtor of an agreement's payment, as case parties and users.
import type { CaseParty } from "../../../db/schema";

/** The party's own account and their agent's: either may act for the party. */
export function usersOf(p: Pick<CaseParty, "userId" | "agentUserId"> | undefined): string[] {
  return p ? [p.userId, p.agentUserId].filter((x): x is string => !!x) : [];
}

export function actsFor(p: Pick<CaseParty, "userId" | "agentUserId"> | undefined, userId: string): boolean {
  return usersOf(p).includes(userId);
}

export function partyById(parties: CaseParty[], id: string): CaseParty | undefined {
  return parties.find((p) => p.id === id);
}
