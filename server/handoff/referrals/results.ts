// 委派/委托 results back to the court: the cases a court sent out to mediation, each with its
// outcome — the effective agreement (its PDF), or why mediation failed — for the court's judges.
import { and, count, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { getDb } from "../../../db/client";
import { agreements, caseParties, cases, organisations, users } from "../../../db/schema";
import { formatDocNo } from "../../../app/lib/agreement-enums";
import { CASE_SOURCE_LABELS, CASE_STATUS_LABELS } from "../../../app/lib/case-enums";
import { formatCaseNo } from "../../../app/lib/case-format";
import type { ResultFilter } from "../../../app/lib/handoff-enums";
import type { SessionUser } from "../../auth/session";
import { AppError } from "../../lib/errors";
import { endingOf, UNSUCCESSFUL } from "../transfer/ending";
import { orgsOfMember } from "../directory";

export const REFERRALS_PAGE_SIZE = 20;
export type { ResultFilter };

export const COURT_SOURCES = ["court_delegated", "court_entrusted"] as const;

/** The case has an effective agreement (not one set aside when the parties mediated again). */
export const hasEffectiveAgreement = sql`exists (select 1 from ${agreements} where ${agreements.caseId} = ${cases.id} and ${agreements.status} = 'effective')`;
const unsuccessful = inArray(cases.status, [...UNSUCCESSFUL]);

function resultCondition(filter: ResultFilter): SQL | undefined {
  switch (filter) {
    case "agreement":
      return hasEffectiveAgreement;
    case "failed":
      return and(unsuccessful, sql`not ${hasEffectiveAgreement}`);
    case "pending":
      return and(sql`not ${hasEffectiveAgreement}`, sql`${cases.status} not in ('failed', 'refused', 'consent_expired', 'withdrawn', 'confirm_rejected', 'transferred')`);
    default:
      return undefined;
  }
}

export function courtReferrals(user: SessionUser, opts: { page?: number; filter?: ResultFilter }) {
  if (user.role !== "judge") throw new AppError("FORBIDDEN", "只有法官可以查看委派、委托调解的结果");
  const courts = orgsOfMember(user.id, ["court"]);
  const filter = opts.filter ?? "all";
  if (courts.length === 0) return { rows: [], total: 0, page: 1, pages: 1, courts: [], filter };
  const cond = and(inArray(cases.courtId, courts.map((c) => c.id)), inArray(cases.source, [...COURT_SOURCES]), resultCondition(filter));
  const db = getDb();
  const total = db.select({ n: count() }).from(cases).where(cond).get()?.n ?? 0;
  const pages = Math.max(1, Math.ceil(total / REFERRALS_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(opts.page ?? 1) || 1), pages);
  const names = (side: "applicant" | "respondent") =>
    sql<string | null>`(select group_concat(${caseParties.name}, '、') from ${caseParties} where ${caseParties.caseId} = ${cases.id} and ${caseParties.side} = ${side})`;
  const rows = db
    .select({ c: cases, orgName: organisations.name, mediator: users.name, applicants: names("applicant"), respondents: names("respondent") })
    .from(cases)
    .leftJoin(organisations, eq(organisations.id, cases.orgId))
    .leftJoin(users, eq(users.id, cases.mediatorId))
    .where(cond)
    .orderBy(desc(cases.submittedAt), desc(cases.id))
    .limit(REFERRALS_PAGE_SIZE)
    .offset((page - 1) * REFERRALS_PAGE_SIZE)
    .all();
  const ids = rows.map((r) => r.c.id);
  const effective = ids.length
    ? db.select().from(agreements).where(and(inArray(agreements.caseId, ids), eq(agreements.status, "effective"))).all()
    : [];
  return {
    rows: rows.map(({ c, orgName, mediator, applicants, respondents }) => {
      const a = effective.find((x) => x.caseId === c.id);
      const ending = a ? null : endingOf(c);
      const result = a
        ? { kind: "agreement" as const, docNoText: formatDocNo(a.docNo), effectiveAt: a.effectiveAt, pdf: `/cases/${c.id}/agreement/pdf` }
        : ending
          ? { kind: "failed" as const, reason: ending.reason, note: ending.note, at: ending.at }
          : { kind: "pending" as const };
      return {
        id: c.id,
        caseNoText: formatCaseNo(c.caseNo),
        courtCaseNo: c.courtCaseNo,
        source: CASE_SOURCE_LABELS[c.source],
        category: c.category,
        status: c.status,
        statusText: CASE_STATUS_LABELS[c.status],
        submittedAt: c.submittedAt,
        orgName,
        mediator,
        applicants: applicants ?? "",
        respondents: respondents ?? "",
        result,
      };
    }),
    total,
    page,
    pages,
    courts: courts.map((c) => c.name),
    filter,
  };
}
