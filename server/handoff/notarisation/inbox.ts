// The notary's pages: the office's inbox of 赋强公证 applications and 执行证书 requests, and one
// application's package (agreement, parties with identities and contacts, schedule, clause).
import { and, desc, eq, inArray } from "drizzle-orm";
import { getDb } from "../../../db/client";
import { caseParties, cases, handoffs, organisations } from "../../../db/schema";
import { formatDocNo } from "../../../app/lib/agreement-enums";
import { enforcementSentence } from "../../../app/lib/agreement-schema";
import { fenToCapital } from "../../../app/lib/amount";
import { formatCaseNo, formatFen } from "../../../app/lib/case-format";
import type { SessionUser } from "../../auth/session";
import { loadCaseFor } from "../../cases/access";
import { AppError } from "../../lib/errors";
import { agreementOfCase, versionOf } from "../../agreements/store";
import { scheduleOf } from "../performance/schedule";
import { notaryHandoff } from "./notary";
import { notarisationDocuments } from "./panel";
import { notarisationRefusal } from "./rules";
import { applicantsOf, officesOfNotary, orgById, userName } from "./store";

export function notaryInbox(user: SessionUser) {
  const offices = officesOfNotary(user.id);
  if (user.role !== "notary" || offices.length === 0) throw new AppError("FORBIDDEN", "只有公证处的公证员可以查看公证申请");
  const db = getDb();
  const rows = db
    .select({ h: handoffs, caseNo: cases.caseNo, caseStatus: cases.status, office: organisations.name })
    .from(handoffs)
    .innerJoin(cases, eq(cases.id, handoffs.caseId))
    .innerJoin(organisations, eq(organisations.id, handoffs.targetOrgId))
    .where(and(eq(handoffs.kind, "notarisation"), inArray(handoffs.targetOrgId, offices), inArray(handoffs.status, ["submitted", "accepted", "decided"])))
    .orderBy(desc(handoffs.submittedAt))
    .limit(200)
    .all();
  return rows.map(({ h, caseNo, caseStatus, office }) => {
    const names = db.select({ name: caseParties.name, side: caseParties.side }).from(caseParties).where(eq(caseParties.caseId, h.caseId)).all();
    const todo = h.status === "submitted" || h.status === "accepted" ? "待审查出具公证书" : h.outcome === "issued" && h.execRequestedAt && !h.execIssuedAt ? "待核实出具执行证书" : null;
    return {
      id: h.id,
      caseNo: formatCaseNo(caseNo),
      caseStatus,
      office,
      parties: names.map((n) => n.name).join("、"),
      submittedAt: h.submittedAt,
      outcome: h.outcome,
      refNo: h.refNo,
      execRequestedAt: h.execRequestedAt,
      execIssuedAt: h.execIssuedAt,
      todo,
    };
  });
}

/** Everything the notary checks before issuing, for one application. */
export function notaryPackage(user: SessionUser, handoffId: string, now = new Date()) {
  const h = notaryHandoff(user, handoffId);
  const base = { id: h.id, caseId: h.caseId, status: h.status, outcome: h.outcome, outcomeNote: h.outcomeNote, refNo: h.refNo, submittedAt: h.submittedAt, decidedAt: h.decidedAt };
  const db = getDb();
  const office = orgById(h.targetOrgId, db)!.name;
  // Once refused, the office no longer holds the case: the decision stays visible, the file does not.
  let view;
  try {
    view = loadCaseFor(user, h.caseId);
  } catch {
    return { ...base, office, file: null };
  }
  const a = agreementOfCase(h.caseId)!;
  const content = versionOf(a.id, a.currentVersion)!.content;
  const signed = new Map(applicantsOf(h.id).map((x) => [x.partyId, x]));
  const p = content.payment;
  const payer = p ? content.parties.find((x) => x.partyId === p.payerPartyId) : undefined;
  const lines = scheduleOf(a.id, now);
  return {
    ...base,
    office,
    file: {
      caseNo: formatCaseNo(view.row.caseNo),
      caseStatus: view.row.status,
      category: view.row.category,
      agreement: { docNo: a.docNo, docNoText: formatDocNo(a.docNo), effectiveAt: a.effectiveAt, pdfSha256: a.pdfSha256 },
      refusal: notarisationRefusal(content),
      parties: view.parties.map((cp) => {
        const inAgreement = content.parties.find((x) => x.partyId === cp.id);
        return {
          id: cp.id,
          side: cp.side,
          kind: cp.kind,
          name: cp.name,
          idNumber: cp.idNumber,
          legalRep: cp.legalRep,
          phone: cp.phone,
          address: cp.address,
          hasAgent: !!cp.agentUserId,
          agentName: userName(cp.agentUserId),
          role: p && cp.id === p.payeePartyId ? "债权人（收款方）" : p && cp.id === p.payerPartyId ? "债务人（付款方）" : "当事人",
          details: inAgreement?.kind === "person" ? `${inAgreement.sex}，${inAgreement.age}岁，${inAgreement.ethnicity}，${inAgreement.occupation}` : null,
          signedAt: signed.get(cp.id)?.signedAt ?? null,
        };
      }),
      payment: p
        ? {
            totalText: formatFen(p.totalFen),
            totalCapital: fenToCapital(p.totalFen),
            method: p.method,
            lines: lines.map((l) => ({ seq: l.seq, dueDate: l.dueDate, amountText: formatFen(l.amountFen), capital: fenToCapital(l.amountFen), state: l.state, paidAt: l.paidAt, confirmedBy: l.confirmedByName })),
          }
        : null,
      clause: content.enforcementClause && payer ? enforcementSentence(payer.name) : null,
      terms: content.terms,
      exec: { requestedAt: h.execRequestedAt, requestedBy: userName(h.execRequestedById), issuedAt: h.execIssuedAt, note: h.execNote },
      hasDefault: lines.some((l) => l.state === "overdue"),
      documents: notarisationDocuments(h.caseId),
    },
  };
}
export type NotaryPackage = ReturnType<typeof notaryPackage>;
