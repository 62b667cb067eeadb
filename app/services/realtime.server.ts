export { broadcastThread } from "../../server/realtime/broadcast";
