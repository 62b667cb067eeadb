// Drafting the 调解协议书: every save is a new numbered version (all kept); a new version voids
// every signature given to an earlier one, and the timeline and the signers are told.
import { and, eq, isNull } from "drizzle-orm";
import { agreementComments, agreements, agreementSignatures, agreementVersions, type Agreement } from "../../db/schema";
import { chinaYear, nextInSequence } from "../lib/sequence";
import { agreementContentSchema, eSignForbidden, type AgreementContent } from "../../app/lib/agreement-schema";
import { formatDocNo, MAX_COMMENT_CHARS } from "../../app/lib/agreement-enums";
import type { CaseParty } from "../../db/schema";
import type { SessionUser } from "../auth/session";
import { check } from "../cases/state-machine";
import { transition, type Tx } from "../cases/timeline";
import { withCase } from "../cases/with-case";
import { AppError } from "../lib/errors";
import { createId } from "../lib/ids";
import { acceptedTerms } from "../mediation/offers";
import { contentSha256 } from "./hash";
import { agreementOfCase, versionOf } from "./store";
import { unfilledPlaceholders } from "./templates";

/** XY + year + 6-digit sequence per year (China time), like case numbers. */
function nextDocNo(tx: Tx, now: Date): string {
  const year = chinaYear(now);
  return `XY${year}${String(nextInSequence(tx, `agreement_no_${year}`)).padStart(6, "0")}`;
}

/**
 * The parties of the agreement are the parties of the case, each exactly once; names, identity
 * numbers, kinds and sides come from the case record (checked at filing and at consent), never
 * from the form, so an edited page cannot put someone else's name on the agreement. Nothing else
 * is added from the case: in particular no phone number (the schema has none, and parsing dropped
 * any that was posted), since the content is sent to everyone on the case.
 */
function bindParties(content: AgreementContent, parties: CaseParty[]): AgreementContent {
  const seen = new Set<string>();
  const bound = content.parties.map((p) => {
    const cp = parties.find((x) => x.id === p.partyId);
    if (!cp || seen.has(cp.id)) throw new AppError("BAD_INPUT", "协议中的当事人与本案当事人不一致，请刷新页面后重新起草", "parties");
    seen.add(cp.id);
    if (cp.kind !== p.kind) throw new AppError("BAD_INPUT", `当事人"${cp.name}"的类型与案件记录不一致`, "parties");
    return { ...p, name: cp.name, idNumber: cp.idNumber, side: cp.side };
  });
  if (seen.size !== parties.length) throw new AppError("BAD_INPUT", "本案每一位当事人都必须列入调解协议", "parties");
  return { ...content, parties: bound };
}

export type SaveDraftInput = { content: unknown; baseVersion: number; note?: string };

/** Said when the page's version is missing or not a version number: a stale or tampered form. */
const STALE_PAGE = "页面已过期，请刷新后重新编辑";

export async function saveDraft(user: SessionUser, caseId: string, input: SaveDraftInput, now = new Date()) {
  if (!Number.isInteger(input.baseVersion) || input.baseVersion < 0) throw new AppError("BAD_INPUT", STALE_PAGE, "baseVersion");
  const parsed = agreementContentSchema.safeParse(input.content);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new AppError("BAD_INPUT", first.message, first.path.join("."));
  }
  const blanks = unfilledPlaceholders(parsed.data);
  if (blanks.length) throw new AppError("BAD_INPUT", `以下内容尚待填写：${blanks.join("、")}`);

  return withCase(user, caseId, (tx, view, fx, actor) => {
    const verdict = check("draft_agreement", view.row.status, view.roles);
    if (!verdict.ok) throw new AppError(verdict.status === 403 ? "FORBIDDEN" : "CONFLICT", verdict.message);
    if (view.row.status === "mediating" && acceptedTerms(view.row.id).length === 0)
      throw new AppError("CONFLICT", "尚未有双方接受的调解方案：请在调解会议结束时确认达成调解意向，或待一方接受方案后再起草协议");
    const content = bindParties(parsed.data, view.parties);
    const hash = contentSha256(content);

    let agreement: Agreement | undefined = agreementOfCase(view.row.id, tx);
    const latest = agreement?.currentVersion ?? 0;
    if (latest !== input.baseVersion) throw new AppError("CONFLICT", latest === 0 ? STALE_PAGE : `协议已被更新为第${latest}版，请刷新后在最新版本上修改`);
    if (agreement && versionOf(agreement.id, agreement.currentVersion, tx)?.contentSha256 === hash)
      throw new AppError("BAD_INPUT", "协议内容没有变化，无需保存新版本");
    if (!agreement) {
      agreement = tx
        .insert(agreements)
        .values({ id: createId(), caseId: view.row.id, orgId: view.row.orgId!, docNo: nextDocNo(tx, now), createdAt: now, updatedAt: now })
        .returning()
        .get();
    }
    const version = agreement.currentVersion + 1;
    const signMode = eSignForbidden(view.row.category, content) || content.paperSigning ? "wet" : "electronic";
    tx.insert(agreementVersions)
      .values({ id: createId(), agreementId: agreement.id, version, content, contentSha256: hash, signMode, authorId: user.id, note: input.note || null, createdAt: now })
      .run();
    tx.update(agreements).set({ currentVersion: version, updatedAt: now }).where(eq(agreements.id, agreement.id)).run();

    const voided = tx
      .update(agreementSignatures)
      .set({ voidedAt: now, voidReason: `协议内容已修改为第${version}版` })
      .where(and(eq(agreementSignatures.agreementId, agreement.id), isNull(agreementSignatures.voidedAt)))
      .returning({ userId: agreementSignatures.userId, name: agreementSignatures.name })
      .all();

    const docNo = formatDocNo(agreement.docNo);
    transition(tx, view.row, "draft_agreement", view.roles, actor, null, {}, {
      type: "agreement_drafted",
      summary: voided.length
        ? `调解员修改了调解协议（第${version}版），此前的${voided.length}个签名已作废，需重新签署`
        : `调解员${version === 1 ? "起草" : "修改"}了调解协议（第${version}版）`,
      reason: input.note || null,
      data: { agreementId: agreement.id, version, contentSha256: hash, signMode, voided: voided.length },
    });
    const people = new Set(view.parties.flatMap((p) => [p.userId, p.agentUserId]).filter((x): x is string => !!x && x !== user.id));
    for (const userId of people) {
      const wasSigned = voided.some((v) => v.userId === userId);
      fx.notify({
        userId,
        caseId: view.row.id,
        title: wasSigned ? "调解协议已修改，您的签名已作废" : "调解协议草稿已更新",
        body: wasSigned ? `${docNo}已修改为第${version}版，请阅读新版本后重新签署。` : `${docNo}第${version}版已生成，请阅读并提出意见。`,
        link: `/cases/${view.row.id}/agreement`,
      });
    }
    return { agreementId: agreement.id, version, voided: voided.length, signMode };
  });
}

export async function commentOnDraft(user: SessionUser, caseId: string, body: string, now = new Date()) {
  const text = body.trim();
  if (!text) throw new AppError("BAD_INPUT", "请输入意见", "body");
  if (text.length > MAX_COMMENT_CHARS) throw new AppError("BAD_INPUT", `意见不能超过${MAX_COMMENT_CHARS}字`, "body");
  return withCase(user, caseId, (tx, view, fx, actor) => {
    const verdict = check("comment_agreement", view.row.status, view.roles);
    if (!verdict.ok) throw new AppError(verdict.status === 403 ? "FORBIDDEN" : "CONFLICT", verdict.message);
    const agreement = agreementOfCase(view.row.id, tx);
    if (!agreement || agreement.currentVersion === 0) throw new AppError("CONFLICT", "调解员尚未起草协议");
    tx.insert(agreementComments)
      .values({ agreementId: agreement.id, version: agreement.currentVersion, authorId: user.id, authorLabel: actor.label, body: text, createdAt: now })
      .run();
    if (view.row.mediatorId && view.row.mediatorId !== user.id)
      fx.notify({ userId: view.row.mediatorId, caseId: view.row.id, title: "当事人对协议草稿提出了意见", body: `${actor.label}：${text.slice(0, 60)}`, link: `/cases/${view.row.id}/agreement` });
    return { version: agreement.currentVersion };
  });
}
