// Socket handlers of the mediation room. Every event is parsed with the shared protocol schema
// and re-authorised by the services (which load the case for this user); delivery goes through
// socket.io rooms that a socket joins only after the server has checked it belongs there, so a
// caucus, the notes and signaling can never reach the other side, whatever a browser sends.
import { and, eq } from "drizzle-orm";
import type { Server, Socket } from "socket.io";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { z as zod, type z } from "zod";
import { getDb } from "../../db/client";
import { admissions, mediationSessions, type Admission, type MediationSession } from "../../db/schema";
import {
  admitSchema,
  caucusSchema,
  chatSendSchema,
  EV,
  historySchema,
  joinSchema,
  muteSchema,
  recordingSchema,
  recordSaveSchema,
  sendAwaySchema,
  signalSchema,
  threadJoinSchema,
  leaveSchema,
  type Ack,
  type Presence,
  type RoomState,
} from "../../app/lib/room-protocol";
import type { SessionUser } from "../auth/session";
import { AppError, isAppError } from "../lib/errors";
import { loadCaseFor } from "../cases/access";
import { history, postMessage, sideOf, type Side } from "./messages";
import { postRoomMessage } from "./fast-chat";
import { admit, joinRoom, saveRecord, sendAway, setCaucus, setRecordingConsent } from "./room";

// Zod's own messages (wrong types, missing fields) in Chinese, like the HTTP API's.
const zhCN = zod.locales.zhCN().localeError;

const r = {
  user: (sid: string, uid: string) => `s:${sid}:u:${uid}`,
  admitted: (sid: string) => `s:${sid}:admitted`,
  lobby: (sid: string) => `s:${sid}:lobby`,
  channel: (sid: string, ch: string) => `s:${sid}:ch:${ch}`,
  thread: (caseId: string) => `c:${caseId}:thread`,
};

type Joined = { caseId: string; side: Side };
type Data = { user: SessionUser; rooms?: Map<string, Joined> };

// Who is connected to which session: sessionId → userId → socket ids. One process, so memory.
const online = new Map<string, Map<string, Set<string>>>();

// Floods are cut per socket: chat and room actions, and (more generously) WebRTC signaling.
const eventsLimiter = new RateLimiterMemory({ points: 40, duration: 10 });
const signalLimiter = new RateLimiterMemory({ points: 400, duration: 10 });

function roomsOf(socket: Socket): Map<string, Joined> {
  const d = socket.data as Data;
  d.rooms ??= new Map();
  return d.rooms;
}

const nameCache = new Map<string, string>();

type Snapshot = { session: MediationSession; people: Admission[] };

/** What the room looks like now: read once per broadcast, then cut per socket by stateFor. */
function snapshotOf(sessionId: string): Snapshot {
  const db = getDb();
  return {
    session: db.select().from(mediationSessions).where(eq(mediationSessions.id, sessionId)).get()!,
    people: db.select().from(admissions).where(eq(admissions.sessionId, sessionId)).all(),
  };
}

function presenceOf(snap: Snapshot): Presence[] {
  const live = online.get(snap.session.id) ?? new Map();
  return snap.people
    .filter((a) => (live.get(a.userId)?.size ?? 0) > 0 && a.state !== "sent_away")
    .map((a) => {
      const name = nameCache.get(a.userId) ?? "";
      const label = `${name}（${a.side === "mediator" ? "调解员" : a.side === "applicant" ? "申请人方" : "被申请人方"}）`;
      return { userId: a.userId, name, label, side: a.side, state: a.state === "admitted" ? ("admitted" as const) : ("waiting" as const) };
    });
}

function stateFor(snap: Snapshot, userId: string, side: Side): RoomState {
  const s = snap.session;
  const mine = snap.people.find((a) => a.userId === userId);
  const consents: Record<string, boolean> = {};
  for (const a of snap.people) if (a.state === "admitted") consents[a.userId] = a.recordingConsent === true;
  return {
    sessionId: s.id,
    you: { userId, side, admitted: mine?.state === "admitted" },
    present: presenceOf(snap),
    caucus: s.caucusSide,
    recording: { on: s.recordingOn, consents },
    // The record is the mediator's working document until the parties are asked to confirm it.
    record: side === "mediator" ? { text: s.record, version: s.recordVersion } : { text: "", version: s.recordVersion },
    ended: s.status === "ended" || s.status === "cancelled",
  };
}

/** Sends each socket in the session its own view of the room (what it may see differs). */
async function broadcastState(io: Server, sessionId: string) {
  const sockets = await io.in(`s:${sessionId}:all`).fetchSockets();
  const snap = snapshotOf(sessionId);
  for (const s of sockets) {
    const d = s.data as Data;
    const joined = d.rooms?.get(sessionId);
    if (joined) s.emit(EV.state, stateFor(snap, d.user.id, joined.side));
  }
}

function fail(e: unknown): { ok: false; error: string } {
  if (isAppError(e)) return { ok: false, error: e.message };
  console.error("调解室事件处理失败", e);
  return { ok: false, error: "服务器出错，请稍后重试" };
}

export function registerRoomHandlers(io: Server, socket: Socket) {
  const user = (socket.data as Data).user;
  nameCache.set(user.id, user.name);

  function handle<S extends z.ZodTypeAny>(event: string, schema: S, fn: (p: z.infer<S>) => Promise<Record<string, unknown>> | Record<string, unknown>, limiter = eventsLimiter) {
    socket.on(event, async (raw: unknown, maybeAck: unknown) => {
      const ack = typeof maybeAck === "function" ? (maybeAck as (a: Ack<Record<string, unknown>>) => void) : () => {};
      try {
        await limiter.consume(socket.id);
      } catch {
        socket.emit(EV.notice, { level: "warn", text: "您的操作过于频繁，请稍后再试" });
        return ack({ ok: false, error: "操作过于频繁，请稍后再试" });
      }
      const parsed = schema.safeParse(raw, { error: zhCN });
      if (!parsed.success) {
        console.warn(`拒绝格式错误的事件 ${event} (user ${user.id})`);
        return ack({ ok: false, error: parsed.error.issues[0]?.message ?? "请求格式不正确" });
      }
      try {
        ack({ ok: true, ...(await fn(parsed.data)) });
      } catch (e) {
        ack(fail(e));
      }
    });
  }

  function joined(sessionId: string): Joined {
    const j = roomsOf(socket).get(sessionId);
    if (!j) throw new AppError("FORBIDDEN", "未进入该调解室");
    return j;
  }

  async function enterAdmitted(sessionId: string, side: Side) {
    const rooms = [r.admitted(sessionId)];
    if (side === "mediator") rooms.push(r.channel(sessionId, "caucus:applicant"), r.channel(sessionId, "caucus:respondent"), r.channel(sessionId, "notes"), r.lobby(sessionId));
    else rooms.push(r.channel(sessionId, `caucus:${side}`));
    return rooms;
  }

  handle(EV.join, joinSchema, async ({ caseId, sessionId }) => {
    const { side, admitted } = joinRoom(user, caseId, sessionId);
    roomsOf(socket).set(sessionId, { caseId, side });
    await socket.join([r.user(sessionId, user.id), `s:${sessionId}:all`, r.thread(caseId)]);
    if (admitted) await socket.join(await enterAdmitted(sessionId, side));
    const live = online.get(sessionId) ?? new Map<string, Set<string>>();
    online.set(sessionId, live);
    const mine = live.get(user.id) ?? new Set<string>();
    mine.add(socket.id);
    live.set(user.id, mine);
    await broadcastState(io, sessionId);
    return { state: stateFor(snapshotOf(sessionId), user.id, side) };
  });

  handle(EV.admit, admitSchema, async ({ sessionId, userId }) => {
    const j = joined(sessionId);
    const { side } = admit(user, j.caseId, sessionId, userId);
    const targets = await io.in(r.user(sessionId, userId)).fetchSockets();
    for (const t of targets) {
      t.join(await enterAdmitted(sessionId, side));
      const td = t.data as Data;
      td.rooms?.set(sessionId, { caseId: j.caseId, side });
    }
    await broadcastState(io, sessionId);
    return {};
  });

  handle(EV.sendAway, sendAwaySchema, async ({ sessionId, userId, reason }) => {
    const j = joined(sessionId);
    sendAway(user, j.caseId, sessionId, userId, reason);
    io.in(r.user(sessionId, userId)).socketsLeave([r.admitted(sessionId), r.channel(sessionId, "caucus:applicant"), r.channel(sessionId, "caucus:respondent")]);
    io.to(r.user(sessionId, userId)).emit(EV.sentAway, { sessionId, reason: reason ?? null });
    await broadcastState(io, sessionId);
    return {};
  });

  handle(EV.chat, chatSendSchema, (input) => {
    // Session chat goes through the fast path with the side fixed at join, re-checked against
    // the database on every message (session open, admission, still the case's mediator).
    if (input.sessionId) {
      const j = joined(input.sessionId);
      if (j.caseId !== input.caseId) throw new AppError("FORBIDDEN", "案件与调解会议不符");
    }
    const { message, fresh } = input.sessionId ? postRoomMessage(user, roomsOf(socket).get(input.sessionId)!.side, input) : postMessage(user, input);
    if (fresh) {
      const room = input.channel === "thread" ? r.thread(input.caseId) : input.channel === "joint" ? r.admitted(input.sessionId!) : r.channel(input.sessionId!, input.channel);
      io.to(room).emit(EV.message, message);
    }
    return { message };
  });

  handle(EV.history, historySchema, ({ caseId, sessionId, afterId }) => {
    if (sessionId && joined(sessionId).caseId !== caseId) throw new AppError("FORBIDDEN", "案件与调解会议不符");
    return { messages: history(user, caseId, sessionId, afterId) };
  });

  handle(EV.caucus, caucusSchema, async ({ sessionId, side }) => {
    const j = joined(sessionId);
    setCaucus(user, j.caseId, sessionId, side);
    await broadcastState(io, sessionId);
    return {};
  });

  handle(
    EV.signal,
    signalSchema,
    ({ sessionId, to, channel, data }) => {
      joined(sessionId);
      const allowed = (side: Side) => channel === "joint" || side === "mediator" || channel === `caucus:${side}`;
      // Media follows the room's current shape: during a caucus with side X only "caucus:X"
      // connects; otherwise only "joint". A browser cannot keep a joint call open to listen in.
      const session = getDb().select({ caucus: mediationSessions.caucusSide }).from(mediationSessions).where(eq(mediationSessions.id, sessionId)).get();
      const current = session?.caucus ? `caucus:${session.caucus}` : "joint";
      if (channel !== current) throw new AppError("FORBIDDEN", session?.caucus ? "背对背进行中，联合通话已暂停" : "当前没有进行背对背");
      const rows = getDb().select().from(admissions).where(and(eq(admissions.sessionId, sessionId), eq(admissions.state, "admitted"))).all();
      const me = rows.find((a) => a.userId === user.id);
      const target = rows.find((a) => a.userId === to);
      if (!me || !allowed(me.side)) throw new AppError("FORBIDDEN", "您不能在该频道通话");
      if (!target || !allowed(target.side)) throw new AppError("FORBIDDEN", "对方不在该频道");
      io.to(r.user(sessionId, to)).emit(EV.signal, { sessionId, from: user.id, channel, data });
      return {};
    },
    signalLimiter,
  );

  handle(EV.mute, muteSchema, ({ sessionId, userId, kind }) => {
    const j = joined(sessionId);
    if (j.side !== "mediator") throw new AppError("FORBIDDEN", "只有调解员可以静音他人");
    io.to(r.user(sessionId, userId)).emit(EV.muted, { sessionId, kind, by: user.name });
    return {};
  });

  handle(EV.record, recordSaveSchema, ({ sessionId, text, baseVersion }) => {
    const j = joined(sessionId);
    return saveRecord(user, j.caseId, sessionId, text, baseVersion);
  });

  handle(EV.recording, recordingSchema, async ({ sessionId, consent }) => {
    const j = joined(sessionId);
    const on = setRecordingConsent(user, j.caseId, sessionId, consent);
    await broadcastState(io, sessionId);
    return { on };
  });

  // The case thread between sessions: only the case's parties and mediator may listen.
  handle(EV.threadJoin, threadJoinSchema, async ({ caseId }) => {
    if (!sideOf(loadCaseFor(user, caseId))) throw new AppError("FORBIDDEN", "您不是本案调解的参与人");
    await socket.join(r.thread(caseId));
    return {};
  });

  // Leaving the room page without closing the socket: presence drops at once.
  handle(EV.leave, leaveSchema, async ({ sessionId }) => {
    const j = roomsOf(socket).get(sessionId);
    if (!j) return {};
    roomsOf(socket).delete(sessionId);
    forget(sessionId);
    const all = [r.user(sessionId, user.id), `s:${sessionId}:all`, r.admitted(sessionId), r.lobby(sessionId), r.channel(sessionId, "caucus:applicant"), r.channel(sessionId, "caucus:respondent"), r.channel(sessionId, "notes")];
    for (const room of all) await socket.leave(room);
    await broadcastState(io, sessionId);
    return {};
  });

  function forget(sessionId: string) {
    const live = online.get(sessionId);
    const mine = live?.get(user.id);
    mine?.delete(socket.id);
    if (mine && mine.size === 0) live!.delete(user.id);
  }

  socket.on("disconnect", () => {
    for (const [sessionId] of roomsOf(socket)) {
      forget(sessionId);
      void broadcastState(io, sessionId);
    }
  });
}
