// 赋强公证 on the case page: whether it can be had (and the rule when not), the offices to choose
// from, the joint application with who signed, the notary's answer, the 执行证书 request, and
// the issued documents to download.
import { and, asc, eq, inArray } from "drizzle-orm";
import { getDb } from "../../../db/client";
import { documents } from "../../../db/schema";
import { DOCUMENT_KIND_LABELS } from "../../../app/lib/handoff-enums";
import type { CaseView } from "../../cases/access";
import { check } from "../../cases/state-machine";
import { agreementOfCase, versionOf } from "../../agreements/store";
import { scheduleOf } from "../performance/schedule";
import { otherRouteOpen } from "../joint-application";
import { actsFor, partyById } from "../parties";
import { officesFor, requiredParties, OFFICE_BASIS } from "./apply";
import { NO_OFFICE } from "./offices";
import { notarisationRefusal } from "./rules";
import { applicantsOf, latestNotarisation, orgById, userName } from "./store";

const SHOWN_IN: readonly string[] = ["effective", "notarising", "notarised"];

export function notarisationDocuments(caseId: string) {
  return getDb()
    .select({ docNo: documents.docNo, kind: documents.kind, title: documents.title, issuedAt: documents.issuedAt, status: documents.status, pdfSha256: documents.pdfSha256, pdfSize: documents.pdfSize })
    .from(documents)
    .where(and(eq(documents.caseId, caseId), inArray(documents.kind, ["notarial_certificate", "execution_certificate"])))
    .orderBy(asc(documents.issuedAt))
    .all()
    .map((d) => ({ ...d, kindLabel: DOCUMENT_KIND_LABELS[d.kind] }));
}

export function notarisationPanel(view: CaseView, now = new Date()) {
  const a = agreementOfCase(view.row.id);
  const latest = latestNotarisation(view.row.id);
  if (!a || a.status !== "effective" || (!SHOWN_IN.includes(view.row.status) && !latest)) return null;
  const content = versionOf(a.id, a.currentVersion)!.content;
  const refusal = notarisationRefusal(content);
  const isParty = view.parties.some((p) => actsFor(p, view.user.id));
  const open = latest && ["applying", "submitted", "accepted"].includes(latest.status) ? latest : null;
  const mayApply = isParty && check("apply_notarisation", view.row.status, view.roles).ok && !refusal;
  // One route at a time: while a 司法确认 application is open, no 赋强公证 application starts.
  const otherRoute = mayApply && !open ? otherRouteOpen(view.row.id, "notarisation") : null;
  const offices = mayApply && !open && !otherRoute ? officesFor(view, content, getDb()) : [];
  const blocked = otherRoute ?? (mayApply && !open && offices.length === 0 ? NO_OFFICE : null);

  const current = latest && latest.status !== "closed" ? latest : null;
  const required = requiredParties(view, content.parties.map((p) => p.partyId));
  const signed = current ? new Map(applicantsOf(current.id).map((x) => [x.partyId, x])) : new Map();
  const creditor = content.payment ? partyById(view.parties, content.payment.payeePartyId) : undefined;
  const issued = current?.outcome === "issued" ? current : null;
  const overdue = issued && a ? scheduleOf(a.id, now).some((l) => l.state === "overdue") : false;

  return {
    refusal,
    basis: OFFICE_BASIS,
    mayStart: mayApply && !open && !blocked,
    /** Why a party who could otherwise apply cannot start an application now. */
    blocked,
    // 公证法 Art 25: only the offices of a party's place or of the place of the dispute.
    offices: offices.map((o) => ({ id: o.id, name: o.name, address: o.address, phone: o.phone, basis: o.basis })),
    isNotary: view.roles.includes("notary"),
    current: current
      ? {
          id: current.id,
          status: current.status,
          outcome: current.outcome,
          outcomeNote: current.outcomeNote,
          office: orgById(current.targetOrgId)?.name ?? "",
          startedBy: userName(current.startedById),
          submittedAt: current.submittedAt,
          decidedAt: current.decidedAt,
          refNo: current.refNo,
          signers: required.map((p) => ({ name: p.name, side: p.side, signedAt: signed.get(p.id)?.signedAt ?? null, canSignOnline: !!(p.userId || p.agentUserId), mine: actsFor(p, view.user.id) })),
          exec: { requestedAt: current.execRequestedAt, issuedAt: current.execIssuedAt, note: current.execNote },
        }
      : null,
    // The sign form: parties of an application still collecting signatures who have not signed.
    mySignOpen: !!open && open.status === "applying" && mayApply && required.some((p) => actsFor(p, view.user.id) && !signed.has(p.id)),
    mayWithdraw: !!open && open.status === "applying" && isParty,
    // 执行证书: the creditor of a notarised agreement, once there is a default and no request pending.
    mayRequestExec: !!issued && actsFor(creditor, view.user.id) && !issued.execRequestedAt && !issued.execIssuedAt && view.row.status === "notarised",
    hasDefault: overdue,
    documents: notarisationDocuments(view.row.id),
  };
}
export type NotarisationPanel = NonNullable<ReturnType<typeof notarisationPanel>>;
