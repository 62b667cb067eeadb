// The filing wizard's steps for each kind of filer. Fields are top-level keys of the filing
// schema: a step saves and checks exactly these.
import type { CaseSource } from "./case-enums";

export type Step = { key: string; title: string; fields: readonly string[] };

const RESPONDENTS: Step = { key: "respondents", title: "对方当事人", fields: ["respondents"] };
const DISPUTE: Step = { key: "dispute", title: "纠纷情况", fields: ["category", "regionCode", "areaCode", "address", "facts", "claims", "amountYuan"] };
const EVIDENCE: Step = { key: "evidence", title: "证据材料", fields: [] };

export const STEPS: Record<"citizen" | "lawyer_referral" | "court", Step[]> = {
  citizen: [
    { key: "applicant", title: "申请人信息", fields: ["applicantAddress", "applicantRegionCode"] },
    RESPONDENTS,
    DISPUTE,
    EVIDENCE,
    { key: "confirm", title: "选择调解方式并提交", fields: ["kindPreference"] },
  ],
  lawyer_referral: [
    { key: "client", title: "委托人（申请人）", fields: ["client"] },
    RESPONDENTS,
    DISPUTE,
    { ...EVIDENCE, title: "授权委托书与证据" },
    { key: "confirm", title: "确认提交", fields: [] },
  ],
  court: [
    { key: "court", title: "委派/委托信息", fields: ["mode", "courtCaseNo", "orgId"] },
    { key: "applicant", title: "原告（申请人）", fields: ["applicant"] },
    RESPONDENTS,
    DISPUTE,
    EVIDENCE,
    { key: "confirm", title: "确认提交", fields: [] },
  ],
};

export function stepsFor(source: CaseSource): Step[] {
  return source === "citizen" ? STEPS.citizen : source === "lawyer_referral" ? STEPS.lawyer_referral : STEPS.court;
}

/** Which step holds an error path such as "respondents[0].idNumber". */
export function stepOfPath(steps: Step[], path: string): Step | undefined {
  const top = path.split(/[.[]/)[0];
  return steps.find((s) => s.fields.includes(top));
}
