import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { RiskBadge, StatusBadge } from "~/components/case-badges";
import { Pager } from "~/components/pager";
import { CASE_STATUSES, CASE_STATUS_LABELS, RISK_GRADES, RISK_LABELS, CASE_SOURCE_LABELS } from "~/lib/case-enums";
import { formatDateTime } from "~/lib/case-format";
import { CATEGORIES } from "~/lib/categories";
import { requireUser } from "~/services/auth.server";
import { listCases, listDrafts, SCOPES } from "~/services/cases.server";

export const meta: MetaFunction = () => [{ title: "案件 · 云解纷" }];

const SCOPE_LABELS: Record<(typeof SCOPES)[number], string> = {
  mine: "我的案件",
  to_accept: "待我受理",
  org: "本机构案件",
  queue: "分流队列",
  court: "本院委派/委托",
};

// Unknown filter values are ignored rather than refused: a stale bookmark still opens the list.
const filterSchema = z.object({
  scope: z.enum(SCOPES).optional().catch(undefined),
  status: z.enum(CASE_STATUSES).optional().catch(undefined),
  category: z.enum(CATEGORIES).optional().catch(undefined),
  risk: z.enum(RISK_GRADES).optional().catch(undefined),
  q: z.string().trim().max(20).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10000).optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const f = filterSchema.parse(Object.fromEntries(Object.entries(params).filter(([, v]) => v !== "")));
  const result = listCases(user, f);
  const drafts = ["party", "lawyer", "judge"].includes(user.role) ? listDrafts(user.id).map((d) => ({ id: d.id, updatedAt: d.updatedAt, category: (d.draft?.category as string | undefined) ?? null, source: d.source })) : [];
  return { ...result, filters: f, drafts, canFile: ["party", "lawyer", "judge"].includes(user.role), role: user.role };
}

export default function CaseList() {
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <div className="row">
        <h1>案件</h1>
        {d.canFile ? (
          <Form method="post" action="/cases/new" className="push-right">
            <button type="submit" className="btn">
              {d.role === "judge" ? "委派/委托调解" : d.role === "lawyer" ? "代当事人申请（律调对接）" : "申请调解"}
            </button>
          </Form>
        ) : null}
      </div>
      {d.drafts.length ? (
        <section className="card" aria-labelledby="drafts-title">
          <h2 id="drafts-title">未提交的草稿</h2>
          <ul>
            {d.drafts.map((x) => (
              <li key={x.id}>
                <Link to={`/cases/${x.id}/file`}>
                  {x.category ?? "未选类别"}的{CASE_SOURCE_LABELS[x.source]}草稿
                </Link>{" "}
                <span className="muted">保存于 {formatDateTime(x.updatedAt)}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {d.scopes.length > 1 ? (
        <nav className="tabs" aria-label="案件范围">
          {d.scopes.map((s) => (
            <Link key={s} to={`?scope=${s}`} aria-current={d.scope === s ? "page" : undefined}>
              {SCOPE_LABELS[s]}
            </Link>
          ))}
        </nav>
      ) : null}
      <Form method="get" className="card grid grid-4" role="search" aria-label="筛选案件">
        <input type="hidden" name="scope" value={d.scope ?? ""} />
        <div className="field">
          <label htmlFor="f-status">状态</label>
          <select id="f-status" name="status" defaultValue={d.filters.status ?? ""}>
            <option value="">全部</option>
            {CASE_STATUSES.filter((s) => s !== "draft").map((s) => (
              <option key={s} value={s}>
                {CASE_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-category">类别</label>
          <select id="f-category" name="category" defaultValue={d.filters.category ?? ""}>
            <option value="">全部</option>
            {CATEGORIES.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </div>
        {d.role !== "party" && d.role !== "lawyer" ? (
          <div className="field">
            <label htmlFor="f-risk">风险</label>
            <select id="f-risk" name="risk" defaultValue={d.filters.risk ?? ""}>
              <option value="">全部</option>
              {RISK_GRADES.map((r) => (
                <option key={r} value={r}>
                  {RISK_LABELS[r]}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="f-q">案件编号</label>
          <input id="f-q" name="q" defaultValue={d.filters.q ?? ""} placeholder="如 YJF2026" />
        </div>
        <div className="field">
          <button type="submit" className="btn btn-ghost">
            筛选
          </button>
        </div>
      </Form>
      <p className="muted" role="status">
        共 {d.total} 件
      </p>
      {d.rows.length === 0 ? (
        <p className="card">暂无案件。</p>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">案件编号</th>
                <th scope="col">类别</th>
                <th scope="col">申请人</th>
                <th scope="col">状态</th>
                <th scope="col">调解组织 / 调解员</th>
                <th scope="col">提交时间</th>
              </tr>
            </thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link to={`/cases/${r.id}`}>{r.caseNoText}</Link> {d.role !== "party" && d.role !== "lawyer" ? <RiskBadge risk={r.risk} /> : null}
                  </td>
                  <td>{r.category}</td>
                  <td>{r.applicant}</td>
                  <td>
                    <StatusBadge status={r.status} />
                    {r.status === "awaiting_acceptance" && r.acceptDeadline ? <div className="muted">受理期限 {formatDateTime(r.acceptDeadline)}</div> : null}
                  </td>
                  <td>
                    {r.orgName ?? "—"}
                    {r.mediatorName ? ` / ${r.mediatorName}` : ""}
                  </td>
                  <td>{formatDateTime(r.submittedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={d.page} pages={d.pages} />
    </>
  );
}
