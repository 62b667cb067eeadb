// 调解员档案: an organisation head's list of their mediators (the admin's: every mediator), with
// caseload, outcomes, durations and ratings. A mediator who heads nothing is sent to their own record.
import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Pager } from "~/components/pager";
import { formatDays, formatScore } from "~/components/oversight/record-summary";
import { isAppError, requireUser } from "~/services/auth.server";
import { mediatorRecordsIndex } from "~/services/ratings.server";

export const meta: MetaFunction = () => [{ title: "调解员档案 · 云解纷" }];

const querySchema = z.object({
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
  org: z.string().trim().max(40).optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const q = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  try {
    const d = mediatorRecordsIndex(user, { page: q.page, orgId: q.org || undefined });
    if (d.kind === "own") throw redirect(`/org/mediators/${d.userId}`);
    return d;
  } catch (e) {
    if (isAppError(e)) throw new Response(e.message, { status: e.status });
    throw e;
  }
}

export default function MediatorRecords() {
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <h1>调解员档案</h1>
      <p className="muted">
        {d.viewer === "admin" ? "平台全部调解组织的调解员。" : `您负责的${d.orgs.map((o) => o.name).join("、")}的调解员。`}
        用时自调解员受理起，至调解协议生效或调解终结止。
      </p>
      {d.orgs.length > 1 ? (
        <Form method="get" className="row" aria-label="按调解组织筛选">
          <div className="field">
            <label htmlFor="org">调解组织</label>
            <select id="org" name="org" defaultValue={d.orgId ?? ""}>
              <option value="">全部</option>
              {d.orgs.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="btn btn-ghost" style={{ alignSelf: "end" }}>
            筛选
          </button>
        </Form>
      ) : null}
      <p className="muted" role="status">
        共 {d.total} 名调解员
      </p>
      {d.rows.length === 0 ? (
        <p className="card">暂无调解员。</p>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <caption className="sr-only">调解员的案件量、调解结果、用时和满意度</caption>
            <thead>
              <tr>
                <th scope="col">调解员</th>
                <th scope="col">在办 / 累计</th>
                <th scope="col">达成协议</th>
                <th scope="col">调解不成</th>
                <th scope="col">其他结束</th>
                <th scope="col">平均 / 中位用时</th>
                <th scope="col">满意度（调解员 / 过程 / 结果）</th>
              </tr>
            </thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row" style={{ fontWeight: "normal", background: "transparent" }}>
                    <Link to={`/org/mediators/${r.id}`}>{r.name}</Link>
                    {r.self ? "（本人）" : ""}
                    <div className="muted">{r.orgs}</div>
                  </th>
                  <td>
                    {r.cases.open} / {r.cases.total}
                  </td>
                  <td>{r.cases.agreements}</td>
                  <td>{r.cases.failed}</td>
                  <td>{r.cases.other}</td>
                  <td>
                    {formatDays(r.cases.averageDays)} / {formatDays(r.cases.medianDays)}
                  </td>
                  <td>
                    {r.ratings.count === 0
                      ? "暂无评价"
                      : r.ratings.withheld
                        ? `${r.ratings.count} 份（满3份后显示平均分）`
                        : `${formatScore(r.ratings.mediatorScore)} / ${formatScore(r.ratings.processScore)} / ${formatScore(r.ratings.outcomeScore)}（${r.ratings.count} 份）`}
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
