// A joint application (司法确认 or 赋强公证): one party starts it for a chosen body, every party who
// must apply signs their part with a one-time code on their own phone, and the last signature sends
// it (ADR 013, ADR 014). Which parties must sign, what makes a case eligible and what everyone is
// told stay with each kind (confirmation/apply.ts, notarisation/apply.ts); the steps are here.
import { and, asc, eq, inArray, ne } from "drizzle-orm";
import { getDb } from "../../db/client";
import { handoffApplicants, handoffs, type CaseParty, type Handoff } from "../../db/schema";
import type { SessionUser } from "../auth/session";
import { checkSignCode, sendSignCode, useSignCode } from "../auth/sign-codes";
import { loadCaseFor, type CaseView } from "../cases/access";
import { SYSTEM, type Actor } from "../cases/actor";
import type { Effects } from "../cases/effects";
import { recordEvent, type Tx } from "../cases/timeline";
import { withCase } from "../cases/with-case";
import { AppError } from "../lib/errors";
import { createId } from "../lib/ids";
import type { SignMeta } from "../agreements/signing";
import { formatCaseNo } from "../../app/lib/case-format";
import { orgById, type Reader } from "./directory";
import { partyUserIds } from "./parties";

export type { SignMeta };
export type ApplicationKind = "confirmation" | "notarisation";

/** Waiting for signatures, or with the body: a second application of the kind cannot start meanwhile. */
export const OPEN_STATUSES = ["applying", "submitted", "accepted"] as const;

export function openApplication(caseId: string, kind: ApplicationKind, db: Reader = getDb()): Handoff | undefined {
  return db
    .select()
    .from(handoffs)
    .where(and(eq(handoffs.caseId, caseId), eq(handoffs.kind, kind), inArray(handoffs.status, [...OPEN_STATUSES])))
    .get();
}

const OTHER: Record<ApplicationKind, ApplicationKind> = { confirmation: "notarisation", notarisation: "confirmation" };
const ROUTE: Record<ApplicationKind, string> = { confirmation: "司法确认", notarisation: "赋强公证" };

/**
 * 司法确认 and 赋强公证 are two routes to enforceability for the same agreement: the parties take one
 * at a time. Why this kind cannot start now because the other is under way, or null.
 */
export function otherRouteOpen(caseId: string, kind: ApplicationKind, db: Reader = getDb()): string | null {
  return openApplication(caseId, OTHER[kind], db) ? `本案正在申请${ROUTE[OTHER[kind]]}，不能同时申请${ROUTE[kind]}` : null;
}

/** The signed parts, in the order they were signed. */
export function applicantsOf(handoffId: string, db: Reader = getDb()) {
  return db.select().from(handoffApplicants).where(eq(handoffApplicants.handoffId, handoffId)).orderBy(asc(handoffApplicants.signedAt)).all();
}

export function signedPartyIds(handoffId: string, db: Reader = getDb()): Set<string> {
  return new Set(applicantsOf(handoffId, db).map((a) => a.partyId));
}

/** Writes the application, waiting for signatures; returns its id. */
export function createApplication(tx: Tx, a: { caseId: string; agreementId: string; kind: ApplicationKind; targetOrgId: string; basis: string; startedById: string }, now: Date): string {
  const id = createId();
  tx.insert(handoffs)
    .values({ id, ...a, status: "applying", createdAt: now, updatedAt: now })
    .run();
  return id;
}

/** The application this user may sign now, the parties they still sign for, and every party who must sign. */
export type Signable = { handoff: Handoff; mine: CaseParty[]; required: CaseParty[] };
export type Signed = Signable & { missing: CaseParty[]; who: string };

export type Signing = {
  /** Throws why this user cannot sign (case not eligible, nothing to sign); `mine` may be empty. */
  signable: (view: CaseView, db: Reader, now: Date) => Signable;
  /** Said when the user has already signed for every party they act for. */
  alreadySigned: string;
  /** Said when the application changed between sending the code and signing. */
  changed: string;
};

function unsigned(s: Signing, view: CaseView, db: Reader, now: Date): Signable {
  const found = s.signable(view, db, now);
  if (found.mine.length === 0) throw new AppError("CONFLICT", s.alreadySigned);
  return found;
}

/** A 6-digit code to the signer's registered phone, bound to the application. */
export async function sendApplicationCode(user: SessionUser, caseId: string, s: Signing, text: (h: Handoff, view: CaseView) => (code: string, minutes: number) => string, now: Date) {
  const view = loadCaseFor(user, caseId);
  const { handoff } = unsigned(s, view, getDb(), now);
  return sendSignCode(user.id, { handoffId: handoff.id }, 0, text(handoff, view), now);
}

/**
 * Checks the code, then in one transaction records the user's part (for every party they act for)
 * and hands the result to `then`, which writes the timeline and, when nobody is `missing`, submits.
 */
export async function signApplication<T>(
  user: SessionUser,
  caseId: string,
  code: string,
  meta: SignMeta,
  s: Signing,
  then: (tx: Tx, view: CaseView, fx: Effects, actor: Actor, signed: Signed) => T,
  now: Date,
): Promise<T> {
  const first = unsigned(s, loadCaseFor(user, caseId), getDb(), now);
  // Counted outside the transaction below: a wrong guess is remembered whatever happens next.
  const codeId = checkSignCode(user.id, { handoffId: first.handoff.id }, code, 0, now);
  return withCase(user, caseId, (tx, view, fx, actor) => {
    const found = s.signable(view, tx, now);
    if (found.handoff.id !== first.handoff.id) throw new AppError("CONFLICT", s.changed);
    if (found.mine.length === 0) throw new AppError("CONFLICT", s.alreadySigned);
    useSignCode(tx, codeId, now);
    for (const p of found.mine) {
      try {
        tx.insert(handoffApplicants)
          .values({ id: createId(), handoffId: found.handoff.id, partyId: p.id, userId: user.id, ip: meta.ip, userAgent: meta.userAgent?.slice(0, 300) ?? null, signedAt: now })
          .run();
      } catch (e) {
        if (e instanceof Error && /UNIQUE/.test(e.message)) throw new AppError("CONFLICT", s.alreadySigned);
        throw e;
      }
    }
    const signed = signedPartyIds(found.handoff.id, tx);
    const missing = found.required.filter((p) => !signed.has(p.id));
    return then(tx, view, fx, actor, { ...found, missing, who: found.mine.map((p) => p.name).join("、") });
  });
}

/** The last signature sends the application; false if it was no longer waiting for signatures. */
export function markSubmitted(tx: Tx, handoffId: string, now: Date, extra: { acceptDue?: Date } = {}): boolean {
  const moved = tx
    .update(handoffs)
    .set({ status: "submitted", submittedAt: now, ...extra, updatedAt: now })
    .where(and(eq(handoffs.id, handoffId), eq(handoffs.status, "applying")))
    .run();
  return moved.changes > 0;
}

/**
 * Once an application was sent, any other application of the case still open (one started before
 * the two routes excluded each other) is closed in the same transaction, on the timeline, with the
 * parties told: left "applying" it could never be sent, and it would block a later application of
 * its kind. Called by each kind right after the timeline entry of its submission.
 */
export function closeOtherApplications(tx: Tx, submitted: Handoff, view: CaseView, fx: Effects, now: Date): number {
  const others = tx
    .select()
    .from(handoffs)
    .where(and(eq(handoffs.caseId, submitted.caseId), ne(handoffs.id, submitted.id), inArray(handoffs.kind, ["confirmation", "notarisation"]), inArray(handoffs.status, [...OPEN_STATUSES])))
    .all();
  const target = orgById(submitted.targetOrgId, tx)?.name ?? "";
  const why = `各方当事人已共同向${target}提交${ROUTE[submitted.kind as ApplicationKind]}申请`;
  const no = formatCaseNo(view.row.caseNo);
  let closed = 0;
  for (const h of others) {
    const done = tx
      .update(handoffs)
      .set({ status: "closed", outcome: "superseded", decidedAt: now, updatedAt: now })
      .where(and(eq(handoffs.id, h.id), inArray(handoffs.status, [...OPEN_STATUSES])))
      .run();
    if (done.changes === 0) continue;
    const kind = h.kind as ApplicationKind;
    const body = orgById(h.targetOrgId, tx)?.name ?? "";
    recordEvent(tx, submitted.caseId, SYSTEM, {
      type: `${kind}_closed`,
      summary: `${why}，拟向${body}提出的${ROUTE[kind]}申请已关闭`,
      data: { handoffId: h.id, supersededBy: submitted.id },
    });
    for (const u of partyUserIds(view.parties))
      fx.notify({ userId: u, caseId: submitted.caseId, title: `${ROUTE[kind]}申请已关闭`, body: `${no}：${why}，向${body}的${ROUTE[kind]}申请已关闭。`, link: `/cases/${submitted.caseId}` });
    closed++;
  }
  return closed;
}

/** A party takes back an application not yet sent. */
export function markWithdrawn(tx: Tx, handoffId: string, now: Date, reason?: string): void {
  tx.update(handoffs).set({ status: "closed", outcome: "withdrawn", outcomeNote: reason, decidedAt: now, updatedAt: now }).where(eq(handoffs.id, handoffId)).run();
}
