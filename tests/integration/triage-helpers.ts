// Helpers for the 分 (triage) integration tests on the seeded demo world: who is who, filing a
// case through the real services, and reading back what was written (timeline, notices, SMS).
import { asc, count, eq, type SQL } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { expect } from "vitest";
import { citizenFilingSchema, type PartyInput } from "~/lib/case-schemas";
import { getDb } from "../../db/client";
import { assignments, caseEvents, caseParties, cases, counters, invitations, notifications, organisations, outbox, users } from "../../db/schema";
import { startSession } from "../../server/auth/accounts";
import type { SessionUser } from "../../server/auth/session";
import { createDraft, submitDraft, type SubmitInput } from "../../server/cases/filing";
import { consent, verifyInvitation } from "../../server/triage/consent";
import { acceptCase } from "../../server/triage/decisions";
import { isAppError, type AppError, type AppErrorCode } from "../../server/lib/errors";
import { idNumber } from "./helpers";

export const PHONE = {
  liMing: "13900000001",
  wangFang: "13900000002",
  zhaoDawei: "13900000003",
  qianXiuying: "13900000004",
  dispatcher: "13800000010", // 赵敏, 矛调中心 530102
  cuihu: "13800000101", // 李桂芬, 翠湖社区
  huashan: "13800000102", // 王建国, 华山街道
  wuhua: "13800000103", // 张丽, 五华区
  traffic: "13800000104", // 刘强
  courtInvited: "13800000105", // 陈静
  lawyerStudio: "13800000106", // 杨帆
  association: "13800000110", // 黄海, 五华区调解协会人民调解委员会
  lawyer: "13800000201", // 何志远
  judge: "13800000301", // 林晓
} as const;

export const ORG = {
  cuihu: "翠湖社区人民调解委员会",
  huashan: "华山街道人民调解委员会",
  wuhua: "五华区人民调解委员会",
  association: "五华区调解协会人民调解委员会",
  courtInvited: "五华区人民法院特邀调解工作室",
  court: "昆明市五华区人民法院",
} as const;

function sessionUser(where: SQL, what: string): SessionUser {
  const u = getDb().select({ id: users.id, name: users.name, role: users.role, phone: users.phone, active: users.active }).from(users).where(where).get();
  if (!u) throw new Error(`no user with ${what}`);
  return u;
}

export function userByPhone(phone: string): SessionUser {
  return sessionUser(eq(users.phone, phone), `phone ${phone}`);
}

export function userById(id: string): SessionUser {
  return sessionUser(eq(users.id, id), `id ${id}`);
}

/** A Cookie header with a fresh session for `u`, for calling loaders and actions as them. */
export function cookieOf(u: SessionUser): string {
  return `yjf_session=${startSession(u.id, u.role, { ip: "127.0.0.1" }).token}`;
}

export function idNumberOf(phone: string): string {
  return getDb().select({ idNumber: users.idNumber }).from(users).where(eq(users.phone, phone)).get()!.idNumber;
}

export function orgId(name: string): string {
  const o = getDb().select({ id: organisations.id }).from(organisations).where(eq(organisations.name, name)).get();
  if (!o) throw new Error(`no organisation ${name}`);
  return o.id;
}

export function orgName(id: string | null): string | null {
  if (!id) return null;
  return getDb().select({ name: organisations.name }).from(organisations).where(eq(organisations.id, id)).get()?.name ?? null;
}

// Each case gets its own respondent: the same filer naming the same respondent again is graded
// as a repeated filing (yellow, then red), which would change the routing under test.
let seq = 400;
export type Respondent = Extract<PartyInput, { kind: "person" }>;
export function newRespondent(name = "陈立新"): Respondent {
  const n = seq++;
  return { kind: "person", name, idNumber: idNumber(n), phone: `1370000${String(n).padStart(4, "0")}`, address: "昆明市五华区翠湖南路12号2单元401室" };
}

export const NEIGHBOUR = {
  category: "邻里",
  regionCode: "530102",
  areaCode: "530102001",
  address: "昆明市五华区翠湖南路12号",
  facts: "楼上住户长期在夜间发出噪音，多次沟通无果，影响家人休息。",
  claims: "请求对方夜间停止噪音并赔礼道歉",
  applicantAddress: "昆明市五华区翠湖南路12号2单元301室",
};

export function citizenInput(over: Record<string, unknown> = {}, respondent: Respondent = newRespondent()): SubmitInput {
  return { source: "citizen", data: citizenFilingSchema.parse({ ...NEIGHBOUR, respondents: [respondent], ...over }) };
}

/** A citizen's draft, submitted: the normal way a case enters the system. */
export async function fileCase(user: SessionUser, input: SubmitInput = citizenInput(), now?: Date) {
  const caseId = createDraft(user);
  const result = await submitDraft(user, caseId, input, now);
  return { ...result, caseId };
}

export function caseRow(id: string) {
  return getDb().select().from(cases).where(eq(cases.id, id)).get()!;
}

export function eventsOf(caseId: string) {
  return getDb().select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(asc(caseEvents.id)).all();
}

export function notesOf(userId: string, caseId: string) {
  return getDb()
    .select()
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(asc(notifications.id))
    .all()
    .filter((n) => n.caseId === caseId);
}

export function smsTo(phone: string) {
  return getDb().select().from(outbox).where(eq(outbox.to, phone)).orderBy(asc(outbox.id)).all();
}

export function assignmentsOf(caseId: string) {
  return getDb().select().from(assignments).where(eq(assignments.caseId, caseId)).orderBy(asc(assignments.assignedAt), asc(assignments.decidedAt)).all();
}

export function invitationsOf(caseId: string) {
  return getDb().select().from(invitations).where(eq(invitations.caseId, caseId)).all();
}

export function partiesOf(caseId: string) {
  return getDb().select().from(caseParties).where(eq(caseParties.caseId, caseId)).all();
}

/** The link token and code of the latest invitation SMS to `phone` (reminders skipped). */
export function invitationSms(phone: string): { token: string; code: string; body: string } {
  const body = smsTo(phone)
    .map((r) => r.body)
    .filter((b) => b.includes("/invite/"))
    .at(-1);
  if (!body) throw new Error(`no invitation SMS to ${phone}`);
  const token = /\/invite\/([a-z2-7]{32})/.exec(body)?.[1];
  const code = /验证码 (\d{6})/.exec(body)?.[1];
  if (!token || !code) throw new Error(`not an invitation SMS: ${body}`);
  return { token, code, body };
}

/** Awaits a rejection and checks it is the AppError we expect. */
export async function rejects(p: Promise<unknown> | (() => unknown), code: AppErrorCode, message?: string | RegExp): Promise<AppError> {
  let err: unknown = null;
  try {
    await (typeof p === "function" ? p() : p);
  } catch (e) {
    err = e;
  }
  expect(err, "expected an AppError to be thrown").not.toBeNull();
  if (!isAppError(err)) throw err;
  expect(err.code).toBe(code);
  if (typeof message === "string") expect(err.message).toBe(message);
  else if (message) expect(err.message).toMatch(message);
  return err;
}

/** Row counts of everything a triage step may write, to show that a refused step wrote nothing. */
export function snapshot() {
  const db = getDb();
  const n = (table: SQLiteTable) => db.select({ n: count() }).from(table).get()!.n;
  return {
    caseParties: n(caseParties),
    caseEvents: n(caseEvents),
    assignments: n(assignments),
    invitations: n(invitations),
    notifications: n(notifications),
    outbox: n(outbox),
    users: n(users),
    counters: db.select().from(counters).all(),
    cases: db.select({ id: cases.id, status: cases.status, version: cases.version, caseNo: cases.caseNo }).from(cases).orderBy(asc(cases.id)).all(),
  };
}

/**
 * A neighbour case filed by `applicant`, accepted by `mediator`, the respondent verified through
 * the SMS invitation and consenting: the case is in mediation.
 */
export async function inMediation(applicant: SessionUser, mediator: SessionUser, password = "Huijie2026") {
  const r = newRespondent();
  const { caseId, caseNo } = await fileCase(applicant, citizenInput({}, r));
  await acceptCase(mediator, caseId, { conflict: "none" });
  const { token, code } = invitationSms(r.phone);
  await verifyInvitation(token, { code, name: r.name, idNumber: r.idNumber, password }, { ip: "127.0.0.1", userAgent: "vitest" });
  const respondent = userByPhone(r.phone);
  await consent(respondent, caseId);
  return { caseId, caseNo, respondent, r };
}
