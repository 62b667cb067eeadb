// Helpers for the 司法确认 tests: a case with an effective agreement (through the real services),
// the parties' codes by SMS, and reading a PDF's text with poppler.
import { and, eq } from "drizzle-orm";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { getDb } from "../../db/client";
import { caseParties, users } from "../../db/schema";
import type { SessionUser } from "../../server/auth/session";
import { saveDraft } from "../../server/agreements/drafts";
import { agreementOfCase } from "../../server/agreements/store";
import { sendConfirmationCode, signConfirmation } from "../../server/handoff/confirmation/apply";
import { draftOf, reachAgreement, signAs } from "./agreement-helpers";
import { inMediation, smsTo, userByPhone } from "./triage-helpers";

export const JUDGE_WUHUA = "13800000301"; // 林晓, 昆明市五华区人民法院
export const JUDGE_PANLONG = "13800000302"; // 周岚, 昆明市盘龙区人民法院
export const META = { ip: "198.51.100.9", userAgent: "vitest" };
const DAY = 86_400_000;

/** A neighbour case mediated by 翠湖社区 to an effective, sealed agreement. */
export async function effectiveCase(applicant: SessionUser & { phone: string }, mediator: SessionUser & { phone: string }, terms?: string[]) {
  const w = await inMediation(applicant, mediator);
  await reachAgreement(mediator, w.caseId);
  const content = draftOf(mediator, w.caseId);
  await saveDraft(mediator, w.caseId, { content: terms ? { ...content, terms } : content, baseVersion: 0 });
  for (const u of [applicant, w.respondent, mediator]) await signAs(u, w.caseId, 1);
  const a = agreementOfCase(w.caseId)!;
  return { ...w, agreement: a, effectiveAt: a.effectiveAt! };
}

export function after(from: Date, days: number, minutes = 0): Date {
  return new Date(from.getTime() + days * DAY + minutes * 60_000);
}

export function userById(id: string): SessionUser {
  const u = getDb().select({ id: users.id, name: users.name, role: users.role, phone: users.phone, active: users.active }).from(users).where(eq(users.id, id)).get();
  if (!u) throw new Error(`no user ${id}`);
  return u;
}

export function judge(phone = JUDGE_WUHUA) {
  return userByPhone(phone);
}

/** The latest application code sent to this phone. */
export function confirmationCode(phone: string): string {
  const body = smsTo(phone)
    .map((r) => r.body)
    .filter((b) => b.includes("申请司法确认的申请"))
    .at(-1);
  const code = body && /验证码 (\d{6})/.exec(body)?.[1];
  if (!code) throw new Error(`no application code sent to ${phone}`);
  return code;
}

/** Gets a code by SMS and signs this party's part of the application. */
export async function signPart(user: SessionUser & { phone: string }, caseId: string, now?: Date) {
  await sendConfirmationCode(user, caseId, now);
  return signConfirmation(user, caseId, { code: confirmationCode(user.phone) }, META, now);
}

/** Sets where a party lives: arranging a case whose parties live in different districts. */
export function setDomicile(caseId: string, side: "applicant" | "respondent", regionCode: string) {
  getDb()
    .update(caseParties)
    .set({ regionCode })
    .where(and(eq(caseParties.caseId, caseId), eq(caseParties.side, side)))
    .run();
}

/** The PDF's text in reading order with all white space removed, so wrapped lines still match. */
export function pdfText(bytes: Uint8Array): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "yjf-pdf-"));
  try {
    fs.writeFileSync(path.join(dir, "x.pdf"), bytes);
    return execFileSync("pdftotext", [path.join(dir, "x.pdf"), "-"], { encoding: "utf8" }).replace(/\s+/g, "");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function pdfSignatures(bytes: Uint8Array): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "yjf-sig-"));
  try {
    fs.writeFileSync(path.join(dir, "x.pdf"), bytes);
    try {
      return execFileSync("pdfsig", [path.join(dir, "x.pdf")], { encoding: "utf8" });
    } catch (e) {
      // pdfsig exits non-zero for a self-signed certificate it cannot trust; its report is still printed.
      return String((e as { stdout?: string }).stdout ?? "");
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
