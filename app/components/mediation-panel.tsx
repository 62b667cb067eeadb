import { DeadlineBanner } from "./mediation/deadline";
import { AddressForm } from "./mediation/address-form";
import { SessionsPanel } from "./mediation/sessions-panel";
import { OffersPanel } from "./mediation/offers-panel";
import { ThreadPanel } from "./mediation/thread-panel";
import type { MediationData, Reply } from "./mediation/types";

/** The 调 stage on the case page: time limit, address for service, sessions, offers, thread. */
export function MediationPanel({ caseId, version, status, m, reply }: { caseId: string; version: number; status: string; m: MediationData; reply: Reply }) {
  const mediating = status === "mediating";
  return (
    <>
      {mediating ? <DeadlineBanner caseId={caseId} version={version} due={m.due} rule={m.dueRule} isMediator={m.side === "mediator"} reply={reply} /> : null}
      {m.side && m.side !== "mediator" && !m.addressConfirmed && m.myParty ? <AddressForm address={m.myParty.address} phone={m.myParty.phone} reply={reply} /> : null}
      <SessionsPanel caseId={caseId} version={version} mediating={mediating} m={m} reply={reply} />
      {m.side ? <OffersPanel mediating={mediating} side={m.side} offers={m.offers} reply={reply} /> : null}
      {m.side ? <ThreadPanel caseId={caseId} open={mediating || status === "agreed"} messages={m.thread} reply={reply} /> : null}
    </>
  );
}
