// Routes reach the evidence store through this file (ADR 003): file-type and fs stay on the server.
export { blobPath, EVIDENCE_ALLOWED_MIME, EVIDENCE_MAX_BYTES, readBlobStream, sniffAndStore } from "../../server/cases/evidence";
