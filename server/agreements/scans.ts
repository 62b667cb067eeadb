// 电子签名法 Art 3: an agreement on marriage, adoption or inheritance is signed on paper; the
// mediator uploads the scanned pages, and that upload (with the seal) makes it effective.
import { eq } from "drizzle-orm";
import crypto from "node:crypto";
import { fileTypeFromBuffer } from "file-type";
import { agreements, agreementScans, agreementSignatures } from "../../db/schema";
import { formatDocNo } from "../../app/lib/agreement-enums";
import type { SessionUser } from "../auth/session";
import { storeBlob } from "../cases/evidence";
import { transition } from "../cases/timeline";
import { withCase } from "../cases/with-case";
import { AppError } from "../lib/errors";
import { createId } from "../lib/ids";
import { issueAgreementPdfOnce } from "./issue";
import type { SignMeta } from "./signing";
import { slotsFor } from "./signing";
import { agreementOfCase, versionOf } from "./store";
import { createInstalments } from "../handoff/performance/schedule";

export const MAX_SCAN_PAGES = 10;
const MAX_SCAN_BYTES = 8 * 1024 * 1024;

export type ScanFile = { bytes: Uint8Array; name: string };

export async function uploadSignedScan(user: SessionUser, caseId: string, version: number, files: ScanFile[], meta: SignMeta, now = new Date()) {
  if (files.length === 0) throw new AppError("BAD_INPUT", "请选择纸质协议的扫描件（每页一张图片）", "scans");
  if (files.length > MAX_SCAN_PAGES) throw new AppError("BAD_INPUT", `扫描件最多${MAX_SCAN_PAGES}页`, "scans");
  const pages: { sha256: string; mime: string; size: number }[] = [];
  for (const [i, f] of files.entries()) {
    if (f.bytes.byteLength > MAX_SCAN_BYTES) throw new AppError("BAD_INPUT", `第${i + 1}页超过8MB，请压缩后上传`, "scans");
    const type = await fileTypeFromBuffer(f.bytes);
    if (type?.mime !== "image/jpeg" && type?.mime !== "image/png") throw new AppError("BAD_INPUT", `第${i + 1}页不是JPG或PNG图片`, "scans");
    pages.push({ sha256: crypto.createHash("sha256").update(f.bytes).digest("hex"), mime: type.mime, size: f.bytes.byteLength });
  }
  for (const [i, p] of pages.entries()) await storeBlob(p.sha256, files[i].bytes);

  const result = await withCase(user, caseId, (tx, view, fx, actor) => {
    const a = agreementOfCase(view.row.id, tx);
    if (!a || a.currentVersion === 0) throw new AppError("CONFLICT", "调解员尚未起草调解协议");
    if (a.status === "effective") throw new AppError("CONFLICT", "调解协议已生效");
    if (version !== a.currentVersion) throw new AppError("CONFLICT", `协议已更新为第${a.currentVersion}版，请上传该版本的签署件`);
    const v = versionOf(a.id, a.currentVersion, tx)!;
    if (v.signMode !== "wet") throw new AppError("CONFLICT", "本协议采用电子签名，无需上传纸质签署件");
    tx.update(agreements).set({ status: "effective", effectiveAt: now, contentSha256: v.contentSha256, updatedAt: now }).where(eq(agreements.id, a.id)).run();
    createInstalments(tx, a, v.content); // 履行: the payment schedule, in the same transaction
    transition(tx, view.row, "upload_signed_scan", view.roles, actor, "effective", {}, {
      type: "agreement_effective",
      summary: `调解员上传了各方签署的纸质协议扫描件（${pages.length}页，第${v.version}版），已加盖调解组织电子印章，调解协议自即日起生效`,
      data: { agreementId: a.id, version: v.version, pages: pages.map((p) => p.sha256) },
    });
    pages.forEach((p, i) =>
      tx.insert(agreementScans).values({ id: createId(), agreementId: a.id, version: v.version, page: i + 1, ...p, uploaderId: user.id, createdAt: now }).run(),
    );
    // The audit page lists who signed and how, as for electronic signing.
    const slots = slotsFor(view, tx);
    for (const s of slots)
      tx.insert(agreementSignatures)
        .values({ id: createId(), agreementId: a.id, version: v.version, contentSha256: v.contentSha256, slot: s.slot, userId: user.id, name: s.name, roleLabel: s.roleLabel, method: "wet_scan", ip: meta.ip, userAgent: meta.userAgent?.slice(0, 300) ?? null, signedAt: now })
        .run();
    const docNo = formatDocNo(a.docNo);
    for (const userId of new Set(slots.flatMap((s) => s.userIds)))
      if (userId !== user.id)
        fx.notify({ userId, caseId: view.row.id, title: "调解协议已生效", body: `${docNo}的纸质签署件已上传并加盖电子印章，协议已生效。`, link: `/cases/${view.row.id}/agreement` });
    return { agreementId: a.id };
  });
  await issueAgreementPdfOnce(result.agreementId).catch((e: unknown) => console.error("协议PDF生成失败，将在下载时重试", e));
  return result;
}
