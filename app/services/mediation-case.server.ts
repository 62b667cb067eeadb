// The case page's 调 stage: sessions, deadline, offers, thread, record confirmations (ADR 003).
export { endSession, extendDeadline, listSessions, scheduleSession, getSession } from "../../server/mediation/sessions";
export { confirmRecord, confirmServiceAddress, serviceAddressOf } from "../../server/mediation/room";
export { acceptedTerms, listOffers, makeOffer, respondOffer } from "../../server/mediation/offers";
export { history, postMessage, sideOf } from "../../server/mediation/messages";
export { recordConfirmationsOf } from "../../server/mediation/record-view";
