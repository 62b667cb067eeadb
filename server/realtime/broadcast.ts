// Pushes from HTTP actions to sockets (after the write has committed).
import { EV, type RoomMessage } from "../../app/lib/room-protocol";
import { getIo } from "./io";
import { BOARD_CHANGED, boardRoom } from "../oversight/board/rooms";

/** A message posted to the case thread from the page reaches everyone listening to that thread. */
export function broadcastThread(message: RoomMessage): void {
  getIo()?.to(`c:${message.caseId}:thread`).emit(EV.message, message);
}

/** Tells the case's people that it changed; their open case pages revalidate. No payload beyond the id. */
export function announceCaseChanged(caseId: string, userIds: string[]): void {
  const io = getIo();
  if (!io || userIds.length === 0) return;
  io.to(userIds.map((u) => `user:${u}`)).emit(EV.caseChanged, { caseId });
}

/** Tells the dispatchers covering the case's city that their board changed (no case data in it). */
export function announceBoardChanged(regionCode: string | null | undefined): void {
  const io = getIo();
  if (!io || !regionCode) return;
  io.to(boardRoom(regionCode)).emit(BOARD_CHANGED, {});
}
