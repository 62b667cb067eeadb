// The receiving body's inbox: failed cases transferred to the user's court or arbitration
// commission, newest first, with enough of the file to triage them.
import { and, count, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { getDb } from "../../../db/client";
import { caseParties, cases, evidence, handoffs, organisations } from "../../../db/schema";
import { formatCaseNo } from "../../../app/lib/case-format";
import { HANDOFF_KIND_LABELS, type InboxFilter } from "../../../app/lib/handoff-enums";
import type { SessionUser } from "../../auth/session";
import { AppError } from "../../lib/errors";
import { endingOf } from "./ending";
import { orgsOfMember } from "../directory";
import { TRANSFER_KINDS } from "./facts";

export const INBOX_PAGE_SIZE = 20;
export type { InboxFilter };

export function transferInbox(user: SessionUser, opts: { page?: number; filter?: InboxFilter }) {
  if (user.role !== "judge" && user.role !== "arbitrator") throw new AppError("FORBIDDEN", "只有法官和仲裁员可以查看移送案件");
  const bodies = orgsOfMember(user.id, user.role === "judge" ? ["court"] : ["arbitration"]);
  const filter = opts.filter ?? "all";
  const empty = { rows: [], total: 0, page: 1, pages: 1, bodies: bodies.map((b) => b.name), filter };
  if (bodies.length === 0) return empty;
  const where: SQL[] = [inArray(handoffs.targetOrgId, bodies.map((b) => b.id)), inArray(handoffs.kind, [...TRANSFER_KINDS])];
  if (filter !== "all") where.push(eq(handoffs.status, filter));
  const cond = and(...where);
  const db = getDb();
  const total = db.select({ n: count() }).from(handoffs).where(cond).get()?.n ?? 0;
  const pages = Math.max(1, Math.ceil(total / INBOX_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(opts.page ?? 1) || 1), pages);
  const names = (side: "applicant" | "respondent") =>
    sql<string | null>`(select group_concat(${caseParties.name}, '、') from ${caseParties} where ${caseParties.caseId} = ${cases.id} and ${caseParties.side} = ${side})`;
  const rows = db
    .select({
      id: handoffs.id,
      kind: handoffs.kind,
      status: handoffs.status,
      submittedAt: handoffs.submittedAt,
      acceptedAt: handoffs.acceptedAt,
      refNo: handoffs.refNo,
      orgName: organisations.name,
      case: cases,
      applicants: names("applicant"),
      respondents: names("respondent"),
      files: sql<number>`(select count(*) from ${evidence} where ${evidence.caseId} = ${cases.id})`,
    })
    .from(handoffs)
    .innerJoin(cases, eq(cases.id, handoffs.caseId))
    .innerJoin(organisations, eq(organisations.id, handoffs.targetOrgId))
    .where(cond)
    .orderBy(desc(handoffs.submittedAt), desc(handoffs.id))
    .limit(INBOX_PAGE_SIZE)
    .offset((page - 1) * INBOX_PAGE_SIZE)
    .all();
  return {
    rows: rows.map((r) => ({
      id: r.id,
      kindText: HANDOFF_KIND_LABELS[r.kind],
      status: r.status,
      submittedAt: r.submittedAt,
      acceptedAt: r.acceptedAt,
      refNo: r.refNo,
      orgName: r.orgName,
      caseNoText: formatCaseNo(r.case.caseNo),
      category: r.case.category,
      claims: r.case.claims,
      applicants: r.applicants ?? "",
      respondents: r.respondents ?? "",
      files: r.files,
      ending: endingOf(r.case)?.reason ?? null,
    })),
    total,
    page,
    pages,
    bodies: bodies.map((b) => b.name),
    filter,
  };
}
