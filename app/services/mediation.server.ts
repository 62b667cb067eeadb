// The mediation room page reaches server/mediation through this file (ADR 003): the compiler
// leaves *.server.ts out of the browser bundle.
export { getSession, listSessions, scheduleSession, endSession, participantsOf } from "../../server/mediation/sessions";
export { confirmRecord, confirmServiceAddress, serviceAddressOf } from "../../server/mediation/room";
export { channelsFor, history, sideOf } from "../../server/mediation/messages";
