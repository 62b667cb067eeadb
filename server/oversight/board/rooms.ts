// The board's socket rooms: one per city (first 4 digits of the region code). An open board page
// asks to watch (board:watch); the server checks, then, that the user is a dispatcher whose centre
// covers the city, and joins the socket to its cities' rooms. A case change in the city tells those
// sockets "the board changed"; the page then reloads its data (the loader stays the truth). Sockets
// of dispatchers on other pages hear nothing: the board's traffic is for the board.
import type { SessionUser } from "../../auth/session";
import { dispatchCoverage } from "../../cases/access";

/** The events of the board; the loader hands them to the page so both sides agree. */
export const BOARD_EVENTS = { changed: "board:changed", watch: "board:watch", unwatch: "board:unwatch" } as const;
export const BOARD_CHANGED = BOARD_EVENTS.changed;

export function boardRoom(regionCode: string): string {
  return `board:${regionCode.slice(0, 4)}`;
}

/** The rooms a user's socket joins: the cities their 矛调中心 covers, checked now on the server. */
export function boardRoomsFor(user: Pick<SessionUser, "id" | "role">): string[] {
  if (user.role !== "dispatcher") return [];
  return [...new Set(dispatchCoverage(user.id))].map((city) => boardRoom(city));
}

type BoardSocket = {
  rooms: Set<string>;
  join(rooms: string[]): unknown;
  leave(room: string): unknown;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
};
export type WatchAck = { ok: true; cities: string[] } | { ok: false; error: string };

function leaveBoards(socket: BoardSocket): void {
  for (const room of [...socket.rooms]) if (room.startsWith("board:")) void socket.leave(room);
}

/**
 * board:watch / board:unwatch for one socket. Connection-state recovery hands back a socket's rooms;
 * board rooms are dropped then, and the page watches again on "connect", so membership always
 * comes from a fresh check (a dispatcher who left the centre while offline stops hearing).
 */
export function registerBoardHandlers(socket: BoardSocket, user: Pick<SessionUser, "id" | "role">): void {
  leaveBoards(socket);
  socket.on(BOARD_EVENTS.watch, (...args) => {
    const ack = args.find((a): a is (r: WatchAck) => void => typeof a === "function");
    const rooms = boardRoomsFor(user);
    if (rooms.length === 0) return ack?.({ ok: false, error: "矛调中心看板仅供分流员使用" });
    leaveBoards(socket);
    void socket.join(rooms);
    ack?.({ ok: true, cities: rooms.map((r) => r.slice("board:".length)) });
  });
  socket.on(BOARD_EVENTS.unwatch, (...args) => {
    leaveBoards(socket);
    const ack = args.find((a): a is (r: { ok: true }) => void => typeof a === "function");
    ack?.({ ok: true });
  });
}
