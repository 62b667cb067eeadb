// Routes reach server/handoff/notarisation (赋强公证 and 执行证书) through this file (ADR 003).
export { startNotarisation, sendNotarisationCode, signNotarisation, withdrawNotarisation } from "../../server/handoff/notarisation/apply";
export { issueNotarialCertificate, refuseNotarisation } from "../../server/handoff/notarisation/notary";
export { requestExecCertificate, issueExecCertificate, refuseExecCertificate } from "../../server/handoff/notarisation/exec";
export { notaryInbox, notaryPackage, type NotaryPackage } from "../../server/handoff/notarisation/inbox";
export { notarisationDocuments } from "../../server/handoff/notarisation/panel";
