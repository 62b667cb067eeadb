// Who acts for a case party: the party's own account and their agent's, either of whom may sign,
// pay, confirm or be told for the party. Pure.
import type { CaseParty } from "../../db/schema";

type Acting = Pick<CaseParty, "userId" | "agentUserId">;

/** The party's own account and their agent's: either may act for the party. */
export function usersOf(p: Acting | undefined): string[] {
  return p ? [p.userId, p.agentUserId].filter((x): x is string => !!x) : [];
}

export function actsFor(p: Acting | undefined, userId: string): boolean {
  return usersOf(p).includes(userId);
}

export function partyById(parties: CaseParty[], id: string): CaseParty | undefined {
  return parties.find((p) => p.id === id);
}

/** Everyone who acts for any of these parties, once each. */
export function partyUserIds(parties: Acting[]): string[] {
  return [...new Set(parties.flatMap(usersOf))];
}

/** The parties this user acts for (as the party, or as their agent). */
export function partiesSignedBy(parties: CaseParty[], userId: string): CaseParty[] {
  return parties.filter((p) => actsFor(p, userId));
}
