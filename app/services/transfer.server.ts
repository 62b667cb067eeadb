// Routes reach 裁 — transfer after failure, the receiving inbox, and the court's 委派/委托 results —
// through this file (ADR 003).
export { transferCase, type TransferInput } from "../../server/handoff/transfer/send";
export { acknowledgeTransfer } from "../../server/handoff/transfer/acknowledge";
export { transferPanel, type TransferPanelData } from "../../server/handoff/transfer/panel";
export { transferFile, type TransferFile } from "../../server/handoff/transfer/file";
export { transferInbox, type InboxFilter } from "../../server/handoff/transfer/inbox";
export { courtReferrals, type ResultFilter } from "../../server/handoff/referrals/results";
