// Issuing a notarial document: render, then the office's PAdES seal with its own certificate
// (server/agreements/certs.ts, one per organisation). The hash is the final file's.
import crypto from "node:crypto";
import type { OrgRef } from "../../../agreements/certs";
import { sealPdf } from "../../../agreements/seal-pdf";

export type IssuedPdf = { pdf: Buffer; sha256: string; size: number };

export async function sealNotarialPdf(rendered: Buffer, office: OrgRef, reason: string): Promise<IssuedPdf> {
  const pdf = await sealPdf(rendered, office, { reason, location: office.name, signedAt: new Date() });
  return { pdf, sha256: crypto.createHash("sha256").update(pdf).digest("hex"), size: pdf.length };
}
