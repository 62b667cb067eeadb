// 执行证书 (公证程序规则 Art 55): once the debtor defaulted on a notarised agreement, the creditor
// asks the office for an 执行证书; the notary checks performance and issues it (sealed PDF,
// registered) or refuses with a reason. With it and the 公证书 the creditor applies to the court
// where the debtor lives or the assets are.
import { eq } from "drizzle-orm";
import { getDb } from "../../../db/client";
import { handoffs, type Handoff } from "../../../db/schema";
import { fenToCapital } from "../../../app/lib/amount";
import { formatCaseNo, formatFen } from "../../../app/lib/case-format";
import type { SessionUser } from "../../auth/session";
import { loadCaseFor, type CaseView } from "../../cases/access";
import { storeBlob } from "../../cases/evidence";
import { check } from "../../cases/state-machine";
import { transition } from "../../cases/timeline";
import { withCase } from "../../cases/with-case";
import { registerDocument } from "../../documents/registry";
import { AppError } from "../../lib/errors";
import { ENFORCEMENT_COURT_RULE } from "../performance/route";
import { scheduleOf } from "../performance/schedule";
import { actsFor, partyById, usersOf } from "../parties";
import { executionDocument } from "./documents";
import { notaryHandoff, notifyParties } from "./notary";
import { claimNext, peekNext } from "./numbers";
import { renderExecutionCertificate } from "./pdf/execution";
import { sealNotarialPdf } from "./pdf/issue";
import { chinaYear } from "../../lib/sequence";
import { notarialRefNo, officeAbbrev, verifyKey } from "./rules";
import { effectiveAgreement, issuedNotarisation, notariesOf, orgById, type Reader } from "./store";

const NO_DEFAULT = "债务人尚未违约，不能申请执行证书";

function overdueLines(agreementId: string, now: Date, db: Reader) {
  return scheduleOf(agreementId, now, db).filter((l) => l.state === "overdue");
}

export async function requestExecCertificate(user: SessionUser, caseId: string, now = new Date()) {
  return withCase(user, caseId, (tx, view, fx, actor) => {
    const v = check("request_exec_cert", view.row.status, view.roles);
    if (!v.ok) throw new AppError(v.status === 403 ? "FORBIDDEN" : "CONFLICT", v.message);
    const h = issuedNotarisation(view.row.id, tx);
    if (!h) throw new AppError("CONFLICT", "本协议尚未办理赋强公证");
    const { agreement, content } = effectiveAgreement(view.row.id, tx);
    const creditor = partyById(view.parties, content.payment!.payeePartyId);
    if (!actsFor(creditor, user.id)) throw new AppError("FORBIDDEN", "只有债权人（收款方）本人或其代理人可以申请出具执行证书");
    if (h.execIssuedAt) throw new AppError("CONFLICT", "执行证书已出具，可在案件页下载");
    if (h.execRequestedAt) throw new AppError("CONFLICT", "已申请出具执行证书，请等待公证员核实");
    const overdue = overdueLines(agreement.id, now, tx);
    if (overdue.length === 0) throw new AppError("CONFLICT", NO_DEFAULT);
    tx.update(handoffs).set({ execRequestedAt: now, execRequestedById: user.id, execNote: null, updatedAt: now }).where(eq(handoffs.id, h.id)).run();
    const what = overdue.map((l) => `第${l.seq}期${formatFen(l.amountFen)}`).join("、");
    transition(tx, view.row, "request_exec_cert", view.roles, actor, null, {}, {
      type: "exec_cert_requested",
      summary: `${actor.name}以债务人逾期未履行（${what}）为由，申请公证处出具执行证书`,
      data: { handoffId: h.id, overdue: overdue.map((l) => l.seq) },
    });
    const no = formatCaseNo(view.row.caseNo);
    for (const u of notariesOf(h.targetOrgId, tx))
      fx.notify({ userId: u, caseId: view.row.id, title: "执行证书申请", body: `${no}：债权人申请出具执行证书，请核实履行情况。`, link: `/notary/${h.id}` });
    for (const u of usersOf(partyById(view.parties, content.payment!.payerPartyId)))
      fx.notify({ userId: u, caseId: view.row.id, title: "对方申请出具执行证书", body: `${no}：您有逾期未付款项（${what}），债权人已申请公证处出具执行证书。公证员可能与您联系核实。`, link: `/cases/${view.row.id}` });
    return { handoffId: h.id };
  });
}

/** What must hold for the notary to answer a request. */
function answerable(view: CaseView, h: Handoff): void {
  if (h.outcome !== "issued" || view.row.status !== "notarised") throw new AppError("CONFLICT", "本案尚未出具公证书");
  if (h.execIssuedAt) throw new AppError("CONFLICT", "执行证书已出具，不能重复出具");
  if (!h.execRequestedAt) throw new AppError("CONFLICT", "债权人尚未申请出具执行证书");
}

export async function issueExecCertificate(user: SessionUser, handoffId: string, note: string, now = new Date()) {
  const finding = note.trim().slice(0, 1000) || null;
  const h = notaryHandoff(user, handoffId);
  const view = loadCaseFor(user, h.caseId);
  answerable(view, h);
  const { agreement, content } = effectiveAgreement(view.row.id);
  if (overdueLines(agreement.id, now, getDb()).length === 0) throw new AppError("CONFLICT", "债务人没有逾期未履行的款项，不能出具执行证书");
  const office = orgById(h.targetOrgId)!;
  const year = chinaYear(now);
  const refCounter = `notary_exec_${office.id}_${year}`;
  const docCounter = `doc_zx_${year}`;
  const refSeq = peekNext(refCounter);
  const docSeq = peekNext(docCounter);
  const refNo = notarialRefNo("execution", year, officeAbbrev(office.name), refSeq);
  const docNo = verifyKey("ZX", year, docSeq);
  const doc = executionDocument(h, agreement, content, { refNo, docNo, issuedAt: now, notaryName: user.name, note: finding });
  const out = await sealNotarialPdf(await renderExecutionCertificate(doc), { id: office.id, name: office.name }, `执行证书电子印章（${refNo}）`);
  await storeBlob(out.sha256, out.pdf);
  const dueFen = doc.overdue.reduce((s, r) => s + r.amountFen, 0);

  return withCase(user, h.caseId, (tx, view2, fx, actor) => {
    const h2 = notaryHandoff(user, handoffId, tx);
    answerable(view2, h2);
    // The PDF lists what was overdue when it was rendered: a payment confirmed meanwhile changes that.
    const overdueNow = overdueLines(agreement.id, now, tx);
    if (overdueNow.map((l) => l.seq).join() !== doc.overdue.map((r) => r.seq).join()) throw new AppError("CONFLICT", "履行情况刚刚有变化，请刷新后重新核实");
    claimNext(tx, refCounter, refSeq);
    claimNext(tx, docCounter, docSeq);
    tx.update(handoffs).set({ execIssuedAt: now, execNote: finding, updatedAt: now }).where(eq(handoffs.id, h2.id)).run();
    transition(tx, view2.row, "issue_exec_cert", view2.roles, actor, null, {}, {
      type: "exec_cert_issued",
      summary: `${office.name}出具执行证书（${refNo}），执行标的${formatFen(dueFen)}`,
      data: { handoffId: h2.id, refNo, docNo, sha256: out.sha256, amountFen: dueFen },
    });
    registerDocument(tx, { docNo, kind: "execution_certificate", caseId: view2.row.id, issuerOrgId: office.id, title: `执行证书（${refNo}）`, status: "有效", pdfSha256: out.sha256, pdfSize: out.size, issuedAt: now });
    notifyParties(
      view2,
      fx,
      "执行证书已出具",
      `${office.name}已出具执行证书（${refNo}），执行标的${formatFen(dueFen)}（${fenToCapital(dueFen)}）。债权人可持公证书和执行证书向${ENFORCEMENT_COURT_RULE}申请执行。`,
    );
    return { refNo, docNo };
  });
}

export async function refuseExecCertificate(user: SessionUser, handoffId: string, reason: string, now = new Date()) {
  const why = reason.trim();
  if (why.length < 4 || why.length > 500) throw new AppError("BAD_INPUT", "请填写不予出具的理由（4至500字）", "reason");
  const h = notaryHandoff(user, handoffId);
  return withCase(user, h.caseId, (tx, view, fx, actor) => {
    const h2 = notaryHandoff(user, handoffId, tx);
    answerable(view, h2);
    // The request is answered; the creditor may ask again if the debtor still does not pay.
    tx.update(handoffs).set({ execRequestedAt: null, execRequestedById: null, execNote: `不予出具：${why}`, updatedAt: now }).where(eq(handoffs.id, h2.id)).run();
    // Refusing is the notary's other answer to the same request: the same rule decides who may.
    transition(tx, view.row, "issue_exec_cert", view.roles, actor, null, {}, { type: "exec_cert_refused", summary: "公证员不予出具执行证书", reason: why, data: { handoffId: h2.id } });
    notifyParties(view, fx, "公证处不予出具执行证书", `公证员不予出具执行证书，理由：${why}`);
    return { refused: true };
  });
}
