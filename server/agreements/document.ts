// What the PDF renderer needs to print one effective agreement: everything resolved to text,
// images and dates, so that rendering does no database work and can be benchmarked alone.
import type { AgreementContent } from "../../app/lib/agreement-schema";

export type SignatureMark = {
  name: string;
  roleLabel: string; // 申请人 / 被申请人 / 调解员 / 代理人
  /** The drawn signature as PNG bytes; null on the wet-signed path (the scan carries it). */
  image: Buffer | null;
  signedAt: Date;
};

export type AuditLine = {
  name: string;
  roleLabel: string;
  method: string; // e.g. "短信验证码 + 手写签名" or "纸质签署扫描件"
  at: Date;
  ipMasked: string; // e.g. 203.0.113.*
  device: string; // a short user-agent summary
  versionHash: string; // SHA-256 of the version this person signed
};

export type AgreementDocument = {
  title: string; // 人民调解协议书 / 行政调解协议书 / 调解协议书
  docNo: string; // the document number shown on the page and the verify page
  caseNo: string; // the formatted case number
  orgName: string; // the mediation organisation: seal text and the header
  mediatorName: string;
  content: AgreementContent;
  signatures: SignatureMark[];
  /** Pages of the wet-signed paper copy (JPEG/PNG), printed after the text when present. */
  scans: Buffer[];
  effectiveAt: Date;
  verifyUrl: string; // what the QR code encodes
  /** SHA-256 (hex) of the signed version's content: the audit page prints it. */
  contentSha256: string;
  audit: AuditLine[];
};
