// The room of one session: lobby and admission (identity checked), caucus, recording consent,
// the record (笔录) and the parties' confirmations, the address for service. Each change that
// matters legally is written to the case timeline.
import { and, eq } from "drizzle-orm";
import { getDb } from "../../db/client";
import { admissions, caseParties, mediationSessions, recordConfirmations, serviceAddresses, users } from "../../db/schema";
import type { SessionUser } from "../auth/session";
import { AppError } from "../lib/errors";
import { loadCaseFor, type CaseView } from "../cases/access";
import { actorOf } from "../cases/actor";
import { recordEvent } from "../cases/timeline";
import { sideOf, type Side } from "./messages";
import { getSession } from "./sessions";

const SIDE_LABEL: Record<Side, string> = { mediator: "调解员", applicant: "申请人", respondent: "被申请人" };

function viewAndSide(user: SessionUser, caseId: string): { view: CaseView; side: Side } {
  const view = loadCaseFor(user, caseId);
  const side = sideOf(view);
  if (!side) throw new AppError("FORBIDDEN", "您不是本案调解的参与人");
  return { view, side };
}

/**
 * Enters the session: the mediator opens it and is in at once; a party waits in the lobby until
 * admitted (a party admitted earlier in this session comes straight back in).
 */
export function joinRoom(user: SessionUser, caseId: string, sessionId: string, now = new Date()) {
  const { view, side } = viewAndSide(user, caseId);
  const s = getSession(caseId, sessionId);
  if (s.status === "ended" || s.status === "cancelled") throw new AppError("CONFLICT", "本次调解已经结束");
  if (view.row.status !== "mediating") throw new AppError("CONFLICT", "案件不在调解阶段");
  const db = getDb();
  return db.transaction((tx) => {
    if (side === "mediator" && s.status === "scheduled") {
      tx.update(mediationSessions).set({ status: "open", startedAt: now }).where(eq(mediationSessions.id, sessionId)).run();
      recordEvent(tx, caseId, actorOf(user, "调解员"), { type: "session_opened", summary: "调解员开启调解室", data: { sessionId } });
    }
    const current = tx.select().from(admissions).where(and(eq(admissions.sessionId, sessionId), eq(admissions.userId, user.id))).get();
    if (!current) {
      tx.insert(admissions).values({ sessionId, userId: user.id, side, state: side === "mediator" ? "admitted" : "waiting", identityCheckedAt: side === "mediator" ? now : null }).run();
    } else if (current.state === "sent_away") {
      tx.update(admissions).set({ state: "waiting", updatedAt: now }).where(and(eq(admissions.sessionId, sessionId), eq(admissions.userId, user.id))).run();
    }
    const a = tx.select().from(admissions).where(and(eq(admissions.sessionId, sessionId), eq(admissions.userId, user.id))).get()!;
    return { view, side, admitted: a.state === "admitted" };
  });
}

/** The mediator admits a waiting party after checking who they are (the timeline records it). */
export function admit(mediator: SessionUser, caseId: string, sessionId: string, userId: string, now = new Date()) {
  const { side } = viewAndSide(mediator, caseId);
  if (side !== "mediator") throw new AppError("FORBIDDEN", "只有调解员可以准入");
  const s = getSession(caseId, sessionId);
  if (s.status !== "open") throw new AppError("CONFLICT", "调解室未开启");
  const db = getDb();
  return db.transaction((tx) => {
    const a = tx.select().from(admissions).where(and(eq(admissions.sessionId, sessionId), eq(admissions.userId, userId))).get();
    if (!a || a.state !== "waiting") throw new AppError("CONFLICT", "该当事人不在等候区");
    tx.update(admissions).set({ state: "admitted", identityCheckedAt: now, updatedAt: now }).where(and(eq(admissions.sessionId, sessionId), eq(admissions.userId, userId))).run();
    const u = tx.select({ name: users.name }).from(users).where(eq(users.id, userId)).get()!;
    // Someone who has not consented enters: recording stops at once (Art 22).
    if (s.recordingOn && a.recordingConsent !== true) {
      tx.update(mediationSessions).set({ recordingOn: false }).where(eq(mediationSessions.id, sessionId)).run();
      recordEvent(tx, caseId, actorOf(mediator, "调解员"), { type: "recording_off", summary: `${u.name}进入调解室且未同意录音录像，录音录像已停止`, data: { sessionId } });
    }
    recordEvent(tx, caseId, actorOf(mediator, "调解员"), {
      type: "identity_checked",
      summary: `核对${SIDE_LABEL[a.side]} ${u.name} 的身份后准许进入调解室`,
      data: { sessionId, userId },
    });
    return { userId, side: a.side };
  });
}

export function sendAway(mediator: SessionUser, caseId: string, sessionId: string, userId: string, reason?: string) {
  const { side } = viewAndSide(mediator, caseId);
  if (side !== "mediator") throw new AppError("FORBIDDEN", "只有调解员可以请当事人离开");
  getSession(caseId, sessionId);
  const db = getDb();
  return db.transaction((tx) => {
    const a = tx.select().from(admissions).where(and(eq(admissions.sessionId, sessionId), eq(admissions.userId, userId))).get();
    if (!a || a.side === "mediator") throw new AppError("CONFLICT", "该用户不在本调解室");
    tx.update(admissions).set({ state: "sent_away", updatedAt: new Date() }).where(and(eq(admissions.sessionId, sessionId), eq(admissions.userId, userId))).run();
    recordEvent(tx, caseId, actorOf(mediator, "调解员"), { type: "sent_away", summary: `请${SIDE_LABEL[a.side]}暂时离开调解室`, reason: reason ?? null, data: { sessionId, userId } });
    return { userId };
  });
}

/** Opens a caucus (背对背) with one side, or returns to the joint session (null). */
export function setCaucus(mediator: SessionUser, caseId: string, sessionId: string, caucus: "applicant" | "respondent" | null) {
  const { side } = viewAndSide(mediator, caseId);
  if (side !== "mediator") throw new AppError("FORBIDDEN", "只有调解员可以开启背对背");
  const s = getSession(caseId, sessionId);
  if (s.status !== "open") throw new AppError("CONFLICT", "调解室未开启");
  const db = getDb();
  db.transaction((tx) => {
    tx.update(mediationSessions).set({ caucusSide: caucus }).where(eq(mediationSessions.id, sessionId)).run();
    recordEvent(tx, caseId, actorOf(mediator, "调解员"), {
      type: caucus ? "caucus_opened" : "caucus_closed",
      summary: caucus ? `与${SIDE_LABEL[caucus]}方单独沟通（背对背）` : "回到联合调解",
      data: { sessionId },
    });
  });
  return caucus;
}

/**
 * Recording exists only while every admitted participant consents (在线调解规则 Art 22); any
 * withdrawal turns it off at once. Returns whether recording is now on.
 */
export function setRecordingConsent(user: SessionUser, caseId: string, sessionId: string, consent: boolean): boolean {
  viewAndSide(user, caseId);
  const s = getSession(caseId, sessionId);
  if (s.status !== "open") throw new AppError("CONFLICT", "调解室未开启");
  const db = getDb();
  return db.transaction((tx) => {
    const mine = tx.select().from(admissions).where(and(eq(admissions.sessionId, sessionId), eq(admissions.userId, user.id))).get();
    if (mine?.state !== "admitted") throw new AppError("FORBIDDEN", "请先进入调解室");
    tx.update(admissions).set({ recordingConsent: consent }).where(and(eq(admissions.sessionId, sessionId), eq(admissions.userId, user.id))).run();
    const present = tx.select().from(admissions).where(and(eq(admissions.sessionId, sessionId), eq(admissions.state, "admitted"))).all();
    const on = present.length > 1 && present.every((a) => (a.userId === user.id ? consent : a.recordingConsent === true));
    if (on !== s.recordingOn) {
      tx.update(mediationSessions).set({ recordingOn: on }).where(eq(mediationSessions.id, sessionId)).run();
      recordEvent(tx, caseId, actorOf(user, SIDE_LABEL[mine.side]), { type: on ? "recording_on" : "recording_off", summary: on ? "全体参与人同意，开始录音录像" : "有参与人未同意或撤回同意，录音录像已停止", data: { sessionId } });
    }
    return on;
  });
}

/** Saves the record; `baseVersion` must be the version the mediator edited, or CONFLICT. */
export function saveRecord(mediator: SessionUser, caseId: string, sessionId: string, text: string, baseVersion: number) {
  const { side } = viewAndSide(mediator, caseId);
  if (side !== "mediator") throw new AppError("FORBIDDEN", "只有调解员可以记录笔录");
  getSession(caseId, sessionId);
  const db = getDb();
  // What a party confirmed must stay what the record says: once anyone has answered, it is fixed.
  if (db.select().from(recordConfirmations).where(eq(recordConfirmations.sessionId, sessionId)).get())
    throw new AppError("CONFLICT", "已有当事人确认或对笔录提出异议，笔录不能再修改；如需补充，请在下次调解中另行记录");
  const r = db
    .update(mediationSessions)
    .set({ record: text, recordVersion: baseVersion + 1 })
    .where(and(eq(mediationSessions.id, sessionId), eq(mediationSessions.recordVersion, baseVersion)))
    .run();
  if (r.changes === 0) throw new AppError("CONFLICT", "笔录已在别处更新，请刷新后再改");
  return { version: baseVersion + 1 };
}

/** A party confirms the undisputed facts of the record, or says what they dispute (Art 22). */
export function confirmRecord(user: SessionUser, caseId: string, sessionId: string, input: { confirmed: boolean; disputed?: string }, now = new Date()) {
  const { side } = viewAndSide(user, caseId);
  if (side === "mediator") throw new AppError("FORBIDDEN", "笔录由当事人确认");
  const s = getSession(caseId, sessionId);
  if (!s.record.trim()) throw new AppError("CONFLICT", "笔录尚未记录内容");
  if (!input.confirmed && !input.disputed?.trim()) throw new AppError("BAD_INPUT", "请写明有异议的内容", "disputed");
  // Parties answer the record as it stands when the session ends (the page shows it then).
  if (s.status !== "ended") throw new AppError("CONFLICT", "调解结束后再确认笔录");
  const db = getDb();
  db.transaction((tx) => {
    tx.insert(recordConfirmations)
      .values({ sessionId, userId: user.id, recordVersion: s.recordVersion, confirmed: input.confirmed, disputed: input.disputed ?? null, at: now })
      .onConflictDoUpdate({ target: [recordConfirmations.sessionId, recordConfirmations.userId], set: { recordVersion: s.recordVersion, confirmed: input.confirmed, disputed: input.disputed ?? null, at: now } })
      .run();
    recordEvent(tx, caseId, actorOf(user, SIDE_LABEL[side]), {
      type: "record_confirmed",
      summary: input.confirmed ? "确认笔录中无争议的事实" : "对笔录提出异议",
      reason: input.confirmed ? null : input.disputed!,
      data: { sessionId, recordVersion: s.recordVersion },
    });
  });
}

/** 送达地址确认书: once per party per case. */
export function confirmServiceAddress(user: SessionUser, caseId: string, input: { address: string; phone: string }, now = new Date()) {
  const { view, side } = viewAndSide(user, caseId);
  if (side === "mediator") throw new AppError("FORBIDDEN", "送达地址由当事人确认");
  const party = view.parties.find((p) => p.userId === user.id || p.agentUserId === user.id);
  if (!party) throw new AppError("FORBIDDEN", "您不是本案当事人");
  const db = getDb();
  db.transaction((tx) => {
    if (tx.select().from(serviceAddresses).where(eq(serviceAddresses.partyId, party.id)).get()) throw new AppError("CONFLICT", "送达地址已确认过");
    tx.insert(serviceAddresses).values({ partyId: party.id, caseId, userId: user.id, address: input.address, phone: input.phone, confirmedAt: now }).run();
    tx.update(caseParties).set({ address: input.address }).where(eq(caseParties.id, party.id)).run();
    recordEvent(tx, caseId, actorOf(user, SIDE_LABEL[side]), { type: "service_address_confirmed", summary: "签署送达地址确认书", data: { partyId: party.id } });
  });
}

export function serviceAddressOf(caseId: string, userId: string) {
  return getDb().select().from(serviceAddresses).where(and(eq(serviceAddresses.caseId, caseId), eq(serviceAddresses.userId, userId))).get() ?? null;
}
