// Asynchronous negotiation between sessions: a party puts a structured offer (amount, terms,
// deadline); the other side accepts, rejects or counters. Accepted terms feed the agreement draft.
import { and, desc, eq } from "drizzle-orm";
import { getDb } from "../../db/client";
import { offers, type Offer } from "../../db/schema";
import { formatCaseNo, formatFen, yuanToFen } from "../../app/lib/case-format";
import type { SessionUser } from "../auth/session";
import { AppError } from "../lib/errors";
import { createId } from "../lib/ids";
import type { CaseView } from "../cases/access";
import { recordEvent } from "../cases/timeline";
import { withCase } from "../cases/with-case";
import { sideOf } from "./messages";
import { participantsOf } from "./sessions";

export type OfferInput = { amountYuan?: number; terms: string; payBy?: string };

const SIDE = { applicant: "申请人", respondent: "被申请人" } as const;

function partySide(view: CaseView): "applicant" | "respondent" {
  const side = sideOf(view);
  if (side !== "applicant" && side !== "respondent") throw new AppError("FORBIDDEN", "只有当事人可以提出或答复方案");
  return side;
}

function describe(o: { amountFen: number | null; terms: string; payBy: string | null }): string {
  return [o.amountFen != null ? `金额 ${formatFen(o.amountFen)}` : null, o.terms, o.payBy ? `履行期限 ${o.payBy}` : null].filter(Boolean).join("；");
}

function insertOffer(view: CaseView, user: SessionUser, side: "applicant" | "respondent", input: OfferInput, parentId: string | null, now: Date): Offer {
  const row: Offer = {
    id: createId(),
    caseId: view.row.id,
    fromSide: side,
    fromUserId: user.id,
    amountFen: input.amountYuan != null ? yuanToFen(input.amountYuan) : null,
    terms: input.terms,
    payBy: input.payBy ?? null,
    status: "open",
    parentId,
    respondedById: null,
    respondedAt: null,
    createdAt: now,
  };
  getDb().insert(offers).values(row).run();
  return row;
}

export async function makeOffer(user: SessionUser, caseId: string, input: OfferInput, now = new Date()) {
  return withCase(user, caseId, (tx, view, fx, actor) => {
    if (view.row.status !== "mediating") throw new AppError("CONFLICT", "案件在调解中才能提出方案");
    const side = partySide(view);
    const row = insertOffer(view, user, side, input, null, now);
    recordEvent(tx, caseId, actor, { type: "offer_made", summary: `${SIDE[side]}提出调解方案：${describe(row)}`, data: { offerId: row.id } });
    for (const p of participantsOf(view).filter((x) => x.userId !== user.id))
      fx.notify({ userId: p.userId, caseId, title: "收到新的调解方案", body: `${formatCaseNo(view.row.caseNo)}：${describe(row)}`, link: `/cases/${caseId}#offers` });
    return row;
  });
}

export type OfferResponse = { action: "accept" | "reject" } | { action: "counter"; counter: OfferInput };

/** Only the other side answers an open offer; the answer is final for that offer. */
export async function respondOffer(user: SessionUser, caseId: string, offerId: string, input: OfferResponse, now = new Date()) {
  return withCase(user, caseId, (tx, view, fx, actor) => {
    if (view.row.status !== "mediating") throw new AppError("CONFLICT", "案件在调解中才能答复方案");
    const side = partySide(view);
    const offer = tx.select().from(offers).where(and(eq(offers.id, offerId), eq(offers.caseId, caseId))).get();
    if (!offer) throw new AppError("NOT_FOUND", "方案不存在");
    if (offer.fromSide === side) throw new AppError("FORBIDDEN", "不能答复己方提出的方案");
    const status = input.action === "accept" ? "accepted" : input.action === "reject" ? "rejected" : "countered";
    // Conditional on "open": two answers at once, one wins.
    const done = tx.update(offers).set({ status, respondedById: user.id, respondedAt: now }).where(and(eq(offers.id, offerId), eq(offers.status, "open"))).run();
    if (done.changes === 0) throw new AppError("CONFLICT", "该方案已被答复");
    const words = { accepted: "接受", rejected: "拒绝", countered: "还价" }[status];
    recordEvent(tx, caseId, actor, { type: `offer_${status}`, summary: `${SIDE[side]}${words}了对方的方案：${describe(offer)}`, data: { offerId } });
    let counter: Offer | null = null;
    if (input.action === "counter") {
      counter = insertOffer(view, user, side, input.counter, offerId, now);
      recordEvent(tx, caseId, actor, { type: "offer_made", summary: `${SIDE[side]}提出新的方案：${describe(counter)}`, data: { offerId: counter.id } });
    }
    const body = counter ? `${formatCaseNo(view.row.caseNo)}：对方还价——${describe(counter)}` : `${formatCaseNo(view.row.caseNo)}：${describe(offer)}`;
    for (const p of participantsOf(view).filter((x) => x.userId !== user.id))
      fx.notify({ userId: p.userId, caseId, title: `方案已被${words}`, body, link: `/cases/${caseId}#offers` });
    return { status, counter };
  });
}

export function listOffers(caseId: string): Offer[] {
  return getDb().select().from(offers).where(eq(offers.caseId, caseId)).orderBy(desc(offers.createdAt)).all();
}

/** Accepted terms, oldest first: what the agreement draft starts from. */
export function acceptedTerms(caseId: string): Offer[] {
  return listOffers(caseId)
    .filter((o) => o.status === "accepted")
    .reverse();
}
