// The parties' side of 司法确认 (人民调解法 Art 33; 民事诉讼法 Art 205): one party starts the joint
// application and chooses a competent court, then every party signs their part with an SMS code.
// The application reaches the court only with the last signature (ADR 013); until then the case
// stays "effective" and each signature is a timeline entry.
import { and, eq } from "drizzle-orm";
import { getDb } from "../../../db/client";
import { handoffApplicants, handoffs, type CaseParty, type Handoff } from "../../../db/schema";
import { formatCaseNo, formatDateTime } from "../../../app/lib/case-format";
import type { SessionUser } from "../../auth/session";
import { checkSignCode, sendSignCode, useSignCode } from "../../auth/sign-codes";
import { agreementOfCase } from "../../agreements/store";
import { loadCaseFor, type CaseView } from "../../cases/access";
import { check } from "../../cases/state-machine";
import { transition } from "../../cases/timeline";
import { withCase } from "../../cases/with-case";
import { AppError } from "../../lib/errors";
import { createId } from "../../lib/ids";
import { confirmationWindow, courtAcceptDue } from "../deadlines";
import { chooseCourt } from "./competent-courts";
import { MEDIATION_LAW_33, RULES_4 } from "./law";
import { issueApplicationOnce } from "./package";
import { competenceFor, judgesOf, openConfirmation, openNotarisation, orgById, partiesSignedBy, partyUserIds, refusalFor, type Reader } from "./store";

export type SignMeta = { ip: string; userAgent: string | null };

const link = (caseId: string) => `/cases/${caseId}/confirmation`;

/** Why this case cannot apply now, or its effective agreement and window. */
export function applicable(view: CaseView, db: Reader, now: Date) {
  const verdict = check("apply_confirmation", view.row.status, view.roles);
  if (!verdict.ok) throw new AppError(verdict.status === 403 ? "FORBIDDEN" : "CONFLICT", verdict.message);
  const agreement = agreementOfCase(view.row.id, db);
  if (!agreement || agreement.status !== "effective" || !agreement.effectiveAt) throw new AppError("CONFLICT", "调解协议生效后才能申请司法确认");
  const window = confirmationWindow(agreement.effectiveAt, now);
  if (!window.open)
    throw new AppError(
      "CONFLICT",
      `已超过申请期限：调解协议于${formatDateTime(agreement.effectiveAt)}生效，应自生效之日起三十日内（${formatDateTime(window.endsAt)}前）共同申请司法确认（${MEDIATION_LAW_33}）`,
    );
  const refusal = refusalFor(view.row, agreement, db);
  if (refusal) throw new AppError("CONFLICT", `${refusal.reason}（${refusal.article}）`);
  return { agreement, window };
}

/** The parties this user has yet to sign for on an application. */
function unsignedOf(view: CaseView, h: Handoff, db: Reader): CaseParty[] {
  const signed = new Set(db.select({ partyId: handoffApplicants.partyId }).from(handoffApplicants).where(eq(handoffApplicants.handoffId, h.id)).all().map((r) => r.partyId));
  return partiesSignedBy(view.parties, view.user.id).filter((p) => !signed.has(p.id));
}

function applying(view: CaseView, db: Reader): Handoff {
  const h = openConfirmation(view.row.id, db);
  if (!h || h.status !== "applying") throw new AppError("CONFLICT", "没有待签署的司法确认申请，请先发起申请");
  return h;
}

export async function startConfirmation(user: SessionUser, caseId: string, input: { courtId: string }, now = new Date()) {
  return withCase(user, caseId, (tx, view, fx, actor) => {
    const { agreement } = applicable(view, tx, now);
    if (openConfirmation(view.row.id, tx)) throw new AppError("CONFLICT", "本案已有进行中的司法确认申请");
    if (openNotarisation(view.row.id, tx)) throw new AppError("CONFLICT", "本案正在申请赋强公证，不能同时申请司法确认");
    const choice = chooseCourt(competenceFor(view.row, view.parties, tx), input.courtId);
    if (!choice.ok) throw new AppError("BAD_INPUT", choice.reason, "courtId");
    const id = createId();
    tx.insert(handoffs)
      .values({ id, caseId, agreementId: agreement.id, kind: "confirmation", targetOrgId: choice.court.id, basis: choice.basis, status: "applying", startedById: user.id, createdAt: now, updatedAt: now })
      .run();
    transition(tx, view.row, "apply_confirmation", view.roles, actor, null, {}, {
      type: "confirmation_started",
      summary: `发起司法确认申请，拟向${choice.court.name}提出，待各方当事人签署申请`,
      reason: choice.basis,
      data: { handoffId: id, courtId: choice.court.id },
    });
    const others = view.parties.filter((p) => p.userId !== user.id && p.agentUserId !== user.id);
    const no = formatCaseNo(view.row.caseNo);
    for (const u of partyUserIds(others)) fx.notify({ userId: u, caseId, title: "请签署司法确认申请", body: `${no}：${actor.name}已发起向${choice.court.name}申请司法确认，需各方当事人共同申请，请您阅读并签署。`, link: link(caseId) });
    for (const p of others) fx.text(p.phone, `${no}：${actor.name}已发起向${choice.court.name}申请司法确认调解协议，需双方共同申请，请登录平台签署。`);
    return { handoffId: id };
  });
}

/** A 6-digit code to the signer's registered phone, bound to this application. */
export async function sendConfirmationCode(user: SessionUser, caseId: string, now = new Date()) {
  const view = loadCaseFor(user, caseId);
  const db = getDb();
  applicable(view, db, now);
  const h = applying(view, db);
  if (unsignedOf(view, h, db).length === 0) throw new AppError("CONFLICT", "您已签署本申请，等待其他当事人签署");
  const court = orgById(h.targetOrgId, db)!.name;
  const no = formatCaseNo(view.row.caseNo);
  return sendSignCode(user.id, { handoffId: h.id }, 0, (code, minutes) => `您正在签署向${court}申请司法确认的申请（${no}），验证码 ${code}，${minutes}分钟内有效。请勿告诉他人。`, now);
}

export async function signConfirmation(user: SessionUser, caseId: string, input: { code: string }, meta: SignMeta, now = new Date()) {
  const view = loadCaseFor(user, caseId);
  const db = getDb();
  applicable(view, db, now);
  const first = applying(view, db);
  if (unsignedOf(view, first, db).length === 0) throw new AppError("CONFLICT", "您已签署本申请，等待其他当事人签署");
  // Counted outside the transaction below: a wrong guess is remembered whatever happens next.
  const codeId = checkSignCode(user.id, { handoffId: first.id }, input.code, 0, now);

  const result = await withCase(user, caseId, (tx, view2, fx, actor) => {
    applicable(view2, tx, now);
    const h = applying(view2, tx);
    if (h.id !== first.id) throw new AppError("CONFLICT", "司法确认申请已变更，请刷新页面后重新获取验证码");
    const mine = unsignedOf(view2, h, tx);
    if (mine.length === 0) throw new AppError("CONFLICT", "您已签署本申请，等待其他当事人签署");
    useSignCode(tx, codeId, now);
    for (const p of mine) {
      try {
        tx.insert(handoffApplicants).values({ id: createId(), handoffId: h.id, partyId: p.id, userId: user.id, ip: meta.ip, userAgent: meta.userAgent?.slice(0, 300) ?? null, signedAt: now }).run();
      } catch (e) {
        if (e instanceof Error && /UNIQUE/.test(e.message)) throw new AppError("CONFLICT", "您已签署本申请，等待其他当事人签署");
        throw e;
      }
    }
    const signed = new Set(tx.select({ partyId: handoffApplicants.partyId }).from(handoffApplicants).where(eq(handoffApplicants.handoffId, h.id)).all().map((r) => r.partyId));
    const remaining = view2.parties.filter((p) => !signed.has(p.id));
    const court = orgById(h.targetOrgId, tx)!;
    const who = mine.map((p) => p.name).join("、");
    const no = formatCaseNo(view2.row.caseNo);
    if (remaining.length > 0) {
      transition(tx, view2.row, "apply_confirmation", view2.roles, actor, null, {}, {
        type: "confirmation_signed",
        summary: `${who}签署了司法确认申请，尚待${remaining.map((p) => p.name).join("、")}签署；各方均签署后方提交${court.name}`,
        data: { handoffId: h.id, partyIds: mine.map((p) => p.id) },
      });
      for (const u of partyUserIds(remaining)) fx.notify({ userId: u, caseId, title: "请签署司法确认申请", body: `${no}：${who}已签署向${court.name}申请司法确认的申请，待您签署后提交法院。`, link: link(caseId) });
      return { submitted: false, handoffId: h.id };
    }
    const acceptDue = courtAcceptDue(now);
    const moved = tx
      .update(handoffs)
      .set({ status: "submitted", submittedAt: now, acceptDue, updatedAt: now })
      .where(and(eq(handoffs.id, h.id), eq(handoffs.status, "applying")))
      .run();
    if (moved.changes === 0) throw new AppError("CONFLICT", "司法确认申请刚刚已被处理，请刷新页面");
    transition(tx, view2.row, "apply_confirmation", view2.roles, actor, "confirming", { handoffOrgId: court.id }, {
      type: "confirmation_submitted",
      summary: `${who}签署了司法确认申请。各方当事人均已签署，申请已提交${court.name}，法院应于${formatDateTime(acceptDue)}前决定是否受理（${RULES_4}）`,
      data: { handoffId: h.id, courtId: court.id, partyIds: mine.map((p) => p.id) },
    });
    for (const u of partyUserIds(view2.parties)) fx.notify({ userId: u, caseId, title: "司法确认申请已提交法院", body: `${no}：各方均已签署，申请已提交${court.name}。`, link: link(caseId) });
    if (view2.row.mediatorId) fx.notify({ userId: view2.row.mediatorId, caseId, title: "当事人已申请司法确认", body: `${no}：已向${court.name}申请司法确认。`, link: `/cases/${caseId}` });
    for (const j of judgesOf(court.id, tx))
      fx.notify({ userId: j.id, caseId, title: "新的司法确认申请", body: `${no}：请于${formatDateTime(acceptDue)}前决定是否受理。`, link: `/court/confirmations/${h.id}` });
    for (const p of view2.parties) fx.text(p.phone, `${no}：各方当事人均已签署，司法确认申请已提交${court.name}，请留意法院通知。`);
    return { submitted: true, handoffId: h.id };
  });
  // The package (application PDF and its manifest) is assembled right after; a court download retries it.
  if (result.submitted) await issueApplicationOnce(result.handoffId).catch((e: unknown) => console.error("司法确认申请材料生成失败，将在下载时重试", e));
  return result;
}

/** A party takes the unsigned application back (e.g. to choose another court). */
export async function withdrawConfirmation(user: SessionUser, caseId: string, input: { reason: string }, now = new Date()) {
  return withCase(user, caseId, (tx, view, fx, actor) => {
    const verdict = check("apply_confirmation", view.row.status, view.roles);
    if (!verdict.ok) throw new AppError(verdict.status === 403 ? "FORBIDDEN" : "CONFLICT", verdict.message);
    const h = applying(view, tx);
    tx.update(handoffs).set({ status: "closed", outcome: "withdrawn", outcomeNote: input.reason, decidedAt: now, updatedAt: now }).where(eq(handoffs.id, h.id)).run();
    const court = orgById(h.targetOrgId, tx)!.name;
    transition(tx, view.row, "apply_confirmation", view.roles, actor, null, {}, {
      type: "confirmation_withdrawn",
      summary: `撤回了尚未提交的司法确认申请（拟向${court}提出）`,
      reason: input.reason,
      data: { handoffId: h.id },
    });
    const others = view.parties.filter((p) => p.userId !== user.id && p.agentUserId !== user.id);
    for (const u of partyUserIds(others)) fx.notify({ userId: u, caseId, title: "司法确认申请已撤回", body: `${formatCaseNo(view.row.caseNo)}：${actor.name}撤回了向${court}的申请（理由：${input.reason}）。`, link: link(caseId) });
    return { handoffId: h.id };
  });
}
