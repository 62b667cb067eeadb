// Issuing the agreement: render it, then apply the organisation's digital seal. The hash returned
// is the final file's, the one the verification page shows.
import crypto from "node:crypto";
import type { OrgRef } from "../certs";
import type { AgreementDocument } from "../document";
import { sealPdf } from "../seal-pdf";
import { renderAgreementPdf } from "./agreement";

export type IssuedPdf = { pdf: Buffer; sha256: string; size: number };

export async function issueAgreementPdf(doc: AgreementDocument, org: OrgRef): Promise<IssuedPdf> {
  const rendered = await renderAgreementPdf(doc);
  // The seal's time is when this file was sealed; the agreement's effective date is in its text.
  const pdf = await sealPdf(rendered, org, { reason: `${doc.title}电子印章（编号 ${doc.docNo}）`, location: doc.orgName, signedAt: new Date() });
  return { pdf, sha256: crypto.createHash("sha256").update(pdf).digest("hex"), size: pdf.length };
}
