// Voluntariness (人民调解法 Art 3, 17): the respondent is invited by SMS with a link and a one-time
// code, verifies who they are, reads the claims and the fee, and consents or refuses.
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import { and, eq, isNull } from "drizzle-orm";
import crypto from "node:crypto";
import { getDb } from "../../db/client";
import { caseParties, cases, invitations, organisations, users, type Case, type CaseParty } from "../../db/schema";
import { formatCaseNo } from "../../app/lib/case-format";
import { maskName } from "../../app/lib/id-checks";
import { getEnv } from "../env";
import { publicUrl } from "../lib/urls";
import { AppError } from "../lib/errors";
import { createId } from "../lib/ids";
import { generateSessionToken } from "../auth/session";
import { hashPassword } from "../auth/password";
import { startSession } from "../auth/accounts";
import type { SessionUser } from "../auth/session";
import { SYSTEM } from "../cases/actor";
import type { Effects } from "../cases/effects";
import { recordEvent, transition, type Tx } from "../cases/timeline";
import { applicantUsers, withCase } from "../cases/with-case";
import { mediationDeadline } from "./deadlines";
import type { Category } from "../../app/lib/categories";

const MAX_CODE_ATTEMPTS = 5;
const HOUR = 3600_000;

const hash = (s: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(s)));

/** One invitation per respondent who has not answered; returns how many were sent. */
export function sendInvitations(tx: Tx, row: Case, parties: CaseParty[], fx: Effects, now: Date): number {
  const hours = getEnv().INVITE_EXPIRY_HOURS;
  let n = 0;
  for (const p of parties.filter((x) => x.side === "respondent" && x.consent === "pending")) {
    const token = generateSessionToken();
    const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, "0");
    const id = createId();
    tx.insert(invitations)
      .values({ id, caseId: row.id, partyId: p.id, tokenHash: hash(token), codeHash: hash(`${id}:${code}`), expiresAt: new Date(now.getTime() + hours * HOUR), createdAt: now })
      .run();
    fx.text(
      p.phone,
      `${maskName(applicantName(parties))}申请与您调解一起${row.category}纠纷（${row.caseNo}）。调解自愿，请在${Math.round(hours / 24)}天内打开 ${publicUrl(`/invite/${token}`)} 查看并答复，验证码 ${code}。`,
    );
    n++;
  }
  if (n) recordEvent(tx, row.id, SYSTEM, { type: "invited", summary: `已向${n}位被申请人发送调解邀请短信` });
  return n;
}

function applicantName(parties: CaseParty[]): string {
  return parties.find((p) => p.side === "applicant")?.name ?? "对方";
}

function findInvitation(token: string) {
  if (!/^[a-z2-7]{32}$/.test(token)) return null;
  return getDb().select().from(invitations).where(eq(invitations.tokenHash, hash(token))).get() ?? null;
}

export type InvitationView = {
  state: "open" | "expired" | "answered" | "closed";
  caseNo: string;
  category: string;
  applicant: string;
  party: { kind: "person" | "org"; name: string };
  org: { name: string; charges: boolean; feeNote: string | null } | null;
  expiresAt: Date;
  verified: boolean;
};

/** What the invitation page shows before verification: nothing personal beyond masked names. */
export function openInvitation(token: string, now = new Date()): InvitationView {
  const inv = findInvitation(token);
  if (!inv) throw new AppError("NOT_FOUND", "邀请链接无效，请核对短信中的链接");
  const db = getDb();
  const row = db.select().from(cases).where(eq(cases.id, inv.caseId)).get()!;
  const party = db.select().from(caseParties).where(eq(caseParties.id, inv.partyId)).get()!;
  const applicant = db.select({ name: caseParties.name }).from(caseParties).where(and(eq(caseParties.caseId, row.id), eq(caseParties.side, "applicant"))).get();
  const org = row.orgId ? db.select().from(organisations).where(eq(organisations.id, row.orgId)).get() : undefined;
  const state = inv.answeredAt
    ? "answered"
    : inv.expiresAt.getTime() < now.getTime()
      ? "expired"
      : inv.closedAt || row.status !== "awaiting_consent"
        ? "closed"
        : "open";
  return {
    state,
    caseNo: formatCaseNo(row.caseNo),
    category: row.category ?? "",
    applicant: maskName(applicant?.name ?? ""),
    party: { kind: party.kind, name: maskName(party.name) },
    org: org ? { name: org.name, charges: org.charges, feeNote: org.feeNote } : null,
    expiresAt: inv.expiresAt,
    verified: !!inv.verifiedAt,
  };
}

export type VerifyInput = { code: string; name: string; idNumber: string; password?: string };

/**
 * Checks the SMS code and the person's identity, links (or creates) their account, and signs
 * them in so that they can read the case and answer. Wrong codes are counted; five lock it.
 */
export async function verifyInvitation(token: string, input: VerifyInput, meta: { ip: string; userAgent?: string | null }, now = new Date()) {
  const inv = findInvitation(token);
  if (!inv) throw new AppError("NOT_FOUND", "邀请链接无效，请核对短信中的链接");
  const db = getDb();
  const row = db.select().from(cases).where(eq(cases.id, inv.caseId)).get()!;
  if (row.status !== "awaiting_consent" || inv.answeredAt || inv.closedAt) throw new AppError("CONFLICT", "该邀请已答复或案件已结束");
  if (inv.expiresAt.getTime() < now.getTime()) throw new AppError("CONFLICT", "邀请已过期，如仍愿意调解，请联系申请人重新申请");
  if (inv.attempts >= MAX_CODE_ATTEMPTS) throw new AppError("TOO_MANY", "验证码错误次数过多，该邀请已锁定，请联系调解组织");
  // Count the attempt first, so that parallel guesses cannot exceed the limit.
  db.update(invitations).set({ attempts: inv.attempts + 1 }).where(and(eq(invitations.id, inv.id), eq(invitations.attempts, inv.attempts))).run();
  if (hash(`${inv.id}:${input.code}`) !== inv.codeHash) {
    const left = MAX_CODE_ATTEMPTS - inv.attempts - 1;
    throw new AppError("BAD_INPUT", left > 0 ? `验证码不正确，还可尝试 ${left} 次` : "验证码错误次数过多，该邀请已锁定", "code");
  }
  const party = db.select().from(caseParties).where(eq(caseParties.id, inv.partyId)).get()!;
  if (party.kind === "person" && (party.name !== input.name || party.idNumber !== input.idNumber))
    throw new AppError("BAD_INPUT", "姓名或身份证号码与申请人填写的信息不一致，请核对；如信息有误，请联系调解组织更正", "idNumber");

  const existing = db.select().from(users).where(eq(users.phone, party.phone)).get();
  if (existing && existing.idNumber !== input.idNumber)
    throw new AppError("BAD_INPUT", "该手机号码已被他人实名注册，请联系调解组织核实", "idNumber");
  const byId = existing ? null : db.select({ id: users.id }).from(users).where(eq(users.idNumber, input.idNumber)).get();
  if (byId) throw new AppError("BAD_INPUT", "该身份证号码已用其他手机号码注册，请用原账号登录后联系调解组织", "idNumber");
  if (!existing && !input.password) throw new AppError("BAD_INPUT", "请设置登录密码，以便之后查看案件和参加调解", "password");
  const passwordHash = existing ? null : await hashPassword(input.password!);

  const userId = db.transaction((tx) => {
    // Re-read inside the transaction: a double tap may have created the account meanwhile.
    const now2 = tx.select().from(users).where(eq(users.phone, party.phone)).get();
    if (now2 && now2.idNumber !== input.idNumber) throw new AppError("BAD_INPUT", "该手机号码已被他人实名注册，请联系调解组织核实", "idNumber");
    let uid = now2?.id;
    if (!uid) {
      if (tx.select({ id: users.id }).from(users).where(eq(users.idNumber, input.idNumber)).get())
        throw new AppError("BAD_INPUT", "该身份证号码已用其他手机号码注册，请用原账号登录后联系调解组织", "idNumber");
      uid = createId();
      tx.insert(users).values({ id: uid, name: input.name, idNumber: input.idNumber, phone: party.phone, passwordHash: passwordHash!, role: "party" }).run();
    }
    tx.update(caseParties).set({ userId: uid }).where(eq(caseParties.id, party.id)).run();
    tx.update(invitations).set({ verifiedAt: now }).where(eq(invitations.id, inv.id)).run();
    recordEvent(tx, row.id, { id: uid, name: input.name, label: `${input.name}（被申请人）` }, {
      type: "respondent_verified",
      summary: "被申请人通过短信验证码和身份信息核验",
    });
    return uid;
  });
  // An SMS code is enough to sign a citizen in, not a staff account (a mediator or judge who is
  // also a party here logs in with their password, as always).
  const role = existing?.role ?? "party";
  if (role !== "party") return { caseId: row.id, session: null };
  return { caseId: row.id, session: startSession(userId, role, meta) };
}

function respondentParty(view: { parties: CaseParty[] }, userId: string): CaseParty {
  const p = view.parties.find((x) => x.side === "respondent" && (x.userId === userId || x.agentUserId === userId));
  if (!p) throw new AppError("FORBIDDEN", "只有被申请人本人可以答复");
  if (p.consent !== "pending") throw new AppError("CONFLICT", "您已答复过本案的调解邀请");
  return p;
}

export async function consent(user: SessionUser, caseId: string, now = new Date()) {
  return withCase(user, caseId, (tx, view, fx, actor) => {
    const me = respondentParty(view, user.id);
    // Consenting after reading a disclosed conflict is agreeing to it (the page shows it above).
    tx.update(caseParties)
      .set({ consent: "consented", consentAt: now, disclosureAgreedAt: view.row.conflictDisclosure ? now : null })
      .where(eq(caseParties.id, me.id))
      .run();
    tx.update(invitations).set({ answeredAt: now }).where(and(eq(invitations.partyId, me.id), isNull(invitations.answeredAt))).run();
    const othersPending = view.parties.some((p) => p.side === "respondent" && p.id !== me.id && p.consent === "pending");
    const applicantsAgreed = !view.row.conflictDisclosure || view.parties.filter((p) => p.side === "applicant").every((p) => p.disclosureAgreedAt);
    const to = othersPending || !applicantsAgreed ? "awaiting_consent" : "mediating";
    const due = to === "mediating" && view.row.acceptedAt ? mediationDeadline({ category: view.row.category as Category, source: view.row.source, acceptedAt: view.row.acceptedAt }) : null;
    const row = transition(tx, view.row, "consent", view.roles, actor, to, due ? { mediationDue: due.deadline, mediationDueRule: due.rule } : {}, {
      type: "consented",
      summary:
        to === "mediating"
          ? `被申请人同意调解，案件进入调解${due ? `（调解期限至 ${due.deadline.toISOString().slice(0, 10)}，${due.rule}）` : ""}`
          : othersPending
            ? "被申请人同意调解，等待其他被申请人答复"
            : "被申请人同意调解，等待申请人确认调解员的利益冲突披露",
    });
    const no = formatCaseNo(row.caseNo);
    const notice = { caseId, title: "对方同意调解", body: `${no}：${user.name} 同意调解`, link: `/cases/${caseId}` };
    for (const u of applicantUsers(view.parties)) fx.notify({ userId: u, ...notice });
    if (row.mediatorId) fx.notify({ userId: row.mediatorId, ...notice, body: `${no}：被申请人同意调解，可以安排调解` });
    return row;
  });
}

export async function refuse(user: SessionUser, caseId: string, reason: string, now = new Date()) {
  return withCase(user, caseId, (tx, view, fx, actor) => {
    const me = respondentParty(view, user.id);
    tx.update(caseParties).set({ consent: "refused", consentAt: now, refuseReason: reason }).where(eq(caseParties.id, me.id)).run();
    tx.update(invitations).set({ answeredAt: now }).where(and(eq(invitations.partyId, me.id), isNull(invitations.answeredAt))).run();
    closeOpenInvitations(tx, caseId, now);
    const row = transition(tx, view.row, "refuse", view.roles, actor, "refused", { endedAt: now }, {
      type: "refused",
      summary: "被申请人拒绝调解，调解程序终止（《人民调解法》第十七条）",
      reason,
    });
    const no = formatCaseNo(row.caseNo);
    for (const u of applicantUsers(view.parties))
      fx.notify({ userId: u, caseId, title: "对方拒绝调解", body: `${no}：对方不同意调解。您可以查看其他解决途径（仲裁、诉讼等）`, link: `/cases/${caseId}` });
    if (row.mediatorId) fx.notify({ userId: row.mediatorId, caseId, title: "对方拒绝调解", body: `${no} 已终止`, link: `/cases/${caseId}` });
    return row;
  });
}

/** The case moved on: invitations nobody answered can no longer be used. */
export function closeOpenInvitations(tx: Tx, caseId: string, now: Date): void {
  tx.update(invitations)
    .set({ closedAt: now })
    .where(and(eq(invitations.caseId, caseId), isNull(invitations.answeredAt), isNull(invitations.closedAt)))
    .run();
}
