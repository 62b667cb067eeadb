// The case thread between sessions, posted from the case page: stored, then pushed to everyone
// listening to the thread (the same delivery as a room message, after the write).
import type { SessionUser } from "../auth/session";
import { broadcastThread } from "../realtime/broadcast";
import { postMessage } from "./messages";

export function postThreadMessage(user: SessionUser, caseId: string, body: string, clientId: string) {
  const result = postMessage(user, { caseId, sessionId: null, channel: "thread", body, clientId });
  if (result.fresh) broadcastThread(result.message);
  return result;
}
