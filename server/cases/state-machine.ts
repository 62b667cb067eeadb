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
  "court", // a judge of the court that sent the case out, or of the court now holding it (司法确认, filing)
  "notary", // a 公证员 of the notary office the parties applied to (赋强公证)
  "arbitrator", // an 仲裁员 of the arbitration commission a failed case was sent to
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
  "apply_confirmation",
  "court_accept",
  "court_decline",
  "court_extend",
  "rule_valid",
  "rule_rejected",
  "remediate",
  "apply_notarisation",
  "notary_issue",
  "notary_refuse",
  "request_exec_cert",
  "issue_exec_cert",
  "confirm_payment",
  "transfer",
  "acknowledge_transfer",
  "escalate",
  "rate",
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

  // 裁 — 司法确认 (人民调解法 Art 33, 民事诉讼法 Art 205): both parties apply; the one who completes
  // the joint application sends it to the court. The court accepts (调确字 number) or declines (the
  // agreement stays effective: another competent court may be tried within the 30 days), may
  // extend once, and rules: valid, or rejected on a ground of 民诉解释 Art 358.
  apply_confirmation: { from: ["effective"], to: [null, "confirming"], by: ["applicant", "respondent"], label: "申请司法确认" },
  court_accept: { from: ["confirming"], to: [null], by: ["court"], label: "受理司法确认申请" },
  court_decline: { from: ["confirming"], to: ["effective"], by: ["court"], label: "不予受理司法确认申请" },
  court_extend: { from: ["confirming"], to: [null], by: ["court"], label: "延长司法确认审查期限" },
  rule_valid: { from: ["confirming"], to: ["confirmed"], by: ["court"], label: "裁定调解协议有效" },
  rule_rejected: { from: ["confirming"], to: ["confirm_rejected"], by: ["court"], label: "裁定驳回司法确认申请" },
  // After a rejection the parties may mediate again (a new agreement) — or go to court (transfer).
  remediate: { from: ["confirm_rejected"], to: ["mediating"], by: ["mediator"], label: "重新调解" },
  // 赋强公证 (公证法 Art 37): a monetary agreement with the debtor's acceptance of enforcement.
  apply_notarisation: { from: ["effective"], to: [null, "notarising"], by: ["applicant", "respondent"], label: "申请赋强公证" },
  notary_issue: { from: ["notarising"], to: ["notarised"], by: ["notary"], label: "出具赋强公证书" },
  notary_refuse: { from: ["notarising"], to: ["effective"], by: ["notary"], label: "不予办理赋强公证" },
  request_exec_cert: { from: ["notarised"], to: [null], by: ["applicant", "respondent"], label: "申请出具执行证书" },
  issue_exec_cert: { from: ["notarised"], to: [null], by: ["notary"], label: "出具执行证书" },
  // 履行: the creditor confirms an instalment was paid, whatever route the agreement took.
  confirm_payment: {
    from: ["effective", "confirming", "confirmed", "confirm_rejected", "notarising", "notarised"],
    to: [null],
    by: ["applicant", "respondent"],
    label: "确认收到履行款项",
  },
  // A failed mediation (or a rejected confirmation) moves on with its file (Art 21). Either party may
  // take it on to arbitration or court — the respondent too (an employee, a creditor named as respondent).
  transfer: { from: ["failed", "confirm_rejected"], to: ["transferred"], by: ["applicant", "respondent", "mediator"], label: "移送仲裁或诉讼" },
  acknowledge_transfer: { from: ["transferred"], to: [null], by: ["court", "arbitrator"], label: "确认收到移送案件" },

  // Oversight. The 矛调中心 (or the organisation's head) sends a case up a level — village →
  // township → county — with a reason; the new organisation must accept it like any assignment.
  escalate: {
    from: ["awaiting_acceptance", "awaiting_consent", "mediating"], // an unrouted case has no level to go up from
    to: ["awaiting_acceptance"],
    by: ["dispatcher", "org_staff"],
    label: "上报上级调解组织",
  },
  // Each party rates the service once the mediation is over, whatever its outcome.
  rate: { from: ["effective", "confirming", "confirmed", "confirm_rejected", "notarising", "notarised", "failed", "transferred"], to: [null], by: ["applicant", "respondent"], label: "评价调解服务" },
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
  confirming: "司法确认审查中",
  confirmed: "已司法确认",
  confirm_rejected: "司法确认被驳回",
  notarising: "赋强公证办理中",
  notarised: "已赋强公证",
  transferred: "已移送仲裁或诉讼",
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
