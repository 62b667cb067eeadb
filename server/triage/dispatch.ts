// The 矛调中心's side: who is told about red and unrouted cases.
import { and, eq } from "drizzle-orm";
import { memberships, organisations, users, type Case } from "../../db/schema";
import { formatCaseNo } from "../../app/lib/case-format";
import type { Effects } from "../cases/effects";
import type { Tx } from "../cases/timeline";

/** Dispatchers of every 矛调中心 covering the case's city (first 4 digits of its region). */
export function dispatchersFor(tx: Tx, regionCode: string | null): { id: string; phone: string }[] {
  if (!regionCode) return [];
  return tx
    .select({ id: users.id, phone: users.phone, region: organisations.regionCode })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.orgId))
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(organisations.type, "dispatch_center"), eq(organisations.active, true), eq(memberships.active, true), eq(users.role, "dispatcher"), eq(users.active, true)))
    .all()
    .filter((d) => d.region.slice(0, 4) === regionCode.slice(0, 4))
    .map(({ id, phone }) => ({ id, phone }));
}

/** Red cases reach dispatchers at once, by notification and SMS (人民调解法 Art 25). */
export function notifyDispatchers(tx: Tx, row: Case, fx: Effects, why: "red" | "unrouted" | "mediator_change"): void {
  const no = formatCaseNo(row.caseNo);
  const text = {
    red: { title: "红色预警案件", body: `${no}（${row.category}）有激化风险，请立即关注处置` },
    unrouted: { title: "待人工分流案件", body: `${no}（${row.category}）需要人工指派调解组织` },
    mediator_change: { title: "当事人申请更换调解员", body: `${no}（${row.category}）当事人申请更换调解员，请处理` },
  }[why];
  for (const d of dispatchersFor(tx, row.regionCode)) {
    fx.notify({ userId: d.id, caseId: row.id, title: text.title, body: text.body, link: `/cases/${row.id}` });
    if (why === "red") fx.text(d.phone, `红色预警：${text.body}`);
  }
}
