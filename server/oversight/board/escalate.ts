// 上报: the 矛调中心 (or the organisation's head) sends a case up a level — village/community →
// township/street → county (domain.md "Routing"; hard or cross-area cases go up). The case goes to
// the parent committee like any assignment: one of its mediators, chosen the way routing chooses,
// must accept within 3 working days (在线调解规则 Art 12). One transaction; the timeline entry
// "上报至 X（理由）" carries who and when.
import { eq } from "drizzle-orm";
import { organisations } from "../../../db/schema";
import { formatCaseNo } from "../../../app/lib/case-format";
import type { SessionUser } from "../../auth/session";
import { withCase } from "../../cases/with-case";
import { transition } from "../../cases/timeline";
import { check } from "../../cases/state-machine";
import { AppError } from "../../lib/errors";
import { closePendingAssignment, pickMediator, placeByHand, previousMediators, sidePeople } from "../../triage/assign";
import { closeOpenInvitations } from "../../triage/consent";
import { escalationTarget } from "./escalation-target";

export const MIN_REASON = 2;
export const MAX_REASON = 500;

export async function escalateCase(user: SessionUser, caseId: string, reason: string, now = new Date()) {
  const why = (reason ?? "").trim();
  if (why.length < MIN_REASON) throw new AppError("BAD_INPUT", "请填写上报理由", "reason");
  if (why.length > MAX_REASON) throw new AppError("BAD_INPUT", `上报理由不能超过${MAX_REASON}字`, "reason");
  return withCase(user, caseId, (tx, view, fx, actor) => {
    // Who and when first: a mediator or a party gets "无权", a closed case "状态不允许", before any
    // talk of levels.
    const verdict = check("escalate", view.row.status, view.roles, "awaiting_acceptance");
    if (!verdict.ok) throw new AppError(verdict.status === 403 ? "FORBIDDEN" : "CONFLICT", verdict.message);
    const org = view.row.orgId ? tx.select().from(organisations).where(eq(organisations.id, view.row.orgId)).get() : undefined;
    const parent = org?.parentId ? tx.select().from(organisations).where(eq(organisations.id, org.parentId)).get() : undefined;
    const target = escalationTarget(org ?? null, parent ?? null);
    if ("error" in target) throw new AppError("CONFLICT", target.error);

    // As routing does: the parent's mediator with the fewest open cases, never one who stands for a
    // side (司发通〔2017〕105号) nor one who already declined or let this case lapse.
    const mediator = pickMediator(tx, target.id, [...sidePeople(tx, view.row), ...previousMediators(tx, caseId).mediatorIds]);
    if (!mediator) throw new AppError("CONFLICT", `${target.name}暂无可接收本案的调解员，无法上报；请改用人工指派`);
    if (view.row.status === "awaiting_acceptance") closePendingAssignment(tx, caseId, "replaced", `上报至${target.name}：${why}`, now);
    // placeByHand re-checks the mediator (membership, conflicts) and opens the new assignment with
    // its acceptance deadline.
    const placed = placeByHand(tx, view.row, target.id, mediator.id, now);
    if ("error" in placed) throw new AppError("CONFLICT", placed.error);
    // Invitations sent for the lower committee's acceptance must not expire the case later.
    closeOpenInvitations(tx, caseId, now);

    const previous = view.row.mediatorId;
    const row = transition(
      tx,
      view.row,
      "escalate",
      view.roles,
      actor,
      "awaiting_acceptance",
      { ...placed.patch, acceptedAt: null, conflictDisclosure: null, routingReason: `上报至${target.name}：${why}` },
      {
        type: "escalated",
        summary: `上报至${target.name}（${why}），指派调解员 ${placed.mediator.name}`,
        reason: why,
        data: { fromOrgId: org!.id, fromOrgName: org!.name, toOrgId: target.id, mediatorId: placed.mediator.id, acceptDeadline: placed.deadline.toISOString() },
      },
    );

    const no = formatCaseNo(row.caseNo);
    const link = `/cases/${caseId}`;
    fx.notify({ userId: placed.mediator.id, caseId, title: "上报案件待受理", body: `${no}（${row.category}）由${org!.name}上报，理由：${why}。请在3个工作日内受理`, link });
    if (previous && previous !== placed.mediator.id)
      fx.notify({ userId: previous, caseId, title: "案件已上报上级调解组织", body: `${no} 已上报至${target.name}，理由：${why}`, link: null });
    // Every party with an account (and their agents) learns where the case now is.
    const people = new Set(view.parties.flatMap((p) => [p.userId, p.agentUserId]).filter((x): x is string => !!x));
    for (const u of people) fx.notify({ userId: u, caseId, title: "案件已移交上级调解组织", body: `${no}：已移交${target.name}办理`, link });
    return row;
  });
}
