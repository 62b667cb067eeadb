// Routes reach server/agreements (协议: drafting, signing, PDF, verification) through this file (ADR 003).
export { saveDraft, commentOnDraft } from "../../server/agreements/drafts";
export { sendAgreementCode, signAgreement } from "../../server/agreements/signing";
export { uploadSignedScan, MAX_SCAN_PAGES } from "../../server/agreements/scans";
export { agreementPage, agreementSummary, type AgreementPage } from "../../server/agreements/page";
export { issueAgreementPdfOnce } from "../../server/agreements/issue";
export { agreementOfCase } from "../../server/agreements/store";
export { lookupDocument, parseDocNo, verifyUpload, type VerifiedDocument, type UploadVerdict } from "../../server/documents/registry";
