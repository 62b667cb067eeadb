// The board's socket rooms: one per city (first 4 digits of the region code), which every socket
// of a dispatcher covering that city joins on connect. A case change in the city tells those
// sockets "the board changed"; the page then reloads its data (the loader stays the truth).
import type { SessionUser } from "../../auth/session";
import { dispatchCoverage } from "../../cases/access";

/** The event the board page listens to; the loader hands it to the page so both sides agree. */
export const BOARD_CHANGED = "board:changed";

export function boardRoom(regionCode: string): string {
  return `board:${regionCode.slice(0, 4)}`;
}

/** The rooms a user's socket joins: the cities their 矛调中心 covers, checked now on the server. */
export function boardRoomsFor(user: Pick<SessionUser, "id" | "role">): string[] {
  if (user.role !== "dispatcher") return [];
  return [...new Set(dispatchCoverage(user.id))].map((city) => boardRoom(city));
}

type JoiningSocket = { rooms: Set<string>; join(rooms: string[]): unknown; leave(room: string): unknown };

/**
 * On every connection: a recovered socket's board rooms are dropped and the current ones joined,
 * so a dispatcher who left the centre while offline stops hearing about its city.
 */
export function joinBoardRooms(socket: JoiningSocket, user: Pick<SessionUser, "id" | "role">): void {
  for (const room of [...socket.rooms]) if (room.startsWith("board:")) void socket.leave(room);
  const rooms = boardRoomsFor(user);
  if (rooms.length) void socket.join(rooms);
}
