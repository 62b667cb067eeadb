// Public verification (reached by the QR code or by typing the number): is this document ours,
// what is its status, and is an uploaded file exactly the issued one. Personal data is masked.
import { eq } from "drizzle-orm";
import crypto from "node:crypto";
import { getDb } from "../../db/client";
import { agreements, organisations } from "../../db/schema";
import { AGREEMENT_STATUS_LABELS, formatDocNo } from "../../app/lib/agreement-enums";
import { maskName } from "../../app/lib/id-checks";
import { AppError } from "../lib/errors";
import { versionOf } from "./store";

export const MAX_VERIFY_BYTES = 20 * 1024 * 1024;

/** Accepts what people type: 云解纷协〔2026〕000123号, XY2026000123, "2026 000123". */
export function parseDocNo(input: string): string | null {
  // Full-width digits, as Chinese input methods often type them, count as digits.
  const plain = input.replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\s/g, "");
  const digits = /^(?:XY|云解纷协)?[〔[【(（]?(\d{4})[〕\]】)）]?(\d{6})号?$/i.exec(plain);
  return digits ? `XY${digits[1]}${digits[2]}` : null;
}

export type VerifiedDocument = {
  docNo: string;
  docNoText: string;
  status: string;
  effectiveAt: Date | null;
  orgName: string;
  parties: { side: string; name: string }[];
  sha256: string | null;
  size: number | null;
};

function toVerified(a: typeof agreements.$inferSelect): VerifiedDocument {
  const org = getDb().select({ name: organisations.name }).from(organisations).where(eq(organisations.id, a.orgId)).get();
  const content = versionOf(a.id, a.currentVersion)?.content;
  return {
    docNo: a.docNo,
    docNoText: formatDocNo(a.docNo),
    status: AGREEMENT_STATUS_LABELS[a.status],
    effectiveAt: a.effectiveAt,
    orgName: org?.name ?? "",
    parties: (content?.parties ?? []).map((p) => ({ side: p.side === "applicant" ? "申请人" : "被申请人", name: maskName(p.name) })),
    sha256: a.pdfSha256,
    size: a.pdfSize,
  };
}

/** Only issued documents are public: a draft has no number anyone was given. */
export function lookupDocument(docNo: string): VerifiedDocument {
  const a = getDb().select().from(agreements).where(eq(agreements.docNo, docNo)).get();
  if (!a || a.status !== "effective") throw new AppError("NOT_FOUND", "未找到该编号的文书，请核对文书编号");
  return toVerified(a);
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
  const a = getDb().select().from(agreements).where(eq(agreements.pdfSha256, sha256)).get();
  return a ? { genuine: true, document: toVerified(a), sha256 } : { genuine: false, sha256, expected: null };
}
