// The receiving 仲裁员 or 法官 confirms the transferred case arrived, optionally with their own filing
// number. Only a member of the body the case was sent to; only once.
import { and, eq } from "drizzle-orm";
import { getDb } from "../../../db/client";
import { handoffs } from "../../../db/schema";
import { formatCaseNo, formatDateTime } from "../../../app/lib/case-format";
import type { SessionUser } from "../../auth/session";
import { AppError } from "../../lib/errors";
import { transition } from "../../cases/timeline";
import { withCase } from "../../cases/with-case";
import { orgById, orgsOfMember, userName } from "../directory";
import { TRANSFER_KINDS } from "./facts";

const NOT_FOUND = "移送案件不存在或您无权查看";

/** The transfer row, if `user` is a judge or arbitrator of the body it was sent to; otherwise NOT_FOUND. */
export function receivedTransfer(user: SessionUser, handoffId: string) {
  const h = getDb().select().from(handoffs).where(eq(handoffs.id, handoffId)).get();
  if (!h || !(TRANSFER_KINDS as readonly string[]).includes(h.kind) || !isReceiver(user, h.targetOrgId)) throw new AppError("NOT_FOUND", NOT_FOUND);
  return h;
}

export function isReceiver(user: SessionUser, orgId: string): boolean {
  if (user.role !== "judge" && user.role !== "arbitrator") return false;
  return orgsOfMember(user.id, ["court", "arbitration"]).some((o) => o.id === orgId);
}

export async function acknowledgeTransfer(user: SessionUser, handoffId: string, input: { refNo?: string }, now = new Date()) {
  const first = receivedTransfer(user, handoffId);
  return withCase(user, first.caseId, (tx, view, fx, actor) => {
    const h = tx.select().from(handoffs).where(eq(handoffs.id, handoffId)).get()!;
    const org = orgById(h.targetOrgId, tx)!.name;
    if (h.status !== "submitted") {
      const by = userName(h.handlerId, tx);
      throw new AppError("CONFLICT", `${org}已于 ${formatDateTime(h.acceptedAt)} 确认收到本案${by ? `（${by}）` : ""}${h.refNo ? `，案号 ${h.refNo}` : ""}，不能重复确认`);
    }
    if (view.row.handoffOrgId !== h.targetOrgId) throw new AppError("CONFLICT", "本案已不在贵单位，不能确认收到");
    const refNo = input.refNo?.trim() || null;
    const done = tx
      .update(handoffs)
      .set({ status: "accepted", acceptedAt: now, handlerId: user.id, refNo, outcome: "acknowledged", updatedAt: now })
      .where(and(eq(handoffs.id, handoffId), eq(handoffs.status, "submitted")))
      .run();
    if (done.changes === 0) throw new AppError("CONFLICT", "本案刚刚已被确认收到，请刷新页面");
    const summary = `${org}确认收到移送的案件${refNo ? `，案号 ${refNo}` : ""}`;
    const row = transition(tx, view.row, "acknowledge_transfer", view.roles, actor, null, {}, { type: "transfer_acknowledged", summary, data: { handoffId, refNo } });
    const no = formatCaseNo(row.caseNo);
    const people = new Set([...view.parties.flatMap((p) => [p.userId, p.agentUserId]), row.mediatorId].filter((x): x is string => !!x));
    for (const u of people) fx.notify({ userId: u, caseId: row.id, title: "移送案件已被接收", body: `${no}：${summary}`, link: `/cases/${row.id}` });
    for (const phone of new Set(view.parties.map((p) => p.phone)))
      fx.text(phone, `【云解纷】您的纠纷（${row.caseNo}）已由${org}确认收到${refNo ? `，案号 ${refNo}` : ""}，请留意该单位的通知。`);
    return { refNo };
  });
}
