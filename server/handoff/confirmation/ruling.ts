// The ruling (民事诉讼法 Art 206): 裁定调解协议有效, or 裁定驳回申请 on one ground of 民诉解释 Art 358.
// The 民事裁定书 is rendered and sealed with the court's own certificate first, then the decision,
// its registration for the verify page and the case's new status are written in one transaction,
// so a confirmed case always has its ruling. A lost race (two judges at once) can leave a gap in
// the CD numbers; the in-process lock makes even that rare (ADR 013).
import { and, asc, eq } from "drizzle-orm";
import crypto from "node:crypto";
import { getDb } from "../../../db/client";
import { agreements, caseEvents, cases, documents, handoffs, type Handoff } from "../../../db/schema";
import { formatDocNo } from "../../../app/lib/agreement-enums";
import { formatCaseNo } from "../../../app/lib/case-format";
import { REJECT_GROUNDS, type RejectGround } from "../../../app/lib/handoff-enums";
import { sealPdf } from "../../agreements/seal-pdf";
import { versionOf } from "../../agreements/store";
import type { SessionUser } from "../../auth/session";
import { storeBlob } from "../../cases/evidence";
import { transition } from "../../cases/timeline";
import { registerDocument, setDocumentStatus } from "../../documents/registry";
import { AppError } from "../../lib/errors";
import { publicUrl } from "../../lib/urls";
import { courtApplication, onApplication, requireStatus } from "./court";
import { CPL_206, INTERP_358 } from "./law";
import { nextRulingDocNo, rulingTitle } from "./numbers";
import { packageParties } from "./package";
import { renderRulingPdf, type RulingDocument } from "./pdf/ruling";
import { partyUserIds } from "../parties";
import { orgById, type Reader } from "./store";

export type RuleInput = { outcome: "valid"; reason?: string } | { outcome: "rejected"; ground: RejectGround; reason: string };

export const CONFIRMED_STATUS = "已经人民法院裁定确认有效";
export const REJECTED_STATUS = "人民法院已裁定驳回司法确认申请";

const GROUND_KEYS = Object.keys(REJECT_GROUNDS) as RejectGround[];

/** The ruling registered for an application, found by its 调确字 number. */
export function rulingOf(h: Pick<Handoff, "caseId" | "refNo">, db: Reader = getDb()) {
  if (!h.refNo) return undefined;
  return db
    .select()
    .from(documents)
    .where(and(eq(documents.caseId, h.caseId), eq(documents.kind, "ruling"), eq(documents.title, rulingTitle(h.refNo))))
    .get();
}

/** When the parties were called in for questioning on this application. */
export function inquiriesOf(h: Pick<Handoff, "id" | "caseId">, db: Reader = getDb()) {
  return db
    .select({ at: caseEvents.at, data: caseEvents.data, summary: caseEvents.summary, reason: caseEvents.reason })
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, h.caseId), eq(caseEvents.type, "confirmation_inquiry")))
    .orderBy(asc(caseEvents.id))
    .all()
    .filter((e) => e.data?.handoffId === h.id)
    .map((e) => ({ at: new Date(String(e.data!.at)), place: String(e.data!.place ?? ""), note: e.reason, recordedAt: e.at }));
}

function rulingDocument(h: Handoff, judgeName: string, input: RuleInput, docNo: string, now: Date, db: Reader): RulingDocument {
  const row = db.select().from(cases).where(eq(cases.id, h.caseId)).get()!;
  // The agreement the parties applied about (the case's live one while the court holds it).
  const a = db.select().from(agreements).where(eq(agreements.id, h.agreementId!)).get()!;
  const content = versionOf(a.id, a.currentVersion, db)!.content;
  const parties = packageParties(h, db);
  return {
    courtName: orgById(h.targetOrgId, db)!.name,
    refNo: h.refNo!,
    docNo,
    verifyUrl: publicUrl(`/verify/${docNo}`),
    applicantLines: parties.flatMap((p) => [
      p.kind === "person"
        ? `申请人：${p.name}，${p.detail}，住${p.address}，公民身份号码${p.idNumber}。`
        : `申请人：${p.name}，住所地${p.address}，统一社会信用代码${p.idNumber}。${p.detail}。`,
      ...(p.agent ? [`委托代理人：${p.agent.name}。`] : []),
    ]),
    names: parties.map((p) => p.name),
    category: row.category ?? "民事",
    orgName: orgById(a.orgId, db)!.name,
    agreementDocNo: formatDocNo(a.docNo),
    agreementEffectiveAt: a.effectiveAt!,
    terms: content.terms,
    submittedAt: h.submittedAt!,
    acceptedAt: h.acceptedAt!,
    inquiredAt: inquiriesOf(h, db).map((i) => i.at).filter((d) => d <= now),
    decidedAt: now,
    judgeName,
    outcome: input.outcome === "valid" ? { valid: true } : { valid: false, item: GROUND_KEYS.indexOf(input.ground) + 1, ground: REJECT_GROUNDS[input.ground], reason: input.reason },
  };
}

const ruling = new Set<string>();

export async function ruleOnApplication(user: SessionUser, handoffId: string, input: RuleInput, now = new Date()) {
  if (input.outcome === "rejected" && !GROUND_KEYS.includes(input.ground)) throw new AppError("BAD_INPUT", `请选择驳回申请的理由（${INTERP_358}）`, "ground");
  const db = getDb();
  const h = courtApplication(user, handoffId, db);
  requireStatus(h, "accepted", "作出裁定");
  if (ruling.has(h.id)) throw new AppError("CONFLICT", "本申请正在作出裁定，请勿重复提交");
  ruling.add(h.id);
  try {
    const docNo = db.transaction((tx) => nextRulingDocNo(tx, now));
    const doc = rulingDocument(h, user.name, input, docNo, now, db);
    const rendered = await renderRulingPdf(doc);
    const court = orgById(h.targetOrgId, db)!;
    const pdf = await sealPdf(rendered, { id: court.id, name: court.name }, { reason: `民事裁定书电子印章（${h.refNo}）`, location: court.name, signedAt: now });
    const sha256 = crypto.createHash("sha256").update(pdf).digest("hex");
    await storeBlob(sha256, pdf);

    return await onApplication(user, handoffId, "accepted", "作出裁定", (tx, h2, view, fx, actor) => {
      const valid = input.outcome === "valid";
      tx.update(handoffs)
        .set({
          status: "decided",
          outcome: valid ? "valid" : "rejected",
          outcomeGround: valid ? null : input.ground,
          outcomeNote: input.reason?.trim() || null,
          decidedAt: now,
          handlerId: user.id,
          updatedAt: now,
        })
        .where(and(eq(handoffs.id, h2.id), eq(handoffs.status, "accepted")))
        .run();
      registerDocument(tx, { docNo, kind: "ruling", caseId: h2.caseId, issuerOrgId: court.id, title: rulingTitle(h2.refNo!), status: "已生效", pdfSha256: sha256, pdfSize: pdf.length, issuedAt: now });
      const a = tx.select().from(agreements).where(eq(agreements.id, h2.agreementId!)).get()!;
      setDocumentStatus(tx, a.docNo, valid ? CONFIRMED_STATUS : REJECTED_STATUS);
      const ground = valid ? "" : `：${REJECT_GROUNDS[input.ground]}`;
      transition(tx, view.row, valid ? "rule_valid" : "rule_rejected", view.roles, actor, valid ? "confirmed" : "confirm_rejected", {}, {
        type: valid ? "confirmation_ruled_valid" : "confirmation_ruled_rejected",
        summary: valid
          ? `${court.name}作出民事裁定书（${h2.refNo}），裁定调解协议有效（${CPL_206}）；一方不履行的，对方可向人民法院申请执行`
          : `${court.name}作出民事裁定书（${h2.refNo}），裁定驳回司法确认申请${ground}（${INTERP_358}）；当事人可重新调解、达成新的调解协议，或向人民法院提起诉讼`,
        reason: input.reason?.trim() || null,
        data: { handoffId: h2.id, docNo, refNo: h2.refNo, sha256 },
      });
      const no = formatCaseNo(view.row.caseNo);
      const body = valid
        ? `${no}：${court.name}裁定调解协议有效（${h2.refNo}）。请在案件页下载民事裁定书。`
        : `${no}：${court.name}裁定驳回司法确认申请${ground}。您可以申请重新调解，或向人民法院提起诉讼。`;
      for (const u of partyUserIds(view.parties)) fx.notify({ userId: u, caseId: view.row.id, title: valid ? "法院裁定调解协议有效" : "法院裁定驳回司法确认申请", body, link: `/cases/${view.row.id}/confirmation` });
      if (view.row.mediatorId) fx.notify({ userId: view.row.mediatorId, caseId: view.row.id, title: valid ? "调解协议已经司法确认" : "司法确认申请被驳回", body, link: `/cases/${view.row.id}` });
      for (const p of view.parties) fx.text(p.phone, `${body.replace("请在案件页下载", "请登录平台下载")}文书编号${docNo}。`);
      return { docNo, refNo: h2.refNo!, sha256 };
    });
  } finally {
    ruling.delete(h.id);
  }
}

export { GROUND_KEYS };
