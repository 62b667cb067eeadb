// After a rejection (民事诉讼法 Art 206): the parties may change the agreement or make a new one by
// mediating again. The mediator reopens the mediation; the rejected agreement is set aside
// ("superseded", kept on file) so that a new one can be drafted and signed, with a fresh time limit.
import { and, eq } from "drizzle-orm";
import { agreements } from "../../../db/schema";
import { formatDocNo } from "../../../app/lib/agreement-enums";
import { formatCaseNo } from "../../../app/lib/case-format";
import { agreementOfCase } from "../../agreements/store";
import type { SessionUser } from "../../auth/session";
import { transition } from "../../cases/timeline";
import { withCase } from "../../cases/with-case";
import { mediationDuePatch } from "../../mediation/sessions";
import { CPL_206 } from "./law";
import { partyUserIds } from "../parties";

export async function remediateAfterRejection(user: SessionUser, caseId: string, input: { reason: string }, now = new Date()) {
  return withCase(user, caseId, (tx, view, fx, actor) => {
    const a = agreementOfCase(view.row.id, tx);
    const updated = transition(
      tx,
      view.row,
      "remediate",
      view.roles,
      actor,
      "mediating",
      // A new mediation period starts now; the court no longer holds the case.
      { handoffOrgId: null, endedAt: null, dueWarnedAt: null, ...mediationDuePatch({ category: view.row.category, source: view.row.source, acceptedAt: now }, now) },
      {
        type: "confirmation_remediate",
        summary: `司法确认申请被驳回后重新调解（${CPL_206}）${a ? `；原调解协议${formatDocNo(a.docNo)}已作废存档，可起草新的调解协议` : ""}`,
        reason: input.reason,
        data: { agreementId: a?.id ?? null },
      },
    );
    if (a) tx.update(agreements).set({ status: "superseded", updatedAt: now }).where(and(eq(agreements.id, a.id), eq(agreements.status, "effective"))).run();
    const no = formatCaseNo(view.row.caseNo);
    for (const u of partyUserIds(view.parties)) fx.notify({ userId: u, caseId, title: "重新调解", body: `${no}：司法确认申请被驳回后，调解员已组织重新调解，将另行安排调解。`, link: `/cases/${caseId}` });
    return { status: updated.status };
  });
}
