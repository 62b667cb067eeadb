// 满意度: once the mediation is over (the state machine's `rate` statuses), each party — the party
// or their agent — rates the service once. The scores go to the ratings table with the mediator and
// the organisation frozen; the timeline only says that a side rated (the other side reads it).
import { and, eq } from "drizzle-orm";
import { ratings, users } from "../../../db/schema";
import { CASE_STATUS_LABELS } from "../../../app/lib/case-enums";
import { formatCaseNo, formatDateTime } from "../../../app/lib/case-format";
import type { SessionUser } from "../../auth/session";
import { loadCaseFor } from "../../cases/access";
import { check } from "../../cases/state-machine";
import { transition } from "../../cases/timeline";
import { withCase } from "../../cases/with-case";
import { AppError } from "../../lib/errors";
import { createId } from "../../lib/ids";
import { headsOf } from "../records/scope";
import { fieldErrors } from "../../handoff/confirmation/schemas";
import { ratingSchema, type RatingInput } from "./schema";
import { actsFor, sideWord } from "./sides";

export async function rateCase(user: SessionUser, caseId: string, input: RatingInput, now = new Date()) {
  // 404 before 400 (a stranger learns nothing from validation); validated before the transaction.
  loadCaseFor(user, caseId);
  const parsed = ratingSchema.safeParse(input);
  if (!parsed.success) {
    const [field, message] = Object.entries(fieldErrors(parsed.error))[0];
    throw new AppError("BAD_INPUT", message, field);
  }
  const v = parsed.data;
  return withCase(user, caseId, (tx, view, fx, actor) => {
    const mine = view.parties.filter((p) => actsFor(p, user.id));
    if (mine.length === 0) throw new AppError("FORBIDDEN", "只有本案当事人或其代理人可以评价调解服务");
    const party = v.partyId ? mine.find((p) => p.id === v.partyId) : mine.length === 1 ? mine[0] : undefined;
    if (!party) throw new AppError("BAD_INPUT", v.partyId ? "您不能代表该当事人评价" : "请选择您代表哪一方当事人作出评价", "partyId");
    const verdict = check("rate", view.row.status, view.roles);
    if (!verdict.ok)
      throw verdict.status === 409
        ? new AppError("CONFLICT", `调解结束后才能评价调解服务（案件当前状态：${CASE_STATUS_LABELS[view.row.status]}）`)
        : new AppError("FORBIDDEN", verdict.message);
    const earlier = tx.select({ at: ratings.createdAt }).from(ratings).where(and(eq(ratings.caseId, view.row.id), eq(ratings.partyId, party.id))).get();
    if (earlier) throw new AppError("CONFLICT", `${sideWord(party)}${party.name}已于${formatDateTime(earlier.at)}评价过本案的调解服务，每方只能评价一次`);

    // No scores here: parties, mediator and staff all read the timeline.
    transition(tx, view.row, "rate", view.roles, actor, null, {}, { type: "rated", summary: `${sideWord(party)}已评价调解服务` });
    // The unique index (case, party) refuses a second row even if two requests raced past the check.
    tx.insert(ratings)
      .values({
        id: createId(),
        caseId: view.row.id,
        partyId: party.id,
        userId: user.id,
        mediatorId: view.row.mediatorId,
        orgId: view.row.orgId,
        mediatorScore: v.mediatorScore,
        processScore: v.processScore,
        outcomeScore: v.outcomeScore,
        comment: v.comment,
        createdAt: now,
      })
      .run();

    // The organisation's heads hear about it — not the rated mediator, even when they are a head.
    if (view.row.orgId) {
      const mediator = view.row.mediatorId ? tx.select({ name: users.name }).from(users).where(eq(users.id, view.row.mediatorId)).get() : undefined;
      for (const head of headsOf(view.row.orgId).filter((h) => h !== view.row.mediatorId))
        fx.notify({
          userId: head,
          caseId: view.row.id,
          title: "收到新的满意度评价",
          body: `${formatCaseNo(view.row.caseNo)}：当事人对${mediator ? `调解员${mediator.name}的` : ""}调解服务作出了评价，可在调解员档案中查看。`,
          link: view.row.mediatorId ? `/org/mediators/${view.row.mediatorId}` : "/org/mediators",
        });
    }
    return { partyId: party.id, side: party.side };
  });
}
