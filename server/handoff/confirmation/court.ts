// The court's side before the ruling: accept (调确字 number) or decline within 3 days (司法确认程序
// 规定 Art 4), call the parties in for questioning (Art 6), extend the 15-day review once by 10
// (Art 5). Only judges of the court the application went to; anyone else gets 404.
import { and, eq } from "drizzle-orm";
import { getDb } from "../../../db/client";
import { handoffs, type Handoff } from "../../../db/schema";
import { formatCaseNo, formatDateTime } from "../../../app/lib/case-format";
import type { SessionUser } from "../../auth/session";
import type { CaseView } from "../../cases/access";
import type { Effects } from "../../cases/effects";
import { recordEvent, transition, type Tx } from "../../cases/timeline";
import { withCase } from "../../cases/with-case";
import { AppError } from "../../lib/errors";
import { confirmationWindow, rulingDue } from "../deadlines";
import { agreementOfCase } from "../../agreements/store";
import { MEDIATION_LAW_33, RULES_4, RULES_5, RULES_6 } from "./law";
import { nextRefNo } from "./numbers";
import { partyUserIds } from "../parties";
import { confirmationById, courtsOfJudge, orgById, type Reader } from "./store";

const STATUS_WORDS: Record<Handoff["status"], string> = {
  applying: "当事人尚未全部签署",
  submitted: "待受理",
  accepted: "已受理，审查中",
  decided: "已作出裁定",
  declined: "已裁定不予受理",
  closed: "已关闭",
};

/** The application, if this judge's court received it; 404 for everyone else. */
export function courtApplication(user: Pick<SessionUser, "id" | "role">, handoffId: string, db: Reader = getDb()): Handoff {
  const h = confirmationById(handoffId, db);
  // An application still being signed has not reached any court.
  if (!h || h.status === "applying" || !courtsOfJudge(user, db).some((c) => c.id === h.targetOrgId)) throw new AppError("NOT_FOUND", "该司法确认申请不存在或不属于本院");
  return h;
}

/** Refuses, with the rule, an act the application's status does not allow. */
export function requireStatus(h: Handoff, wanted: Handoff["status"], act: string): void {
  if (h.status === wanted) return;
  if (h.status === "submitted") throw new AppError("CONFLICT", `本申请尚未受理，不能${act}：人民法院应先决定是否受理并编立"调确字"案号（${RULES_4}）`);
  if (h.status === "decided") throw new AppError("CONFLICT", `本申请已于${formatDateTime(h.decidedAt)}作出裁定，不能再${act}：裁定一经作出即发生法律效力`);
  throw new AppError("CONFLICT", `本申请${STATUS_WORDS[h.status]}，不能${act}`);
}

type CourtAct<T> = (tx: Tx, h: Handoff, view: CaseView, fx: Effects, actor: { id: string | null; name: string; label: string }) => T;

/** Runs a court act on the committed state of the application and its case. */
export async function onApplication<T>(user: SessionUser, handoffId: string, wanted: Handoff["status"], act: string, fn: CourtAct<T>): Promise<T> {
  const first = courtApplication(user, handoffId);
  requireStatus(first, wanted, act);
  return withCase(user, first.caseId, (tx, view, fx, actor) => {
    const h = courtApplication(user, handoffId, tx);
    requireStatus(h, wanted, act);
    if (view.row.handoffOrgId !== h.targetOrgId) throw new AppError("CONFLICT", "案件已不在本院审查中");
    return fn(tx, h, view, fx, actor);
  });
}

function tellParties(view: CaseView, fx: Effects, title: string, body: string, sms?: string) {
  for (const u of partyUserIds(view.parties)) fx.notify({ userId: u, caseId: view.row.id, title, body, link: `/cases/${view.row.id}/confirmation` });
  if (view.row.mediatorId) fx.notify({ userId: view.row.mediatorId, caseId: view.row.id, title, body, link: `/cases/${view.row.id}` });
  if (sms) for (const p of view.parties) fx.text(p.phone, sms);
}

export async function acceptApplication(user: SessionUser, handoffId: string, now = new Date()) {
  return onApplication(user, handoffId, "submitted", "受理", (tx, h, view, fx, actor) => {
    const court = orgById(h.targetOrgId, tx)!;
    const refNo = nextRefNo(tx, court, now);
    const decisionDue = rulingDue(now, false);
    const late = h.acceptDue && h.acceptDue < now ? "（已超过三日受理期限）" : "";
    tx.update(handoffs)
      .set({ status: "accepted", acceptedAt: now, handlerId: user.id, refNo, decisionDue, updatedAt: now })
      .where(and(eq(handoffs.id, h.id), eq(handoffs.status, "submitted")))
      .run();
    transition(tx, view.row, "court_accept", view.roles, actor, null, {}, {
      type: "confirmation_accepted",
      summary: `${court.name}受理司法确认申请${late}，案号${refNo}，由审判员${user.name}审查，应于${formatDateTime(decisionDue)}前作出裁定（${RULES_5}）`,
      data: { handoffId: h.id, refNo },
    });
    const no = formatCaseNo(view.row.caseNo);
    tellParties(view, fx, "法院已受理司法确认申请", `${no}：${court.name}已受理，案号${refNo}。`, `${no}：${court.name}已受理您的司法确认申请，案号${refNo}。`);
    return { refNo, decisionDue };
  });
}

export async function declineApplication(user: SessionUser, handoffId: string, input: { reason: string }, now = new Date()) {
  return onApplication(user, handoffId, "submitted", "不予受理", (tx, h, view, fx, actor) => {
    const court = orgById(h.targetOrgId, tx)!;
    tx.update(handoffs)
      .set({ status: "declined", outcome: "declined", outcomeNote: input.reason, decidedAt: now, handlerId: user.id, updatedAt: now })
      .where(and(eq(handoffs.id, h.id), eq(handoffs.status, "submitted")))
      .run();
    // The court no longer holds the case; the agreement stays effective.
    transition(tx, view.row, "court_decline", view.roles, actor, "effective", { handoffOrgId: null }, {
      type: "confirmation_declined",
      summary: `${court.name}决定不予受理司法确认申请（${RULES_4}）`,
      reason: input.reason,
      data: { handoffId: h.id },
    });
    const a = agreementOfCase(view.row.id, tx);
    const window = a?.effectiveAt ? confirmationWindow(a.effectiveAt, now) : null;
    const still = window?.open ? `可在${formatDateTime(window.endsAt)}前向其他有管辖权的人民法院共同申请（${MEDIATION_LAW_33}）。` : "申请期限已届满。";
    const no = formatCaseNo(view.row.caseNo);
    tellParties(view, fx, "法院不予受理司法确认申请", `${no}：${court.name}不予受理（理由：${input.reason}）。${still}`, `${no}：${court.name}不予受理您的司法确认申请。${still}详情请登录平台查看。`);
    return { window };
  });
}

/** Calls the parties in to be questioned about the agreement (Art 6); an appointment, not a room. */
export async function scheduleInquiry(user: SessionUser, handoffId: string, input: { at: Date; place: string; note?: string }, now = new Date()) {
  if (input.at.getTime() < now.getTime() - 5 * 60_000) throw new AppError("BAD_INPUT", "询问时间不能早于现在", "at");
  return onApplication(user, handoffId, "accepted", "安排询问", (tx, h, view, fx, actor) => {
    if (h.decisionDue && input.at > h.decisionDue) throw new AppError("BAD_INPUT", `询问时间应在审查期限（${formatDateTime(h.decisionDue)}）之前`, "at");
    if (!view.roles.includes("court")) throw new AppError("FORBIDDEN", "只有审查本案的法官可以安排询问");
    const when = formatDateTime(input.at);
    recordEvent(tx, view.row.id, actor, {
      type: "confirmation_inquiry",
      summary: `通知双方当事人于${when}到${input.place}接受询问，核实调解协议的有关情况（${RULES_6}）`,
      reason: input.note ?? null,
      data: { handoffId: h.id, at: input.at.toISOString(), place: input.place },
    });
    const no = formatCaseNo(view.row.caseNo);
    tellParties(
      view,
      fx,
      "法院通知到场询问",
      `${no}（${h.refNo}）：请于${when}到${input.place}接受询问，如实陈述调解协议的有关情况。${input.note ? `备注：${input.note}` : ""}`,
      `${no}：法院通知您于${when}到${input.place}就司法确认申请接受询问，请携带身份证件准时到场。`,
    );
    return { at: input.at };
  });
}

export async function extendReview(user: SessionUser, handoffId: string, input: { reason: string }, now = new Date()) {
  return onApplication(user, handoffId, "accepted", "延长审查期限", (tx, h, view, fx, actor) => {
    if (h.extendedAt) throw new AppError("CONFLICT", `审查期限已于${formatDateTime(h.extendedAt)}延长过一次，只能延长一次（${RULES_5}）`);
    if (!h.acceptedAt || (h.decisionDue && h.decisionDue <= now)) throw new AppError("CONFLICT", `十五日审查期限已届满，不能再延长（${RULES_5}）`);
    const decisionDue = rulingDue(h.acceptedAt, true);
    tx.update(handoffs).set({ extendedAt: now, extensionReason: input.reason, decisionDue, updatedAt: now }).where(and(eq(handoffs.id, h.id), eq(handoffs.status, "accepted"))).run();
    transition(tx, view.row, "court_extend", view.roles, actor, null, {}, {
      type: "confirmation_extended",
      summary: `审查期限延长十日，至${formatDateTime(decisionDue)}（${RULES_5}）`,
      reason: input.reason,
      data: { handoffId: h.id },
    });
    tellParties(view, fx, "司法确认审查期限延长", `${formatCaseNo(view.row.caseNo)}（${h.refNo}）：审查期限延长至${formatDateTime(decisionDue)}。`);
    return { decisionDue };
  });
}
