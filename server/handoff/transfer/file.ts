// The case file (案卷) that goes with a transferred case: parties, claims, evidence, the undisputed
// facts confirmed in writing, why mediation failed and how it went. Shown to the receiving body,
// and to the parties and the mediator, who should know what was sent. Anyone else: NOT_FOUND.
import { and, asc, eq, notLike } from "drizzle-orm";
import { getDb } from "../../../db/client";
import { caseEvents, evidence, handoffs, mediationSessions } from "../../../db/schema";
import { CASE_SOURCE_LABELS, FAIL_REASON_LABELS, MEDIATION_KIND_LABELS, type FailReason } from "../../../app/lib/case-enums";
import { formatCaseNo } from "../../../app/lib/case-format";
import { HANDOFF_KIND_LABELS } from "../../../app/lib/handoff-enums";
import { maskIdNumber, maskPhone } from "../../../app/lib/id-checks";
import type { SessionUser } from "../../auth/session";
import { AppError } from "../../lib/errors";
import { loadCaseFor } from "../../cases/access";
import { regionName } from "../../triage/regions";
import { orgById, userName } from "../directory";
import { actsFor } from "../parties";
import { isReceiver } from "./acknowledge";
import { endingOf } from "./ending";
import { TRANSFER_KINDS } from "./facts";
import { undisputedFacts } from "../../mediation/undisputed";

const NOT_FOUND = "移送案件不存在或您无权查看";

export function transferFile(user: SessionUser, handoffId: string) {
  const db = getDb();
  const h = db.select().from(handoffs).where(eq(handoffs.id, handoffId)).get();
  if (!h || !(TRANSFER_KINDS as readonly string[]).includes(h.kind)) throw new AppError("NOT_FOUND", NOT_FOUND);
  const receiver = isReceiver(user, h.targetOrgId);
  let view;
  try {
    view = loadCaseFor(user, h.caseId);
  } catch {
    throw new AppError("NOT_FOUND", NOT_FOUND);
  }
  const party = view.roles.includes("applicant") || view.roles.includes("respondent");
  const mediator = view.roles.includes("mediator");
  // Another court or commission — even one that once held the case — does not read this file.
  if (!receiver && !party && !mediator) throw new AppError("NOT_FOUND", NOT_FOUND);
  const { row } = view;
  const name = (id: string | null) => userName(id, db);
  const org = (id: string | null) => (id ? (orgById(id, db) ?? null) : null);
  // The receiving body and the mediator see every party in full; a party sees the other side masked, as on the case page.
  const full = (p: (typeof view.parties)[number]) => receiver || mediator || actsFor(p, user.id);

  const sessions = db.select().from(mediationSessions).where(eq(mediationSessions.caseId, row.id)).orderBy(asc(mediationSessions.scheduledAt)).all();
  const events = db
    .select({ id: caseEvents.id, at: caseEvents.at, actor: caseEvents.actorLabel, summary: caseEvents.summary })
    .from(caseEvents)
    // 在线调解规则 Art 18: what a party offered to settle cannot be used against them later, so the
    // offers stay behind; the file carries the steps, not the concessions.
    .where(and(eq(caseEvents.caseId, row.id), eq(caseEvents.visibility, "all"), notLike(caseEvents.type, "offer%")))
    .orderBy(asc(caseEvents.id))
    .all();
  const target = org(h.targetOrgId);
  const mediationOrg = org(row.orgId);
  return {
    handoff: {
      id: h.id,
      kind: h.kind,
      kindText: HANDOFF_KIND_LABELS[h.kind],
      orgName: target?.name ?? "",
      basis: h.basis,
      submittedAt: h.submittedAt,
      sentBy: name(h.startedById),
      status: h.status,
      acceptedAt: h.acceptedAt,
      refNo: h.refNo,
      handler: name(h.handlerId),
    },
    case: {
      id: row.id,
      caseNoText: formatCaseNo(row.caseNo),
      category: row.category,
      source: CASE_SOURCE_LABELS[row.source],
      kind: row.kind ? MEDIATION_KIND_LABELS[row.kind] : null,
      region: row.areaCode ? regionName(row.areaCode) : row.regionCode ? regionName(row.regionCode) : null,
      address: row.address,
      facts: row.facts,
      claims: row.claims,
      amountFen: row.amountFen,
      courtCaseNo: row.courtCaseNo,
      submittedAt: row.submittedAt,
    },
    parties: view.parties.map((p) => ({
      id: p.id,
      side: p.side,
      kind: p.kind,
      name: p.name,
      legalRep: p.legalRep,
      idNumber: full(p) ? p.idNumber : p.kind === "person" ? maskIdNumber(p.idNumber) : p.idNumber,
      phone: full(p) ? p.phone : maskPhone(p.phone),
      address: full(p) ? p.address : "（仅受移送机构可见）",
      agent: p.agentUserId ? name(p.agentUserId) : null,
    })),
    evidence: db
      .select({ id: evidence.id, filename: evidence.filename, kind: evidence.kind, side: evidence.side, size: evidence.size, createdAt: evidence.createdAt })
      .from(evidence)
      .where(eq(evidence.caseId, row.id))
      .orderBy(asc(evidence.createdAt))
      .all(),
    undisputed: undisputedFacts(row.id),
    ending: endingOf(row),
    history: {
      org: mediationOrg?.name ?? null,
      orgPhone: mediationOrg?.phone ?? null,
      mediator: name(row.mediatorId),
      // 司发通〔2017〕105号: a lawyer who mediated may not represent a party in what follows.
      lawyerMediation: row.kind === "lawyer" || row.source === "lawyer_referral",
      acceptedAt: row.acceptedAt,
      endedAt: row.endedAt,
      sessions: sessions.map((s) => ({
        id: s.id,
        scheduledAt: s.scheduledAt,
        mode: s.mode,
        status: s.status,
        outcome: s.outcome,
        failReason: s.failReason ? FAIL_REASON_LABELS[s.failReason as FailReason] : null,
      })),
      events,
    },
    mayAcknowledge: receiver && h.status === "submitted" && row.handoffOrgId === h.targetOrgId,
    receiver,
  };
}
export type TransferFile = ReturnType<typeof transferFile>;
