// 履行: the creditor (the payee party or their agent) confirms that an instalment was paid. Only
// the one who was to receive the money can say it arrived; the debtor is told.
import { and, eq, isNull } from "drizzle-orm";
import { instalments } from "../../../db/schema";
import { fenToCapital } from "../../../app/lib/amount";
import { formatCaseNo, formatDateTime, formatFen } from "../../../app/lib/case-format";
import type { SessionUser } from "../../auth/session";
import { transition } from "../../cases/timeline";
import { withCase } from "../../cases/with-case";
import { agreementOfCase } from "../../agreements/store";
import { AppError } from "../../lib/errors";
import { instalmentOf } from "./schedule";
import { actsFor, partyById, usersOf } from "../parties";

export async function confirmPayment(user: SessionUser, caseId: string, instalmentId: string, now = new Date()) {
  return withCase(user, caseId, (tx, view, fx, actor) => {
    const a = agreementOfCase(view.row.id, tx);
    const line = a && a.status === "effective" ? instalmentOf(a.id, instalmentId, tx) : undefined;
    if (!line) throw new AppError("NOT_FOUND", "未找到该期款项");
    const payee = partyById(view.parties, line.payeePartyId);
    const payer = partyById(view.parties, line.payerPartyId);
    if (!actsFor(payee, user.id)) throw new AppError("FORBIDDEN", "只有收款方（债权人）本人或其代理人可以确认收到款项");
    if (line.paidAt) throw new AppError("CONFLICT", `第${line.seq}期款项已于${formatDateTime(line.paidAt)}确认收到，不能重复确认`);
    // Conditional on "not yet paid": two clicks at once confirm once.
    const done = tx
      .update(instalments)
      .set({ paidAt: now, confirmedById: user.id })
      .where(and(eq(instalments.id, line.id), isNull(instalments.paidAt)))
      .run();
    if (done.changes === 0) throw new AppError("CONFLICT", `第${line.seq}期款项已确认收到，不能重复确认`);
    const what = `第${line.seq}期款项${formatFen(line.amountFen)}（${fenToCapital(line.amountFen)}）`;
    transition(tx, view.row, "confirm_payment", view.roles, actor, null, {}, {
      type: "payment_confirmed",
      summary: `${payee!.name}确认已收到${payer?.name ?? "付款方"}支付的${what}`,
      data: { instalmentId: line.id, seq: line.seq, amountFen: line.amountFen, dueDate: line.dueDate },
    });
    for (const u of usersOf(payer))
      fx.notify({ userId: u, caseId: view.row.id, title: "对方已确认收到款项", body: `${formatCaseNo(view.row.caseNo)}：${payee!.name}确认已收到${what}。`, link: `/cases/${view.row.id}` });
    return { seq: line.seq };
  });
}
