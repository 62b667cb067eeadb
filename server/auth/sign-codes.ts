// One-time codes for signing (an agreement version, or a joint application to a court or notary):
// sent to the signer's own registered phone, hashed at rest, bound to what they sign. Wrong
// guesses are counted outside the caller's transaction, five burn the code, and a burnt code
// blocks new ones for a while.
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import { and, desc, eq, gt, isNull, type SQL } from "drizzle-orm";
import crypto from "node:crypto";
import { getDb } from "../../db/client";
import { signCodes, users } from "../../db/schema";
import { maskPhone } from "../../app/lib/id-checks";
import type { Tx } from "../cases/timeline";
import { AppError } from "../lib/errors";
import { createId } from "../lib/ids";
import { getSmsSender } from "../notify/sms";

export const CODE_TTL_MS = 10 * 60_000;
export const CODE_RESEND_MS = 60_000;
export const MAX_CODE_ATTEMPTS = 5;
/** After a code is burnt by wrong guesses, no new code for this long (counted from the last wrong guess). */
export const CODE_LOCK_MS = 15 * 60_000;

export type CodeSubject = { agreementId: string } | { handoffId: string };

const hash = (s: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(s)));

function about(subject: CodeSubject, userId: string): SQL {
  const target = "agreementId" in subject ? eq(signCodes.agreementId, subject.agreementId) : eq(signCodes.handoffId, subject.handoffId);
  return and(target, eq(signCodes.userId, userId))!;
}

/**
 * When a burnt code stops blocking new ones. There is no "burnt at" column: the wrong guess that
 * burns a code also sets its expiresAt to that moment (a burnt code signs nothing anyway), so the
 * lock runs CODE_LOCK_MS from the last wrong guess. For a code burnt before that rule, expiresAt
 * is the latest moment it could have been burnt, so the lock is at least as long as it should be.
 */
function lockEnd(expiresAt: Date): number {
  return expiresAt.getTime() + CODE_LOCK_MS;
}

/** Sends a 6-digit code by SMS; `message` gets the code and the minutes it stays valid. */
export async function sendSignCode(userId: string, subject: CodeSubject, version: number, message: (code: string, minutes: number) => string, now = new Date()) {
  const db = getDb();
  // A code can be burnt at any time until it expires, so codes created within TTL + lock may still lock.
  const recent = db
    .select()
    .from(signCodes)
    .where(and(about(subject, userId), gt(signCodes.createdAt, new Date(now.getTime() - CODE_TTL_MS - CODE_LOCK_MS))))
    .orderBy(desc(signCodes.createdAt))
    .all();
  const lockedUntil = Math.max(0, ...recent.filter((c) => c.attempts >= MAX_CODE_ATTEMPTS).map((c) => lockEnd(c.expiresAt)));
  if (lockedUntil > now.getTime()) {
    const wait = Math.ceil((lockedUntil - now.getTime()) / 60_000);
    throw new AppError("TOO_MANY", `验证码错误次数过多，请${wait}分钟后再获取`);
  }
  const last = recent[0];
  if (last && now.getTime() - last.createdAt.getTime() < CODE_RESEND_MS) {
    const wait = Math.ceil((last.createdAt.getTime() + CODE_RESEND_MS - now.getTime()) / 1000);
    throw new AppError("TOO_MANY", `验证码已发送，请${wait}秒后再重新获取`);
  }
  const phone = db.select({ phone: users.phone }).from(users).where(eq(users.id, userId)).get()!.phone;
  const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, "0");
  const id = createId();
  db.insert(signCodes)
    .values({ id, ...subject, userId, version, codeHash: hash(`${id}:${code}`), expiresAt: new Date(now.getTime() + CODE_TTL_MS), createdAt: now })
    .run();
  await getSmsSender()
    .send(phone, message(code, CODE_TTL_MS / 60_000))
    .catch((e: unknown) => console.error("短信发送失败", e));
  return { sentTo: maskPhone(phone) };
}

/**
 * Checks a typed code against the latest unused one, counting the attempt first (in its own
 * write, so a wrong guess is remembered whatever the caller does next). Returns the code's id for
 * `useSignCode` inside the caller's transaction.
 */
export function checkSignCode(userId: string, subject: CodeSubject, typed: string, version: number, now = new Date()): string {
  if (!/^\d{6}$/.test(typed)) throw new AppError("BAD_INPUT", "请输入短信中的6位验证码", "code");
  const db = getDb();
  const code = db
    .select()
    .from(signCodes)
    .where(and(about(subject, userId), isNull(signCodes.usedAt)))
    .orderBy(desc(signCodes.createdAt))
    .get();
  if (!code) throw new AppError("BAD_INPUT", "请先获取短信验证码", "code");
  if (code.attempts >= MAX_CODE_ATTEMPTS) throw new AppError("TOO_MANY", "验证码错误次数过多，请稍后重新获取", "code");
  if (code.expiresAt.getTime() < now.getTime()) throw new AppError("BAD_INPUT", "验证码已过期，请重新获取", "code");
  if (code.version !== version) throw new AppError("BAD_INPUT", "协议已更新，该验证码已失效，请重新获取", "code");
  const right = hash(`${code.id}:${typed}`) === code.codeHash;
  const burns = !right && code.attempts + 1 >= MAX_CODE_ATTEMPTS;
  const counted = db
    .update(signCodes)
    // The burning guess ends the code's life now: the lock for new codes runs from this moment (lockEnd).
    .set(burns ? { attempts: code.attempts + 1, expiresAt: now } : { attempts: code.attempts + 1 })
    .where(and(eq(signCodes.id, code.id), eq(signCodes.attempts, code.attempts)))
    .run();
  if (counted.changes === 0) throw new AppError("CONFLICT", "验证码正在被使用，请稍后再试", "code");
  if (!right) {
    const left = MAX_CODE_ATTEMPTS - code.attempts - 1;
    throw new AppError(left > 0 ? "BAD_INPUT" : "TOO_MANY", left > 0 ? `验证码不正确，还可尝试${left}次` : `验证码错误次数过多，请${CODE_LOCK_MS / 60_000}分钟后重新获取`, "code");
  }
  return code.id;
}

/** Marks the code used, inside the signing transaction: a code signs once. */
export function useSignCode(tx: Tx, codeId: string, now: Date): void {
  const used = tx.update(signCodes).set({ usedAt: now }).where(and(eq(signCodes.id, codeId), isNull(signCodes.usedAt))).run();
  if (used.changes === 0) throw new AppError("CONFLICT", "该验证码已使用，请重新获取");
}
