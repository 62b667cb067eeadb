// Routes reach the case pipeline through this file (ADR 003).
export { loadCaseFor } from "../../server/cases/access";
export { addEvidence, evidenceFor, removeDraftEvidence } from "../../server/cases/case-evidence";
export { createDraft, fileCase, listDrafts, saveDraft, sourceFor, submitDraft } from "../../server/cases/filing";
export { consumeLookup } from "../../server/api/lookup-limit.server";
export { caseDetail, listCases, mediationOrgOptions, publicLookup, scopesFor, SCOPES, type CaseDetail } from "../../server/cases/queries";
export { acceptCase, agreeToDisclosure, assignByHand, declineCase, requestMediatorChange, setRisk, withdrawCase } from "../../server/triage/decisions";
export { consent, openInvitation, refuse, verifyInvitation } from "../../server/triage/consent";
export { regionName } from "../../server/triage/regions";
