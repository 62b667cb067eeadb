// Who must sign an agreement: every party of the case (the party themself or their agent) and
// the mediator (在线调解规则 Art 19). Each is a "slot" on the signature block.
import type { Case, CaseParty } from "../../db/schema";

export type SignerSlot = {
  slot: string; // the case party's id, or "mediator"
  roleLabel: string;
  name: string;
  /** The accounts that may sign in this slot: the party and their agent, or the mediator. */
  userIds: string[];
};

const MEDIATOR_SLOT = "mediator";

export function signerSlots(row: Pick<Case, "mediatorId">, parties: CaseParty[], mediatorName: string): SignerSlot[] {
  const slots: SignerSlot[] = [...parties]
    .sort((a, b) => (a.side === b.side ? a.createdAt.getTime() - b.createdAt.getTime() : a.side === "applicant" ? -1 : 1))
    .map((p) => ({
      slot: p.id,
      roleLabel: p.side === "applicant" ? "申请人" : "被申请人",
      name: p.name,
      userIds: [p.userId, p.agentUserId].filter((x): x is string => !!x),
    }));
  slots.push({ slot: MEDIATOR_SLOT, roleLabel: "调解员", name: mediatorName, userIds: row.mediatorId ? [row.mediatorId] : [] });
  return slots;
}

export function slotsOf(slots: SignerSlot[], userId: string): SignerSlot[] {
  return slots.filter((s) => s.userIds.includes(userId));
}
