// 赋强公证, the parties' side: one party starts an application to a notary office of their choice,
// every party of the agreement signs it with a one-time code on their own phone, and the last
// signature sends it to the office (case → notarising, held by the office). Alone, a party never
// reaches the notary: 公证法 Art 37 needs the debtor's own acceptance, and the office needs both.
import type { CaseParty } from "../../../db/schema";
import type { AgreementContent } from "../../../app/lib/agreement-schema";
import { formatCaseNo } from "../../../app/lib/case-format";
import type { SessionUser } from "../../auth/session";
import type { CaseView } from "../../cases/access";
import { check } from "../../cases/state-machine";
import { transition } from "../../cases/timeline";
import { withCase } from "../../cases/with-case";
import { AppError } from "../../lib/errors";
import { closeOtherApplications, createApplication, markSubmitted, markWithdrawn, otherRouteOpen, sendApplicationCode, signApplication, signedPartyIds, type SignMeta, type Signing } from "../joint-application";
import { actsFor, usersOf } from "../parties";
import { eligibleOffices, notCompetent, NO_OFFICE, OFFICE_RULE } from "./offices";
import { notarisationRefusal } from "./rules";
import { effectiveAgreement, notaryOffices, notariesOf, openNotarisation, orgById, type Reader } from "./store";

/** Shown beside the choice: the offices offered are those of 公证法 Art 25 (offices.ts). */
export const OFFICE_BASIS = `可以选择当事人住所地、经常居住地或纠纷发生地的公证处（${OFFICE_RULE}）`;

function guard(view: CaseView) {
  const v = check("apply_notarisation", view.row.status, view.roles);
  if (!v.ok) throw new AppError(v.status === 403 ? "FORBIDDEN" : "CONFLICT", v.message);
}

/** The parties who must sign: those named in the agreement (every party to the debt document). */
export function requiredParties(view: Pick<CaseView, "parties">, partyIds: string[]): CaseParty[] {
  return view.parties.filter((p) => partyIds.includes(p.id));
}

/** The offices this case may go to (公证法 Art 25), each with its basis. */
export function officesFor(view: CaseView, content: AgreementContent, db: Reader) {
  const parties = requiredParties(view, content.parties.map((x) => x.partyId));
  return eligibleOffices(notaryOffices(db), { parties: parties.map((p) => p.regionCode), disputeRegion: view.row.regionCode });
}

function eligibleAgreement(view: CaseView, db: Reader) {
  const { agreement, content } = effectiveAgreement(view.row.id, db);
  const refusal = notarisationRefusal(content);
  if (refusal) throw new AppError("CONFLICT", refusal);
  return { agreement, content };
}

export async function startNotarisation(user: SessionUser, caseId: string, officeId: string, now = new Date()) {
  return withCase(user, caseId, (tx, view, fx, actor) => {
    guard(view);
    const { agreement, content } = eligibleAgreement(view, tx);
    if (openNotarisation(view.row.id, tx)) throw new AppError("CONFLICT", "本案已有进行中的赋强公证申请，请在该申请上签署");
    const other = otherRouteOpen(view.row.id, "notarisation", tx);
    if (other) throw new AppError("CONFLICT", other);
    const chosen = notaryOffices(tx).find((o) => o.id === officeId);
    if (!chosen) throw new AppError("BAD_INPUT", "请从列表中选择公证处", "officeId");
    const eligible = officesFor(view, content, tx);
    const office = eligible.find((o) => o.id === officeId);
    if (!office) throw new AppError("BAD_INPUT", eligible.length ? notCompetent(chosen.name, eligible) : NO_OFFICE, "officeId");
    const handoffId = createApplication(tx, { caseId: view.row.id, agreementId: agreement.id, kind: "notarisation", targetOrgId: office.id, basis: office.basis, startedById: user.id }, now);
    transition(tx, view.row, "apply_notarisation", view.roles, actor, null, {}, {
      type: "notarisation_started",
      summary: `${actor.name}发起向${office.name}申请办理赋强公证，等待各方当事人签署申请`,
      data: { handoffId, officeId: office.id },
    });
    const no = formatCaseNo(view.row.caseNo);
    for (const p of requiredParties(view, content.parties.map((x) => x.partyId)))
      for (const u of usersOf(p))
        if (u !== user.id)
          fx.notify({ userId: u, caseId: view.row.id, title: "请签署赋强公证申请", body: `${no}：${actor.name}发起向${office.name}申请赋强公证，需要双方共同申请。请在案件页查看并签署。`, link: `/cases/${view.row.id}` });
    return { handoffId };
  });
}

/** The parties named in the agreement sign; one who acts for none of them may not. */
const signing: Signing = {
  signable(view, db) {
    guard(view);
    const { content } = eligibleAgreement(view, db);
    const handoff = openNotarisation(view.row.id, db);
    if (!handoff || handoff.status !== "applying") throw new AppError("CONFLICT", "没有待签署的赋强公证申请");
    const required = requiredParties(view, content.parties.map((x) => x.partyId));
    const mine = required.filter((p) => actsFor(p, view.user.id));
    if (mine.length === 0) throw new AppError("FORBIDDEN", "您不是本协议的当事人，不能签署赋强公证申请");
    const signed = signedPartyIds(handoff.id, db);
    const open = mine.filter((p) => !signed.has(p.id));
    if (open.length === 0) throw new AppError("CONFLICT", signing.alreadySigned);
    return { handoff, mine: open, required };
  },
  alreadySigned: "您已签署本申请，等待对方签署",
  changed: "申请已变更，请刷新页面后重新获取验证码",
};

export async function sendNotarisationCode(user: SessionUser, caseId: string, now = new Date()) {
  return sendApplicationCode(
    user,
    caseId,
    signing,
    (handoff, view) => {
      const office = orgById(handoff.targetOrgId)!;
      const no = formatCaseNo(view.row.caseNo);
      return (code, minutes) => `您正在签署向${office.name}申请赋强公证的申请书（${no}），验证码 ${code}，${minutes}分钟内有效。请勿告诉他人。`;
    },
    now,
  );
}

export async function signNotarisation(user: SessionUser, caseId: string, code: string, meta: SignMeta, now = new Date()) {
  return signApplication(
    user,
    caseId,
    code,
    meta,
    signing,
    (tx, view2, fx, actor, { handoff, mine, required, missing, who }) => {
      const office = orgById(handoff.targetOrgId, tx)!;
      const no = formatCaseNo(view2.row.caseNo);
      if (missing.length > 0) {
        transition(tx, view2.row, "apply_notarisation", view2.roles, actor, null, {}, {
          type: "notarisation_signed",
          summary: `${who}签署了赋强公证申请，尚待${missing.map((p) => p.name).join("、")}签署`,
          data: { handoffId: handoff.id, partyIds: mine.map((p) => p.id) },
        });
        for (const u of missing.flatMap(usersOf))
          fx.notify({ userId: u, caseId: view2.row.id, title: "请签署赋强公证申请", body: `${no}：${who}已签署向${office.name}的赋强公证申请，需您签署后才能提交公证处。`, link: `/cases/${view2.row.id}` });
        return { submitted: false };
      }
      // Still "applying": signable() saw it so in this transaction.
      markSubmitted(tx, handoff.id, now);
      transition(tx, view2.row, "apply_notarisation", view2.roles, actor, "notarising", { handoffOrgId: handoff.targetOrgId }, {
        type: "notarisation_submitted",
        summary: `${who}签署了赋强公证申请。各方当事人均已签署，申请已提交${office.name}`,
        data: { handoffId: handoff.id, officeId: office.id },
      });
      closeOtherApplications(tx, handoff, view2, fx, now);
      for (const u of required.flatMap(usersOf))
        fx.notify({ userId: u, caseId: view2.row.id, title: "赋强公证申请已提交", body: `${no}：各方已签署，申请已提交${office.name}，公证员审查后出具公证书。`, link: `/cases/${view2.row.id}` });
      for (const u of notariesOf(office.id, tx))
        fx.notify({ userId: u, caseId: view2.row.id, title: "新的赋强公证申请", body: `${no}：当事人共同申请办理具有强制执行效力的债权文书公证。`, link: `/notary/${handoff.id}` });
      return { submitted: true };
    },
    now,
  );
}

/** Before everyone signed, any party may call the application off (e.g. to choose another office). */
export async function withdrawNotarisation(user: SessionUser, caseId: string, now = new Date()) {
  return withCase(user, caseId, (tx, view, fx, actor) => {
    guard(view);
    const handoff = openNotarisation(view.row.id, tx);
    if (!handoff || handoff.status !== "applying") throw new AppError("CONFLICT", "没有可撤回的赋强公证申请（已提交公证处的申请由公证员处理）");
    if (!view.parties.some((p) => actsFor(p, user.id))) throw new AppError("FORBIDDEN", "只有当事人可以撤回赋强公证申请");
    markWithdrawn(tx, handoff.id, now);
    transition(tx, view.row, "apply_notarisation", view.roles, actor, null, {}, { type: "notarisation_withdrawn", summary: `${actor.name}撤回了尚未提交的赋强公证申请`, data: { handoffId: handoff.id } });
    for (const p of view.parties)
      for (const u of usersOf(p))
        if (u !== user.id) fx.notify({ userId: u, caseId: view.row.id, title: "赋强公证申请已撤回", body: `${formatCaseNo(view.row.caseNo)}：${actor.name}撤回了赋强公证申请。`, link: `/cases/${view.row.id}` });
    return { handoffId: handoff.id };
  });
}
