// Case vocabularies shared by the browser and the server.

export const CASE_STATUSES = [
  "draft", // being written by the filer; visible to nobody else
  "unrouted", // the rules could not decide: in the 分流员's queue
  "awaiting_acceptance", // assigned to a mediator, who must accept or decline within 3 working days
  "awaiting_consent", // accepted; the respondent is invited to consent or refuse
  "mediating", // both sides agreed to mediate: sessions, chat, offers
  "agreed", // a session ended with agreement reached: the agreement is drafted and signed next
  "effective", // the mediation agreement took effect: every signature and the seal are on it
  "confirming", // 裁: a joint application for 司法确认 is with the court
  "confirmed", // the court ruled the agreement valid (裁定调解协议有效)
  "confirm_rejected", // the court rejected the application (民诉解释 Art 358): re-mediate or sue
  "notarising", // 裁: a joint application for 赋强公证 is with the notary office
  "notarised", // the notary issued the 公证书 with enforcement effect
  "failed", // mediation failed with one of the reasons of Art 25: moves on to 裁
  "refused", // the respondent refused (人民调解法 Art 17): mediation cannot go ahead
  "consent_expired", // the respondent never answered the invitation
  "withdrawn", // the applicant withdrew
  "transferred", // 裁: after a failed mediation (or a rejected confirmation) sent on to arbitration or court
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  draft: "草稿",
  unrouted: "待人工分流",
  awaiting_acceptance: "待调解员受理",
  awaiting_consent: "待对方同意",
  mediating: "调解中",
  agreed: "已达成调解意向",
  effective: "调解协议已生效",
  confirming: "司法确认审查中",
  confirmed: "已司法确认",
  confirm_rejected: "司法确认被驳回",
  notarising: "赋强公证办理中",
  notarised: "已赋强公证",
  transferred: "已转仲裁/诉讼",
  failed: "调解不成",
  refused: "对方拒绝调解",
  consent_expired: "对方未答复",
  withdrawn: "已撤回",
};

/** Statuses in which the case is finished on the mediation path. */
export const ENDED_STATUSES: readonly CaseStatus[] = ["refused", "consent_expired", "withdrawn", "failed"];

export const CASE_SOURCES = ["citizen", "lawyer_referral", "court_delegated", "court_entrusted"] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];
export const CASE_SOURCE_LABELS: Record<CaseSource, string> = {
  citizen: "当事人申请",
  lawyer_referral: "律调对接",
  court_delegated: "法院委派（诉前）",
  court_entrusted: "法院委托（诉中）",
};

export const MEDIATION_KINDS = ["people", "administrative", "judicial", "lawyer"] as const;
export type MediationKind = (typeof MEDIATION_KINDS)[number];
export const MEDIATION_KIND_LABELS: Record<MediationKind, string> = {
  people: "人民调解",
  administrative: "行政调解",
  judicial: "司法调解",
  lawyer: "律师调解",
};

/** What the filer asked for; "auto" lets the routing rules decide. */
export const KIND_PREFERENCES = ["auto", "people", "lawyer"] as const;
export type KindPreference = (typeof KIND_PREFERENCES)[number];

export const RISK_GRADES = ["green", "yellow", "red"] as const;
export type RiskGrade = (typeof RISK_GRADES)[number];
export const RISK_LABELS: Record<RiskGrade, string> = { green: "绿色（一般）", yellow: "黄色（关注）", red: "红色（高危）" };

export const PARTY_SIDES = ["applicant", "respondent"] as const;
export type PartySide = (typeof PARTY_SIDES)[number];
export const PARTY_KINDS = ["person", "org"] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

export const CONSENT_STATES = ["pending", "consented", "refused"] as const;
export type ConsentState = (typeof CONSENT_STATES)[number];

export const ASSIGNMENT_STATES = ["pending", "accepted", "declined", "expired", "replaced"] as const;
export type AssignmentState = (typeof ASSIGNMENT_STATES)[number];

export const FAIL_REASON_LABELS = {
  settled_privately: "当事人自行和解，撤回申请",
  unreachable: "当事人无法联系",
  party_quits: "当事人拒绝继续调解",
  too_far_apart: "双方分歧过大，无法达成协议",
  time_limit: "调解期限届满，未同意延长",
  refuses_to_sign: "当事人拒绝签署调解协议",
  other: "其他原因",
} as const;
export type FailReason = keyof typeof FAIL_REASON_LABELS;
