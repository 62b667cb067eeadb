// Helpers for the agreement tests: a case that reached agreement, a complete draft of its
// agreement as the mediator would fill it in, a drawn signature, and the signing code by SMS.
import QRCode from "qrcode";
import type { AgreementContent } from "~/lib/agreement-schema";
import type { SessionUser } from "../../server/auth/session";
import { loadCaseFor } from "../../server/cases/access";
import { draftFor } from "../../server/agreements/page";
import { PLACEHOLDER, type AgreementDraft } from "../../server/agreements/templates";
import { sendAgreementCode, signAgreement } from "../../server/agreements/signing";
import { endSession, scheduleSession } from "../../server/mediation/sessions";
import { smsTo } from "./triage-helpers";

export const META = { ip: "203.0.113.7", userAgent: "Mozilla/5.0 (Linux; Android 14) Chrome/126.0 Mobile" };

/** The mediator holds a session and ends it with agreement reached: the case is "agreed". */
export async function reachAgreement(mediator: SessionUser, caseId: string) {
  const sessionId = await scheduleSession(mediator, caseId, { scheduledAt: new Date(Date.now() + 60_000), durationMin: 60, mode: "joint" });
  await endSession(mediator, caseId, sessionId, { outcome: "agreement" });
}

/** The template's draft with what only the mediator can know filled in. */
export function completeDraft(draft: AgreementDraft): AgreementContent {
  const fill = (s: string) => s.split(PLACEHOLDER).join("双方确认的内容");
  return {
    ...draft,
    facts: fill(draft.facts),
    disputes: fill(draft.disputes),
    responsibilities: fill(draft.responsibilities),
    terms: draft.terms.map(fill),
    performance: { manner: fill(draft.performance.manner), place: fill(draft.performance.place), deadline: draft.performance.deadline },
    parties: draft.parties.map((p) =>
      p.kind === "person" ? { ...p, sex: p.sex ?? "男", age: p.age ?? 40, ethnicity: p.ethnicity || "汉族", occupation: p.occupation || "职员", address: fill(p.address) } : { ...p, legalRep: p.legalRep || "张三" },
    ),
  } as AgreementContent;
}

export function draftOf(user: SessionUser, caseId: string): AgreementContent {
  return completeDraft(draftFor(loadCaseFor(user, caseId)));
}

let signatureCache: string | null = null;
/** A drawn signature as the browser posts it (a PNG data URL). */
export async function signaturePng(): Promise<string> {
  signatureCache ??= await QRCode.toDataURL("手写签名", { width: 320 });
  return signatureCache;
}

export function latestSignCode(phone: string): string {
  const body = smsTo(phone)
    .map((r) => r.body)
    .filter((b) => b.includes("签署"))
    .at(-1);
  const code = body && /验证码 (\d{6})/.exec(body)?.[1];
  if (!code) throw new Error(`no signing code sent to ${phone}`);
  return code;
}

/** Gets a code by SMS and signs the given version, as the sign form does. */
export async function signAs(user: SessionUser & { phone: string }, caseId: string, version: number, now?: Date) {
  await sendAgreementCode(user, caseId, now);
  return signAgreement(user, caseId, { version, code: latestSignCode(user.phone), signature: await signaturePng() }, META, now);
}
