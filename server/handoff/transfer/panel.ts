// The case page's transfer panel: where the case went and whether it arrived, or — for a failed
// case, to either party or the mediator — where it may go, with the basis of each choice.
import { getDb } from "../../../db/client";
import { HANDOFF_KIND_LABELS } from "../../../app/lib/handoff-enums";
import type { CaseView } from "../../cases/access";
import { check } from "../../cases/state-machine";
import { orgById, userName } from "../directory";
import { asksAboutAgreement, competentBodies, isLabour } from "./competence";
import { receivingBodies, suingSide, transferFacts, transferOfCase } from "./facts";
import { isReceiver } from "./acknowledge";

export function transferPanel(view: CaseView) {
  const db = getDb();
  const h = transferOfCase(view.row.id);
  const name = (id: string | null) => userName(id, db);
  const sent = h
    ? {
        id: h.id,
        kind: h.kind,
        kindText: HANDOFF_KIND_LABELS[h.kind],
        orgName: orgById(h.targetOrgId, db)?.name ?? "",
        basis: h.basis,
        submittedAt: h.submittedAt,
        sentBy: name(h.startedById),
        acknowledged: h.status === "accepted" || h.status === "decided",
        acceptedAt: h.acceptedAt,
        refNo: h.refNo,
        handler: name(h.handlerId),
        // Parties, the mediator and the receiving body read the file that went with the case.
        fileLink: view.roles.some((r) => r === "applicant" || r === "respondent" || r === "mediator") || isReceiver(view.user, h.targetOrgId) ? `/transfers/${h.id}` : null,
      }
    : null;
  const mayTransfer = check("transfer", view.row.status, view.roles).ok;
  if (!sent && !mayTransfer) return null;
  const choices = mayTransfer
    ? (() => {
        const bodies = receivingBodies();
        // The choices of the person looking: a respondent who sues has the applicant as defendant.
        const plaintiff = suingSide(view.parties, view.user.id);
        const without = competentBodies(transferFacts(view.row, view.parties, false, plaintiff), bodies);
        const asks = asksAboutAgreement(view.row.category);
        const withAgreement = asks ? competentBodies(transferFacts(view.row, view.parties, true, plaintiff), bodies) : null;
        return { labour: isLabour(view.row.category), plaintiff, asksAboutAgreement: asks, withoutAgreement: without, withAgreement };
      })()
    : null;
  return { caseId: view.row.id, version: view.row.version, sent, choices };
}
export type TransferPanelData = NonNullable<ReturnType<typeof transferPanel>>;
