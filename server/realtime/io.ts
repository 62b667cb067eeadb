// The socket.io server: authenticated in the handshake, so an anonymous socket never connects.
import type http from "node:http";
import { Server, type Socket } from "socket.io";
import { readSessionToken, validateSessionToken, type SessionUser } from "../auth/session";
import { registerRoomHandlers } from "../mediation/handlers";
import { registerBoardHandlers } from "../oversight/board/rooms";

export type SocketData = { user: SessionUser; sessionId: string };
export type AppSocket = Socket<Record<string, never>, Record<string, never>, Record<string, never>, SocketData>;

const g = globalThis as unknown as { __yjfIo?: Server };

export function createIo(server: http.Server): Server {
  const io = new Server(server, {
    serveClient: false,
    maxHttpBufferSize: 1e6,
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000, skipMiddlewares: false },
    // Same-origin only: the browser client connects to the page's own host.
    cors: undefined,
  });
  // Recovery restores a socket's rooms and replays what they missed. Mediation rooms are left out
  // of what is kept: membership there must come from a fresh server check on re-join (a party may
  // have been sent away meanwhile), and the client fetches the session's messages after its last
  // seen id instead. Personal rooms (notifications) are still recovered.
  const adapter = io.of("/").adapter as unknown as { persistSession?: (s: { rooms: string[] }) => void };
  const persist = adapter.persistSession?.bind(adapter);
  if (persist) {
    adapter.persistSession = (session) => {
      session.rooms = session.rooms.filter((r) => !r.startsWith("s:") && !r.startsWith("c:"));
      persist(session);
    };
  }
  io.use((socket, next) => {
    const headers = new Headers();
    const cookie = socket.request.headers.cookie;
    if (cookie) headers.set("cookie", cookie);
    const authToken = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    if (typeof authToken === "string") headers.set("authorization", `Bearer ${authToken}`);
    const token = readSessionToken(headers);
    const result = token ? validateSessionToken(token) : null;
    if (!result) return next(new Error("未登录或登录已过期，请重新登录"));
    (socket.data as SocketData).user = result.user;
    (socket.data as SocketData).sessionId = result.session.id;
    next();
  });
  io.on("connection", (socket) => {
    const { user, sessionId } = socket.data as SocketData;
    // Connection-state recovery gives a socket back its rooms; room membership must always come
    // from a fresh server check (a party may have been sent away while offline), so the
    // mediation rooms are dropped and the client joins again.
    if (socket.recovered) {
      for (const room of socket.rooms) if (room.startsWith("s:") || room.startsWith("c:")) void socket.leave(room);
      (socket.data as { rooms?: Map<string, unknown> }).rooms = new Map();
    }
    // A personal room for notifications, and one per session so that logout can cut it off.
    void socket.join([`user:${user.id}`, `session:${sessionId}`]);
    // 矛调中心 board: an open board page watches its dispatcher's cities (checked on the server).
    registerBoardHandlers(socket, user);
    registerRoomHandlers(io, socket);
  });
  g.__yjfIo = io;
  return io;
}

/** The running socket.io server, if any (absent in unit tests that call server code directly). */
export function getIo(): Server | undefined {
  return g.__yjfIo;
}

/** Logout: sockets opened with this session stop receiving anything. */
export function disconnectSession(sessionId: string): void {
  getIo()?.in(`session:${sessionId}`).disconnectSockets(true);
}

/** Password change or deactivation: every socket of the user must re-authenticate. */
export function disconnectUser(userId: string): void {
  getIo()?.in(`user:${userId}`).disconnectSockets(true);
}
