// 分, first half: drafts and the submission that turns a draft into a routed case.
import { and, count, eq, inArray, ne } from "drizzle-orm";
import { getDb } from "../../db/client";
import { caseParties, cases, evidence, memberships, organisations, users, type Case } from "../../db/schema";
import type { CaseSource } from "../../app/lib/case-enums";
import type { CitizenFiling, CourtReferral, PartyInput, ReferralFiling } from "../../app/lib/case-schemas";
import { formatCaseNo, yuanToFen } from "../../app/lib/case-format";
import type { SessionUser } from "../auth/session";
import { AppError } from "../lib/errors";
import { createId } from "../lib/ids";
import { gradeRisk, isCrossRegion } from "../triage/risk";
import { isKnownRegion } from "../triage/regions";
import { placeCase } from "../triage/assign";
import { notifyDispatchers } from "../triage/dispatch";
import { announceBoardChanged } from "../realtime/broadcast";
import { actorOf } from "./actor";
import { nextCaseNo } from "./case-number";
import { Effects } from "./effects";
import { loadCaseFor } from "./access";
import { recordEvent, transition, type Tx } from "./timeline";

const MAX_DRAFT_BYTES = 60_000;

export function sourceFor(user: SessionUser): CaseSource {
  if (user.role === "lawyer") return "lawyer_referral";
  if (user.role === "judge") return "court_delegated";
  if (user.role === "party") return "citizen";
  throw new AppError("FORBIDDEN", "您的账号不能提交调解申请");
}

export function createDraft(user: SessionUser): string {
  return getDb().transaction((tx) => insertDraft(tx, user));
}

function insertDraft(tx: Tx, user: SessionUser): string {
  const id = createId();
  tx.insert(cases).values({ id, filedById: user.id, source: sourceFor(user), draft: {} }).run();
  recordEvent(tx, id, actorOf(user), { type: "draft_created", summary: "创建申请草稿", toStatus: "draft" });
  return id;
}

/** Saves whatever the filer typed so far; it is validated only on submit. */
export function saveDraft(user: SessionUser, caseId: string, data: Record<string, unknown>): void {
  const view = loadCaseFor(user, caseId);
  if (!view.roles.includes("filer")) throw new AppError("NOT_FOUND", "案件不存在或您无权查看");
  if (view.row.status !== "draft") throw new AppError("CONFLICT", "申请已提交，不能再修改草稿");
  if (JSON.stringify(data).length > MAX_DRAFT_BYTES) throw new AppError("BAD_INPUT", "草稿内容过长，请精简纠纷经过或请求事项");
  getDb()
    .update(cases)
    .set({ draft: { ...(view.row.draft ?? {}), ...data }, updatedAt: new Date() })
    .where(and(eq(cases.id, caseId), eq(cases.status, "draft")))
    .run();
}

export function listDrafts(userId: string) {
  return getDb()
    .select({ id: cases.id, updatedAt: cases.updatedAt, draft: cases.draft, source: cases.source })
    .from(cases)
    .where(and(eq(cases.filedById, userId), eq(cases.status, "draft")))
    .orderBy(cases.updatedAt)
    .all();
}

type PartyRow = typeof caseParties.$inferInsert;

function partyRow(caseId: string, side: "applicant" | "respondent", p: PartyInput, extra: Partial<PartyRow> = {}): PartyRow {
  return {
    id: createId(),
    caseId,
    side,
    kind: p.kind,
    name: p.name,
    idNumber: p.idNumber,
    legalRep: p.kind === "org" ? p.legalRep : null,
    phone: p.phone,
    address: p.address,
    regionCode: p.regionCode ?? null,
    ...extra,
  };
}

/** An existing account with the same phone and 身份证 number is the same person. */
function matchingUser(tx: Tx, p: PartyInput): string | null {
  if (p.kind !== "person") return null;
  return tx.select({ id: users.id }).from(users).where(and(eq(users.phone, p.phone), eq(users.idNumber, p.idNumber))).get()?.id ?? null;
}

export type SubmitInput =
  | { source: "citizen"; data: CitizenFiling }
  | { source: "lawyer_referral"; data: ReferralFiling }
  | { source: "court_delegated" | "court_entrusted"; data: CourtReferral };

/**
 * Everything about a filing that can be refused without writing: known regions, who the
 * applicant is, no one on both sides, a judge's court. Throws AppError; returns what it found.
 */
export function precheckFiling(user: SessionUser, input: SubmitInput) {
  const db = getDb();
  const d = input.data;
  if (!isKnownRegion(d.regionCode)) throw new AppError("BAD_INPUT", "所选区县不存在，请重新选择", "regionCode");
  if (d.areaCode && !isKnownRegion(d.areaCode)) throw new AppError("BAD_INPUT", "所选乡镇（街道）不存在，请重新选择", "areaCode");
  if (d.areaCode && !d.areaCode.startsWith(d.regionCode)) throw new AppError("BAD_INPUT", "乡镇（街道）须属于所选区县", "areaCode");
  const me = db.select().from(users).where(eq(users.id, user.id)).get()!;
  const applicant: PartyInput =
    input.source === "citizen"
      ? { kind: "person", name: me.name, idNumber: me.idNumber, phone: me.phone, address: input.data.applicantAddress, regionCode: input.data.applicantRegionCode }
      : input.source === "lawyer_referral"
        ? input.data.client
        : input.data.applicant;
  const respondents = d.respondents;
  const ids = [applicant, ...respondents].map((p) => p.idNumber);
  if (new Set(ids).size !== ids.length) throw new AppError("BAD_INPUT", "申请人与被申请人不能是同一人（证件号码重复）", "respondents");
  let courtId: string | null = null;
  if (input.source.startsWith("court_")) {
    courtId =
      db
        .select({ id: organisations.id })
        .from(memberships)
        .innerJoin(organisations, eq(organisations.id, memberships.orgId))
        .where(and(eq(memberships.userId, user.id), eq(memberships.active, true), eq(organisations.type, "court")))
        .get()?.id ?? null;
    if (!courtId) throw new AppError("FORBIDDEN", "您的账号未关联法院，不能委派或委托调解");
  }
  return { applicant, respondents, courtId };
}

/** Filing in one call (the API): checked first, so bad input leaves no draft behind. */
export async function fileCase(user: SessionUser, input: SubmitInput, now: Date = new Date()): Promise<SubmitResult> {
  if (sourceFor(user) !== input.source && !(input.source.startsWith("court_") && sourceFor(user) === "court_delegated"))
    throw new AppError("BAD_INPUT", "申请类型与账号不符");
  const checked = precheckFiling(user, input);
  // One transaction for the draft and its submission: a filing that fails half-way leaves no
  // orphan draft behind (and costs one commit, not two).
  const fx = new Effects();
  const result = getDb().transaction((tx) => submitIn(tx, user, insertDraft(tx, user), input, checked, fx, now));
  await fx.flush();
  return result;
}

export type SubmitResult = { caseId: string; caseNo: string; status: Case["status"]; orgName: string | null };

/**
 * Submits a draft: parties, risk grade, case number, routing and the first assignment, all in
 * one transaction. Bad input throws before anything is written.
 */
export async function submitDraft(user: SessionUser, caseId: string, input: SubmitInput, now: Date = new Date()): Promise<SubmitResult> {
  const db = getDb();
  const view = loadCaseFor(user, caseId);
  if (!view.roles.includes("filer")) throw new AppError("NOT_FOUND", "案件不存在或您无权查看");
  if (view.row.status !== "draft") throw new AppError("CONFLICT", "申请已经提交过了，请勿重复提交");
  if (input.source !== view.row.source && !(view.row.source.startsWith("court_") && input.source.startsWith("court_")))
    throw new AppError("BAD_INPUT", "申请类型与草稿不一致");
  const checked = precheckFiling(user, input);
  const fx = new Effects();
  const result = db.transaction((tx) => submitIn(tx, user, caseId, input, checked, fx, now));
  await fx.flush();
  return result;
}

/** The submission itself, inside the caller's transaction. */
function submitIn(tx: Tx, user: SessionUser, caseId: string, input: SubmitInput, checked: ReturnType<typeof precheckFiling>, fx: Effects, now: Date): SubmitResult {
  const { applicant, respondents, courtId } = checked;
  const d = input.data;
  const row = tx.select().from(cases).where(eq(cases.id, caseId)).get()!;
  // Re-checked inside the transaction: two submits at once must file the case once.
  if (row.status !== "draft") throw new AppError("CONFLICT", "申请已经提交过了，请勿重复提交");
  if (input.source === "lawyer_referral") {
    const poa = tx.select({ n: count() }).from(evidence).where(and(eq(evidence.caseId, caseId), eq(evidence.kind, "power_of_attorney"))).get()!.n;
    if (poa === 0) throw new AppError("BAD_INPUT", "律调对接须上传当事人签署的授权委托书", "powerOfAttorney");
  }
  const chosenOrgId = input.source.startsWith("court_") ? (input.data as CourtReferral).orgId : null;

  // Repeated filings by the same filer against the same respondent feed the risk grade.
  const prior = tx
    .select({ n: count() })
    .from(caseParties)
    .innerJoin(cases, eq(cases.id, caseParties.caseId))
    .where(and(eq(cases.filedById, user.id), ne(cases.status, "draft"), ne(cases.id, caseId), eq(caseParties.side, "respondent"), inArray(caseParties.idNumber, respondents.map((r) => r.idNumber))))
    .get()!.n;
  const partyRegions = [applicant.regionCode ?? null, ...respondents.map((r) => r.regionCode ?? null)];
  const risk = gradeRisk({
    texts: [d.facts, d.claims],
    amountFen: d.amountYuan != null ? yuanToFen(d.amountYuan) : null,
    partyCount: 1 + respondents.length,
    disputeRegion: d.regionCode,
    partyRegions,
    priorFilings: prior,
    category: d.category,
  });
  const crossRegion = isCrossRegion(d.regionCode, partyRegions);

  const applicantUserId = input.source === "citizen" ? user.id : matchingUser(tx, applicant);
  tx.insert(caseParties)
    .values([
      partyRow(caseId, "applicant", applicant, { userId: applicantUserId, agentUserId: input.source === "lawyer_referral" ? user.id : null, consent: "consented", consentAt: now }),
      ...respondents.map((r) => partyRow(caseId, "respondent", r)),
    ])
    .run();
  const caseNo = nextCaseNo(tx, now);
  const filled: Case = {
    ...row,
    caseNo,
    category: d.category,
    regionCode: d.regionCode,
    areaCode: d.areaCode ?? null,
    kindPreference: d.kindPreference,
    risk: risk.grade,
    riskReasons: risk.reasons,
    courtId,
    orgId: chosenOrgId,
    source: input.source,
  };
  tx.update(cases)
    .set({
      caseNo,
      category: d.category,
      regionCode: d.regionCode,
      areaCode: d.areaCode ?? null,
      address: d.address ?? null,
      facts: d.facts,
      claims: d.claims,
      amountFen: d.amountYuan != null ? yuanToFen(d.amountYuan) : null,
      kindPreference: d.kindPreference,
      risk: risk.grade,
      riskReasons: risk.reasons,
      source: input.source,
      courtId,
      courtCaseNo: input.source.startsWith("court_") ? ((input.data as CourtReferral).courtCaseNo ?? null) : null,
      submittedAt: now,
      draft: null,
    })
    .where(eq(cases.id, caseId))
    .run();
  const placement = placeCase(tx, filled, { crossRegion, now });
  const actor = actorOf(user, input.source === "citizen" ? "申请人" : undefined);
  const summary =
    placement.status === "awaiting_acceptance"
      ? `提交调解申请，案件编号 ${formatCaseNo(caseNo)}；分流至${placement.orgName}，调解员 ${placement.mediator.name}`
      : `提交调解申请，案件编号 ${formatCaseNo(caseNo)}；规则无法确定调解组织，转矛调中心人工分流`;
  const updated = transition(tx, row, "submit", ["filer"], actor, placement.status, { ...placement.patch, submittedAt: now }, {
    type: "submitted",
    summary,
    reason: placement.reason,
    data: { risk: risk.grade, riskReasons: risk.reasons },
  });
  if (risk.grade !== "green") {
    recordEvent(tx, caseId, { id: null, name: "系统", label: "系统" }, {
      type: "risk_graded",
      summary: `风险评估：${risk.grade === "red" ? "红色预警" : "黄色关注"}`,
      reason: risk.reasons.join("；"),
      visibility: "staff",
    });
  }

  const link = `/cases/${caseId}`;
  fx.notify({ userId: user.id, caseId, title: "调解申请已提交", body: `${formatCaseNo(caseNo)}：${placement.status === "awaiting_acceptance" ? `已分给${placement.orgName}` : "正在人工分流"}`, link });
  if (applicantUserId && applicantUserId !== user.id)
    fx.notify({ userId: applicantUserId, caseId, title: "您的纠纷已提交调解", body: `${formatCaseNo(caseNo)}`, link });
  if (input.source !== "citizen") fx.text(applicant.phone, `您的纠纷已提交调解，案件编号 ${caseNo}。可凭案件编号和本手机号在平台查询进度。`);
  if (placement.status === "awaiting_acceptance") {
    fx.notify({ userId: placement.mediator.id, caseId, title: "新案件待受理", body: `${formatCaseNo(caseNo)}（${d.category}），请在3个工作日内受理或说明理由不予受理`, link });
  }
  if (placement.status === "unrouted" || risk.grade === "red") notifyDispatchers(tx, updated, fx, risk.grade === "red" ? "red" : "unrouted");
  fx.then(() => announceBoardChanged(d.regionCode)); // a new case on the 矛调中心 board, after commit
  fx.write(tx);
  return { caseId, caseNo, status: updated.status, orgName: placement.status === "awaiting_acceptance" ? placement.orgName : null };
}
