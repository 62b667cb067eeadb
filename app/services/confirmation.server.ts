// Routes reach server/handoff/confirmation (司法确认: application, court inbox, ruling) through this file (ADR 003).
export { sendConfirmationCode, signConfirmation, startConfirmation, withdrawConfirmation } from "../../server/handoff/confirmation/apply";
export { acceptApplication, courtApplication, declineApplication, extendReview, scheduleInquiry } from "../../server/handoff/confirmation/court";
export { ruleOnApplication, rulingOf } from "../../server/handoff/confirmation/ruling";
export { remediateAfterRejection } from "../../server/handoff/confirmation/remediate";
export { issueApplicationOnce } from "../../server/handoff/confirmation/package";
export { confirmationById } from "../../server/handoff/confirmation/store";
export {
  confirmationCard,
  confirmationPage,
  courtApplicationPage,
  courtInbox,
  type ConfirmationCard,
  type ConfirmationPage,
  type CourtApplicationPage,
  type CourtInbox,
  type HandoffView,
} from "../../server/handoff/confirmation/pages";
export { applySchema, codeSchema, declineSchema, extendSchema, fieldErrors, inquirySchema, reasonSchema, ruleSchema } from "../../server/handoff/confirmation/schemas";
