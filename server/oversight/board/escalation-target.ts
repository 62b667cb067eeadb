// Where a case goes up to (domain.md: hard or cross-area people's-mediation cases go up a level,
// village/community → township/street → county). Pure, so the board can show the target (or why
// there is none) before anyone presses the button, and escalateCase applies the same rule.
import type { OrgLevel, OrgType } from "../../../app/lib/roles";

type Org = { type: OrgType; level: OrgLevel | null };
type Parent = Org & { id: string; name: string; active: boolean };

const RANK: Record<OrgLevel, number> = { village: 0, street: 1, county: 2 };

export function escalationTarget(org: Org | null, parent: Parent | null): { id: string; name: string } | { error: string } {
  if (!org) return { error: "案件尚未分派调解组织，请直接指派" };
  if (org.type !== "people_committee" || !org.level) return { error: "只有人民调解委员会的案件可以逐级上报（村（社区）→乡镇（街道）→县（区））" };
  if (org.level === "county") return { error: "案件已在县（区）级人民调解委员会，没有更上一级可以上报" };
  // The parent must be a committee higher up (normally the next level; a village may sit directly
  // under the county where there is no township committee). Anything else is refused.
  if (!parent || parent.type !== "people_committee" || !parent.level || RANK[parent.level] <= RANK[org.level]) return { error: "未登记上一级人民调解委员会，无法上报；请改用人工指派" };
  if (!parent.active) return { error: `上一级调解组织${parent.name}已停用，无法上报；请改用人工指派` };
  return { id: parent.id, name: parent.name };
}
