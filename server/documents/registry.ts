// Issued documents (agreements, rulings, 公证书, 执行证书): registered with their file hash when
// issued, so the public verify page answers for every kind the same way.
import { eq } from "drizzle-orm";
import crypto from "node:crypto";
import { getDb } from "../../db/client";
import { caseParties, documents, organisations, type IssuedDocument } from "../../db/schema";
import { DOCUMENT_KIND_LABELS, type DocumentKind } from "../../app/lib/handoff-enums";
import { maskName } from "../../app/lib/id-checks";
import type { Tx } from "../cases/timeline";
import { AppError } from "../lib/errors";
import { createId } from "../lib/ids";

export const MAX_VERIFY_BYTES = 20 * 1024 * 1024;

export type NewDocument = {
  /** The verification key (see parseDocNo), printed on the document beside its QR code. */
  docNo: string;
  kind: DocumentKind;
  caseId: string;
  issuerOrgId: string;
  title: string;
  status: string;
  pdfSha256: string;
  pdfSize: number;
  issuedAt?: Date;
};

export function registerDocument(tx: Tx, d: NewDocument): IssuedDocument {
  return tx
    .insert(documents)
    .values({ id: createId(), ...d })
    .returning()
    .get();
}

/** A document's status on the verify page changes with the case (e.g. confirmed by a court). */
export function setDocumentStatus(tx: Tx, docNo: string, status: string): void {
  tx.update(documents).set({ status }).where(eq(documents.docNo, docNo)).run();
}

export type VerifiedDocument = {
  docNo: string;
  kindLabel: string;
  title: string;
  status: string;
  issuedAt: Date;
  issuer: string;
  parties: { side: string; name: string }[];
  sha256: string;
  size: number;
};

function toVerified(d: IssuedDocument): VerifiedDocument {
  const db = getDb();
  const issuer = db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, d.issuerOrgId)).get();
  const parties = db.select({ side: caseParties.side, name: caseParties.name }).from(caseParties).where(eq(caseParties.caseId, d.caseId)).all();
  return {
    docNo: d.docNo,
    kindLabel: DOCUMENT_KIND_LABELS[d.kind],
    title: d.title,
    status: d.status,
    issuedAt: d.issuedAt,
    issuer: issuer?.name ?? "",
    parties: parties.sort((a, b) => (a.side === b.side ? 0 : a.side === "applicant" ? -1 : 1)).map((p) => ({ side: p.side === "applicant" ? "申请人" : "被申请人", name: maskName(p.name) })),
    sha256: d.pdfSha256,
    size: d.pdfSize,
  };
}

/** Only issued documents are public: a draft has no number anyone was given. */
export function lookupDocument(docNo: string): VerifiedDocument {
  const d = getDb().select().from(documents).where(eq(documents.docNo, docNo)).get();
  if (!d) throw new AppError("NOT_FOUND", "未找到该编号的文书，请核对文书编号");
  return toVerified(d);
}

/**
 * The verification key of a document: two letters and ten digits (XY2026000123 for an agreement).
 * Accepts what people type: the printed 云解纷协〔2026〕000123号, full-width digits, spaces, lower case.
 */
export function parseDocNo(input: string): string | null {
  const plain = input
    .replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s/g, "")
    .toUpperCase();
  const printed = /^云解纷协[〔[【(（]?(\d{4})[〕\]】)）]?(\d{6})号?$/.exec(plain);
  if (printed) return `XY${printed[1]}${printed[2]}`;
  return /^[A-Z]{2}\d{10}$/.test(plain) ? plain : null;
}

export type UploadVerdict = { genuine: true; document: VerifiedDocument; sha256: string } | { genuine: false; sha256: string; expected: VerifiedDocument | null };

/** Compares an uploaded file with the issued one (by number when given, else by its hash). */
export function verifyUpload(bytes: Uint8Array, docNo: string | null): UploadVerdict {
  if (bytes.byteLength === 0) throw new AppError("BAD_INPUT", "请选择要核验的PDF文件", "file");
  if (bytes.byteLength > MAX_VERIFY_BYTES) throw new AppError("BAD_INPUT", "文件超过20MB，不是本平台签发的文书", "file");
  if (Buffer.from(bytes.subarray(0, 5)).toString("latin1") !== "%PDF-") throw new AppError("BAD_INPUT", "请上传PDF文件：所选文件不是PDF格式", "file");
  const sha256 = crypto.createHash("sha256").update(bytes).digest("hex");
  const expected = docNo ? lookupDocument(docNo) : null;
  if (expected) return expected.sha256 === sha256 ? { genuine: true, document: expected, sha256 } : { genuine: false, sha256, expected };
  const d = getDb().select().from(documents).where(eq(documents.pdfSha256, sha256)).get();
  return d ? { genuine: true, document: toVerified(d), sha256 } : { genuine: false, sha256, expected: null };
}
