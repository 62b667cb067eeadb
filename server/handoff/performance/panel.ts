// 履行 on the case page: the schedule with each instalment's state, who may confirm a payment,
// and, once the debtor defaulted, the way to enforcement that fits what the agreement became.
import { and, desc, eq } from "drizzle-orm";
import { getDb } from "../../../db/client";
import { documents, handoffs } from "../../../db/schema";
import { fenToCapital } from "../../../app/lib/amount";
import { formatFen } from "../../../app/lib/case-format";
import type { CaseView } from "../../cases/access";
import { agreementOfCase, versionOf } from "../../agreements/store";
import { confirmationWindow } from "../deadlines";
import { notarisationRefusal } from "../notarisation/rules";
import { issuedNotarisation } from "../notarisation/store";
import { enforcementRoute, type RouteFacts } from "./route";
import { scheduleOf } from "./schedule";
import { orgById } from "../directory";
import { actsFor, partyById } from "../parties";

function orgName(id: string): string {
  return orgById(id)?.name ?? "";
}

/** The court's ruling that confirmed the agreement (司法确认), from the registry or the application. */
function rulingOf(caseId: string): RouteFacts["ruling"] {
  const db = getDb();
  const doc = db.select().from(documents).where(and(eq(documents.caseId, caseId), eq(documents.kind, "ruling"))).orderBy(desc(documents.issuedAt)).get();
  const app = db
    .select()
    .from(handoffs)
    .where(and(eq(handoffs.caseId, caseId), eq(handoffs.kind, "confirmation"), eq(handoffs.outcome, "valid")))
    .orderBy(desc(handoffs.decidedAt))
    .get();
  if (!doc && !app) return null;
  return { courtName: orgName(doc?.issuerOrgId ?? app!.targetOrgId), refNo: app?.refNo ?? null, docNo: doc?.docNo ?? null };
}

export function performancePanel(view: CaseView, now = new Date()) {
  const a = agreementOfCase(view.row.id);
  if (!a || a.status !== "effective") return null;
  const content = versionOf(a.id, a.currentVersion)!.content;
  const p = content.payment;
  if (!p) return null;
  const lines = scheduleOf(a.id, now);
  const payer = partyById(view.parties, p.payerPartyId);
  const payee = partyById(view.parties, p.payeePartyId);
  const isCreditor = actsFor(payee, view.user.id);
  const defaulted = lines.some((l) => l.state === "overdue");
  const isDebtor = actsFor(payer, view.user.id);
  const notarial = issuedNotarisation(view.row.id);
  // The ways to enforcement are for the creditor (and those helping them); the debtor is asked to pay.
  const route = defaulted && !isDebtor
    ? enforcementRoute({
        status: view.row.status,
        ruling: rulingOf(view.row.id),
        notarial: notarial
          ? { officeName: orgName(notarial.targetOrgId), refNo: notarial.refNo ?? "", execRequested: !!notarial.execRequestedAt, execIssued: !!notarial.execIssuedAt }
          : null,
        confirmWindow: confirmationWindow(a.effectiveAt ?? now, now),
        notarisable: notarisationRefusal(content) === null,
      })
    : null;
  return {
    payer: payer?.name ?? "",
    payee: payee?.name ?? "",
    totalText: formatFen(p.totalFen),
    totalCapital: fenToCapital(p.totalFen),
    method: p.method,
    isCreditor,
    isDebtor,
    lines: lines.map((l) => ({
      id: l.id,
      seq: l.seq,
      dueDate: l.dueDate,
      amountText: formatFen(l.amountFen),
      capital: fenToCapital(l.amountFen),
      state: l.state,
      paidAt: l.paidAt,
      confirmedBy: l.confirmedByName,
      // Only the creditor says money arrived; the button is a hint, confirmPayment decides.
      canConfirm: isCreditor && !l.paidAt,
    })),
    defaulted,
    route,
  };
}
export type PerformancePanel = NonNullable<ReturnType<typeof performancePanel>>;
