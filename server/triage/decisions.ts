// 分, second half: the mediator accepts or declines, the dispatcher assigns, risk changes,
// the applicant withdraws, a party asks for another mediator. Each is one transaction.
import { eq } from "drizzle-orm";
import { caseParties } from "../../db/schema";
import { RISK_LABELS, type RiskGrade } from "../../app/lib/case-enums";
import { formatCaseNo } from "../../app/lib/case-format";
import type { SessionUser } from "../auth/session";
import { AppError } from "../lib/errors";
import { SYSTEM, type Actor } from "../cases/actor";
import type { CaseView } from "../cases/access";
import type { Effects } from "../cases/effects";
import { applicantUsers, withCase } from "../cases/with-case";
import { transition, type Tx } from "../cases/timeline";
import type { Case, CaseParty } from "../../db/schema";
import { closePendingAssignment, placeByHand, placeCase, previousMediators } from "./assign";
import { notifyDispatchers } from "./dispatch";
import { isCrossRegion } from "./risk";
import { closeOpenInvitations, sendInvitations } from "./consent";
import { mediationDuePatch } from "../mediation/sessions";
import { mediatorConflict } from "../handoff/referrals/conflict";

const link = (id: string) => `/cases/${id}`;


export async function acceptCase(user: SessionUser, caseId: string, input: { conflict: "none" | "declare"; conflictDetail?: string }, now = new Date()) {
  return withCase(user, caseId, (tx, view, fx, actor) => {
    // 司发通〔2017〕105号: whoever stands for a side (above all the referring lawyer) never mediates it,
    // whatever the assignment says; a disclosure cannot cure this.
    const barred = view.roles.includes("mediator") ? mediatorConflict(user.id, view.row, view.parties) : null;
    if (barred) throw new AppError("FORBIDDEN", barred);
    const disclosure = input.conflict === "declare" ? (input.conflictDetail ?? "") : null;
    // After a reassignment every respondent may already have consented: then mediation goes on
    // at once with the new mediator — unless a disclosed conflict needs the parties' agreement.
    const allConsented = view.parties.filter((p) => p.side === "respondent").every((p) => p.consent === "consented");
    const to = allConsented && !disclosure ? "mediating" : "awaiting_consent";
    const due = to === "mediating" ? mediationDuePatch({ ...view.row, acceptedAt: now }, now) : {};
    const row = transition(tx, view.row, "accept", view.roles, actor, to, { acceptedAt: now, conflictDisclosure: disclosure, ...due }, {
      type: "accepted",
      summary: disclosure ? "调解员受理本案，并披露了可能的利益冲突" : "调解员受理本案，声明与本案无利益冲突",
      reason: disclosure,
    });
    closePendingAssignment(tx, caseId, "accepted", null, now);
    const invited = sendInvitations(tx, row, view.parties, fx, now);
    for (const u of applicantUsers(view.parties))
      fx.notify({ userId: u, caseId, title: "调解员已受理", body: `${formatCaseNo(row.caseNo)}：调解员 ${user.name} 已受理，正在邀请对方当事人（${invited}位）`, link: link(caseId) });
    return row;
  });
}

/** Declining and timing out share this: the case goes to the next organisation, or the queue. */
function reroute(tx: Tx, view: CaseView, fx: Effects, actor: Actor, action: "decline" | "accept_timeout", reason: string, now: Date): Case {
  const prevMediator = view.row.mediatorId;
  closePendingAssignment(tx, view.row.id, action === "decline" ? "declined" : "expired", reason, now);
  const prev = previousMediators(tx, view.row.id);
  const crossRegion = isCrossRegion(view.row.regionCode ?? "", view.parties.map((p) => p.regionCode));
  // The same organisation may have another mediator; only the people who passed are excluded.
  const placement = placeCase(tx, view.row, { crossRegion, excludeMediatorIds: prev.mediatorIds, now });
  const what = action === "decline" ? `调解员不予受理（理由：${reason}）` : "调解员未在3个工作日内受理，系统自动改派";
  const summary = placement.status === "awaiting_acceptance" ? `${what}；改派至${placement.orgName}，调解员 ${placement.mediator.name}` : `${what}；转矛调中心人工分流`;
  const row = transition(tx, view.row, action, action === "decline" ? view.roles : ["system"], actor, placement.status, placement.patch, {
    type: action === "decline" ? "declined" : "accept_timeout",
    summary,
    reason: action === "decline" ? reason : placement.reason,
  });
  const no = formatCaseNo(row.caseNo);
  for (const u of applicantUsers(view.parties))
    fx.notify({ userId: u, caseId: row.id, title: action === "decline" ? "案件已改派" : "受理超时，案件已改派", body: `${no}：${placement.status === "awaiting_acceptance" ? `已改派至${placement.orgName}` : "正在人工分流"}`, link: link(row.id) });
  if (prevMediator && action === "accept_timeout")
    fx.notify({ userId: prevMediator, caseId: row.id, title: "案件已改派", body: `${no} 未在期限内受理，已改派他人`, link: null });
  if (placement.status === "awaiting_acceptance")
    fx.notify({ userId: placement.mediator.id, caseId: row.id, title: "新案件待受理", body: `${no}（${row.category}），请在3个工作日内受理或说明理由不予受理`, link: link(row.id) });
  else notifyDispatchers(tx, row, fx, "unrouted");
  return row;
}

export async function declineCase(user: SessionUser, caseId: string, reason: string, now = new Date()) {
  return withCase(user, caseId, (tx, view, fx, actor) => reroute(tx, view, fx, actor, "decline", reason, now));
}

/** Called by the deadline sweep for one overdue case. */
export function timeoutAcceptance(tx: Tx, row: Case, parties: CaseParty[], fx: Effects, now: Date): Case {
  const view = { row, parties, roles: ["system" as const], user: { id: "", name: "系统", role: "admin" as const, phone: "", active: true } };
  return reroute(tx, view, fx, SYSTEM, "accept_timeout", "受理期限已过", now);
}

export async function assignByHand(user: SessionUser, caseId: string, input: { orgId: string; mediatorId?: string; reason: string }, now = new Date()) {
  return withCase(user, caseId, (tx, view, fx, actor) => {
    // Close the old pending assignment first: placeByHand opens the new one.
    if (view.row.status === "awaiting_acceptance") closePendingAssignment(tx, caseId, "replaced", input.reason, now);
    const placed = placeByHand(tx, view.row, input.orgId, input.mediatorId, now);
    if ("error" in placed) throw new AppError("BAD_INPUT", placed.error, "orgId");
    const previous = view.row.mediatorId;
    // Invitations sent for the previous acceptance must not expire the case later.
    closeOpenInvitations(tx, caseId, now);
    // Reassigning a case already accepted starts acceptance again with the new mediator.
    const row = transition(tx, view.row, "assign", view.roles, actor, "awaiting_acceptance", { ...placed.patch, acceptedAt: null, conflictDisclosure: null, routingReason: `人工指派：${input.reason}` }, {
      type: "assigned",
      summary: `人工指派至${placed.orgName}，调解员 ${placed.mediator.name}`,
      reason: input.reason,
    });
    const no = formatCaseNo(row.caseNo);
    fx.notify({ userId: placed.mediator.id, caseId, title: "新案件待受理", body: `${no}（${row.category}），请在3个工作日内受理`, link: link(caseId) });
    if (previous && previous !== placed.mediator.id) fx.notify({ userId: previous, caseId, title: "案件已改派", body: `${no} 已改派给其他调解员`, link: null });
    for (const u of applicantUsers(view.parties)) fx.notify({ userId: u, caseId, title: "案件已分派调解组织", body: `${no}：${placed.orgName}`, link: link(caseId) });
    return row;
  });
}

export async function setRisk(user: SessionUser, caseId: string, input: { risk: RiskGrade; reason: string }) {
  return withCase(user, caseId, (tx, view, fx, actor) => {
    if (view.row.risk === input.risk) throw new AppError("BAD_INPUT", "风险等级未变化", "risk");
    const row = transition(tx, view.row, "set_risk", view.roles, actor, null, { risk: input.risk, riskReasons: [...view.row.riskReasons, input.reason] }, {
      type: "risk_changed",
      summary: `风险等级由${RISK_LABELS[view.row.risk]}调整为${RISK_LABELS[input.risk]}`,
      reason: input.reason,
      visibility: "staff",
    });
    if (input.risk === "red") notifyDispatchers(tx, row, fx, "red");
    return row;
  });
}

export async function withdrawCase(user: SessionUser, caseId: string, reason: string, now = new Date()) {
  return withCase(user, caseId, (tx, view, fx, actor) => {
    if (view.row.status === "awaiting_acceptance") closePendingAssignment(tx, caseId, "replaced", "申请人撤回", now);
    const row = transition(tx, view.row, "withdraw", view.roles, actor, "withdrawn", { endedAt: now }, { type: "withdrawn", summary: "申请人撤回调解申请", reason });
    if (row.mediatorId) fx.notify({ userId: row.mediatorId, caseId, title: "申请人已撤回", body: `${formatCaseNo(row.caseNo)} 已撤回`, link: link(caseId) });
    return row;
  });
}

/** 在线调解规则 Art 14: a party may ask for another mediator; the dispatcher decides. */
export async function requestMediatorChange(user: SessionUser, caseId: string, reason: string) {
  return withCase(user, caseId, (tx, view, fx, actor) => {
    const row = transition(tx, view.row, "request_mediator_change", view.roles, actor, null, {}, {
      type: "mediator_change_requested",
      summary: "当事人申请更换调解员",
      reason,
      visibility: "staff",
    });
    notifyDispatchers(tx, row, fx, "mediator_change");
    return row;
  });
}

/** After a conflict disclosure, a party agrees to continue with this mediator (Art 13). */
export async function agreeToDisclosure(user: SessionUser, caseId: string, now = new Date()) {
  return withCase(user, caseId, (tx, view, _fx, actor) => {
    if (!view.row.conflictDisclosure) throw new AppError("BAD_INPUT", "调解员未披露利益冲突");
    const mine = view.parties.filter((p) => p.userId === user.id || p.agentUserId === user.id);
    if (mine.length === 0) throw new AppError("FORBIDDEN", "只有当事人可以确认");
    if (mine.every((p) => p.disclosureAgreedAt)) throw new AppError("CONFLICT", "您已确认过");
    for (const p of mine) tx.update(caseParties).set({ disclosureAgreedAt: now }).where(eq(caseParties.id, p.id)).run();
    const agreed = new Set([...view.parties.filter((p) => p.disclosureAgreedAt).map((p) => p.id), ...mine.map((p) => p.id)]);
    const everyone = view.parties.every((p) => agreed.has(p.id) && (p.side === "applicant" || p.consent === "consented"));
    const to = view.row.status === "awaiting_consent" && everyone ? "mediating" : null;
    return transition(tx, view.row, "disclosure_agree", view.roles, actor, to, to ? mediationDuePatch(view.row, now) : {}, {
      type: "disclosure_agreed",
      summary: to ? "知悉调解员披露的利益冲突，同意继续由其调解；各方均已同意，案件进入调解" : "知悉调解员披露的利益冲突，同意继续由其调解",
    });
  });
}
