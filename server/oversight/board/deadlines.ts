// Deadlines across every stage of a case, for the board: what passes within the chosen horizon
// (24 hours, 3 days) or has passed, most overdue first.
//
// - acceptance: cases.acceptDeadline while awaiting_acceptance (在线调解规则 Art 12, 3 working days);
// - consent: the earliest open invitation's expiresAt while awaiting_consent;
// - mediation: cases.mediationDue while mediating (Art 24);
// - 司法确认 window: 30 days from the day after agreements.effectiveAt, to 24:00 of the last day or
//   of the first working day after it, while the case is effective, i.e. no application is with a
//   court (人民调解法 Art 33; 民事诉讼法 Art 85; server/handoff/deadlines.ts confirmationWindow).
//   Once passed nobody can act on it any more, so it stays on the board for a week only;
// - court acceptance and ruling: handoffs.acceptDue / decisionDue of a 司法确认 application, submitted
//   or accepted (法释〔2011〕5号 Arts 4 and 5).
//
// Each kind is one narrow query (ids and dates, ordered by due, limited to what the page needs);
// they are merged in memory, so a page costs at most six small index walks and one lookup by id.
import { and, asc, count, countDistinct, eq, gte, isNull, lt, lte, sql } from "drizzle-orm";
import { getDb } from "../../../db/client";
import { agreements, cases, handoffs, invitations, organisations } from "../../../db/schema";
import { confirmationWindow, windowCutoff } from "../../handoff/deadlines";
import { inCities } from "./cities";
import { lateness } from "./lateness";
import { linesFor, PAGE_SIZE, paged, type BoardLine } from "./lines";

const DAY = 24 * 3600_000;
export const HORIZONS = { "24h": DAY, "3d": 3 * DAY, overdue: 0 } as const;
export type Horizon = keyof typeof HORIZONS;

/** A passed 司法确认 window stays on the board this long (nothing can be done about it any more). */
export const WINDOW_PASSED_KEEP_DAYS = 7;

export const DEADLINE_KINDS = ["acceptance", "consent", "mediation", "confirmation_window", "court_accept", "court_ruling"] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];
export const DEADLINE_LABELS: Record<DeadlineKind, string> = {
  acceptance: "调解员受理期限",
  consent: "被申请人答复邀请期限",
  mediation: "调解期限",
  confirmation_window: "申请司法确认期限（协议生效后30日）",
  court_accept: "法院决定是否受理司法确认期限",
  court_ruling: "法院作出司法确认裁定期限",
};

type Hit = { caseId: string; due: Date; kind: DeadlineKind; where: string | null };
type KindQuery = { rows: (limit: number) => Hit[]; total: () => number };

function kindQueries(cities: string[], end: Date, now: Date): KindQuery[] {
  const db = getDb();
  const region = inCities(cases.regionCode, cities);
  const ms = (v: unknown) => new Date(Number(v));

  const acceptWhere = and(eq(cases.status, "awaiting_acceptance"), lte(cases.acceptDeadline, end), region);
  const mediationWhere = and(eq(cases.status, "mediating"), lte(cases.mediationDue, end), region);
  const consentWhere = and(isNull(invitations.answeredAt), isNull(invitations.closedAt), lte(invitations.expiresAt, end), eq(cases.status, "awaiting_consent"), region);
  // The window's end within [now − 7 days, end] is exactly effectiveAt within [windowCutoff(now −
  // 7 days), windowCutoff(end + 1 ms)): the end moves over rest days (民事诉讼法 Art 85), so it is
  // not simply 30 days after effectiveAt, but it never moves back for a later effective date. A
  // range of agreements_effective_idx (tests/integration/board-plans), and rows and total agree.
  // The literal "!= 'superseded'" matches the partial unique index agreements_case_uq.
  const windowWhere = and(
    eq(cases.status, "effective"),
    eq(agreements.status, "effective"),
    sql`${agreements.status} != 'superseded'`,
    gte(agreements.effectiveAt, windowCutoff(new Date(now.getTime() - WINDOW_PASSED_KEEP_DAYS * DAY))),
    lt(agreements.effectiveAt, windowCutoff(new Date(end.getTime() + 1))),
    region,
  );
  const courtWhere = (status: "submitted" | "accepted") =>
    and(eq(handoffs.kind, "confirmation"), eq(handoffs.status, status), lte(status === "submitted" ? handoffs.acceptDue : handoffs.decisionDue, end), region);
  const firstExpiry = sql<number>`min(${invitations.expiresAt})`;

  return [
    {
      rows: (limit) =>
        db.select({ caseId: cases.id, due: cases.acceptDeadline }).from(cases).where(acceptWhere).orderBy(asc(cases.acceptDeadline)).limit(limit).all()
          .map((r) => ({ caseId: r.caseId, due: r.due!, kind: "acceptance" as const, where: null })),
      total: () => db.select({ n: count() }).from(cases).where(acceptWhere).get()!.n,
    },
    {
      rows: (limit) =>
        db.select({ caseId: cases.id, due: firstExpiry }).from(invitations).innerJoin(cases, eq(cases.id, invitations.caseId)).where(consentWhere).groupBy(cases.id).orderBy(firstExpiry).limit(limit).all()
          .map((r) => ({ caseId: r.caseId, due: ms(r.due), kind: "consent" as const, where: null })),
      total: () => db.select({ n: countDistinct(invitations.caseId) }).from(invitations).innerJoin(cases, eq(cases.id, invitations.caseId)).where(consentWhere).get()!.n,
    },
    {
      rows: (limit) =>
        db.select({ caseId: cases.id, due: cases.mediationDue }).from(cases).where(mediationWhere).orderBy(asc(cases.mediationDue)).limit(limit).all()
          .map((r) => ({ caseId: r.caseId, due: r.due!, kind: "mediation" as const, where: null })),
      total: () => db.select({ n: count() }).from(cases).where(mediationWhere).get()!.n,
    },
    {
      rows: (limit) =>
        db.select({ caseId: cases.id, at: agreements.effectiveAt }).from(cases).innerJoin(agreements, eq(agreements.caseId, cases.id)).where(windowWhere).orderBy(asc(agreements.effectiveAt)).limit(limit).all()
          .map((r) => ({ caseId: r.caseId, due: confirmationWindow(r.at!, now).endsAt, kind: "confirmation_window" as const, where: null })), // one rule for the window
      total: () => db.select({ n: count() }).from(cases).innerJoin(agreements, eq(agreements.caseId, cases.id)).where(windowWhere).get()!.n,
    },
    ...(["submitted", "accepted"] as const).map((status) => {
      const column = status === "submitted" ? handoffs.acceptDue : handoffs.decisionDue;
      const kind: DeadlineKind = status === "submitted" ? "court_accept" : "court_ruling";
      return {
        rows: (limit: number) =>
          db.select({ caseId: cases.id, due: column, court: organisations.name, refNo: handoffs.refNo }).from(handoffs)
            .innerJoin(cases, eq(cases.id, handoffs.caseId))
            .innerJoin(organisations, eq(organisations.id, handoffs.targetOrgId))
            .where(courtWhere(status)).orderBy(asc(column)).limit(limit).all()
            .map((r) => ({ caseId: r.caseId, due: r.due!, kind, where: r.refNo ? `${r.court}（${r.refNo}）` : r.court })),
        total: () => db.select({ n: count() }).from(handoffs).innerJoin(cases, eq(cases.id, handoffs.caseId)).where(courtWhere(status)).get()!.n,
      };
    }),
  ];
}

export type DeadlineItem = { key: string; kind: DeadlineKind; label: string; due: Date; passed: boolean; late: string; where: string | null; line: BoardLine };

/** One page of deadlines within `horizon` (or passed), most overdue first. */
export function boardDeadlines(cities: string[], horizon: Horizon, page: number, now: Date) {
  const end = new Date(now.getTime() + HORIZONS[horizon]);
  const kinds = kindQueries(cities, end, now);
  // A page of a merge of sorted lists needs at most offset + size rows from each list.
  const need = page * PAGE_SIZE;
  const hits = kinds
    .flatMap((k) => k.rows(need))
    .sort((a, b) => a.due.getTime() - b.due.getTime() || a.caseId.localeCompare(b.caseId))
    .slice((page - 1) * PAGE_SIZE, need);
  const total = kinds.reduce((n, k) => n + k.total(), 0);
  const lines = new Map(linesFor([...new Set(hits.map((h) => h.caseId))]).map((l) => [l.id, l]));
  const items: DeadlineItem[] = hits.flatMap((h) => {
    const line = lines.get(h.caseId);
    if (!line) return [];
    const late = lateness(h.due, now);
    return [{ key: `${h.kind}:${h.caseId}`, kind: h.kind, label: DEADLINE_LABELS[h.kind], due: h.due, passed: late.passed, late: late.text, where: h.where, line }];
  });
  return paged(items, total, page);
}
