// The room over the socket: join (again after every reconnect), the server's view of the room,
// and the chat with catch-up. The server is the source of truth; this only mirrors it.
import { useCallback, useEffect, useRef, useState } from "react";
import type { Socket } from "socket.io-client";
import { EV, type Channel, type RoomMessage, type RoomState } from "~/lib/room-protocol";
import { useSocket } from "../realtime";
import { describeChange } from "./announce";
import { randomId, request } from "./socket-request";

export type PendingMessage = { clientId: string; channel: Channel; body: string; status: "sending" | "failed"; error?: string };
export type Announcement = { id: number; at: number; text: string };
export type Notice = { level: "info" | "warn"; text: string };

// The server returns at most this many per history call; a full page means "ask again".
const HISTORY_PAGE = 500;
const CHAT_TIMEOUT_MS = 6000;

function waitForConnect(socket: Socket, ms: number): Promise<boolean> {
  if (socket.connected) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      clearTimeout(timer);
      socket.off("connect", onConnect);
      resolve(ok);
    };
    const onConnect = () => done(true);
    const timer = setTimeout(() => done(false), ms);
    socket.on("connect", onConnect);
  });
}

export function useRoom(caseId: string, sessionId: string, myUserId: string) {
  const socket = useSocket();
  const [connected, setConnected] = useState(false);
  const [state, setState] = useState<RoomState | null>(null);
  const [messages, setMessages] = useState<RoomMessage[]>([]);
  const [pending, setPending] = useState<PendingMessage[]>([]);
  const [joinError, setJoinError] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [sentAway, setSentAway] = useState<string | null>(null);
  const [announcements, setAnnouncements] = useState<Announcement[]>([]);
  const prevState = useRef<RoomState | null>(null);
  const seq = useRef(0);

  // Catch-up cursor: every message up to `cursor` is here. It only moves once a history call
  // has answered after the latest (re)join, so a message missed while offline is never skipped
  // because a newer one arrived live first.
  const cursor = useRef(0);
  const synced = useRef(false);
  const liveMax = useRef(0);
  const generation = useRef(0);

  const merge = useCallback(
    (incoming: RoomMessage[]) => {
      const ours = incoming.filter((m) => m.sessionId === sessionId && m.caseId === caseId);
      if (ours.length === 0) return;
      setMessages((prev) => {
        const byId = new Map(prev.map((m) => [m.id, m]));
        let changed = false;
        for (const m of ours)
          if (!byId.has(m.id)) {
            byId.set(m.id, m);
            changed = true;
          }
        return changed ? [...byId.values()].sort((a, b) => a.id - b.id) : prev;
      });
      const delivered = new Set(ours.filter((m) => m.senderId === myUserId).map((m) => m.clientId));
      if (delivered.size > 0) setPending((p) => p.filter((x) => !delivered.has(x.clientId)));
    },
    [caseId, sessionId, myUserId]
  );

  const applyState = useCallback((next: RoomState) => {
    const lines = describeChange(prevState.current, next);
    prevState.current = next;
    setState(next);
    if (next.you.admitted) setSentAway(null);
    if (lines.length > 0) {
      const at = Date.now();
      setAnnouncements((a) => [...a, ...lines.map((text) => ({ id: ++seq.current, at, text }))].slice(-4));
    }
  }, []);

  // History only once admitted: a party in the lobby must not receive the session's chat.
  const catchingUp = useRef(-1);
  const catchUp = useCallback(
    async (s: Socket, gen: number) => {
      if (catchingUp.current === gen) return;
      catchingUp.current = gen;
      for (;;) {
        const h = await request<{ messages: RoomMessage[] }>(s, EV.history, { caseId, sessionId, afterId: cursor.current });
        if (gen !== generation.current) return;
        if (!h.ok) {
          catchingUp.current = -1;
          setNotice({ level: "warn", text: `聊天记录同步失败：${h.error}` });
          return;
        }
        merge(h.messages);
        cursor.current = h.messages.reduce((m, x) => Math.max(m, x.id), cursor.current);
        if (h.messages.length < HISTORY_PAGE) break;
      }
      cursor.current = Math.max(cursor.current, liveMax.current);
      synced.current = true;
      catchingUp.current = -1;
    },
    [caseId, sessionId, merge]
  );

  const join = useCallback(
    async (s: Socket) => {
      const gen = ++generation.current;
      synced.current = false;
      liveMax.current = 0;
      const r = await request<{ state: RoomState }>(s, EV.join, { caseId, sessionId });
      if (gen !== generation.current) return;
      if (!r.ok) {
        setJoinError(r.error);
        return;
      }
      setJoinError(null);
      applyState(r.state);
      if (r.state.you.admitted) await catchUp(s, gen);
    },
    [caseId, sessionId, applyState, catchUp]
  );

  useEffect(() => {
    if (!socket) return;
    const joins = generation; // cleanup cancels joins still in flight
    const onConnect = () => {
      setConnected(true);
      void join(socket);
    };
    const onDisconnect = () => {
      setConnected(false);
      synced.current = false;
    };
    const onState = (s: RoomState) => {
      if (s.sessionId !== sessionId) return;
      const was = prevState.current?.you.admitted ?? false;
      applyState(s);
      // Out of the room (sent away) we miss messages; admitted (again), we catch up.
      if (was && !s.you.admitted) synced.current = false;
      if (!was && s.you.admitted && !synced.current) void catchUp(socket, joins.current);
    };
    const onMessage = (m: RoomMessage) => {
      if (m.sessionId !== sessionId) return;
      merge([m]);
      if (synced.current) cursor.current = Math.max(cursor.current, m.id);
      else liveMax.current = Math.max(liveMax.current, m.id);
    };
    const onSentAway = (p: { sessionId: string; reason: string | null }) => {
      if (p.sessionId === sessionId) setSentAway(p.reason ?? "");
    };
    const onNotice = (n: Notice) => setNotice(n);
    socket.on("connect", onConnect);
    socket.on("disconnect", onDisconnect);
    socket.on(EV.state, onState);
    socket.on(EV.message, onMessage);
    socket.on(EV.sentAway, onSentAway);
    socket.on(EV.notice, onNotice);
    if (socket.connected) onConnect();
    return () => {
      joins.current++;
      socket.off("connect", onConnect);
      socket.off("disconnect", onDisconnect);
      socket.off(EV.state, onState);
      socket.off(EV.message, onMessage);
      socket.off(EV.sentAway, onSentAway);
      socket.off(EV.notice, onNotice);
    };
  }, [socket, sessionId, join, catchUp, applyState, merge]);

  // Leaving the page leaves the room; the shared socket stays for notifications.
  useEffect(() => {
    if (!socket) return;
    return () => {
      socket.emit(EV.leave, { sessionId }, () => undefined);
    };
  }, [socket, sessionId]);

  const deliver = useCallback(
    async (item: PendingMessage) => {
      const mark = (error: string) => setPending((p) => p.map((x) => (x.clientId === item.clientId ? { ...x, status: "failed", error } : x)));
      if (!socket) return mark("尚未连接服务器");
      let timeouts = 0;
      for (;;) {
        if (!(await waitForConnect(socket, 60_000))) return mark("网络已断开，请检查网络后点击重发");
        // The same clientId every time: a resend after a lost ack is stored once.
        const r = await request<{ message: RoomMessage }>(socket, EV.chat, { caseId, sessionId, channel: item.channel, body: item.body, clientId: item.clientId }, CHAT_TIMEOUT_MS);
        if (r.ok) return merge([r.message]);
        if (!r.timeout || ++timeouts > 3) return mark(r.error);
      }
    },
    [socket, caseId, sessionId, merge]
  );

  const send = useCallback(
    (channel: Channel, body: string) => {
      const item: PendingMessage = { clientId: randomId(), channel, body, status: "sending" };
      setPending((p) => [...p, item]);
      void deliver(item);
    },
    [deliver]
  );

  const resend = useCallback(
    (clientId: string) => {
      const item = pending.find((p) => p.clientId === clientId);
      if (!item) return;
      const again = { ...item, status: "sending" as const, error: undefined };
      setPending((p) => p.map((x) => (x.clientId === clientId ? again : x)));
      void deliver(again);
    },
    [pending, deliver]
  );

  const rejoin = useCallback(() => {
    if (!socket) return;
    setSentAway(null);
    void join(socket);
  }, [socket, join]);

  return { socket, connected, state, messages, pending, send, resend, joinError, notice, setNotice, sentAway, announcements, rejoin };
}

export type Room = ReturnType<typeof useRoom>;
