// What the agreement page (and the room's agreement panel) shows to one person on one case.
import { formatDocNo } from "../../app/lib/agreement-enums";
import type { AgreementContent, AgreementTemplate } from "../../app/lib/agreement-schema";
import type { CaseView } from "../cases/access";
import { check } from "../cases/state-machine";
import { acceptedTerms } from "../mediation/offers";
import { undisputedFacts } from "../mediation/undisputed";
import { slotsFor } from "./signing";
import { slotsOf } from "./signers";
import { agreementOfCase, commentsOf, liveSignatures, scansOf, versionList, versionOf, voidedSignatures } from "./store";
import { draftFromCase, type AgreementDraft } from "./templates";

function chinaToday(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The editor's starting point: the current version, or a fresh draft from the template. */
export function draftFor(view: CaseView, template?: AgreementTemplate, now = new Date()): AgreementDraft {
  return draftFromCase({
    category: view.row.category,
    kind: view.row.kind,
    facts: view.row.facts,
    claims: view.row.claims,
    amountFen: view.row.amountFen,
    parties: view.parties.map((p) => ({ id: p.id, side: p.side, kind: p.kind, name: p.name, idNumber: p.idNumber, legalRep: p.legalRep, address: p.address })),
    acceptedOffers: acceptedTerms(view.row.id).map((o) => ({ fromSide: o.fromSide, amountFen: o.amountFen, terms: o.terms, payBy: o.payBy })),
    undisputedFacts: undisputedFacts(view.row.id)?.text ?? null,
    today: chinaToday(now),
    template,
  });
}

/**
 * Who reads the agreement while it is being made: the parties (or their agents) and the mediator.
 * Drafts, voided signatures and comments are part of the negotiation (在线调解规则 Art 18:
 * concessions made to settle cannot be used against a party), so a court, notary office or
 * arbitration commission holding the case, the organisation's head and the dispatcher see only an
 * effective agreement — its text and the sealed PDF — never how it came about.
 */
function readsDrafts(view: CaseView): boolean {
  return view.roles.some((r) => r === "applicant" || r === "respondent" || r === "mediator");
}

/**
 * Versions saved before the phone left the agreement's party schema still hold each party's full
 * number, and the content goes to everyone on the case: strip it on the way out. (The stored
 * version and its hash stay as signed.)
 */
function withoutPhones(content: AgreementContent): AgreementContent {
  return { ...content, parties: content.parties.map((p) => Object.fromEntries(Object.entries(p).filter(([k]) => k !== "phone")) as typeof p) };
}

export function agreementPage(view: CaseView, opts: { template?: AgreementTemplate } = {}) {
  const insider = readsDrafts(view);
  const found = agreementOfCase(view.row.id);
  // An outsider sees nothing of an agreement until it is in effect.
  const a = found && (insider || found.status === "effective") ? found : undefined;
  const current = a && a.currentVersion > 0 ? versionOf(a.id, a.currentVersion)! : null;
  const slots = slotsFor(view);
  const live = a ? liveSignatures(a.id) : [];
  const signedSlots = new Map(live.map((s) => [s.slot, s]));
  const mine = slotsOf(slots, view.user.id);
  const isMediator = view.roles.includes("mediator");
  const mayDraft = check("draft_agreement", view.row.status, view.roles).ok && (view.row.status === "agreed" || acceptedTerms(view.row.id).length > 0);
  return {
    agreement: a
      ? { id: a.id, docNo: a.docNo, docNoText: formatDocNo(a.docNo), status: a.status, currentVersion: a.currentVersion, effectiveAt: a.effectiveAt, pdfReady: !!a.pdfSha256, pdfSha256: a.pdfSha256, pdfSize: a.pdfSize }
      : null,
    current: current ? { version: current.version, content: withoutPhones(current.content), contentSha256: current.contentSha256, signMode: current.signMode, createdAt: current.createdAt } : null,
    versions: a && insider ? versionList(a.id) : [],
    slots: slots.map((s) => {
      const sig = signedSlots.get(s.slot);
      return { slot: s.slot, roleLabel: s.roleLabel, name: s.name, canSignOnline: s.userIds.length > 0, signedAt: sig?.signedAt ?? null, method: sig?.method ?? null };
    }),
    voided: a && insider ? voidedSignatures(a.id) : [],
    comments: a && insider ? commentsOf(a.id).map((c) => ({ id: c.id, version: c.version, author: c.authorLabel, body: c.body, createdAt: c.createdAt })) : [],
    scans: a && current?.signMode === "wet" ? scansOf(a.id, a.currentVersion).length : 0,
    mayDraft,
    mayComment: insider && !!current && check("comment_agreement", view.row.status, view.roles).ok,
    // An agreement exists but is not in effect, and this viewer does not read drafts.
    draftsHidden: !a && !!found && found.currentVersion > 0,
    mySlotsOpen: current && a?.status !== "effective" && view.row.status === "agreed" && current.signMode === "electronic" ? mine.filter((s) => !signedSlots.has(s.slot)).map((s) => s.name) : [],
    mayUploadScan: isMediator && view.row.status === "agreed" && current?.signMode === "wet",
    draft: mayDraft ? (current && !opts.template ? withoutPhones(current.content) : draftFor(view, opts.template)) : null,
  };
}
export type AgreementPage = ReturnType<typeof agreementPage>;

/** The agreement's line on the case page. */
export function agreementSummary(view: CaseView) {
  const a = agreementOfCase(view.row.id);
  if (!a || a.currentVersion === 0) return null;
  if (a.status !== "effective" && !readsDrafts(view)) return null;
  return { docNoText: formatDocNo(a.docNo), status: a.status, currentVersion: a.currentVersion, signed: liveSignatures(a.id).length, signers: slotsFor(view).length };
}
