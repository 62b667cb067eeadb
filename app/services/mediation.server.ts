// Routes reach server/mediation (调: sessions, room, record, offers, thread) through this file
// (ADR 003): the compiler leaves *.server.ts out of the browser bundle.
export { endSession, extendDeadline, getSession, listSessions, participantsOf, scheduleSession } from "../../server/mediation/sessions";
export { confirmRecord, confirmServiceAddress, serviceAddressOf } from "../../server/mediation/room";
export { acceptedTerms, listOffers, makeOffer, respondOffer } from "../../server/mediation/offers";
export { channelsFor, history, sideOf } from "../../server/mediation/messages";
export { postThreadMessage } from "../../server/mediation/thread";
export { recordConfirmationsOf } from "../../server/mediation/record-view";
