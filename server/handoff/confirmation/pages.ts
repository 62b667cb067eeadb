// What the 司法确认 pages show to one person: the card on the case page, the parties' application
// page, the court's inbox and one application as the judge reviews it. Reads only.
import { and, desc, eq, inArray } from "drizzle-orm";
import { getDb } from "../../../db/client";
import { agreements, caseParties, cases, handoffs, organisations, type Handoff } from "../../../db/schema";
import { formatDocNo } from "../../../app/lib/agreement-enums";
import { formatCaseNo } from "../../../app/lib/case-format";
import { HANDOFF_KIND_LABELS, REJECT_GROUNDS, type RejectGround } from "../../../app/lib/handoff-enums";
import { agreementOfCase, versionOf } from "../../agreements/store";
import type { SessionUser } from "../../auth/session";
import type { CaseView } from "../../cases/access";
import { check } from "../../cases/state-machine";
import { confirmationWindow, deadlineTone } from "../deadlines";
import { courtApplication } from "./court";
import { manifestOf, packageParties, powersOfAttorney } from "./package";
import { inquiriesOf, rulingOf } from "./ruling";
import { partiesSignedBy } from "../parties";
import { applicantsOf, competenceFor, confirmationsOfCase, courtsOfJudge, OPEN_STATUSES, openNotarisation, orgById, refusalFor, userName, type Reader } from "./store";

export const HANDOFF_STATUS_TEXT: Record<Handoff["status"], string> = {
  applying: "待各方当事人签署",
  submitted: "已提交法院，待受理",
  accepted: "法院已受理，审查中",
  decided: "法院已作出裁定",
  declined: "法院不予受理",
  closed: "已关闭",
};

const CLOSED_TEXT: Record<string, string> = { expired: "三十日申请期限届满，未能提交", withdrawn: "当事人撤回", superseded: "当事人已共同申请赋强公证，本申请关闭" };

function outcomeText(h: Handoff): string | null {
  if (h.outcome === "valid") return "裁定调解协议有效";
  if (h.outcome === "rejected") return `裁定驳回申请：${REJECT_GROUNDS[h.outcomeGround as RejectGround] ?? "其他"}`;
  if (h.outcome === "declined") return "不予受理";
  return h.outcome ? (CLOSED_TEXT[h.outcome] ?? null) : null;
}

const rulingUrl = (h: Pick<Handoff, "caseId" | "id">) => `/cases/${h.caseId}/confirmation/ruling/${h.id}`;

/** One application as the parties (and the mediator) see it. */
function handoffView(h: Handoff, parties: CaseView["parties"], db: Reader) {
  const signed = applicantsOf(h.id, db);
  const doc = rulingOf(h, db);
  return {
    id: h.id,
    status: h.status,
    statusText: HANDOFF_STATUS_TEXT[h.status],
    courtName: orgById(h.targetOrgId, db)?.name ?? "",
    basis: h.basis,
    startedBy: userName(h.startedById, db),
    createdAt: h.createdAt,
    signatures: parties.map((p) => {
      const s = signed.find((x) => x.partyId === p.id);
      return { partyId: p.id, name: p.name, side: p.side, signedAt: s?.signedAt ?? null, byAgent: !!s && s.userId === p.agentUserId && s.userId !== p.userId };
    }),
    submittedAt: h.submittedAt,
    acceptDue: h.acceptDue,
    refNo: h.refNo,
    acceptedAt: h.acceptedAt,
    decisionDue: h.decisionDue,
    extendedAt: h.extendedAt,
    extensionReason: h.extensionReason,
    decidedAt: h.decidedAt,
    outcome: h.outcome,
    outcomeText: outcomeText(h),
    note: h.outcomeNote,
    inquiries: inquiriesOf(h, db).map((i) => ({ at: i.at, place: i.place, note: i.note })),
    ruling: doc ? { docNo: doc.docNo, url: rulingUrl(h), verify: `/verify/${doc.docNo}` } : null,
  };
}
export type HandoffView = ReturnType<typeof handoffView>;

const SHOWN: readonly string[] = ["effective", "confirming", "confirmed", "confirm_rejected"];

/** The parties' 司法确认 page (also the mediator's and the court's view of the same). */
export function confirmationPage(view: CaseView, now = new Date(), db: Reader = getDb()) {
  const { row, roles } = view;
  const agreement = agreementOfCase(row.id, db);
  const effective = agreement?.status === "effective" && agreement.effectiveAt ? agreement : null;
  const window = effective ? confirmationWindow(effective.effectiveAt!, now) : null;
  const refusal = effective ? refusalFor(row, effective, db) : null;
  const competence = competenceFor(row, view.parties, db);
  const all = confirmationsOfCase(row.id, db).filter((h) => !effective || h.agreementId === effective.id);
  const currentRow = all.find((h) => (OPEN_STATUSES as readonly string[]).includes(h.status) || h.status === "decided");
  const current = currentRow ? handoffView(currentRow, view.parties, db) : null;
  const history = all.filter((h) => h !== currentRow).map((h) => handoffView(h, view.parties, db));
  const isParty = check("apply_confirmation", "effective", roles).ok;
  const mine = partiesSignedBy(view.parties, view.user.id);
  const unsigned = current?.status === "applying" ? mine.filter((p) => !current.signatures.find((s) => s.partyId === p.id)?.signedAt) : [];
  const notarising = !!openNotarisation(row.id, db);
  const open = !!window?.open;
  return {
    caseId: row.id,
    caseNoText: formatCaseNo(row.caseNo),
    status: row.status,
    shown: SHOWN.includes(row.status) && !!(effective || all.length),
    agreement: effective ? { docNoText: formatDocNo(effective.docNo), effectiveAt: effective.effectiveAt!, pdf: `/cases/${row.id}/agreement/pdf` } : null,
    window,
    refusal,
    competence: { invited: competence.invited, none: competence.none, courts: competence.courts.map((c) => ({ id: c.id, name: c.name, bases: c.bases.map((b) => b.text) })) },
    current,
    history,
    me: { isParty, names: mine.map((p) => p.name), unsigned: unsigned.map((p) => p.name) },
    notarising,
    can: {
      start: isParty && row.status === "effective" && open && !refusal && !current && !notarising && competence.courts.length > 0,
      sign: isParty && open && unsigned.length > 0,
      withdraw: isParty && current?.status === "applying",
      remediate: check("remediate", row.status, roles).ok,
    },
  };
}
export type ConfirmationPage = ReturnType<typeof confirmationPage>;

/** The card on the case page: the countdown, where the application stands, what to do next. */
export function confirmationCard(view: CaseView, now = new Date(), db: Reader = getDb()) {
  if (!SHOWN.includes(view.row.status)) return null;
  const p = confirmationPage(view, now, db);
  if (!p.shown) return null;
  return {
    window: p.window,
    refusal: p.refusal ? `${p.refusal.reason}（${p.refusal.article}）` : null,
    current: p.current
      ? {
          statusText: p.current.statusText,
          courtName: p.current.courtName,
          refNo: p.current.refNo,
          signed: p.current.signatures.filter((s) => s.signedAt).length,
          needed: p.current.signatures.length,
          outcome: p.current.outcome,
          outcomeText: p.current.outcomeText,
          ruling: p.current.ruling,
        }
      : null,
    myTurn: p.can.sign,
    canStart: p.can.start,
    canRemediate: p.can.remediate,
    isParty: p.me.isParty,
  };
}
export type ConfirmationCard = ReturnType<typeof confirmationCard>;

/** The court's inbox: what awaits acceptance or a ruling, with its deadline, and what was decided. */
export function courtInbox(user: Pick<SessionUser, "id" | "role">, now = new Date(), db: Reader = getDb()) {
  const courts = courtsOfJudge(user, db);
  const ids = courts.map((c) => c.id);
  const rows = ids.length
    ? db
        .select({ h: handoffs, caseNo: cases.caseNo, orgName: organisations.name })
        .from(handoffs)
        .innerJoin(cases, eq(cases.id, handoffs.caseId))
        .leftJoin(organisations, eq(organisations.id, cases.orgId))
        .where(and(eq(handoffs.kind, "confirmation"), inArray(handoffs.targetOrgId, ids), inArray(handoffs.status, ["submitted", "accepted", "decided", "declined"])))
        .orderBy(desc(handoffs.submittedAt))
        .limit(300)
        .all()
    : [];
  const names = (caseId: string) =>
    db
      .select({ name: caseParties.name })
      .from(caseParties)
      .where(eq(caseParties.caseId, caseId))
      .all()
      .map((p) => p.name)
      .join("、");
  const item = (r: (typeof rows)[number]) => {
    const due = r.h.status === "submitted" ? r.h.acceptDue : r.h.status === "accepted" ? r.h.decisionDue : null;
    return {
      id: r.h.id,
      caseNoText: formatCaseNo(r.caseNo),
      refNo: r.h.refNo,
      parties: names(r.h.caseId),
      orgName: r.orgName ?? "",
      courtName: courts.find((c) => c.id === r.h.targetOrgId)?.name ?? "",
      status: r.h.status,
      statusText: HANDOFF_STATUS_TEXT[r.h.status],
      submittedAt: r.h.submittedAt,
      due,
      dueLabel: r.h.status === "submitted" ? "受理期限" : "裁定期限",
      tone: due ? deadlineTone(due, now) : "ok",
      decidedAt: r.h.decidedAt,
      outcomeText: outcomeText(r.h),
    };
  };
  const pending = rows.filter((r) => r.h.status === "submitted" || r.h.status === "accepted").map(item);
  // Most urgent first: the earliest deadline.
  pending.sort((a, b) => (a.due?.getTime() ?? Infinity) - (b.due?.getTime() ?? Infinity));
  return { courts: courts.map((c) => c.name), pending, done: rows.filter((r) => r.h.status === "decided" || r.h.status === "declined").map(item), kindLabel: HANDOFF_KIND_LABELS.confirmation };
}
export type CourtInbox = ReturnType<typeof courtInbox>;

/** One application as the judge reviews it: the package, the deadlines, what may be done now. */
export function courtApplicationPage(user: Pick<SessionUser, "id" | "role">, handoffId: string, now = new Date(), db: Reader = getDb()) {
  const h = courtApplication(user, handoffId, db);
  const row = db.select().from(cases).where(eq(cases.id, h.caseId)).get()!;
  const a = h.agreementId ? db.select().from(agreements).where(eq(agreements.id, h.agreementId)).get() : undefined;
  const content = a ? (versionOf(a.id, a.currentVersion, db)?.content ?? null) : null;
  const org = a ? orgById(a.orgId, db) : undefined;
  const due = h.status === "submitted" ? h.acceptDue : h.status === "accepted" ? h.decisionDue : null;
  const doc = rulingOf(h, db);
  const holding = row.handoffOrgId === h.targetOrgId;
  return {
    id: h.id,
    caseId: h.caseId,
    caseNoText: formatCaseNo(row.caseNo),
    category: row.category,
    courtName: orgById(h.targetOrgId, db)?.name ?? "",
    status: h.status,
    statusText: HANDOFF_STATUS_TEXT[h.status],
    basis: h.basis,
    refNo: h.refNo,
    submittedAt: h.submittedAt,
    acceptDue: h.acceptDue,
    acceptedAt: h.acceptedAt,
    decisionDue: h.decisionDue,
    extendedAt: h.extendedAt,
    extensionReason: h.extensionReason,
    decidedAt: h.decidedAt,
    handler: userName(h.handlerId, db),
    outcomeText: outcomeText(h),
    note: h.outcomeNote,
    due,
    tone: due ? deadlineTone(due, now) : "ok",
    parties: packageParties(h, db),
    package: {
      ready: !!manifestOf(h, db),
      application: `/court/confirmations/${h.id}/application`,
      agreement: a ? { docNoText: formatDocNo(a.docNo), url: holding ? `/cases/${h.caseId}/agreement/pdf` : null, verify: `/verify/${a.docNo}` } : null,
      powersOfAttorney: powersOfAttorney(h.caseId, db).map((p) => ({ id: p.id, filename: p.filename, url: holding ? `/cases/${h.caseId}/evidence/${p.id}` : null })),
    },
    proof: {
      orgName: org?.name ?? "",
      orgAddress: org?.address ?? null,
      mediatorName: userName(row.mediatorId, db),
      mediationAcceptedAt: row.acceptedAt,
      effectiveAt: a?.effectiveAt ?? null,
    },
    terms: content?.terms ?? [],
    refusal: a ? refusalFor(row, a, db) : null,
    inquiries: inquiriesOf(h, db).map((i) => ({ at: i.at, place: i.place, note: i.note })),
    ruling: doc ? { docNo: doc.docNo, url: holding ? rulingUrl(h) : null, verify: `/verify/${doc.docNo}` } : null,
    caseLink: holding ? `/cases/${h.caseId}` : null,
    can: {
      accept: h.status === "submitted",
      decline: h.status === "submitted",
      inquire: h.status === "accepted",
      extend: h.status === "accepted" && !h.extendedAt && !!h.decisionDue && h.decisionDue > now,
      rule: h.status === "accepted",
    },
  };
}
export type CourtApplicationPage = ReturnType<typeof courtApplicationPage>;
