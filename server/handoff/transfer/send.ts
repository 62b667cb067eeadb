// A failed case (or one whose 司法确认 was rejected) moves on to arbitration or court filing with its
// file, without the parties starting over (在线调解规则 Art 21; ADR 015). One transaction: the
// handoff row, the case's status and holder, the timeline row and the notices.
import { and, eq } from "drizzle-orm";
import { assignments, handoffs } from "../../../db/schema";
import { HANDOFF_KIND_LABELS } from "../../../app/lib/handoff-enums";
import { CASE_STATUS_LABELS } from "../../../app/lib/case-enums";
import { formatCaseNo, formatDateTime } from "../../../app/lib/case-format";
import type { SessionUser } from "../../auth/session";
import { AppError } from "../../lib/errors";
import { createId } from "../../lib/ids";
import { check } from "../../cases/state-machine";
import { transition, type Tx } from "../../cases/timeline";
import { withCase } from "../../cases/with-case";
import { agentConflict } from "../referrals/conflict";
import { checkChoice, SIDE_WORD, type TransferKind } from "./competence";
import { orgById, staffOf } from "../directory";
import { receivingBodies, suingSide, transferFacts, transferOfCase } from "./facts";
import { undisputedFacts } from "../../mediation/undisputed";

export type TransferInput = { kind: TransferKind; orgId: string; arbitrationAgreement: boolean };

const link = (caseId: string) => `/cases/${caseId}`;

function orgName(tx: Tx, id: string | null): string {
  return (id && orgById(id, tx)?.name) || "受移送机构";
}

/** `seen` is the case version the person's page showed: acting on an outdated page is refused. */
export async function transferCase(user: SessionUser, caseId: string, input: TransferInput, seen: { version?: number } = {}, now = new Date()): Promise<{ handoffId: string }> {
  return withCase(user, caseId, (tx, view, fx, actor) => {
    const row = view.row;
    const verdict = check("transfer", row.status, view.roles);
    if (!verdict.ok && verdict.status === 403) throw new AppError("FORBIDDEN", verdict.message);
    if (!verdict.ok) {
      const earlier = transferOfCase(caseId, tx);
      if (row.status === "transferred" && earlier)
        throw new AppError("CONFLICT", `本案已于 ${formatDateTime(earlier.submittedAt)} 移送至${orgName(tx, earlier.targetOrgId)}，不能重复移送`);
      throw new AppError("CONFLICT", `只有调解不成或司法确认被驳回的案件才能移送仲裁或诉讼（《人民法院在线调解规则》第二十一条）；本案当前状态为"${CASE_STATUS_LABELS[row.status]}"`);
    }
    if (seen.version !== undefined && seen.version !== row.version) throw new AppError("CONFLICT", "案件刚刚有了新进展，请查看最新状态后再操作");

    // Whoever sends it is the side that goes on (the mediator: the applicant's side, as filed).
    const plaintiff = suingSide(view.parties, user.id);
    const choice = checkChoice(transferFacts(row, view.parties, input.arbitrationAgreement, plaintiff), receivingBodies(tx), input.kind, input.orgId);
    if (!choice.ok) throw new AppError("BAD_INPUT", choice.reason, "orgId");
    const { option } = choice;

    // The other half of the 律调对接 rule: whoever mediated the case may not now represent a party in
    // the arbitration or the suit it moves on to.
    const mediators = [row.mediatorId, ...tx.select({ id: assignments.mediatorId }).from(assignments).where(and(eq(assignments.caseId, caseId), eq(assignments.state, "accepted"))).all().map((a) => a.id)];
    for (const p of view.parties) {
      const barred = p.agentUserId ? agentConflict(p.agentUserId, mediators) : null;
      if (barred) throw new AppError("BAD_INPUT", `${p.name}的代理人曾调解本案：${barred}`, "orgId");
    }

    const handoffId = createId();
    tx.insert(handoffs)
      .values({ id: handoffId, caseId, kind: option.kind, targetOrgId: option.orgId, basis: option.basis, status: "submitted", startedById: user.id, submittedAt: now, createdAt: now, updatedAt: now })
      .run();
    const facts = undisputedFacts(caseId);
    const what = HANDOFF_KIND_LABELS[option.kind];
    const updated = transition(tx, row, "transfer", view.roles, actor, "transferred", { handoffOrgId: option.orgId }, {
      type: "transferred",
      summary: `案件移送至${option.name}（${what}），由${SIDE_WORD[plaintiff]}一方${option.kind === "litigation" ? "起诉" : "申请仲裁"}，随附当事人信息、请求事项、证据材料${facts ? "和经各方确认的无争议事实" : ""}，当事人无需重新提交`,
      reason: option.basis,
      data: { handoffId, kind: option.kind, orgId: option.orgId, plaintiff, arbitrationAgreement: input.arbitrationAgreement, undisputedFacts: !!facts },
    });

    const no = formatCaseNo(updated.caseNo);
    for (const s of staffOf(option.orgId, ["judge", "arbitrator"], tx))
      fx.notify({ userId: s.id, caseId, title: "新移送案件", body: `${no}（${updated.category ?? "纠纷"}）调解不成，已移送贵单位，请查阅案卷并确认收到`, link: `/transfers/${handoffId}` });
    const people = new Set([...view.parties.flatMap((p) => [p.userId, p.agentUserId]), updated.mediatorId].filter((x): x is string => !!x && x !== user.id));
    for (const u of people) fx.notify({ userId: u, caseId, title: "案件已移送", body: `${no}：已移送至${option.name}（${what}）`, link: link(caseId) });
    for (const phone of new Set(view.parties.map((p) => p.phone)))
      fx.text(phone, `【云解纷】您的纠纷（${updated.caseNo}）调解不成，已移送至${option.name}，原有材料随案移送，无需重新提交。对方确认收到后将另行通知。`);
    return { handoffId };
  });
}
