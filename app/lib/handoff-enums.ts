// 裁 vocabularies shared by the browser and the server.

export const HANDOFF_KINDS = [
  "confirmation", // 司法确认 by a court (人民调解法 Art 33, 民事诉讼法 Art 205)
  "notarisation", // 赋强公证 by a notary office (公证法 Art 37)
  "arbitration", // a failed case sent to an arbitration commission
  "litigation", // a failed case (or a rejected confirmation) sent to court filing
] as const;
export type HandoffKind = (typeof HANDOFF_KINDS)[number];

export const HANDOFF_KIND_LABELS: Record<HandoffKind, string> = {
  confirmation: "司法确认",
  notarisation: "赋强公证",
  arbitration: "移送仲裁",
  litigation: "移送诉讼（立案）",
};

export const HANDOFF_STATUSES = [
  "applying", // one party applied; waiting for the other (joint applications only)
  "submitted", // with the receiving body, not yet accepted
  "accepted", // accepted (调确字 number assigned; notary took it on)
  "decided", // ruled / issued / refused; see outcome
  "declined", // not accepted (with a reason)
  "closed", // abandoned: the 30-day window passed before both applied, or withdrawn
] as const;
export type HandoffStatus = (typeof HANDOFF_STATUSES)[number];

export const DOCUMENT_KINDS = [
  "agreement", // 调解协议书
  "ruling", // 民事裁定书 (司法确认)
  "notarial_certificate", // 具有强制执行效力的债权文书公证书
  "execution_certificate", // 执行证书
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCUMENT_KIND_LABELS: Record<DocumentKind, string> = {
  agreement: "调解协议书",
  ruling: "民事裁定书",
  notarial_certificate: "公证书",
  execution_certificate: "执行证书",
};

/** 民诉解释 Art 358: the grounds on which a court rejects an application for 司法确认. */
export const REJECT_GROUNDS = {
  mandatory_law: "违反法律强制性规定",
  public_interest: "损害国家利益、社会公共利益、他人合法权益",
  public_order: "违背公序良俗",
  not_voluntary: "违反自愿原则",
  unclear: "内容不明确",
  other: "其他不能进行司法确认的情形",
} as const;
export type RejectGround = keyof typeof REJECT_GROUNDS;

/** The court's 委派/委托 results list: by outcome (server/handoff/referrals/results.ts). */
export const RESULT_FILTERS = ["all", "pending", "agreement", "failed"] as const;
export type ResultFilter = (typeof RESULT_FILTERS)[number];
export const RESULT_FILTER_LABELS: Record<ResultFilter, string> = { all: "全部", pending: "调解中", agreement: "达成协议", failed: "调解不成" };

/** The receiving body's inbox of transferred cases: by whether it acknowledged them (transfer/inbox.ts). */
export const INBOX_FILTERS = ["all", "submitted", "accepted"] as const;
export type InboxFilter = (typeof INBOX_FILTERS)[number];
export const INBOX_FILTER_LABELS: Record<InboxFilter, string> = { all: "全部", submitted: "待确认收到", accepted: "已确认收到" };
