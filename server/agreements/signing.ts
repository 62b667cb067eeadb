// Signing (在线调解规则 Art 19): a one-time code sent to the signer's own phone plus a signature
// drawn on screen. Each signature records the version and its hash, the time, IP and device. The
// last signature makes the agreement effective; the sealed PDF is issued right after the commit.
import { eq } from "drizzle-orm";
import crypto from "node:crypto";
import { getDb } from "../../db/client";
import { agreements, agreementSignatures, users } from "../../db/schema";
import { formatDocNo } from "../../app/lib/agreement-enums";
import { eSignForbidden } from "../../app/lib/agreement-schema";
import type { SessionUser } from "../auth/session";
import { loadCaseFor, type CaseView } from "../cases/access";
import { check } from "../cases/state-machine";
import { transition } from "../cases/timeline";
import { withCase } from "../cases/with-case";
import { storeBlob } from "../cases/evidence";
import { checkSignCode, sendSignCode, useSignCode } from "../auth/sign-codes";
import { AppError } from "../lib/errors";
import { createId } from "../lib/ids";
import { issueAgreementPdfOnce } from "./issue";
import { signerSlots, slotsOf, type SignerSlot } from "./signers";
import { agreementOfCase, liveSignatures, versionOf, type Reader } from "./store";
import { createInstalments } from "../handoff/performance/schedule";

const MAX_SIGNATURE_BYTES = 300_000;

export type SignMeta = { ip: string; userAgent: string | null };

function guard(view: CaseView) {
  const verdict = check("sign_agreement", view.row.status, view.roles);
  if (!verdict.ok) throw new AppError(verdict.status === 403 ? "FORBIDDEN" : "CONFLICT", verdict.message);
}

function mediatorName(mediatorId: string | null, db: Reader): string {
  return mediatorId ? (db.select({ name: users.name }).from(users).where(eq(users.id, mediatorId)).get()?.name ?? "调解员") : "调解员";
}

export function slotsFor(view: Pick<CaseView, "row" | "parties">, db: Reader = getDb()): SignerSlot[] {
  return signerSlots(view.row, view.parties, mediatorName(view.row.mediatorId, db));
}

/** The agreement as it must be signed now, or a clear reason why it cannot be. */
function signable(view: CaseView, db: Reader) {
  guard(view);
  const agreement = agreementOfCase(view.row.id, db);
  if (!agreement || agreement.currentVersion === 0) throw new AppError("CONFLICT", "调解员尚未起草调解协议");
  if (agreement.status === "effective") throw new AppError("CONFLICT", "调解协议已生效，无需再签署");
  const version = versionOf(agreement.id, agreement.currentVersion, db)!;
  if (version.signMode === "wet")
    throw new AppError(
      "CONFLICT",
      version.content.paperSigning && !eSignForbidden(view.row.category, version.content)
        ? "本协议约定线下签署：请在纸质协议上签字，由调解员上传扫描件"
        : "本协议涉及婚姻、收养或继承，依照《电子签名法》第三条不能电子签名：请在纸质协议上签字，由调解员上传扫描件",
    );
  const mine = slotsOf(slotsFor(view, db), view.user.id);
  if (mine.length === 0) throw new AppError("FORBIDDEN", "您不是本协议的签署人");
  const signed = new Set(liveSignatures(agreement.id, db).map((s) => s.slot));
  const open = mine.filter((s) => !signed.has(s.slot));
  if (open.length === 0) throw new AppError("CONFLICT", "您已签署本协议的当前版本");
  return { agreement, version, open };
}

/** Sends a 6-digit code to the signer's registered phone, bound to the current version. */
export async function sendAgreementCode(user: SessionUser, caseId: string, now = new Date()) {
  const view = loadCaseFor(user, caseId);
  const { agreement, version } = signable(view, getDb());
  const docNo = formatDocNo(agreement.docNo);
  const sent = await sendSignCode(user.id, { agreementId: agreement.id }, version.version, (code, minutes) => `您正在签署${docNo}调解协议书（第${version.version}版），验证码 ${code}，${minutes}分钟内有效。请勿告诉他人。`, now);
  return { ...sent, version: version.version };
}

/** A drawn signature: a PNG data URL of a sensible size from signature_pad. */
function decodeSignature(dataUrl: string): Buffer {
  const m = /^data:image\/png;base64,([A-Za-z0-9+/=]+)$/.exec(dataUrl);
  if (!m) throw new AppError("BAD_INPUT", "请在签名框内手写签名", "signature");
  const png = Buffer.from(m[1], "base64");
  if (png.byteLength > MAX_SIGNATURE_BYTES) throw new AppError("BAD_INPUT", "签名图片过大，请清除后重新签名", "signature");
  const isPng = png.byteLength > 33 && png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) && png.subarray(12, 16).toString("latin1") === "IHDR";
  if (!isPng) throw new AppError("BAD_INPUT", "签名图片无效，请重新签名", "signature");
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  if (width < 100 || height < 40 || width > 4000 || height > 4000) throw new AppError("BAD_INPUT", "签名图片尺寸不正确，请重新签名", "signature");
  return png;
}

export type SignInput = { version: number; code: string; signature: string };

export async function signAgreement(user: SessionUser, caseId: string, input: SignInput, meta: SignMeta, now = new Date()) {
  const png = decodeSignature(input.signature);
  const view = loadCaseFor(user, caseId);
  const db = getDb();
  const { agreement } = signable(view, db);
  if (input.version !== agreement.currentVersion)
    throw new AppError("CONFLICT", `协议已更新为第${agreement.currentVersion}版，请阅读新版本后再签署`);

  // The attempt is counted outside the signing transaction: a wrong guess is remembered.
  const codeId = checkSignCode(user.id, { agreementId: agreement.id }, input.code, agreement.currentVersion, now);

  const imageSha256 = crypto.createHash("sha256").update(png).digest("hex");
  await storeBlob(imageSha256, png);

  const result = await withCase(user, caseId, (tx, view2, fx, actor) => {
    // Everything again, on the committed state: another tab, a new version, a concurrent signer.
    const { agreement: a, version, open } = signable(view2, tx);
    if (input.version !== a.currentVersion) throw new AppError("CONFLICT", `协议已更新为第${a.currentVersion}版，请阅读新版本后再签署`);
    useSignCode(tx, codeId, now);
    for (const slot of open) {
      try {
        tx.insert(agreementSignatures)
          .values({
            id: createId(),
            agreementId: a.id,
            version: version.version,
            contentSha256: version.contentSha256,
            slot: slot.slot,
            userId: user.id,
            name: slot.name,
            roleLabel: slot.roleLabel,
            method: "otp_handwritten",
            imageSha256,
            ip: meta.ip,
            userAgent: meta.userAgent?.slice(0, 300) ?? null,
            signedAt: now,
          })
          .run();
      } catch (e) {
        if (e instanceof Error && /UNIQUE/.test(e.message)) throw new AppError("CONFLICT", "您已签署本协议的当前版本");
        throw e;
      }
    }
    const slots = slotsFor(view2, tx);
    const signedSlots = new Set(liveSignatures(a.id, tx).map((s) => s.slot));
    const remaining = slots.filter((s) => !signedSlots.has(s.slot));
    const who = open.map((s) => `${s.name}（${s.roleLabel}）`).join("、");
    const docNo = formatDocNo(a.docNo);
    const everyone = [...new Set(slots.flatMap((s) => s.userIds))];
    if (remaining.length > 0) {
      transition(tx, view2.row, "sign_agreement", view2.roles, actor, null, {}, {
        type: "agreement_signed",
        summary: `${who}签署了调解协议（第${version.version}版），尚待${remaining.map((s) => s.name).join("、")}签署`,
        data: { agreementId: a.id, version: version.version, contentSha256: version.contentSha256, slots: open.map((s) => s.slot) },
      });
      for (const userId of remaining.flatMap((s) => s.userIds))
        fx.notify({ userId, caseId: view2.row.id, title: "请签署调解协议", body: `${who}已签署${docNo}，请您阅读并签署。`, link: `/cases/${view2.row.id}/agreement` });
      return { effective: false, agreementId: a.id };
    }
    tx.update(agreements).set({ status: "effective", effectiveAt: now, contentSha256: version.contentSha256, updatedAt: now }).where(eq(agreements.id, a.id)).run();
    createInstalments(tx, a, version.content); // 履行: the payment schedule, in the same transaction
    transition(tx, view2.row, "sign_agreement", view2.roles, actor, "effective", {}, {
      type: "agreement_effective",
      summary: `${who}签署了调解协议（第${version.version}版）。各方均已签署，已加盖调解组织电子印章，调解协议自即日起生效`,
      data: { agreementId: a.id, version: version.version, contentSha256: version.contentSha256 },
    });
    for (const userId of everyone)
      fx.notify({ userId, caseId: view2.row.id, title: "调解协议已生效", body: `${docNo}经各方签署并加盖电子印章，已生效。可在案件页下载协议文本。`, link: `/cases/${view2.row.id}/agreement` });
    return { effective: true, agreementId: a.id };
  });
  if (result.effective) await issueAgreementPdfOnce(result.agreementId).catch((e: unknown) => console.error("协议PDF生成失败，将在下载时重试", e));
  return result;
}
