// 律调对接: the lawyer who represents a party may not mediate the case, and a lawyer who mediated a
// case may not represent a party in it (最高人民法院 司法部《关于开展律师调解试点工作的意见》,
// 司发通〔2017〕105号; domain.md "裁 — handoff"). Pure: every place that chooses a mediator, or lets
// one act, asks here with the case row and its parties (ADR 015).
import type { Case, CaseParty } from "../../../db/schema";

export const REPRESENTS_PARTY =
  "代理本案当事人的律师不得担任本案调解员；律师调解过的案件，也不得再代理任何一方当事人（《关于开展律师调解试点工作的意见》，司发通〔2017〕105号）";
export const IS_PARTY = "本案当事人不能担任本案调解员";

type Row = Pick<Case, "filedById" | "source">;
type Party = Pick<CaseParty, "userId" | "agentUserId">;

/** Everyone who stands for a side of the case: the parties' accounts, their agents, and the referring lawyer. */
export function sideUserIds(row: Row, parties: readonly Party[]): string[] {
  const ids = parties.flatMap((p) => [p.userId, p.agentUserId]);
  // The filer of a law-firm referral is the client's lawyer even before the client's party row is read.
  if (row.source === "lawyer_referral") ids.push(row.filedById);
  return [...new Set(ids.filter((x): x is string => !!x))];
}

/** Why `userId` may not be this case's mediator, or null when nothing stands in the way. */
export function mediatorConflict(userId: string, row: Row, parties: readonly Party[]): string | null {
  if (parties.some((p) => p.agentUserId === userId) || (row.source === "lawyer_referral" && row.filedById === userId)) return REPRESENTS_PARTY;
  if (parties.some((p) => p.userId === userId)) return IS_PARTY;
  return null;
}

/** Why `userId` may not become a party's agent on a case they mediate (or were offered), or null. */
export function agentConflict(userId: string, mediatorIds: readonly (string | null)[]): string | null {
  return mediatorIds.includes(userId) ? REPRESENTS_PARTY : null;
}
