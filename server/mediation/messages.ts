// Chat: stored before anyone sees it; who may read which channel is decided here, once.
import { and, asc, eq, gt, inArray, isNull } from "drizzle-orm";
import { getDb } from "../../db/client";
import { admissions, messages, type Message } from "../../db/schema";
import type { Channel, RoomMessage } from "../../app/lib/room-protocol";
import type { SessionUser } from "../auth/session";
import { AppError } from "../lib/errors";
import { loadCaseFor, type CaseView } from "../cases/access";
import { getSession } from "./sessions";

export type Side = "applicant" | "respondent" | "mediator";

/** The side a user takes in the case's mediation, or null (dispatchers, courts: not in rooms). */
export function sideOf(view: CaseView): Side | null {
  if (view.roles.includes("mediator")) return "mediator";
  if (view.roles.includes("applicant") || (view.roles.includes("filer") && view.row.source === "lawyer_referral")) return "applicant";
  if (view.roles.includes("respondent")) return "respondent";
  return null;
}

/** What a side may read (and write): a party never sees the other side's caucus or the notes. */
export function channelsFor(side: Side): Channel[] {
  if (side === "mediator") return ["joint", "caucus:applicant", "caucus:respondent", "notes", "thread"];
  return ["joint", `caucus:${side}`, "thread"];
}

export function toRoomMessage(m: Message): RoomMessage {
  return {
    id: m.id,
    caseId: m.caseId,
    sessionId: m.sessionId,
    channel: m.channel as Channel,
    senderId: m.senderId,
    senderLabel: m.senderLabel,
    body: m.body,
    clientId: m.clientId,
    createdAt: m.createdAt.toISOString(),
  };
}

function senderLabel(user: SessionUser, side: Side): string {
  return `${user.name}（${side === "mediator" ? "调解员" : side === "applicant" ? "申请人方" : "被申请人方"}）`;
}

export type PostInput = { caseId: string; sessionId: string | null; channel: Channel; body: string; clientId: string };

/**
 * Stores a message if this user may post it there. Returns the stored row (the same row again
 * for a resend with the same clientId) and whether it is new.
 */
export function postMessage(user: SessionUser, input: PostInput): { message: RoomMessage; fresh: boolean } {
  const view = loadCaseFor(user, input.caseId);
  const side = sideOf(view);
  if (!side) throw new AppError("FORBIDDEN", "您不是本案调解的参与人");
  if (!channelsFor(side).includes(input.channel)) throw new AppError("FORBIDDEN", "您不能在该频道发言");
  if (input.channel === "thread") {
    if (input.sessionId) throw new AppError("BAD_INPUT", "案件留言不属于某次调解");
    if (!["mediating", "agreed"].includes(view.row.status)) throw new AppError("CONFLICT", "案件不在调解阶段，不能留言");
  } else {
    if (!input.sessionId) throw new AppError("BAD_INPUT", "请指定调解会议");
    const s = getSession(input.caseId, input.sessionId);
    if (s.status !== "open") throw new AppError("CONFLICT", s.status === "ended" ? "本次调解已结束" : "调解尚未开始");
    if (side !== "mediator") {
      const a = getDb().select().from(admissions).where(and(eq(admissions.sessionId, s.id), eq(admissions.userId, user.id))).get();
      if (a?.state !== "admitted") throw new AppError("FORBIDDEN", "请等待调解员允许您进入调解室");
    }
  }
  const db = getDb();
  const existing = db.select().from(messages).where(and(eq(messages.senderId, user.id), eq(messages.clientId, input.clientId))).get();
  if (existing) {
    if (existing.caseId !== input.caseId || existing.body !== input.body) throw new AppError("CONFLICT", "消息编号重复");
    return { message: toRoomMessage(existing), fresh: false };
  }
  const row = db
    .insert(messages)
    .values({ caseId: input.caseId, sessionId: input.sessionId, channel: input.channel, senderId: user.id, senderLabel: senderLabel(user, side), body: input.body, clientId: input.clientId })
    .returning()
    .get();
  return { message: toRoomMessage(row), fresh: true };
}

/** Everything after `afterId` this user may read, in order: how a reconnecting client catches up. */
export function history(user: SessionUser, caseId: string, sessionId: string | null, afterId: number, limit = 500): RoomMessage[] {
  const view = loadCaseFor(user, caseId);
  const side = sideOf(view);
  if (!side) throw new AppError("FORBIDDEN", "您不是本案调解的参与人");
  // A party in the lobby (or sent away) reads nothing of the session until admitted.
  if (sessionId && side !== "mediator") {
    getSession(caseId, sessionId);
    const a = getDb().select().from(admissions).where(and(eq(admissions.sessionId, sessionId), eq(admissions.userId, user.id))).get();
    if (a?.state !== "admitted") throw new AppError("FORBIDDEN", "请等待调解员允许您进入调解室");
  }
  return getDb()
    .select()
    .from(messages)
    .where(
      and(
        eq(messages.caseId, caseId),
        sessionId ? eq(messages.sessionId, sessionId) : isNull(messages.sessionId),
        inArray(messages.channel, channelsFor(side)),
        gt(messages.id, afterId),
      ),
    )
    .orderBy(asc(messages.id))
    .limit(limit)
    .all()
    .map(toRoomMessage);
}
