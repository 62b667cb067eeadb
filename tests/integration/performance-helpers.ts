// Helpers for the 履行 and 赋强公证 tests: a case whose agreement took effect with a payment in
// instalments (and, by default, the debtor's acceptance of enforcement), dates relative to today.
import type { AgreementContent } from "~/lib/agreement-schema";
import type { SessionUser } from "../../server/auth/session";
import { saveDraft } from "../../server/agreements/drafts";
import { chinaDate } from "../../server/handoff/deadlines";
import { draftOf, reachAgreement, signAs } from "./agreement-helpers";
import { inMediation, smsTo } from "./triage-helpers";

export const DAY = 86_400_000;

/** YYYY-MM-DD in China, `days` from now. */
export function dayFromNow(days: number, from = new Date()): string {
  return chinaDate(new Date(from.getTime() + days * DAY));
}

export type PaymentOptions = {
  instalments?: { dueDate: string; amountFen: number }[];
  payment?: boolean;
  enforcementClause?: boolean;
};

/** The respondent owes the applicant, in the given instalments (default: due in 2 and 40 days). */
export function withPayment(base: AgreementContent, o: PaymentOptions = {}): AgreementContent {
  const creditor = base.parties.find((p) => p.side === "applicant")!;
  const debtor = base.parties.find((p) => p.side === "respondent")!;
  const instalments = o.instalments ?? [
    { dueDate: dayFromNow(2), amountFen: 100_000 },
    { dueDate: dayFromNow(40), amountFen: 200_000 },
  ];
  const payment =
    o.payment === false
      ? null
      : { payerPartyId: debtor.partyId, payeePartyId: creditor.partyId, totalFen: instalments.reduce((s, i) => s + i.amountFen, 0), instalments, method: "银行转账至收款方名下账户" };
  return { ...base, payment, enforcementClause: o.enforcementClause ?? payment !== null };
}

/** Filed, mediated, drafted with the payment, signed by all three: the agreement is effective. */
export async function effectiveCase(applicant: SessionUser & { phone: string }, mediator: SessionUser & { phone: string }, o: PaymentOptions = {}) {
  const w = await inMediation(applicant, mediator);
  await reachAgreement(mediator, w.caseId);
  await saveDraft(mediator, w.caseId, { content: withPayment(draftOf(mediator, w.caseId), o), baseVersion: 0 });
  const respondent = { ...w.respondent, phone: w.r.phone };
  for (const u of [applicant, respondent, mediator]) await signAs(u, w.caseId, 1);
  return { ...w, respondent };
}

/** The code in the latest 赋强公证 signing SMS to `phone`. */
export function notarisationCode(phone: string): string {
  const body = smsTo(phone)
    .map((r) => r.body)
    .filter((b) => b.includes("赋强公证"))
    .at(-1);
  const code = body && /验证码 (\d{6})/.exec(body)?.[1];
  if (!code) throw new Error(`no notarisation code sent to ${phone}`);
  return code;
}
