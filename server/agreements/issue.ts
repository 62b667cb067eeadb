// Issuing the effective agreement: gather the signed version, the signatures and the scans,
// render and seal the PDF once, store it content-addressed, and record its hash. Runs after the
// commit that made the agreement effective; if it fails there, a download retries it.
import { and, eq, isNull } from "drizzle-orm";
import fs from "node:fs/promises";
import { getDb } from "../../db/client";
import { agreements, cases, organisations, users, type Agreement } from "../../db/schema";
import { formatDocNo, SIGN_METHOD_LABELS } from "../../app/lib/agreement-enums";
import { formatCaseNo } from "../../app/lib/case-format";
import type { MediationKind } from "../../app/lib/case-enums";
import { SYSTEM } from "../cases/actor";
import { blobPath, storeBlob } from "../cases/evidence";
import { recordEvent } from "../cases/timeline";
import { registerDocument } from "../documents/registry";
import { AppError } from "../lib/errors";
import { publicUrl } from "../lib/urls";
import { describeDevice, maskIp } from "./audit-lines";
import type { AgreementDocument } from "./document";
import { issueAgreementPdf } from "./pdf/issue";
import { liveSignatures, scansOf, versionOf } from "./store";

const TITLES: Record<MediationKind, string> = {
  people: "人民调解协议书",
  administrative: "行政调解协议书",
  judicial: "调解协议书",
  lawyer: "调解协议书",
};

export function verifyPath(docNo: string): string {
  return `/verify/${docNo}`;
}

async function agreementDocument(a: Agreement): Promise<AgreementDocument> {
  const db = getDb();
  const row = db.select().from(cases).where(eq(cases.id, a.caseId)).get()!;
  const org = db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, a.orgId)).get()!;
  const mediator = row.mediatorId ? db.select({ name: users.name }).from(users).where(eq(users.id, row.mediatorId)).get() : undefined;
  const version = versionOf(a.id, a.currentVersion)!;
  const signatures = liveSignatures(a.id);
  const scans = scansOf(a.id, a.currentVersion);
  return {
    title: TITLES[row.kind ?? "people"],
    docNo: formatDocNo(a.docNo),
    caseNo: formatCaseNo(row.caseNo),
    orgName: org.name,
    mediatorName: mediator?.name ?? "调解员",
    content: version.content,
    signatures: await Promise.all(
      signatures.map(async (s) => ({
        name: s.name,
        roleLabel: s.roleLabel,
        image: s.imageSha256 ? await fs.readFile(blobPath(s.imageSha256)) : null,
        signedAt: s.signedAt,
      })),
    ),
    scans: await Promise.all(scans.map((s) => fs.readFile(blobPath(s.sha256)))),
    effectiveAt: a.effectiveAt ?? new Date(),
    verifyUrl: publicUrl(verifyPath(a.docNo)),
    contentSha256: version.contentSha256,
    audit: signatures.map((s) => ({
      name: s.name,
      roleLabel: s.roleLabel,
      method: SIGN_METHOD_LABELS[s.method],
      at: s.signedAt,
      ipMasked: maskIp(s.ip),
      device: describeDevice(s.userAgent),
      versionHash: s.contentSha256,
    })),
  };
}

const inflight = new Map<string, Promise<Agreement>>();

/** The issued PDF's row; renders and seals it the first time. Concurrent callers share one run. */
export function issueAgreementPdfOnce(agreementId: string): Promise<Agreement> {
  const running = inflight.get(agreementId);
  if (running) return running;
  const run = (async () => {
    const db = getDb();
    const a = db.select().from(agreements).where(eq(agreements.id, agreementId)).get();
    if (!a) throw new AppError("NOT_FOUND", "调解协议不存在");
    if (a.pdfSha256) return a;
    if (a.status !== "effective") throw new AppError("CONFLICT", "调解协议尚未生效");
    const doc = await agreementDocument(a);
    const out = await issueAgreementPdf(doc, { id: a.orgId, name: doc.orgName });
    await storeBlob(out.sha256, out.pdf);
    return db.transaction((tx) => {
      const updated = tx
        .update(agreements)
        .set({ pdfSha256: out.sha256, pdfSize: out.size, updatedAt: new Date() })
        .where(and(eq(agreements.id, a.id), isNull(agreements.pdfSha256)))
        .returning()
        .get();
      if (!updated) return tx.select().from(agreements).where(eq(agreements.id, a.id)).get()!;
      registerDocument(tx, {
        docNo: a.docNo,
        kind: "agreement",
        caseId: a.caseId,
        issuerOrgId: a.orgId,
        title: `${doc.title}（${doc.docNo}）`,
        status: "已生效",
        pdfSha256: out.sha256,
        pdfSize: out.size,
        issuedAt: a.effectiveAt ?? new Date(),
      });
      recordEvent(tx, a.caseId, SYSTEM, {
        type: "agreement_issued",
        summary: `已生成加盖${doc.orgName}电子印章和数字签名的协议文本 ${doc.docNo}`,
        data: { agreementId: a.id, sha256: out.sha256, size: out.size },
      });
      return updated;
    });
  })().finally(() => inflight.delete(agreementId));
  inflight.set(agreementId, run);
  return run;
}
