// Signing (在线调解规则 Art 19): a one-time code sent to the signer's own phone plus a signature
// drawn on screen. Each signature records the version and its hash, the time, IP and device. The
// last signature makes the agreement effective; the sealed PDF is issued right after the commit.
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import { and, desc, eq, gt, isNull } from "drizzle-orm";
import crypto from "node:crypto";
import { getDb } from "../../db/client";
import { agreements, agreementSignatures, signCodes, users } from "../../db/schema";
import { formatDocNo } from "../../app/lib/agreement-enums";
import { maskPhone } from "../../app/lib/id-checks";
import type { SessionUser } from "../auth/session";
import { loadCaseFor, type CaseView } from "../cases/access";
import { check } from "../cases/state-machine";
import { transition } from "../cases/timeline";
import { withCase } from "../cases/with-case";
import { storeBlob } from "../cases/evidence";
import { getSmsSender } from "../notify/sms";
import { AppError } from "../lib/errors";
import { createId } from "../lib/ids";
import { issueAgreementPdfOnce } from "./issue";
import { signerSlots, slotsOf, type SignerSlot } from "./signers";
import { agreementOfCase, liveSignatures, versionOf, type Reader } from "./store";

export const CODE_TTL_MS = 10 * 60_000;
export const CODE_RESEND_MS = 60_000;
export const MAX_CODE_ATTEMPTS = 5;
/** After a code is burnt by wrong guesses, no new code for this long. */
export const CODE_LOCK_MS = 15 * 60_000;
export const MAX_SIGNATURE_BYTES = 300_000;

export type SignMeta = { ip: string; userAgent: string | null };

const hash = (s: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(s)));

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
    throw new AppError("CONFLICT", "本协议涉及婚姻、收养或继承，依照《电子签名法》第三条不能电子签名：请在纸质协议上签字，由调解员上传扫描件");
  const mine = slotsOf(slotsFor(view, db), view.user.id);
  if (mine.length === 0) throw new AppError("FORBIDDEN", "您不是本协议的签署人");
  const signed = new Set(liveSignatures(agreement.id, db).map((s) => s.slot));
  const open = mine.filter((s) => !signed.has(s.slot));
  if (open.length === 0) throw new AppError("CONFLICT", "您已签署本协议的当前版本");
  return { agreement, version, open };
}

/** Sends a 6-digit code to the signer's registered phone, bound to the current version. */
export async function sendSignCode(user: SessionUser, caseId: string, now = new Date()) {
  const view = loadCaseFor(user, caseId);
  const db = getDb();
  const { agreement, version } = signable(view, db);
  const recent = db
    .select()
    .from(signCodes)
    .where(and(eq(signCodes.agreementId, agreement.id), eq(signCodes.userId, user.id), gt(signCodes.createdAt, new Date(now.getTime() - CODE_LOCK_MS))))
    .orderBy(desc(signCodes.createdAt))
    .all();
  const burnt = recent.find((c) => c.attempts >= MAX_CODE_ATTEMPTS);
  if (burnt) {
    const wait = Math.ceil((burnt.createdAt.getTime() + CODE_LOCK_MS - now.getTime()) / 60_000);
    throw new AppError("TOO_MANY", `验证码错误次数过多，请${wait}分钟后再获取`);
  }
  const last = recent[0];
  if (last && now.getTime() - last.createdAt.getTime() < CODE_RESEND_MS) {
    const wait = Math.ceil((last.createdAt.getTime() + CODE_RESEND_MS - now.getTime()) / 1000);
    throw new AppError("TOO_MANY", `验证码已发送，请${wait}秒后再重新获取`);
  }
  const phone = db.select({ phone: users.phone }).from(users).where(eq(users.id, user.id)).get()!.phone;
  const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, "0");
  const id = createId();
  db.insert(signCodes)
    .values({ id, agreementId: agreement.id, userId: user.id, version: version.version, codeHash: hash(`${id}:${code}`), expiresAt: new Date(now.getTime() + CODE_TTL_MS), createdAt: now })
    .run();
  await getSmsSender()
    .send(phone, `您正在签署${formatDocNo(agreement.docNo)}调解协议书（第${version.version}版），验证码 ${code}，${CODE_TTL_MS / 60_000}分钟内有效。请勿告诉他人。`)
    .catch((e: unknown) => console.error("短信发送失败", e));
  return { sentTo: maskPhone(phone), version: version.version };
}

/** A drawn signature: a PNG data URL of a sensible size from signature_pad. */
export function decodeSignature(dataUrl: string): Buffer {
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
  if (!/^\d{6}$/.test(input.code)) throw new AppError("BAD_INPUT", "请输入短信中的6位验证码", "code");
  const view = loadCaseFor(user, caseId);
  const db = getDb();
  const { agreement } = signable(view, db);
  if (input.version !== agreement.currentVersion)
    throw new AppError("CONFLICT", `协议已更新为第${agreement.currentVersion}版，请阅读新版本后再签署`);

  // The code is checked, and the attempt counted, outside the signing transaction: a wrong
  // guess must be remembered even though nothing else is written.
  const code = db
    .select()
    .from(signCodes)
    .where(and(eq(signCodes.agreementId, agreement.id), eq(signCodes.userId, user.id), isNull(signCodes.usedAt)))
    .orderBy(desc(signCodes.createdAt))
    .get();
  if (!code) throw new AppError("BAD_INPUT", "请先获取短信验证码", "code");
  if (code.attempts >= MAX_CODE_ATTEMPTS) throw new AppError("TOO_MANY", "验证码错误次数过多，请稍后重新获取", "code");
  if (code.expiresAt.getTime() < now.getTime()) throw new AppError("BAD_INPUT", "验证码已过期，请重新获取", "code");
  if (code.version !== agreement.currentVersion) throw new AppError("BAD_INPUT", "协议已更新，该验证码已失效，请重新获取", "code");
  const counted = db
    .update(signCodes)
    .set({ attempts: code.attempts + 1 })
    .where(and(eq(signCodes.id, code.id), eq(signCodes.attempts, code.attempts)))
    .run();
  if (counted.changes === 0) throw new AppError("CONFLICT", "验证码正在被使用，请稍后再试", "code");
  if (hash(`${code.id}:${input.code}`) !== code.codeHash) {
    const left = MAX_CODE_ATTEMPTS - code.attempts - 1;
    throw new AppError(left > 0 ? "BAD_INPUT" : "TOO_MANY", left > 0 ? `验证码不正确，还可尝试${left}次` : `验证码错误次数过多，请${CODE_LOCK_MS / 60_000}分钟后重新获取`, "code");
  }

  const imageSha256 = crypto.createHash("sha256").update(png).digest("hex");
  await storeBlob(imageSha256, png);

  const result = await withCase(user, caseId, (tx, view2, fx, actor) => {
    // Everything again, on the committed state: another tab, a new version, a concurrent signer.
    const { agreement: a, version, open } = signable(view2, tx);
    if (input.version !== a.currentVersion) throw new AppError("CONFLICT", `协议已更新为第${a.currentVersion}版，请阅读新版本后再签署`);
    const used = tx.update(signCodes).set({ usedAt: now }).where(and(eq(signCodes.id, code.id), isNull(signCodes.usedAt))).run();
    if (used.changes === 0) throw new AppError("CONFLICT", "该验证码已使用，请重新获取");
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
