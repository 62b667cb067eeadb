// Reading cases: each role's lists (scoped by who asks), the case page, the public lookup.
import { and, asc, count, desc, eq, inArray, like, ne, or, sql, type SQL } from "drizzle-orm";
import { getDb } from "../../db/client";
import { caseEvents, caseParties, cases, evidence, invitations, memberships, organisations, users, type Case, type CaseParty } from "../../db/schema";
import { CASE_STATUS_LABELS, type CaseStatus, type RiskGrade } from "../../app/lib/case-enums";
import { formatCaseNo } from "../../app/lib/case-format";
import { maskIdNumber, maskName, maskPhone } from "../../app/lib/id-checks";
import { MEDIATION_ORG_TYPES } from "../../app/lib/roles";
import type { SessionUser } from "../auth/session";
import { AppError } from "../lib/errors";
import { dispatchCoverage, type CaseView } from "./access";
import { availableActions, type CaseRole } from "./state-machine";

export const CASES_PAGE_SIZE = 20;

export const SCOPES = ["mine", "to_accept", "org", "queue", "court"] as const;
export type Scope = (typeof SCOPES)[number];

export type CaseFilters = { scope?: Scope; status?: CaseStatus; category?: string; risk?: RiskGrade; q?: string; page?: number };

const riskOrder = sql`(case ${cases.risk} when 'red' then 0 when 'yellow' then 1 else 2 end)`;
const QUEUE_STATUSES = sql`${cases.status} not in ('draft', 'agreed', 'effective', 'confirming', 'confirmed', 'confirm_rejected', 'notarising', 'notarised', 'failed', 'refused', 'consent_expired', 'withdrawn', 'transferred')`;

function myOrgIds(userId: string, types?: string[]): string[] {
  return getDb()
    .select({ id: organisations.id, type: organisations.type })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.orgId))
    .where(and(eq(memberships.userId, userId), eq(memberships.active, true)))
    .all()
    .filter((o) => !types || types.includes(o.type))
    .map((o) => o.id);
}

function headOrgIds(userId: string): string[] {
  return getDb()
    .select({ id: memberships.orgId })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.active, true), eq(memberships.role, "head")))
    .all()
    .map((m) => m.id);
}

/** The scopes a role has, first one being the default. */
export function scopesFor(user: SessionUser): Scope[] {
  switch (user.role) {
    case "mediator":
      return headOrgIds(user.id).length ? ["to_accept", "mine", "org"] : ["to_accept", "mine"];
    case "dispatcher":
      return ["queue"];
    case "judge":
      return ["court"];
    case "party":
    case "lawyer":
      return ["mine"];
    default:
      return [];
  }
}

function scopeCondition(user: SessionUser, scope: Scope): SQL | null {
  const partyCases = getDb()
    .select({ id: caseParties.caseId })
    .from(caseParties)
    .where(or(eq(caseParties.userId, user.id), eq(caseParties.agentUserId, user.id)));
  switch (scope) {
    case "mine":
      if (user.role === "mediator") return eq(cases.mediatorId, user.id);
      return or(eq(cases.filedById, user.id), inArray(cases.id, partyCases))!;
    case "to_accept":
      return and(eq(cases.mediatorId, user.id), eq(cases.status, "awaiting_acceptance"))!;
    case "org": {
      const ids = headOrgIds(user.id);
      return ids.length ? inArray(cases.orgId, ids) : null;
    }
    case "queue": {
      // Only cases still in progress: finished ones leave the dispatcher's queue. Literal SQL (not
      // bound parameters) so that SQLite can use the partial index cases_queue_idx.
      const cities = dispatchCoverage(user.id);
      return cities.length ? and(or(...cities.map((c) => like(cases.regionCode, `${c}%`)))!, QUEUE_STATUSES)! : null;
    }
    case "court": {
      const ids = myOrgIds(user.id, ["court"]);
      return ids.length ? inArray(cases.courtId, ids) : null;
    }
  }
}

export function listCases(user: SessionUser, f: CaseFilters) {
  const allowed = scopesFor(user);
  const scope = f.scope && allowed.includes(f.scope) ? f.scope : allowed[0];
  const page = Math.max(1, Math.min(10_000, f.page ?? 1));
  const empty = { rows: [], total: 0, page: 1, pages: 1, scope: scope ?? null, scopes: allowed };
  if (!scope) return empty;
  const scoped = scopeCondition(user, scope);
  if (!scoped) return empty;
  const where: SQL[] = [scoped, ne(cases.status, "draft")];
  if (f.status) where.push(eq(cases.status, f.status));
  if (f.category) where.push(eq(cases.category, f.category));
  if (f.risk) where.push(eq(cases.risk, f.risk));
  if (f.q) where.push(like(cases.caseNo, `%${f.q.replace(/[%_]/g, "")}%`));
  const cond = and(...where);
  const db = getDb();
  // The page's ids first, then their details: sorting only (id, date) keeps SQLite from joining
  // the organisation and mediator and looking up the applicant for every matching case (a party
  // with hundreds of cases) when twenty are shown.
  const ids = db
    .select({ id: cases.id })
    .from(cases)
    .where(cond)
    // The queue shows red first, then yellow; everyone else sees newest first.
    .orderBy(...(scope === "queue" ? [riskOrder, asc(cases.submittedAt)] : [desc(cases.submittedAt)]))
    .limit(CASES_PAGE_SIZE)
    .offset((page - 1) * CASES_PAGE_SIZE)
    .all()
    .map((r) => r.id);
  const applicant = sql<string>`(select ${caseParties.name} from ${caseParties} where ${caseParties.caseId} = ${cases.id} and ${caseParties.side} = 'applicant' limit 1)`;
  const details = db
    .select({
      id: cases.id,
      caseNo: cases.caseNo,
      status: cases.status,
      category: cases.category,
      risk: cases.risk,
      source: cases.source,
      submittedAt: cases.submittedAt,
      acceptDeadline: cases.acceptDeadline,
      orgName: organisations.name,
      mediatorName: users.name,
      applicant,
    })
    .from(cases)
    .leftJoin(organisations, eq(organisations.id, cases.orgId))
    .leftJoin(users, eq(users.id, cases.mediatorId))
    .where(inArray(cases.id, ids))
    .all();
  const byId = new Map(details.map((r) => [r.id, r]));
  const rows = ids.flatMap((id) => byId.get(id) ?? []);
  const total = db.select({ n: count() }).from(cases).where(cond).get()?.n ?? 0;
  const staff = !["party", "lawyer"].includes(user.role);
  return {
    // Risk grades are the staff's working notes; parties and their lawyers do not see them.
    rows: rows.map((r) => ({ ...r, risk: staff ? r.risk : null, caseNoText: formatCaseNo(r.caseNo), statusText: CASE_STATUS_LABELS[r.status] })),
    total,
    page,
    pages: Math.max(1, Math.ceil(total / CASES_PAGE_SIZE)),
    scope,
    scopes: allowed,
  };
}

const STAFF_ROLES: CaseRole[] = ["mediator", "org_staff", "dispatcher", "court", "notary", "arbitrator"];

export function isStaffView(roles: readonly CaseRole[]): boolean {
  return roles.some((r) => STAFF_ROLES.includes(r));
}

/** A party as the viewer may see it: staff and the party themself see everything; the other side sees masked numbers. */
function partyFor(viewerId: string, staff: boolean, p: CaseParty) {
  const own = p.userId === viewerId || p.agentUserId === viewerId;
  const full = staff || own;
  return {
    id: p.id,
    side: p.side,
    kind: p.kind,
    name: p.name,
    idNumber: full ? p.idNumber : p.kind === "person" ? maskIdNumber(p.idNumber) : p.idNumber,
    legalRep: p.legalRep,
    phone: full ? p.phone : maskPhone(p.phone),
    address: full ? p.address : "（仅调解组织可见）",
    consent: p.consent,
    refuseReason: p.refuseReason,
    own,
    hasAgent: !!p.agentUserId,
    linked: !!p.userId,
  };
}

/** Roles of the bodies a case is handed to (裁): they decide on it, they did not mediate it. */
const BODY_ROLES: CaseRole[] = ["court", "notary", "arbitrator"];

/** Timeline rows whose reason is a note from inside the mediation (a session note, a disputed record, a draft's note). */
const MEDIATION_NOTES = ["session_ended", "agreement_reached", "record_confirmed", "sent_away", "agreement_drafted"];

/**
 * 在线调解规则 Art 18: concessions made to settle cannot be used against a party later, so a viewer
 * whose only standing is that of a court, notary office or arbitration commission holding the case
 * reads the steps of the mediation but not the offers, nor the notes that may repeat them. Why it
 * failed (mediation_failed's note) stays: the transfer file carries it too (ADR 015). Everyone who
 * took part in or oversees the mediation (parties, mediator, org head, dispatcher) is unchanged.
 */
export function isBodyOnlyView(roles: readonly CaseRole[]): boolean {
  return roles.length > 0 && roles.every((r) => BODY_ROLES.includes(r));
}

function forBodies<E extends { type: string; reason: string | null }>(e: E): E | null {
  if (e.type.startsWith("offer")) return null;
  return MEDIATION_NOTES.includes(e.type) ? { ...e, reason: null } : e;
}

export function caseDetail(view: CaseView) {
  const db = getDb();
  const { row, roles, user } = view;
  const staff = isStaffView(roles);
  const bodyOnly = isBodyOnlyView(roles);
  const org = row.orgId ? (db.select().from(organisations).where(eq(organisations.id, row.orgId)).get() ?? null) : null;
  const mediator = row.mediatorId ? (db.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, row.mediatorId)).get() ?? null) : null;
  const court = row.courtId ? (db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, row.courtId)).get() ?? null) : null;
  const events = db
    .select()
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, row.id), staff ? undefined : eq(caseEvents.visibility, "all")))
    .orderBy(asc(caseEvents.id))
    .all();
  const files = db.select().from(evidence).where(eq(evidence.caseId, row.id)).orderBy(asc(evidence.createdAt)).all();
  const invites = staff
    ? db.select({ partyId: invitations.partyId, expiresAt: invitations.expiresAt, verifiedAt: invitations.verifiedAt, answeredAt: invitations.answeredAt, remindedAt: invitations.remindedAt }).from(invitations).where(eq(invitations.caseId, row.id)).all()
    : [];
  return {
    case: {
      id: row.id,
      caseNo: row.caseNo,
      caseNoText: formatCaseNo(row.caseNo),
      status: row.status,
      statusText: CASE_STATUS_LABELS[row.status],
      source: row.source,
      kind: row.kind,
      kindPreference: row.kindPreference,
      category: row.category,
      regionCode: row.regionCode,
      areaCode: row.areaCode,
      address: row.address,
      facts: row.facts,
      claims: row.claims,
      amountFen: row.amountFen,
      risk: staff ? row.risk : null,
      riskReasons: staff ? row.riskReasons : [],
      routingReason: row.routingReason,
      acceptDeadline: row.acceptDeadline,
      acceptedAt: row.acceptedAt,
      conflictDisclosure: row.conflictDisclosure,
      courtCaseNo: row.courtCaseNo,
      submittedAt: row.submittedAt,
      endedAt: row.endedAt,
      version: row.version,
    },
    parties: view.parties.map((p) => partyFor(user.id, staff, p)),
    org: org ? { id: org.id, name: org.name, type: org.type, charges: org.charges, feeNote: org.feeNote, phone: org.phone, address: org.address } : null,
    mediator,
    court,
    events: (bodyOnly ? events.map(forBodies).filter((e) => e !== null) : events).map((e) => ({ id: e.id, at: e.at, actor: e.actorLabel, summary: e.summary, reason: e.reason, visibility: e.visibility })),
    evidence: files.map((f) => ({ id: f.id, filename: f.filename, mime: f.mime, size: f.size, kind: f.kind, side: f.side, createdAt: f.createdAt, mine: f.uploaderId === user.id })),
    invitations: invites,
    roles,
    staff,
    // Agreeing to a disclosure is offered only when there is one, and once per party.
    actions: availableActions(row.status, roles).filter(
      (a) => a !== "disclosure_agree" || (row.conflictDisclosure && view.parties.some((p) => (p.userId === user.id || p.agentUserId === user.id) && !p.disclosureAgreedAt)),
    ),
  };
}

/** Public progress lookup by case number and a phone number on the case; personal data masked. */
export function publicLookup(caseNo: string, phone: string) {
  const db = getDb();
  const row = db.select().from(cases).where(eq(cases.caseNo, caseNo)).get();
  const parties = row ? db.select().from(caseParties).where(eq(caseParties.caseId, row.id)).all() : [];
  // The same answer for "no such case" and "wrong phone": the lookup must not confirm a number.
  if (!row || !parties.some((p) => p.phone === phone)) throw new AppError("NOT_FOUND", "没有找到与该手机号码匹配的案件，请核对案件编号和手机号码");
  const org = row.orgId ? db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, row.orgId)).get() : undefined;
  const events = db
    .select({ at: caseEvents.at, summary: caseEvents.summary, type: caseEvents.type })
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, row.id), eq(caseEvents.visibility, "all")))
    .orderBy(asc(caseEvents.id))
    .all();
  return {
    caseNoText: formatCaseNo(row.caseNo),
    status: row.status,
    statusText: CASE_STATUS_LABELS[row.status],
    category: row.category,
    orgName: org?.name ?? null,
    submittedAt: row.submittedAt,
    parties: parties.map((p) => ({ side: p.side, name: maskName(p.name) })),
    // Summaries only: they name organisations and steps, never people's numbers.
    events: events.filter((e) => e.type !== "draft_created").map((e) => ({ at: e.at, summary: maskNamesIn(e.summary, parties) })),
  };
}

function maskNamesIn(text: string, parties: CaseParty[]): string {
  let out = text;
  for (const p of parties) if (p.name.length > 1) out = out.split(p.name).join(maskName(p.name));
  return out;
}

/** Mediation organisations and their mediators, for a dispatcher's or court's choice. */
export function mediationOrgOptions() {
  const db = getDb();
  const orgs = db
    .select({ id: organisations.id, name: organisations.name, type: organisations.type, regionCode: organisations.regionCode })
    .from(organisations)
    .where(and(eq(organisations.active, true), inArray(organisations.type, [...MEDIATION_ORG_TYPES])))
    .orderBy(asc(organisations.regionCode), asc(organisations.name))
    .all();
  const people = db
    .select({ orgId: memberships.orgId, id: users.id, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.active, true), eq(users.role, "mediator"), eq(users.active, true)))
    .all();
  return orgs.map((o) => ({ ...o, mediators: people.filter((p) => p.orgId === o.id).map(({ id, name }) => ({ id, name })) }));
}

export type CaseDetail = ReturnType<typeof caseDetail>;
export type { Case };
