// 履行 timers, run by the minute sweep (server/jobs/sweep.ts): the payer is reminded once, three
// days before an instalment falls due (SMS and notification), and an instalment found unpaid after
// its due date is marked overdue once (timeline; both parties and the mediator told). Each fires
// once: the row's remindedAt / overdueAt is set conditionally in the same transaction, and that
// state lives in the database, so a restart neither repeats nor loses a step.
import { and, asc, eq, gte, inArray, isNull, lt, lte } from "drizzle-orm";
import { getDb } from "../../../db/client";
import { agreements, caseParties, cases, instalments } from "../../../db/schema";
import { fenToCapital } from "../../../app/lib/amount";
import { formatCaseNo, formatFen } from "../../../app/lib/case-format";
import { SYSTEM } from "../../cases/actor";
import type { Effects } from "../../cases/effects";
import { RULES } from "../../cases/state-machine";
import { recordEvent, type Tx } from "../../cases/timeline";
import { eachInTransaction, type ErrorCount } from "../../jobs/each-in-transaction";
import { announceCaseChanged } from "../../realtime/broadcast";
import { chinaDate, reminderHorizon } from "../deadlines";
import { isoDateCn } from "../../agreements/pdf/format";
import { partyById, usersOf } from "../parties";

/** Cases whose agreement is being performed: where the creditor may confirm a payment. */
const PERFORMING = [...RULES.confirm_payment.from];
const BATCH = 500;

export type PerformanceSweep = { reminded: number; overdue: number };

export async function sweepPerformance(now: Date, report: ErrorCount): Promise<PerformanceSweep> {
  const db = getDb();
  const today = chinaDate(now);
  // Every condition is in SQL, and each step sets the column its query filters on: a row done once
  // never comes back to take a place in the batch. Earliest due date first.
  const live = and(eq(agreements.status, "effective"), inArray(cases.status, PERFORMING), isNull(instalments.paidAt));

  const upcoming = db
    .select({ id: instalments.id })
    .from(instalments)
    .innerJoin(agreements, eq(agreements.id, instalments.agreementId))
    .innerJoin(cases, eq(cases.id, instalments.caseId))
    .where(and(live, isNull(instalments.remindedAt), gte(instalments.dueDate, today), lte(instalments.dueDate, reminderHorizon(now))))
    .orderBy(asc(instalments.dueDate), asc(instalments.id))
    .limit(BATCH)
    .all();
  const reminded = await eachInTransaction(upcoming, report, "履行提醒处理失败", (tx, fx, { id }) => remind(tx, id, now, fx));

  const lapsed = db
    .select({ id: instalments.id })
    .from(instalments)
    .innerJoin(agreements, eq(agreements.id, instalments.agreementId))
    .innerJoin(cases, eq(cases.id, instalments.caseId))
    .where(and(live, isNull(instalments.overdueAt), lt(instalments.dueDate, today)))
    .orderBy(asc(instalments.dueDate), asc(instalments.id))
    .limit(BATCH)
    .all();
  const overdue = await eachInTransaction(lapsed, report, "逾期履行处理失败", (tx, fx, { id }) => markOverdue(tx, id, now, fx));
  return { reminded, overdue };
}

function load(db: Tx, id: string) {
  const line = db.select().from(instalments).where(eq(instalments.id, id)).get()!;
  const row = db.select().from(cases).where(eq(cases.id, line.caseId)).get()!;
  const parties = db.select().from(caseParties).where(eq(caseParties.caseId, line.caseId)).all();
  return { line, row, parties, payer: partyById(parties, line.payerPartyId), payee: partyById(parties, line.payeePartyId) };
}

function remind(tx: Tx, id: string, now: Date, fx: Effects): boolean {
  const done = tx
    .update(instalments)
    .set({ remindedAt: now })
    .where(and(eq(instalments.id, id), isNull(instalments.remindedAt), isNull(instalments.paidAt)))
    .run();
  if (done.changes === 0) return false;
  const { line, row, payer, payee } = load(tx, id);
  const what = `第${line.seq}期款项${formatFen(line.amountFen)}（${fenToCapital(line.amountFen)}）`;
  const no = formatCaseNo(row.caseNo);
  if (payer) fx.text(payer.phone, `【云解纷】提醒：按调解协议（${no}），您应于${isoDateCn(line.dueDate)}前向${payee?.name ?? "收款方"}支付${what}。请按时履行。`);
  for (const u of usersOf(payer))
    fx.notify({ userId: u, caseId: row.id, title: "付款期限临近", body: `${no}：${what}应于${isoDateCn(line.dueDate)}前支付给${payee?.name ?? "收款方"}。`, link: `/cases/${row.id}` });
  return true;
}

function markOverdue(tx: Tx, id: string, now: Date, fx: Effects): boolean {
  const done = tx
    .update(instalments)
    .set({ overdueAt: now })
    .where(and(eq(instalments.id, id), isNull(instalments.overdueAt), isNull(instalments.paidAt)))
    .run();
  if (done.changes === 0) return false;
  const { line, row, parties, payer, payee } = load(tx, id);
  const what = `第${line.seq}期款项${formatFen(line.amountFen)}`;
  const no = formatCaseNo(row.caseNo);
  recordEvent(tx, row.id, SYSTEM, {
    type: "instalment_overdue",
    summary: `${payer?.name ?? "付款方"}应于${isoDateCn(line.dueDate)}前支付的${what}逾期未履行`,
    data: { instalmentId: line.id, seq: line.seq, amountFen: line.amountFen, dueDate: line.dueDate },
  });
  for (const u of usersOf(payer))
    fx.notify({ userId: u, caseId: row.id, title: "款项已逾期", body: `${no}：您应于${isoDateCn(line.dueDate)}前支付的${what}已逾期，请尽快履行，否则对方可以申请强制执行。`, link: `/cases/${row.id}` });
  for (const u of usersOf(payee))
    fx.notify({ userId: u, caseId: row.id, title: "对方逾期未付款", body: `${no}：${payer?.name ?? "付款方"}未按期支付${what}。可在案件页查看您可以采取的措施。`, link: `/cases/${row.id}` });
  if (row.mediatorId) fx.notify({ userId: row.mediatorId, caseId: row.id, title: "调解协议未按期履行", body: `${no}：${what}逾期未履行。`, link: `/cases/${row.id}` });
  const people = [...new Set([...parties.flatMap(usersOf), row.mediatorId].filter((x): x is string => !!x))];
  fx.then(() => announceCaseChanged(row.id, people));
  return true;
}
