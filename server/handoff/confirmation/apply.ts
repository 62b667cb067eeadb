// The parties' side of 司法确认 (人民调解法 Art 33; 民事诉讼法 Art 205): one party starts the joint
// application and chooses a competent court, then every party signs their part with an SMS code.
// The application reaches the court only with the last signature (ADR 013); until then the case
// stays "effective" and each signature is a timeline entry.
import type { Handoff } from "../../../db/schema";
import { formatCaseNo, formatDateTime } from "../../../app/lib/case-format";
import type { SessionUser } from "../../auth/session";
import { agreementOfCase } from "../../agreements/store";
import type { CaseView } from "../../cases/access";
import { check } from "../../cases/state-machine";
import { transition } from "../../cases/timeline";
import { withCase } from "../../cases/with-case";
import { AppError } from "../../lib/errors";
import { confirmationWindow, courtAcceptDue } from "../deadlines";
import { closeOtherApplications, createApplication, markSubmitted, markWithdrawn, otherRouteOpen, sendApplicationCode, signApplication, signedPartyIds, type SignMeta, type Signing } from "../joint-application";
import { partiesSignedBy, partyUserIds } from "../parties";
import { chooseCourt } from "./competent-courts";
import { MEDIATION_LAW_33, RULES_4 } from "./law";
import { issueApplicationOnce } from "./package";
import { competenceFor, judgesOf, openConfirmation, orgById, refusalFor, type Reader } from "./store";

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

function applying(view: CaseView, db: Reader): Handoff {
  const h = openConfirmation(view.row.id, db);
  if (!h || h.status !== "applying") throw new AppError("CONFLICT", "没有待签署的司法确认申请，请先发起申请");
  return h;
}

/** Every party applies (人民调解法 Art 33); a user signs for the parties they act for. */
const signing: Signing = {
  signable(view, db, now) {
    applicable(view, db, now);
    const handoff = applying(view, db);
    const signed = signedPartyIds(handoff.id, db);
    return { handoff, mine: partiesSignedBy(view.parties, view.user.id).filter((p) => !signed.has(p.id)), required: view.parties };
  },
  alreadySigned: "您已签署本申请，等待其他当事人签署",
  changed: "司法确认申请已变更，请刷新页面后重新获取验证码",
};

export async function startConfirmation(user: SessionUser, caseId: string, input: { courtId: string }, now = new Date()) {
  return withCase(user, caseId, (tx, view, fx, actor) => {
    const { agreement } = applicable(view, tx, now);
    if (openConfirmation(view.row.id, tx)) throw new AppError("CONFLICT", "本案已有进行中的司法确认申请");
    const other = otherRouteOpen(view.row.id, "confirmation", tx);
    if (other) throw new AppError("CONFLICT", other);
    const choice = chooseCourt(competenceFor(view.row, view.parties, tx), input.courtId);
    if (!choice.ok) throw new AppError("BAD_INPUT", choice.reason, "courtId");
    const id = createApplication(tx, { caseId, agreementId: agreement.id, kind: "confirmation", targetOrgId: choice.court.id, basis: choice.basis, startedById: user.id }, now);
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
  return sendApplicationCode(
    user,
    caseId,
    signing,
    (h, view) => {
      const court = orgById(h.targetOrgId)!.name;
      const no = formatCaseNo(view.row.caseNo);
      return (code, minutes) => `您正在签署向${court}申请司法确认的申请（${no}），验证码 ${code}，${minutes}分钟内有效。请勿告诉他人。`;
    },
    now,
  );
}

export async function signConfirmation(user: SessionUser, caseId: string, input: { code: string }, meta: SignMeta, now = new Date()) {
  const result = await signApplication(
    user,
    caseId,
    input.code,
    meta,
    signing,
    (tx, view2, fx, actor, { handoff: h, mine, missing: remaining, who }) => {
      const court = orgById(h.targetOrgId, tx)!;
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
      if (!markSubmitted(tx, h.id, now, { acceptDue })) throw new AppError("CONFLICT", "司法确认申请刚刚已被处理，请刷新页面");
      transition(tx, view2.row, "apply_confirmation", view2.roles, actor, "confirming", { handoffOrgId: court.id }, {
        type: "confirmation_submitted",
        summary: `${who}签署了司法确认申请。各方当事人均已签署，申请已提交${court.name}，法院应于${formatDateTime(acceptDue)}前决定是否受理（${RULES_4}）`,
        data: { handoffId: h.id, courtId: court.id, partyIds: mine.map((p) => p.id) },
      });
      closeOtherApplications(tx, h, view2, fx, now);
      for (const u of partyUserIds(view2.parties)) fx.notify({ userId: u, caseId, title: "司法确认申请已提交法院", body: `${no}：各方均已签署，申请已提交${court.name}。`, link: link(caseId) });
      if (view2.row.mediatorId) fx.notify({ userId: view2.row.mediatorId, caseId, title: "当事人已申请司法确认", body: `${no}：已向${court.name}申请司法确认。`, link: `/cases/${caseId}` });
      for (const j of judgesOf(court.id, tx))
        fx.notify({ userId: j.id, caseId, title: "新的司法确认申请", body: `${no}：请于${formatDateTime(acceptDue)}前决定是否受理。`, link: `/court/confirmations/${h.id}` });
      for (const p of view2.parties) fx.text(p.phone, `${no}：各方当事人均已签署，司法确认申请已提交${court.name}，请留意法院通知。`);
      return { submitted: true, handoffId: h.id };
    },
    now,
  );
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
    markWithdrawn(tx, h.id, now, input.reason);
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
