// The one place that knows every case status and every transition. Pure: no I/O.
// Services ask `check()` before writing; the write itself is guarded by the case's version.
import type { CaseStatus } from "../../app/lib/case-enums";

/** How a user stands in relation to one case (computed per case, not a platform role). */
export const CASE_ROLES = [
  "filer", // filed it (the applicant themself, their lawyer, or a court)
  "applicant", // an applicant party or their agent
  "respondent", // a respondent party (or their agent), once verified
  "mediator", // the assigned mediator
  "org_staff", // the head (负责人) of the assigned organisation: may reassign within the platform
  "dispatcher", // 分流员 of the 矛调中心 covering the case's region
  "court", // a judge of the court that sent the case out
  "system", // timers and routing
] as const;
export type CaseRole = (typeof CASE_ROLES)[number];

export const CASE_ACTIONS = [
  "submit",
  "route",
  "assign",
  "accept",
  "decline",
  "accept_timeout",
  "consent",
  "refuse",
  "consent_expire",
  "withdraw",
  "set_risk",
  "request_mediator_change",
  "disclosure_agree",
  "end_agreed",
  "end_failed",
  "extend_deadline",
  "draft_agreement",
  "comment_agreement",
  "sign_agreement",
  "upload_signed_scan",
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

type Rule = {
  from: readonly CaseStatus[];
  /** Possible targets; `null` means the status does not change (risk, requests). */
  to: readonly (CaseStatus | null)[];
  by: readonly CaseRole[];
  label: string;
};

const OPEN: readonly CaseStatus[] = ["unrouted", "awaiting_acceptance", "awaiting_consent", "mediating"];

export const RULES: Record<CaseAction, Rule> = {
  submit: { from: ["draft"], to: ["awaiting_acceptance", "unrouted"], by: ["filer"], label: "提交申请" },
  route: { from: ["unrouted"], to: ["awaiting_acceptance"], by: ["system"], label: "自动分流" },
  assign: {
    from: ["unrouted", "awaiting_acceptance", "awaiting_consent", "mediating"],
    to: ["awaiting_acceptance"],
    by: ["dispatcher", "org_staff"],
    label: "人工指派",
  },
  // Straight to mediating when every respondent consented before a reassignment.
  accept: { from: ["awaiting_acceptance"], to: ["awaiting_consent", "mediating"], by: ["mediator"], label: "受理" },
  decline: { from: ["awaiting_acceptance"], to: ["awaiting_acceptance", "unrouted"], by: ["mediator"], label: "不予受理" },
  accept_timeout: {
    from: ["awaiting_acceptance"],
    to: ["awaiting_acceptance", "unrouted"],
    by: ["system"],
    label: "受理超时改派",
  },
  // Stays in awaiting_consent until every respondent has consented.
  consent: { from: ["awaiting_consent"], to: ["awaiting_consent", "mediating"], by: ["respondent"], label: "同意调解" },
  refuse: { from: ["awaiting_consent"], to: ["refused"], by: ["respondent"], label: "拒绝调解" },
  consent_expire: { from: ["awaiting_consent"], to: ["consent_expired"], by: ["system"], label: "邀请过期" },
  withdraw: { from: ["draft", ...OPEN], to: ["withdrawn"], by: ["filer", "applicant"], label: "撤回申请" },
  set_risk: { from: OPEN, to: [null], by: ["mediator", "dispatcher", "org_staff"], label: "调整风险等级" },
  request_mediator_change: {
    from: ["awaiting_consent", "mediating"],
    to: [null],
    by: ["applicant", "respondent"],
    label: "申请更换调解员",
  },
  // 在线调解规则 Art 13: after a disclosed conflict, mediation goes on only once the parties agree;
  // the last agreement (with every respondent's consent) starts the mediation.
  disclosure_agree: {
    from: ["awaiting_consent", "mediating"],
    to: [null, "mediating"],
    by: ["applicant", "respondent"],
    label: "同意在利益冲突披露后继续调解",
  },
  // 调: the mediator ends a session with agreement reached, or the mediation as failed (Art 25).
  end_agreed: { from: ["mediating"], to: ["agreed"], by: ["mediator"], label: "确认达成调解意向" },
  // From agreed too: a party may still refuse to sign the agreement (Art 25).
  end_failed: { from: ["mediating", "agreed"], to: ["failed"], by: ["mediator"], label: "终结调解（调解不成）" },
  // Art 24: the time limit may be extended when the parties agree.
  extend_deadline: { from: ["mediating"], to: [null], by: ["mediator"], label: "延长调解期限" },
  // The agreement (调解协议书). Drafting may start while mediating once offers were accepted;
  // signing only after the mediator confirmed agreement was reached. Every new version voids
  // the signatures of the previous one (server/agreements/drafts.ts).
  draft_agreement: { from: ["mediating", "agreed"], to: [null], by: ["mediator"], label: "起草调解协议" },
  comment_agreement: { from: ["mediating", "agreed"], to: [null], by: ["applicant", "respondent", "mediator"], label: "对协议草稿提出意见" },
  // 在线调解规则 Art 19: the agreement takes effect when the last person signs.
  sign_agreement: { from: ["agreed"], to: [null, "effective"], by: ["applicant", "respondent", "mediator"], label: "签署调解协议" },
  // 电子签名法 Art 3: marriage, adoption, inheritance — the wet-signed paper is scanned and uploaded.
  upload_signed_scan: { from: ["agreed"], to: ["effective"], by: ["mediator"], label: "上传纸质签署件" },
};

export type Check = { ok: true } | { ok: false; status: 403 | 409; message: string };

const STATUS_WORDS: Record<CaseStatus, string> = {
  draft: "草稿",
  unrouted: "待人工分流",
  awaiting_acceptance: "待受理",
  awaiting_consent: "待对方同意",
  mediating: "调解中",
  agreed: "已达成调解意向",
  effective: "调解协议已生效",
  failed: "调解不成",
  refused: "对方已拒绝调解",
  consent_expired: "邀请已过期",
  withdrawn: "已撤回",
};

/**
 * May someone holding `roles` take `action` on a case in `status`, moving it to `to`?
 * 403 when the person may never do this; 409 when the case is not in a state that allows it.
 */
export function check(action: CaseAction, status: CaseStatus, roles: readonly CaseRole[], to?: CaseStatus | null): Check {
  const rule = RULES[action];
  if (!rule.by.some((r) => roles.includes(r))) {
    return { ok: false, status: 403, message: `您无权对本案进行"${rule.label}"操作` };
  }
  if (!rule.from.includes(status)) {
    return { ok: false, status: 409, message: `案件当前状态为"${STATUS_WORDS[status]}"，不能${rule.label}` };
  }
  if (to !== undefined && !rule.to.includes(to)) {
    return { ok: false, status: 409, message: `"${rule.label}"不能使案件进入该状态` };
  }
  return { ok: true };
}

/** The actions a person could take now: drives which buttons the case page shows. */
export function availableActions(status: CaseStatus, roles: readonly CaseRole[]): CaseAction[] {
  return CASE_ACTIONS.filter((a) => a !== "route" && check(a, status, roles).ok);
}
