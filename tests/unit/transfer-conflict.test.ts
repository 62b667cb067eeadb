// 律调对接: the rule that keeps a party's lawyer from mediating, and a mediator from representing.
import { describe, expect, it } from "vitest";
import { agentConflict, IS_PARTY, mediatorConflict, REPRESENTS_PARTY, sideUserIds } from "../../server/handoff/referrals/conflict";

const referral = { filedById: "lawyer", source: "lawyer_referral" as const };
const parties = [
  { userId: "client", agentUserId: "lawyer" },
  { userId: "respondent", agentUserId: null },
];

describe("司发通〔2017〕105号: a lawyer who represents a party may not mediate the case", () => {
  it("bars the referring lawyer, citing the rule", () => {
    expect(mediatorConflict("lawyer", referral, parties)).toBe(REPRESENTS_PARTY);
    expect(REPRESENTS_PARTY).toContain("司发通〔2017〕105号");
  });

  it("bars the referring lawyer even before the party rows exist", () => {
    expect(mediatorConflict("lawyer", referral, [])).toBe(REPRESENTS_PARTY);
    expect(sideUserIds(referral, [])).toEqual(["lawyer"]);
  });

  it("bars any party's agent, and the parties themselves, in any kind of case", () => {
    const citizen = { filedById: "client", source: "citizen" as const };
    expect(mediatorConflict("lawyer", citizen, parties)).toBe(REPRESENTS_PARTY);
    expect(mediatorConflict("respondent", citizen, parties)).toBe(IS_PARTY);
    expect(sideUserIds(citizen, parties).sort()).toEqual(["client", "lawyer", "respondent"]);
  });

  it("lets another lawyer-mediator of the same firm's studio mediate", () => {
    expect(mediatorConflict("studio-mediator", referral, parties)).toBeNull();
  });
});

describe("司发通〔2017〕105号: a lawyer who mediated may not represent a party in the case", () => {
  it("bars the mediator (current or earlier) as an agent, and no one else", () => {
    expect(agentConflict("m1", ["m2", "m1"])).toBe(REPRESENTS_PARTY);
    expect(agentConflict("lawyer", ["m2", null])).toBeNull();
  });
});
