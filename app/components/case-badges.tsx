import type { CaseStatus, RiskGrade } from "~/lib/case-enums";
import { CASE_STATUS_LABELS } from "~/lib/case-enums";

const RISK_TEXT: Record<RiskGrade, string> = { red: "红色预警", yellow: "黄色关注", green: "绿色" };

export function RiskBadge({ risk }: { risk: RiskGrade | null }) {
  if (!risk) return null;
  return <span className={`badge risk-${risk}`}>{RISK_TEXT[risk]}</span>;
}

export function StatusBadge({ status }: { status: CaseStatus }) {
  return <span className={`badge status-${status}`}>{CASE_STATUS_LABELS[status]}</span>;
}
