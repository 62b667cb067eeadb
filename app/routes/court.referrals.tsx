// 委派/委托 results: the cases the judge's court sent out to mediation, with where each stands and,
// once it ended, its outcome — the effective agreement (PDF) or why mediation failed.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { StatusBadge } from "~/components/case-badges";
import { FilterTabs } from "~/components/handoff/filter-tabs";
import { Pager } from "~/components/pager";
import { formatDateTime } from "~/lib/case-format";
import { requireRole } from "~/services/auth.server";
import { listQuery } from "~/services/route-helpers.server";
import { RESULT_FILTER_LABELS, RESULT_FILTERS } from "~/lib/handoff-enums";
import { courtReferrals } from "~/services/transfer.server";

export const meta: MetaFunction = () => [{ title: "委派/委托调解结果 · 云解纷" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, "judge");
  return courtReferrals(user, listQuery(request, "result", RESULT_FILTERS));
}

export default function CourtReferrals() {
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <h1>委派/委托调解结果</h1>
      <p className="muted">{d.courts.length ? `${d.courts.join("、")}委派、委托调解的案件` : "您的账号未关联人民法院"}</p>
      <FilterTabs label="按结果筛选" param="result" labels={RESULT_FILTER_LABELS} current={d.filter} total={d.total} />
      {d.rows.length === 0 ? (
        <p className="card">暂无案件。</p>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">案件编号</th>
                <th scope="col">当事人</th>
                <th scope="col">调解组织 / 调解员</th>
                <th scope="col">状态</th>
                <th scope="col">结果</th>
              </tr>
            </thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link to={`/cases/${r.id}`}>{r.caseNoText}</Link>
                    <div className="muted">
                      {r.source}
                      {r.courtCaseNo ? ` · ${r.courtCaseNo}` : ""} · {r.category}
                    </div>
                    <div className="muted">{formatDateTime(r.submittedAt)}</div>
                  </td>
                  <td>
                    申请人 {r.applicants}
                    <div className="muted">被申请人 {r.respondents}</div>
                  </td>
                  <td>
                    {r.orgName ?? "—"}
                    {r.mediator ? ` / ${r.mediator}` : ""}
                  </td>
                  <td>
                    <StatusBadge status={r.status} />
                  </td>
                  <td>
                    {r.result.kind === "agreement" ? (
                      <>
                        达成调解协议，{formatDateTime(r.result.effectiveAt)} 生效
                        <div>
                          <a href={r.result.pdf}>下载调解协议书（{r.result.docNoText}）</a>
                        </div>
                      </>
                    ) : r.result.kind === "failed" ? (
                      <>
                        {r.result.reason}
                        {r.result.note ? <div className="muted">说明：{r.result.note}</div> : null}
                        {r.result.at ? <div className="muted">{formatDateTime(r.result.at)}</div> : null}
                      </>
                    ) : (
                      <span className="muted">尚无结果</span>
                    )}
                  </td>
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
