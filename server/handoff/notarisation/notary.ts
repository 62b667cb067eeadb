// 赋强公证, the notary's side: a 公证员 of the office the parties applied to checks the package and
// issues the 公证书 (sealed PDF, registered for verification) or refuses with a reason, which
// hands the case back to the parties (effective again, no longer held by the office).
import { eq } from "drizzle-orm";
import { getDb } from "../../../db/client";
import { handoffs, type Handoff } from "../../../db/schema";
import { formatCaseNo } from "../../../app/lib/case-format";
import type { SessionUser } from "../../auth/session";
import { issueAgreementPdfOnce } from "../../agreements/issue";
import { loadCaseFor, type CaseView } from "../../cases/access";
import type { Effects } from "../../cases/effects";
import { storeBlob } from "../../cases/evidence";
import { transition } from "../../cases/timeline";
import { withCase } from "../../cases/with-case";
import { registerDocument, setDocumentStatus } from "../../documents/registry";
import { AppError } from "../../lib/errors";
import { usersOf } from "../parties";
import { certificateDocument } from "./documents";
import { claimNext, peekNext } from "./numbers";
import { renderNotarialCertificate } from "./pdf/certificate";
import { sealNotarialPdf } from "./pdf/issue";
import { chinaYear } from "../../lib/sequence";
import { notarialRefNo, notarisationRefusal, officeAbbrev, verifyKey } from "./rules";
import { effectiveAgreement, handoffById, officesOfNotary, orgById, type Reader } from "./store";

const NOTARISED_STATUS = "已办理赋强公证";

/** The application, if it was made to an office this notary works in; the same 404 otherwise. */
export function notaryHandoff(user: SessionUser, handoffId: string, db?: Reader): Handoff {
  const h = handoffById(handoffId, db);
  // Until every party signed, the application has not reached the office: it does not exist there.
  const reached = h && (h.status === "submitted" || h.status === "accepted" || h.status === "decided");
  if (user.role !== "notary" || !h || !reached || h.kind !== "notarisation" || !officesOfNotary(user.id, db).includes(h.targetOrgId))
    throw new AppError("NOT_FOUND", "未找到该公证申请，或该申请不是向您所在的公证处提出的");
  return h;
}

/** What must hold for the notary to decide: the application is with the office, undecided. */
function decidable(view: CaseView, h: Handoff, db: Reader) {
  if (h.status === "decided") throw new AppError("CONFLICT", h.outcome === "issued" ? "公证书已出具，不能重复出具" : "该申请已处理完毕");
  if (h.status !== "submitted" && h.status !== "accepted") throw new AppError("CONFLICT", "当事人尚未共同签署完成申请，不能办理");
  const { agreement, content } = effectiveAgreement(view.row.id, db);
  // Checked again here, not only when applying: what matters is what the notary certifies.
  const refusal = notarisationRefusal(content);
  if (refusal) throw new AppError("CONFLICT", refusal);
  return { agreement, content };
}

export function notifyParties(view: CaseView, fx: Effects, title: string, body: string) {
  for (const u of new Set(view.parties.flatMap(usersOf))) fx.notify({ userId: u, caseId: view.row.id, title, body: `${formatCaseNo(view.row.caseNo)}：${body}`, link: `/cases/${view.row.id}` });
}

export async function issueNotarialCertificate(user: SessionUser, handoffId: string, now = new Date()) {
  const h = notaryHandoff(user, handoffId);
  const view = loadCaseFor(user, h.caseId);
  const { agreement } = decidable(view, h, getDb());
  // The agreement's own PDF is what the certificate refers to (by its hash): make sure it exists.
  const a = agreement.pdfSha256 ? agreement : await issueAgreementPdfOnce(agreement.id);
  const office = orgById(h.targetOrgId)!;
  const year = chinaYear(now);
  const refCounter = `notary_cert_${office.id}_${year}`;
  const docCounter = `doc_gz_${year}`;
  const refSeq = peekNext(refCounter);
  const docSeq = peekNext(docCounter);
  const refNo = notarialRefNo("certificate", year, officeAbbrev(office.name), refSeq);
  const docNo = verifyKey("GZ", year, docSeq);
  const { content } = effectiveAgreement(view.row.id);
  const rendered = await renderNotarialCertificate(certificateDocument(h, a, content, { refNo, docNo, issuedAt: now, notaryName: user.name }));
  const out = await sealNotarialPdf(rendered, { id: office.id, name: office.name }, `公证书电子印章（${refNo}）`);
  await storeBlob(out.sha256, out.pdf);

  return withCase(user, h.caseId, (tx, view2, fx, actor) => {
    const h2 = notaryHandoff(user, handoffId, tx);
    decidable(view2, h2, tx);
    claimNext(tx, refCounter, refSeq);
    claimNext(tx, docCounter, docSeq);
    tx.update(handoffs).set({ status: "decided", outcome: "issued", decidedAt: now, handlerId: user.id, refNo, updatedAt: now }).where(eq(handoffs.id, h2.id)).run();
    transition(tx, view2.row, "notary_issue", view2.roles, actor, "notarised", {}, {
      type: "notarised",
      summary: `${office.name}出具具有强制执行效力的债权文书公证书（${refNo}）`,
      data: { handoffId: h2.id, refNo, docNo, sha256: out.sha256 },
    });
    registerDocument(tx, {
      docNo,
      kind: "notarial_certificate",
      caseId: view2.row.id,
      issuerOrgId: office.id,
      title: `具有强制执行效力的债权文书公证书（${refNo}）`,
      status: "有效",
      pdfSha256: out.sha256,
      pdfSize: out.size,
      issuedAt: now,
    });
    setDocumentStatus(tx, a.docNo, NOTARISED_STATUS);
    notifyParties(view2, fx, "公证书已出具", `${office.name}已出具具有强制执行效力的债权文书公证书（${refNo}），可在案件页下载。债务人不按期付款的，债权人可申请出具执行证书。`);
    return { refNo, docNo };
  });
}

export async function refuseNotarisation(user: SessionUser, handoffId: string, reason: string, now = new Date()) {
  const why = reason.trim();
  if (why.length < 4 || why.length > 500) throw new AppError("BAD_INPUT", "请填写不予办理的理由（4至500字）", "reason");
  const h = notaryHandoff(user, handoffId);
  return withCase(user, h.caseId, (tx, view, fx, actor) => {
    const h2 = notaryHandoff(user, handoffId, tx);
    if (h2.status === "decided") throw new AppError("CONFLICT", h2.outcome === "issued" ? "公证书已出具，不能再不予办理" : "该申请已处理完毕");
    if (h2.status !== "submitted" && h2.status !== "accepted") throw new AppError("CONFLICT", "当事人尚未共同签署完成申请，不能办理");
    const office = orgById(h2.targetOrgId, tx)!;
    tx.update(handoffs).set({ status: "decided", outcome: "refused", outcomeNote: why, decidedAt: now, handlerId: user.id, updatedAt: now }).where(eq(handoffs.id, h2.id)).run();
    // Back to the parties: the office no longer holds the case; 司法确认 or another office remain open.
    transition(tx, view.row, "notary_refuse", view.roles, actor, "effective", { handoffOrgId: null }, {
      type: "notarisation_refused",
      summary: `${office.name}不予办理赋强公证`,
      reason: why,
      data: { handoffId: h2.id },
    });
    notifyParties(view, fx, "公证处不予办理赋强公证", `${office.name}不予办理赋强公证，理由：${why}。您仍可选择其他方式保障协议履行。`);
    return { refused: true };
  });
}
