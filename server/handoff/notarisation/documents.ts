// Gathering what the notarial PDFs print from the case: the agreement as signed, the parties, the
// schedule and what was paid. Reads only; numbers and the issue time come from the caller.
import { eq } from "drizzle-orm";
import { getDb } from "../../../db/client";
import { cases, type Agreement, type Handoff } from "../../../db/schema";
import { formatDocNo } from "../../../app/lib/agreement-enums";
import { enforcementSentence, type AgreementContent, type AgreementParty } from "../../../app/lib/agreement-schema";
import type { MediationKind } from "../../../app/lib/case-enums";
import { verifyPath } from "../../agreements/issue";
import { publicUrl } from "../../lib/urls";
import { orgById } from "../directory";
import { scheduleOf } from "../performance/schedule";
import type { ExecutionCertificateDocument, NotarialCertificateDocument, PartyLine } from "./pdf/document";

const AGREEMENT_TITLES: Record<MediationKind, string> = { people: "人民调解协议书", administrative: "行政调解协议书", judicial: "调解协议书", lawyer: "调解协议书" };

function identityOf(p: AgreementParty): string {
  return p.kind === "person"
    ? `${p.sex}，${p.age}岁，${p.ethnicity}，公民身份号码${p.idNumber}，住址${p.address}`
    : `统一社会信用代码${p.idNumber}，住所地${p.address}，法定代表人${p.legalRep}`;
}

function nameOf(c: AgreementContent, partyId: string): AgreementParty {
  return c.parties.find((p) => p.partyId === partyId)!;
}

type Numbers = { refNo: string; docNo: string; issuedAt: Date; notaryName: string };

export function certificateDocument(h: Handoff, a: Agreement, c: AgreementContent, n: Numbers): NotarialCertificateDocument {
  const db = getDb();
  const row = db.select().from(cases).where(eq(cases.id, a.caseId)).get()!;
  const office = orgById(h.targetOrgId, db)!;
  const org = orgById(a.orgId, db)!;
  const p = c.payment!;
  const creditor = nameOf(c, p.payeePartyId);
  const debtor = nameOf(c, p.payerPartyId);
  const role = (x: AgreementParty) => (x.partyId === creditor.partyId ? "申请人（债权人）" : x.partyId === debtor.partyId ? "申请人（债务人）" : "申请人");
  const ordered = [creditor, debtor, ...c.parties.filter((x) => x !== creditor && x !== debtor)];
  return {
    ...n,
    officeName: office.name,
    verifyUrl: publicUrl(verifyPath(n.docNo)),
    parties: ordered.map((x): PartyLine => ({ role: role(x), name: x.name, details: identityOf(x) })),
    creditor: creditor.name,
    debtor: debtor.name,
    agreement: { title: AGREEMENT_TITLES[row.kind ?? "people"], docNo: formatDocNo(a.docNo), orgName: org.name, effectiveAt: a.effectiveAt ?? n.issuedAt, pdfSha256: a.pdfSha256 },
    appliedAt: h.submittedAt ?? n.issuedAt,
    totalFen: p.totalFen,
    method: p.method,
    schedule: p.instalments.map((x, i) => ({ seq: i + 1, dueDate: x.dueDate, amountFen: x.amountFen })),
    enforcementSentence: enforcementSentence(debtor.name),
  };
}

export function executionDocument(h: Handoff, a: Agreement, c: AgreementContent, n: Numbers & { note: string | null }): ExecutionCertificateDocument {
  const db = getDb();
  const row = db.select().from(cases).where(eq(cases.id, a.caseId)).get()!;
  const office = orgById(h.targetOrgId, db)!;
  const p = c.payment!;
  const creditor = nameOf(c, p.payeePartyId);
  const debtor = nameOf(c, p.payerPartyId);
  const lines = scheduleOf(a.id, n.issuedAt);
  const row_ = (l: (typeof lines)[number]) => ({ seq: l.seq, dueDate: l.dueDate, amountFen: l.amountFen });
  return {
    refNo: n.refNo,
    docNo: n.docNo,
    issuedAt: n.issuedAt,
    notaryName: n.notaryName,
    note: n.note,
    officeName: office.name,
    verifyUrl: publicUrl(verifyPath(n.docNo)),
    creditor: { role: "申请执行人（债权人）", name: creditor.name, details: identityOf(creditor) },
    debtor: { role: "被执行人（债务人）", name: debtor.name, details: identityOf(debtor) },
    certificate: { refNo: h.refNo!, issuedAt: h.decidedAt! },
    agreement: { title: AGREEMENT_TITLES[row.kind ?? "people"], docNo: formatDocNo(a.docNo) },
    requestedAt: h.execRequestedAt ?? n.issuedAt,
    paid: lines.filter((l) => l.state === "paid").map(row_),
    overdue: lines.filter((l) => l.state === "overdue").map((l) => ({ ...row_(l), note: "逾期未付" })),
    notYetDue: lines.filter((l) => l.state === "due").map(row_),
  };
}
