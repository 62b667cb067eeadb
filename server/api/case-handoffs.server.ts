// A case's handoffs (裁) as one JSON view for courts' and law firms' systems: every application or
// transfer with its body, basis, numbers, dates, the deadline running now, the outcome and the
// documents issued, plus the 30-day window while an effective agreement awaits an application.
// Reads only; who may see it is the case page's rule (loadCaseFor: 404 for anyone without standing).
// Every figure comes from the pieces the pages use: the deadline module, the ruling and notarial
// document readers, the joint-application signatures.
import { asc, eq } from "drizzle-orm";
import { getDb } from "../../db/client";
import { handoffs, type Case, type CaseParty, type Handoff } from "../../db/schema";
import { formatDocNo } from "../../app/lib/agreement-enums";
import { CASE_STATUS_LABELS } from "../../app/lib/case-enums";
import { formatCaseNo } from "../../app/lib/case-format";
import { DOCUMENT_KIND_LABELS, HANDOFF_KIND_LABELS, REJECT_GROUNDS, type DocumentKind, type HandoffKind, type HandoffStatus } from "../../app/lib/handoff-enums";
import type { z } from "zod";
import type { caseHandoffsSchema } from "../../app/lib/openapi-handoffs";
import { verifyPath } from "../agreements/issue";
import { agreementOfCase } from "../agreements/store";
import type { SessionUser } from "../auth/session";
import { loadCaseFor } from "../cases/access";
import { HANDOFF_STATUS_TEXT } from "../handoff/confirmation/pages";
import { rulingOf } from "../handoff/confirmation/ruling";
import { confirmationWindow, courtAcceptDue, deadlineTone, rulingDue } from "../handoff/deadlines";
import { orgById } from "../handoff/directory";
import { applicantsOf } from "../handoff/joint-application";
import { notarisationDocuments } from "../handoff/notarisation/panel";
import { publicUrl } from "../lib/urls";

type CaseHandoffs = z.input<typeof caseHandoffsSchema>;
type Item = CaseHandoffs["items"][number];
type Reader = Pick<ReturnType<typeof getDb>, "select">;

// The 司法确认 words are the pages' own; the other kinds say the same steps in their bodies' terms.
const STATUS_TEXT: Record<HandoffKind, Record<HandoffStatus, string>> = {
  confirmation: HANDOFF_STATUS_TEXT,
  notarisation: {
    applying: "待各方当事人签署",
    submitted: "已提交公证处，待办理",
    accepted: "公证处办理中",
    decided: "公证处已作出决定",
    declined: "公证处不予受理",
    closed: "已关闭",
  },
  arbitration: { applying: "待提交", submitted: "已移送，待仲裁委员会确认收到", accepted: "仲裁委员会已确认收到", decided: "已办结", declined: "仲裁委员会不予接收", closed: "已关闭" },
  litigation: { applying: "待提交", submitted: "已移送，待人民法院确认收到", accepted: "人民法院已确认收到", decided: "已办结", declined: "人民法院不予接收", closed: "已关闭" },
};

// Every outcome the handoff services write (confirmation/court.ts, ruling.ts, sweep.ts,
// notarisation/notary.ts, joint-application.ts, transfer/acknowledge.ts).
const OUTCOME_TEXT: Record<string, string> = {
  valid: "裁定调解协议有效",
  rejected: "裁定驳回申请",
  declined: "不予受理",
  issued: "已出具具有强制执行效力的债权文书公证书",
  refused: "不予办理赋强公证",
  acknowledged: "接收机构已确认收到移送的案件",
  expired: "三十日申请期限届满，未能提交",
  withdrawn: "当事人撤回",
  superseded: "当事人已改为共同申请另一途径，本申请关闭",
};

function groundText(h: Handoff): string | null {
  return h.outcomeGround && h.outcomeGround in REJECT_GROUNDS ? REJECT_GROUNDS[h.outcomeGround as keyof typeof REJECT_GROUNDS] : null;
}

function outcomeText(h: Handoff): string | null {
  if (!h.outcome) return null;
  const base = OUTCOME_TEXT[h.outcome] ?? h.outcome;
  const ground = h.outcome === "rejected" ? groundText(h) : null;
  return ground ? `${base}：${ground}` : base;
}

/**
 * The court's time limit running now (法释〔2011〕5号 Arts 4-5): to accept a submitted application,
 * to rule on an accepted one. The due date is the one set, by the deadline module, when the
 * court's step happened — what its inbox, its warnings and the timeline give — and the module is
 * asked directly only if none was stored.
 */
function deadlineOf(h: Handoff, now: Date): Item["deadline"] {
  if (h.kind !== "confirmation") return null;
  const due =
    h.status === "submitted" && h.submittedAt
      ? { kind: "accept" as const, label: "受理期限", due: h.acceptDue ?? courtAcceptDue(h.submittedAt) }
      : h.status === "accepted" && h.acceptedAt
        ? { kind: "ruling" as const, label: "裁定期限", due: h.decisionDue ?? rulingDue(h.acceptedAt, !!h.extendedAt) }
        : null;
  return due ? { ...due, tone: deadlineTone(due.due, now) } : null;
}

type Doc = { docNo: string; kind: DocumentKind; title: string; status: string; issuedAt: Date };

function documentOf(d: Doc): Item["documents"][number] {
  return { docNo: d.docNo, kind: d.kind, kindText: DOCUMENT_KIND_LABELS[d.kind], title: d.title, status: d.status, issuedAt: d.issuedAt, verifyUrl: publicUrl(verifyPath(d.docNo)) };
}

/** The documents issued on this handoff: the ruling (by its 调确字 number), or the 公证书 and 执行证书. */
function documentsOf(h: Handoff, notarial: () => Doc[], db: Reader): Doc[] {
  if (h.kind === "confirmation") {
    const ruling = rulingOf(h, db);
    return ruling ? [ruling] : [];
  }
  // A case has one issued 赋强公证 at most (a notarised case cannot apply again): its documents are that one's.
  if (h.kind === "notarisation" && h.outcome === "issued") return notarial();
  return [];
}

function itemOf(h: Handoff, parties: CaseParty[], notarial: () => Doc[], now: Date, db: Reader): Item {
  const org = orgById(h.targetOrgId, db);
  const signed = h.kind === "confirmation" || h.kind === "notarisation" ? applicantsOf(h.id, db) : [];
  return {
    id: h.id,
    kind: h.kind,
    kindText: HANDOFF_KIND_LABELS[h.kind],
    status: h.status,
    statusText: STATUS_TEXT[h.kind][h.status],
    org: { id: h.targetOrgId, name: org?.name ?? "", type: org?.type ?? "" },
    basis: h.basis,
    refNo: h.refNo,
    createdAt: h.createdAt,
    submittedAt: h.submittedAt,
    acceptedAt: h.acceptedAt,
    decidedAt: h.decidedAt,
    extendedAt: h.extendedAt,
    deadline: deadlineOf(h, now),
    outcome: h.outcome,
    outcomeText: outcomeText(h),
    outcomeGround: h.outcomeGround,
    outcomeGroundText: groundText(h),
    outcomeNote: h.outcomeNote,
    execRequestedAt: h.execRequestedAt,
    execIssuedAt: h.execIssuedAt,
    applicants: signed.flatMap((s) => {
      const p = parties.find((x) => x.id === s.partyId);
      return p ? [{ partyId: p.id, side: p.side, name: p.name, signedAt: s.signedAt }] : [];
    }),
    documents: documentsOf(h, notarial, db).map(documentOf),
  };
}

/** The effective agreement, and — while nothing has gone to a court or notary office — the 30 days to apply (人民调解法 Art 33). */
function agreementPart(row: Case, now: Date, db: Reader): Pick<CaseHandoffs, "agreement" | "confirmationWindow"> {
  const a = agreementOfCase(row.id, db);
  const effectiveAt = a?.status === "effective" ? a.effectiveAt : null;
  if (!a || !effectiveAt) return { agreement: null, confirmationWindow: null };
  // "effective" is the case status with no application submitted (a court declining or a notary
  // refusing brings the case back to it, and the window then still counts).
  const window = row.status === "effective" ? confirmationWindow(effectiveAt, now) : null;
  return {
    agreement: { docNo: a.docNo, docNoText: formatDocNo(a.docNo), effectiveAt, verifyUrl: publicUrl(verifyPath(a.docNo)) },
    confirmationWindow: window ? { effectiveAt, endsAt: window.endsAt, open: window.open, daysLeft: window.daysLeft } : null,
  };
}

/** GET /api/v1/cases/{caseId}/handoffs for `user`: NOT_FOUND unless they may see the case. */
export function caseHandoffs(user: SessionUser, caseId: string, now = new Date()): CaseHandoffs {
  const view = loadCaseFor(user, caseId);
  const db = getDb();
  const { row } = view;
  const rows = db.select().from(handoffs).where(eq(handoffs.caseId, row.id)).orderBy(asc(handoffs.createdAt), asc(handoffs.id)).all();
  let notarial: Doc[] | null = null;
  const notarialDocs = () => (notarial ??= notarisationDocuments(row.id));
  return {
    caseId: row.id,
    caseNoText: formatCaseNo(row.caseNo),
    status: row.status,
    statusText: CASE_STATUS_LABELS[row.status],
    ...agreementPart(row, now, db),
    items: rows.map((h) => itemOf(h, view.parties, notarialDocs, now, db)),
  };
}
