// The drizzle schema. `npm run db:generate` turns changes here into SQL under migrations/.
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { ORG_TYPES, ROLES, MEMBERSHIP_ROLES, ORG_LEVELS } from "../app/lib/roles";
import {
  ASSIGNMENT_STATES,
  CASE_SOURCES,
  CASE_STATUSES,
  CONSENT_STATES,
  KIND_PREFERENCES,
  MEDIATION_KINDS,
  PARTY_KINDS,
  PARTY_SIDES,
  RISK_GRADES,
} from "../app/lib/case-enums";
import { AGREEMENT_STATUSES } from "../app/lib/agreement-enums";
import { DOCUMENT_KINDS, HANDOFF_KINDS, HANDOFF_STATUSES } from "../app/lib/handoff-enums";
import type { AgreementContent } from "../app/lib/agreement-schema";

const now = sql`(unixepoch('subsec') * 1000)`;

export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    // 18-digit 居民身份证号码, upper-case X. Unique: one real person, one account.
    idNumber: text("id_number").notNull(),
    phone: text("phone").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(now),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull().default(now),
  },
  (t) => [
    uniqueIndex("users_phone_uq").on(t.phone),
    uniqueIndex("users_id_number_uq").on(t.idNumber),
    index("users_role_idx").on(t.role),
  ],
);

export const sessions = sqliteTable(
  "sessions",
  {
    // SHA-256 (hex) of the token; the token itself is never stored.
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(now),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user_idx").on(t.userId), index("sessions_expires_idx").on(t.expiresAt)],
);

export const organisations = sqliteTable(
  "organisations",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    type: text("type", { enum: ORG_TYPES }).notNull(),
    // Only people's mediation committees have a level; it drives "go up a level" routing.
    level: text("level", { enum: ORG_LEVELS }),
    // 6-digit 行政区划代码 of the county/district the organisation sits in.
    regionCode: text("region_code").notNull(),
    // Finer 乡镇/街道 (9 digits) or 村/社区 (12 digits) code where the organisation serves one.
    areaCode: text("area_code"),
    parentId: text("parent_id"),
    // JSON array of dispute categories (see app/lib/categories.ts); empty = all.
    categories: text("categories", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    // Statutory sector of an administrative or sector body: traffic, police, consumer, medical, labour.
    sector: text("sector"),
    // Roles an organisation plays beyond its type, e.g. "lawyer_referral" for the 调解协会人民调解委员会
    // that receives law-firm referrals (律调对接).
    tags: text("tags", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    charges: integer("charges", { mode: "boolean" }).notNull().default(false),
    feeNote: text("fee_note"),
    address: text("address"),
    phone: text("phone"),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(now),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull().default(now),
  },
  (t) => [
    uniqueIndex("organisations_name_uq").on(t.name),
    index("organisations_type_region_idx").on(t.type, t.regionCode),
    index("organisations_parent_idx").on(t.parentId),
  ],
);

export const memberships = sqliteTable(
  "memberships",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    role: text("role", { enum: MEMBERSHIP_ROLES }).notNull().default("member"),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(now),
  },
  (t) => [
    uniqueIndex("memberships_user_org_uq").on(t.userId, t.orgId),
    index("memberships_org_idx").on(t.orgId),
  ],
);

// Append-only record of who did what outside a case (admin acts, logins, password changes).
export const auditEvents = sqliteTable(
  "audit_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at", { mode: "timestamp_ms" }).notNull().default(now),
    actorId: text("actor_id"),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    data: text("data", { mode: "json" }).$type<Record<string, unknown>>(),
  },
  (t) => [index("audit_target_idx").on(t.targetType, t.targetId), index("audit_at_idx").on(t.at)],
);

// Development outbox for SMS and e-mail: what a real gateway would have sent.
export const outbox = sqliteTable(
  "outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at", { mode: "timestamp_ms" }).notNull().default(now),
    channel: text("channel", { enum: ["sms", "email"] }).notNull(),
    to: text("to").notNull(),
    body: text("body").notNull(),
  },
  (t) => [index("outbox_to_idx").on(t.to)],
);

export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type Organisation = typeof organisations.$inferSelect;
export type Membership = typeof memberships.$inferSelect;

// Counters of rate-limiter-flexible (RateLimiterSQLite). Declared here so that the migration,
// not the library, creates the table; the library's CREATE IF NOT EXISTS is then a no-op.
export const rateLimits = sqliteTable("rate_limits", {
  key: text("key").primaryKey(),
  points: integer("points").notNull().default(0),
  expire: integer("expire"),
});

// ---------------------------------------------------------------- 分: cases

// Named counters (case numbers per year). Incremented inside the filing transaction.
export const counters = sqliteTable("counters", {
  name: text("name").primaryKey(),
  value: integer("value").notNull().default(0),
});

// Open cases per organisation, kept by triggers on `cases` (migrations/0010_org_loads.sql) in the
// same transaction as every change of status or organisation, so routing reads one small table
// instead of counting a million cases (tests/bench, issue 3).
export const orgLoads = sqliteTable("org_loads", {
  orgId: text("org_id").primaryKey(),
  openCases: integer("open_cases").notNull().default(0),
});

export const cases = sqliteTable(
  "cases",
  {
    id: text("id").primaryKey(),
    // Human case number, e.g. 云解纷〔2026〕000123号 is shown; stored as YJF2026000123. Null while a draft.
    caseNo: text("case_no"),
    status: text("status", { enum: CASE_STATUSES }).notNull().default("draft"),
    // Optimistic concurrency: every transition bumps it; a stale update changes nothing.
    version: integer("version").notNull().default(0),
    source: text("source", { enum: CASE_SOURCES }).notNull().default("citizen"),
    kindPreference: text("kind_preference", { enum: KIND_PREFERENCES }).notNull().default("auto"),
    kind: text("kind", { enum: MEDIATION_KINDS }),
    category: text("category"),
    regionCode: text("region_code"), // 6-digit county where the dispute arose
    areaCode: text("area_code"), // 9-digit 乡镇/街道 where known
    address: text("address"), // where the dispute arose
    facts: text("facts"),
    claims: text("claims"),
    amountFen: integer("amount_fen"), // amount in dispute in 分 (cents); null when none
    risk: text("risk", { enum: RISK_GRADES }).notNull().default("green"),
    riskReasons: text("risk_reasons", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    filedById: text("filed_by_id")
      .notNull()
      .references(() => users.id),
    orgId: text("org_id").references(() => organisations.id),
    mediatorId: text("mediator_id").references(() => users.id),
    // The court that sent the case out (委派/委托) and its own number for it.
    courtId: text("court_id").references(() => organisations.id),
    courtCaseNo: text("court_case_no"),
    // 裁: the court, notary office or arbitration commission now holding the case (司法确认, 赋强公证,
    // transfer after failure). Its judges, notaries or arbitrators see the case while it is there.
    handoffOrgId: text("handoff_org_id").references(() => organisations.id),
    routingReason: text("routing_reason"),
    acceptDeadline: integer("accept_deadline", { mode: "timestamp_ms" }),
    acceptedAt: integer("accepted_at", { mode: "timestamp_ms" }),
    // 调解期限: set when mediation starts (rules in server/triage/deadlines.ts); extendable by agreement.
    mediationDue: integer("mediation_due", { mode: "timestamp_ms" }),
    mediationDueRule: text("mediation_due_rule"),
    // When the "time limit is near" warning went out (once per deadline; reset by an extension).
    dueWarnedAt: integer("due_warned_at", { mode: "timestamp_ms" }),
    // When the court that sent the case out (委派/委托) was told how it ended; null until then.
    courtInformedAt: integer("court_informed_at", { mode: "timestamp_ms" }),
    failReason: text("fail_reason"),
    // The mediator's conflict-of-interest disclosure (在线调解规则 Art 13), null when none declared.
    conflictDisclosure: text("conflict_disclosure"),
    // Wizard state of a draft: whatever the filer typed so far, validated only on submit.
    draft: text("draft", { mode: "json" }).$type<Record<string, unknown>>(),
    submittedAt: integer("submitted_at", { mode: "timestamp_ms" }),
    endedAt: integer("ended_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(now),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull().default(now),
  },
  (t) => [
    uniqueIndex("cases_case_no_uq").on(t.caseNo),
    index("cases_status_idx").on(t.status, t.risk, t.submittedAt),
    index("cases_filed_by_idx").on(t.filedById, t.updatedAt),
    // Lists (see tests/bench): a mediator's cases by status, newest first; an organisation's load.
    index("cases_mediator_idx").on(t.mediatorId, t.status, t.submittedAt),
    index("cases_mediator_recent_idx").on(t.mediatorId, t.submittedAt),
    index("cases_load_idx").on(t.status, t.orgId),
    // The 矛调中心 queue: cases still in progress, red first, oldest first. Partial, so it stays
    // small however many closed cases pile up; queries.ts repeats the same literal condition.
    index("cases_queue_idx")
      .on(sql`(case ${t.risk} when 'red' then 0 when 'yellow' then 1 else 2 end)`, t.submittedAt, t.regionCode, t.status)
      .where(sql`${t.status} not in ('draft', 'agreed', 'effective', 'confirming', 'confirmed', 'confirm_rejected', 'notarising', 'notarised', 'failed', 'refused', 'consent_expired', 'withdrawn', 'transferred')`),
    index("cases_org_idx").on(t.orgId, t.status),
    // Mediator records: who handled an organisation's cases, members or not (律调对接 studios).
    index("cases_org_mediator_idx").on(t.orgId, t.mediatorId),
    index("cases_court_idx").on(t.courtId),
    index("cases_handoff_idx").on(t.handoffOrgId, t.status),
    index("cases_region_idx").on(t.regionCode, t.status),
    // The 矛调中心 board (server/oversight/board): its red/yellow section counts and sorts a city's
    // open cases from the index alone (id included), and its "mediation due" section walks the due
    // dates in order. Without them a city with tens of thousands of open cases took ~300 ms a view.
    index("cases_board_risk_idx").on(t.status, t.risk, t.regionCode, t.submittedAt, t.id),
    index("cases_mediation_due_idx").on(t.status, t.mediationDue, t.regionCode),
    // The minute sweep's court-sent cases whose court has not been told yet: only those are in it,
    // so the sweep does not walk every court case ever sent out (server/handoff/referrals/court-notice.ts).
    index("cases_court_pending_idx")
      .on(t.updatedAt, t.id)
      .where(sql`${t.courtId} is not null and ${t.courtInformedAt} is null and ${t.source} in ('court_delegated', 'court_entrusted')`),
  ],
);

export const caseParties = sqliteTable(
  "case_parties",
  {
    id: text("id").primaryKey(),
    caseId: text("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    side: text("side", { enum: PARTY_SIDES }).notNull(),
    kind: text("kind", { enum: PARTY_KINDS }).notNull(),
    name: text("name").notNull(),
    // 身份证 number for a person, 统一社会信用代码 for an organisation.
    idNumber: text("id_number").notNull(),
    legalRep: text("legal_rep"), // an organisation's legal representative
    phone: text("phone").notNull(),
    address: text("address").notNull(), // address for service
    regionCode: text("region_code"), // where the party lives or works (6 digits), for routing and risk
    userId: text("user_id").references(() => users.id), // the party's own account, once linked
    agentUserId: text("agent_user_id").references(() => users.id), // their lawyer, if any
    consent: text("consent", { enum: CONSENT_STATES }).notNull().default("pending"),
    consentAt: integer("consent_at", { mode: "timestamp_ms" }),
    refuseReason: text("refuse_reason"),
    // Agreed to go on after the mediator disclosed a conflict of interest (在线调解规则 Art 13).
    disclosureAgreedAt: integer("disclosure_agreed_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(now),
  },
  (t) => [
    index("case_parties_case_idx").on(t.caseId, t.side),
    index("case_parties_user_idx").on(t.userId),
    index("case_parties_agent_idx").on(t.agentUserId),
    index("case_parties_phone_idx").on(t.phone),
    // Repeated filings against the same person (the risk grade at intake) start from the ID number.
    index("case_parties_id_number_idx").on(t.idNumber),
  ],
);

// The case timeline: append-only; every state change writes one row in the same transaction.
export const caseEvents = sqliteTable(
  "case_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    caseId: text("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    at: integer("at", { mode: "timestamp_ms" }).notNull().default(now),
    actorId: text("actor_id").references(() => users.id),
    actorLabel: text("actor_label").notNull(), // "李明（申请人）", "系统", frozen at the time
    type: text("type").notNull(),
    fromStatus: text("from_status"),
    toStatus: text("to_status"),
    summary: text("summary").notNull(), // the Chinese sentence shown on the timeline
    reason: text("reason"),
    data: text("data", { mode: "json" }).$type<Record<string, unknown>>(),
    // "all": parties and staff; "staff": the mediation organisation, dispatchers and courts only.
    visibility: text("visibility", { enum: ["all", "staff"] }).notNull().default("all"),
  },
  (t) => [index("case_events_case_idx").on(t.caseId, t.id)],
);

// Each time a case is given to a mediator: the history behind "reassigned automatically".
export const assignments = sqliteTable(
  "assignments",
  {
    id: text("id").primaryKey(),
    caseId: text("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id),
    mediatorId: text("mediator_id").references(() => users.id),
    state: text("state", { enum: ASSIGNMENT_STATES }).notNull().default("pending"),
    assignedAt: integer("assigned_at", { mode: "timestamp_ms" }).notNull().default(now),
    deadline: integer("deadline", { mode: "timestamp_ms" }),
    decidedAt: integer("decided_at", { mode: "timestamp_ms" }),
    reason: text("reason"),
  },
  (t) => [index("assignments_case_idx").on(t.caseId), index("assignments_pending_idx").on(t.state, t.deadline)],
);

// Evidence files, stored content-addressed under data/blobs/<sha256[0..2]>/<sha256>.
export const evidence = sqliteTable(
  "evidence",
  {
    id: text("id").primaryKey(),
    caseId: text("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    uploaderId: text("uploader_id")
      .notNull()
      .references(() => users.id),
    side: text("side", { enum: PARTY_SIDES }),
    // "evidence", or "power_of_attorney" for the client's 授权委托书 in a law-firm referral.
    kind: text("kind", { enum: ["evidence", "power_of_attorney"] }).notNull().default("evidence"),
    filename: text("filename").notNull(),
    mime: text("mime").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    description: text("description"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(now),
  },
  (t) => [index("evidence_case_idx").on(t.caseId)],
);

// The respondent's invitation: a link token and a 6-digit code, both stored hashed.
export const invitations = sqliteTable(
  "invitations",
  {
    id: text("id").primaryKey(),
    caseId: text("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    partyId: text("party_id")
      .notNull()
      .references(() => caseParties.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    codeHash: text("code_hash").notNull(),
    attempts: integer("attempts").notNull().default(0),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    remindedAt: integer("reminded_at", { mode: "timestamp_ms" }),
    verifiedAt: integer("verified_at", { mode: "timestamp_ms" }),
    answeredAt: integer("answered_at", { mode: "timestamp_ms" }),
    // Closed without an answer: the case moved on (refused by another respondent, reassigned,
    // expired). Kept apart from answeredAt so the page can say which.
    closedAt: integer("closed_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(now),
  },
  (t) => [uniqueIndex("invitations_token_uq").on(t.tokenHash), index("invitations_open_idx").on(t.answeredAt, t.expiresAt)],
);

// The in-app notification centre.
export const notifications = sqliteTable(
  "notifications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    caseId: text("case_id").references(() => cases.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    body: text("body").notNull(),
    link: text("link"),
    readAt: integer("read_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(now),
  },
  (t) => [index("notifications_user_idx").on(t.userId, t.readAt, t.id)],
);

export type Case = typeof cases.$inferSelect;
export type CaseParty = typeof caseParties.$inferSelect;
export type CaseEvent = typeof caseEvents.$inferSelect;
export type Assignment = typeof assignments.$inferSelect;
export type Evidence = typeof evidence.$inferSelect;
export type Invitation = typeof invitations.$inferSelect;
export type Notification = typeof notifications.$inferSelect;

// ---------------------------------------------------------------- 调: mediation sessions

export const SESSION_OUTCOMES = ["adjourned", "agreement", "failed"] as const;
/** 在线调解规则 Art 25: the ways a mediation ends without (or with) agreement. */
export const FAIL_REASONS = [
  "settled_privately", // 自行和解撤回
  "unreachable", // 当事人无法联系
  "party_quits", // 当事人拒绝继续调解
  "too_far_apart", // 分歧过大
  "time_limit", // 期限届满未延长
  "refuses_to_sign", // 拒绝签署协议
  "other",
] as const;

export const mediationSessions = sqliteTable(
  "mediation_sessions",
  {
    id: text("id").primaryKey(),
    caseId: text("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    scheduledAt: integer("scheduled_at", { mode: "timestamp_ms" }).notNull(),
    durationMin: integer("duration_min").notNull().default(60),
    // joint: everyone in one room; separate: each side in its own timed slot (Art 16).
    mode: text("mode", { enum: ["joint", "separate"] }).notNull().default("joint"),
    status: text("status", { enum: ["scheduled", "open", "ended", "cancelled"] }).notNull().default("scheduled"),
    createdById: text("created_by_id")
      .notNull()
      .references(() => users.id),
    startedAt: integer("started_at", { mode: "timestamp_ms" }),
    endedAt: integer("ended_at", { mode: "timestamp_ms" }),
    outcome: text("outcome", { enum: SESSION_OUTCOMES }),
    failReason: text("fail_reason", { enum: FAIL_REASONS }),
    outcomeNote: text("outcome_note"),
    nextAt: integer("next_at", { mode: "timestamp_ms" }),
    reminderSentAt: integer("reminder_sent_at", { mode: "timestamp_ms" }),
    // The current caucus: null = joint session; otherwise the side the mediator is talking to.
    caucusSide: text("caucus_side", { enum: ["applicant", "respondent"] }),
    recordingOn: integer("recording_on", { mode: "boolean" }).notNull().default(false),
    // 笔录: the mediator's running record, saved with a version against lost updates.
    record: text("record").notNull().default(""),
    recordVersion: integer("record_version").notNull().default(0),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(now),
  },
  (t) => [index("mediation_sessions_case_idx").on(t.caseId, t.scheduledAt), index("mediation_sessions_due_idx").on(t.status, t.scheduledAt)],
);

// Who is in the lobby or the room of a session, and whether the mediator checked their identity.
export const admissions = sqliteTable(
  "admissions",
  {
    sessionId: text("session_id")
      .notNull()
      .references(() => mediationSessions.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    side: text("side", { enum: ["applicant", "respondent", "mediator"] }).notNull(),
    state: text("state", { enum: ["waiting", "admitted", "sent_away"] }).notNull().default("waiting"),
    identityCheckedAt: integer("identity_checked_at", { mode: "timestamp_ms" }),
    recordingConsent: integer("recording_consent", { mode: "boolean" }),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.userId] })],
);

// Chat of sessions and of the case thread. The autoincrement id orders everything and is what a
// reconnecting client asks "everything after" for.
export const messages = sqliteTable(
  "messages",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    caseId: text("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    sessionId: text("session_id").references(() => mediationSessions.id, { onDelete: "cascade" }),
    channel: text("channel").notNull(),
    senderId: text("sender_id")
      .notNull()
      .references(() => users.id),
    senderLabel: text("sender_label").notNull(),
    body: text("body").notNull(),
    clientId: text("client_id").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(now),
  },
  (t) => [uniqueIndex("messages_sender_client_uq").on(t.senderId, t.clientId), index("messages_case_idx").on(t.caseId, t.sessionId, t.id)],
);

// Each party's answer to the session record: undisputed facts confirmed, or what they dispute.
export const recordConfirmations = sqliteTable(
  "record_confirmations",
  {
    sessionId: text("session_id")
      .notNull()
      .references(() => mediationSessions.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    recordVersion: integer("record_version").notNull(),
    confirmed: integer("confirmed", { mode: "boolean" }).notNull(),
    disputed: text("disputed"),
    at: integer("at", { mode: "timestamp_ms" }).notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.userId] })],
);

// 送达地址确认书 (Art 17): each party confirms their address for service once per case.
export const serviceAddresses = sqliteTable(
  "service_addresses",
  {
    partyId: text("party_id")
      .primaryKey()
      .references(() => caseParties.id, { onDelete: "cascade" }),
    caseId: text("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    address: text("address").notNull(),
    phone: text("phone").notNull(),
    confirmedAt: integer("confirmed_at", { mode: "timestamp_ms" }).notNull().default(now),
  },
  (t) => [index("service_addresses_case_idx").on(t.caseId)],
);

// Structured offers between sessions: amount, terms, deadline; accepted terms feed the agreement.
export const offers = sqliteTable(
  "offers",
  {
    id: text("id").primaryKey(),
    caseId: text("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    fromSide: text("from_side", { enum: ["applicant", "respondent"] }).notNull(),
    fromUserId: text("from_user_id")
      .notNull()
      .references(() => users.id),
    amountFen: integer("amount_fen"),
    terms: text("terms").notNull(),
    payBy: text("pay_by"), // YYYY-MM-DD: the deadline of performance offered
    status: text("status", { enum: ["open", "accepted", "rejected", "countered", "withdrawn"] }).notNull().default("open"),
    parentId: text("parent_id"),
    respondedById: text("responded_by_id").references(() => users.id),
    respondedAt: integer("responded_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(now),
  },
  (t) => [index("offers_case_idx").on(t.caseId, t.createdAt)],
);

export type MediationSession = typeof mediationSessions.$inferSelect;
export type Admission = typeof admissions.$inferSelect;
export type Message = typeof messages.$inferSelect;
export type Offer = typeof offers.$inferSelect;

// 调解协议书: one per case. Its text lives in numbered versions; signatures point at a version.
export const agreements = sqliteTable(
  "agreements",
  {
    id: text("id").primaryKey(),
    caseId: text("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id),
    // Stored as XY2026000123, printed as 云解纷协〔2026〕000123号; the verify page's key.
    docNo: text("doc_no").notNull(),
    status: text("status", { enum: AGREEMENT_STATUSES }).notNull().default("drafting"),
    currentVersion: integer("current_version").notNull().default(0),
    effectiveAt: integer("effective_at", { mode: "timestamp_ms" }),
    // The issued, sealed PDF (content-addressed blob) and the hash of the version it carries.
    pdfSha256: text("pdf_sha256"),
    pdfSize: integer("pdf_size"),
    contentSha256: text("content_sha256"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(now),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull().default(now),
  },
  (t) => [
    // One live agreement per case; one set aside when the parties mediate again stays on file.
    uniqueIndex("agreements_case_uq").on(t.caseId).where(sql`${t.status} != 'superseded'`),
    uniqueIndex("agreements_doc_no_uq").on(t.docNo),
    index("agreements_pdf_idx").on(t.pdfSha256),
    // The board's 司法确认-window section: effective agreements by when they took effect.
    index("agreements_effective_idx").on(t.status, t.effectiveAt),
  ],
);

export const agreementVersions = sqliteTable(
  "agreement_versions",
  {
    id: text("id").primaryKey(),
    agreementId: text("agreement_id")
      .notNull()
      .references(() => agreements.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    content: text("content", { mode: "json" }).$type<AgreementContent>().notNull(),
    // SHA-256 of the canonical JSON of `content`: what a signature binds to.
    contentSha256: text("content_sha256").notNull(),
    signMode: text("sign_mode", { enum: ["electronic", "wet"] }).notNull(),
    authorId: text("author_id")
      .notNull()
      .references(() => users.id),
    note: text("note"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(now),
  },
  (t) => [uniqueIndex("agreement_versions_uq").on(t.agreementId, t.version)],
);

export const agreementComments = sqliteTable(
  "agreement_comments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    agreementId: text("agreement_id")
      .notNull()
      .references(() => agreements.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    authorId: text("author_id")
      .notNull()
      .references(() => users.id),
    authorLabel: text("author_label").notNull(),
    body: text("body").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(now),
  },
  (t) => [index("agreement_comments_idx").on(t.agreementId, t.id)],
);

export const agreementSignatures = sqliteTable(
  "agreement_signatures",
  {
    id: text("id").primaryKey(),
    agreementId: text("agreement_id")
      .notNull()
      .references(() => agreements.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    contentSha256: text("content_sha256").notNull(),
    // Whose place on the signature block: a case party's id, or "mediator".
    slot: text("slot").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    name: text("name").notNull(),
    roleLabel: text("role_label").notNull(),
    method: text("method", { enum: ["otp_handwritten", "wet_scan"] }).notNull(),
    imageSha256: text("image_sha256"), // the drawn signature (PNG blob)
    ip: text("ip"),
    userAgent: text("user_agent"),
    signedAt: integer("signed_at", { mode: "timestamp_ms" }).notNull().default(now),
    voidedAt: integer("voided_at", { mode: "timestamp_ms" }),
    voidReason: text("void_reason"),
  },
  (t) => [
    // One live signature per place: two taps of 签署 cannot both count.
    uniqueIndex("agreement_signatures_live_uq").on(t.agreementId, t.slot).where(sql`${t.voidedAt} is null`),
    index("agreement_signatures_idx").on(t.agreementId, t.version),
  ],
);

// One-time codes sent by SMS, hashed, bound to the signer and what they sign: a version of an
// agreement, or a joint application (司法确认, 赋强公证). Exactly one of the two ids is set.
export const signCodes = sqliteTable(
  "sign_codes",
  {
    id: text("id").primaryKey(),
    agreementId: text("agreement_id").references(() => agreements.id, { onDelete: "cascade" }),
    handoffId: text("handoff_id").references(() => handoffs.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    version: integer("version").notNull(), // the agreement version read; 0 for an application
    codeHash: text("code_hash").notNull(),
    attempts: integer("attempts").notNull().default(0),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(now),
  },
  (t) => [index("sign_codes_user_idx").on(t.agreementId, t.userId, t.createdAt), index("sign_codes_handoff_idx").on(t.handoffId, t.userId, t.createdAt)],
);

// The wet-signed paper copy (电子签名法 Art 3), page by page, uploaded by the mediator.
export const agreementScans = sqliteTable(
  "agreement_scans",
  {
    id: text("id").primaryKey(),
    agreementId: text("agreement_id")
      .notNull()
      .references(() => agreements.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    page: integer("page").notNull(),
    sha256: text("sha256").notNull(),
    mime: text("mime").notNull(),
    size: integer("size").notNull(),
    uploaderId: text("uploader_id")
      .notNull()
      .references(() => users.id),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(now),
  },
  (t) => [index("agreement_scans_idx").on(t.agreementId, t.version, t.page)],
);

export type Agreement = typeof agreements.$inferSelect;
export type AgreementVersion = typeof agreementVersions.$inferSelect;
export type AgreementSignature = typeof agreementSignatures.$inferSelect;

// 裁: what happens after the agreement (or after a failed mediation). One row per application:
// 司法确认 to a court, 赋强公证 to a notary office, or the transfer of a failed case to arbitration or
// court filing. The receiving body's inbox lists these rows.
export const handoffs = sqliteTable(
  "handoffs",
  {
    id: text("id").primaryKey(),
    caseId: text("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    agreementId: text("agreement_id").references(() => agreements.id),
    kind: text("kind", { enum: HANDOFF_KINDS }).notNull(),
    targetOrgId: text("target_org_id")
      .notNull()
      .references(() => organisations.id),
    // Why this body is competent, e.g. "调解组织所在地基层人民法院（民事诉讼法第二百零五条）".
    basis: text("basis").notNull(),
    status: text("status", { enum: HANDOFF_STATUSES }).notNull().default("applying"),
    startedById: text("started_by_id")
      .notNull()
      .references(() => users.id),
    // Sent to the receiving body (both parties applied; or the transfer was sent).
    submittedAt: integer("submitted_at", { mode: "timestamp_ms" }),
    acceptDue: integer("accept_due", { mode: "timestamp_ms" }),
    acceptedAt: integer("accepted_at", { mode: "timestamp_ms" }),
    handlerId: text("handler_id").references(() => users.id), // the judge, notary or arbitrator
    refNo: text("ref_no"), // 调确字 case number, 公证书 number, or the receiving body's own number
    decisionDue: integer("decision_due", { mode: "timestamp_ms" }),
    extendedAt: integer("extended_at", { mode: "timestamp_ms" }),
    extensionReason: text("extension_reason"),
    decidedAt: integer("decided_at", { mode: "timestamp_ms" }),
    // valid / rejected (court), issued / refused (notary), declined (not accepted), acknowledged (transfer)
    outcome: text("outcome"),
    outcomeGround: text("outcome_ground"), // e.g. the 民诉解释 Art 358 ground of a rejection
    outcomeNote: text("outcome_note"),
    // 执行证书 (赋强公证 only): the creditor's request after a default, and the notary's answer.
    execRequestedAt: integer("exec_requested_at", { mode: "timestamp_ms" }),
    execRequestedById: text("exec_requested_by_id").references(() => users.id),
    execIssuedAt: integer("exec_issued_at", { mode: "timestamp_ms" }),
    execNote: text("exec_note"),
    // When the deadline warnings went out (once each).
    warnedAt: integer("warned_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(now),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull().default(now),
  },
  (t) => [
    index("handoffs_case_idx").on(t.caseId, t.createdAt),
    index("handoffs_inbox_idx").on(t.targetOrgId, t.status, t.submittedAt),
    index("handoffs_due_idx").on(t.status, t.acceptDue),
    index("handoffs_decision_due_idx").on(t.status, t.decisionDue),
  ],
);

// Each party's part in a joint application, signed with a one-time code (like the agreement).
export const handoffApplicants = sqliteTable(
  "handoff_applicants",
  {
    id: text("id").primaryKey(),
    handoffId: text("handoff_id")
      .notNull()
      .references(() => handoffs.id, { onDelete: "cascade" }),
    partyId: text("party_id")
      .notNull()
      .references(() => caseParties.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    ip: text("ip"),
    userAgent: text("user_agent"),
    signedAt: integer("signed_at", { mode: "timestamp_ms" }).notNull().default(now),
  },
  (t) => [uniqueIndex("handoff_applicants_uq").on(t.handoffId, t.partyId)],
);

// 履行: the payment schedule of an effective agreement, one row per instalment.
export const instalments = sqliteTable(
  "instalments",
  {
    id: text("id").primaryKey(),
    caseId: text("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    agreementId: text("agreement_id")
      .notNull()
      .references(() => agreements.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    dueDate: text("due_date").notNull(), // YYYY-MM-DD, China date
    amountFen: integer("amount_fen").notNull(),
    payerPartyId: text("payer_party_id").notNull(),
    payeePartyId: text("payee_party_id").notNull(),
    paidAt: integer("paid_at", { mode: "timestamp_ms" }),
    confirmedById: text("confirmed_by_id").references(() => users.id),
    remindedAt: integer("reminded_at", { mode: "timestamp_ms" }),
    overdueAt: integer("overdue_at", { mode: "timestamp_ms" }), // when it was found unpaid after its due date
  },
  (t) => [uniqueIndex("instalments_uq").on(t.agreementId, t.seq), index("instalments_due_idx").on(t.paidAt, t.dueDate)],
);

// Every document the platform issues and anyone may verify: agreements, rulings, 公证书, 执行证书.
export const documents = sqliteTable(
  "documents",
  {
    id: text("id").primaryKey(),
    docNo: text("doc_no").notNull(), // as printed; the verify page's key
    kind: text("kind", { enum: DOCUMENT_KINDS }).notNull(),
    caseId: text("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    issuerOrgId: text("issuer_org_id")
      .notNull()
      .references(() => organisations.id),
    title: text("title").notNull(),
    // What the verify page says about it now, e.g. 已生效 / 已经人民法院裁定确认有效.
    status: text("status").notNull(),
    pdfSha256: text("pdf_sha256").notNull(),
    pdfSize: integer("pdf_size").notNull(),
    issuedAt: integer("issued_at", { mode: "timestamp_ms" }).notNull().default(now),
  },
  (t) => [uniqueIndex("documents_doc_no_uq").on(t.docNo), index("documents_sha_idx").on(t.pdfSha256), index("documents_case_idx").on(t.caseId)],
);

export type Handoff = typeof handoffs.$inferSelect;
export type Instalment = typeof instalments.$inferSelect;
export type IssuedDocument = typeof documents.$inferSelect;

// 满意度: each party rates the service once the mediation is over (issue 7). The mediator and the
// organisation are frozen at the time, so a later reassignment does not move a rating.
export const ratings = sqliteTable(
  "ratings",
  {
    id: text("id").primaryKey(),
    caseId: text("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    partyId: text("party_id")
      .notNull()
      .references(() => caseParties.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    mediatorId: text("mediator_id").references(() => users.id),
    orgId: text("org_id").references(() => organisations.id),
    mediatorScore: integer("mediator_score").notNull(), // 1-5
    processScore: integer("process_score").notNull(), // 1-5
    outcomeScore: integer("outcome_score").notNull(), // 1-5
    comment: text("comment"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(now),
  },
  (t) => [uniqueIndex("ratings_party_uq").on(t.caseId, t.partyId), index("ratings_mediator_idx").on(t.mediatorId, t.createdAt), index("ratings_org_idx").on(t.orgId, t.createdAt)],
);

export type Rating = typeof ratings.$inferSelect;

// ---------------------------------------------------------------- 统计 (issue 7, ADR 018)
// The statistics pages read these small tables instead of a million cases. Triggers
// (migrations/0011_stats.sql) keep them in the same transaction as every change of a case, an
// instalment, an agreement's standing or a rating; tests/integration/stats-precomputed.test.ts
// checks that they always equal counting the rows themselves. Empty strings stand for "none"
// (unrouted, no category) so that they can be part of a primary key.

// What each filed case contributes, as last counted: the triggers take exactly this out again
// when the case changes, even where the inputs (the agreement's date) are in another table.
export const statsCaseFacts = sqliteTable("stats_case_facts", {
  caseId: text("case_id").primaryKey(),
  month: text("month").notNull(), // YYYY-MM of submission, China time
  regionCode: text("region_code").notNull(),
  orgId: text("org_id").notNull(),
  category: text("category").notNull(),
  kind: text("kind").notNull(),
  // open (being routed or mediated) | agreed (not yet effective) | success | failure | ended (refused, expired, withdrawn)
  stage: text("stage").notNull(),
  // confirmed | notarised | pending (confirming, notarising) | null
  handoff: text("handoff"),
  days: integer("days"), // whole days from submission to the end of mediation; success and failure only
});

export const statsCells = sqliteTable(
  "stats_cells",
  {
    month: text("month").notNull(),
    regionCode: text("region_code").notNull(),
    orgId: text("org_id").notNull(),
    category: text("category").notNull(),
    kind: text("kind").notNull(),
    filed: integer("filed").notNull().default(0),
    open: integer("open").notNull().default(0),
    agreed: integer("agreed").notNull().default(0),
    success: integer("success").notNull().default(0),
    failure: integer("failure").notNull().default(0),
    ended: integer("ended").notNull().default(0),
    confirmed: integer("confirmed").notNull().default(0),
    notarised: integer("notarised").notNull().default(0),
    pending: integer("pending").notNull().default(0), // 司法确认 or 赋强公证 under way
  },
  (t) => [primaryKey({ columns: [t.month, t.regionCode, t.orgId, t.category, t.kind] })],
);

// Days from filing to the end of mediation, as a histogram: medians and 90th percentiles are read from it.
export const statsDays = sqliteTable(
  "stats_days",
  {
    month: text("month").notNull(),
    regionCode: text("region_code").notNull(),
    orgId: text("org_id").notNull(),
    days: integer("days").notNull(),
    n: integer("n").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.month, t.regionCode, t.orgId, t.days] })],
);

// Instalments of live (not superseded) agreements by due date: how many, paid, paid on or before the due date.
export const statsInstalments = sqliteTable(
  "stats_instalments",
  {
    dueDate: text("due_date").notNull(),
    regionCode: text("region_code").notNull(),
    orgId: text("org_id").notNull(),
    total: integer("total").notNull().default(0),
    paid: integer("paid").notNull().default(0),
    onTime: integer("on_time").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.dueDate, t.regionCode, t.orgId] })],
);

// Ratings by the month they were given: count and the sums of the three scores.
export const statsRatings = sqliteTable(
  "stats_ratings",
  {
    month: text("month").notNull(),
    regionCode: text("region_code").notNull(),
    orgId: text("org_id").notNull(),
    n: integer("n").notNull().default(0),
    mediatorSum: integer("mediator_sum").notNull().default(0),
    processSum: integer("process_sum").notNull().default(0),
    outcomeSum: integer("outcome_sum").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.month, t.regionCode, t.orgId] })],
);
