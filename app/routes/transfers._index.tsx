// The inbox of transferred cases: failed mediations sent to the user's arbitration commission or
// court, newest first, each with the gist of its file.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { FilterTabs } from "~/components/handoff/filter-tabs";
import { Pager } from "~/components/pager";
import { formatDateTime } from "~/lib/case-format";
import { requireRole } from "~/services/auth.server";
import { listQuery } from "~/services/route-helpers.server";
import { INBOX_FILTER_LABELS, INBOX_FILTERS } from "~/lib/handoff-enums";
import { transferInbox } from "~/services/transfer.server";

export const meta: MetaFunction = () => [{ title: "移送案件 · 云解纷" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, "judge", "arbitrator");
  return transferInbox(user, listQuery(request, "status", INBOX_FILTERS));
}

export default function TransferInbox() {
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <h1>移送案件</h1>
      <p className="muted">{d.bodies.length ? `${d.bodies.join("、")}收到的调解不成移送案件` : "您的账号未关联仲裁委员会或人民法院"}</p>
      <FilterTabs label="按状态筛选" param="status" labels={INBOX_FILTER_LABELS} current={d.filter} total={d.total} />
      {d.rows.length === 0 ? (
        <p className="card">暂无移送案件。</p>
      ) : (
        <ul style={{ listStyle: "none", padding: 0 }} aria-label="移送案件列表">
          {d.rows.map((r) => (
            <li key={r.id} className="card">
              <h2 style={{ fontSize: "1.05rem", margin: 0 }}>
                <Link to={`/transfers/${r.id}`}>{r.caseNoText}</Link> <span className="badge">{r.status === "submitted" ? "待确认收到" : "已确认收到"}</span>
              </h2>
              <dl className="kv">
                <dt>类别</dt>
                <dd>
                  {r.category} · {r.kindText}
                  {d.bodies.length > 1 ? ` · ${r.orgName}` : ""}
                </dd>
                <dt>申请人</dt>
                <dd>{r.applicants}</dd>
                <dt>被申请人</dt>
                <dd>{r.respondents}</dd>
                <dt>请求事项</dt>
                <dd>{r.claims}</dd>
                <dt>调解结果</dt>
                <dd>{r.ending ?? "—"}</dd>
                <dt>证据材料</dt>
                <dd>{r.files} 份</dd>
                <dt>移送时间</dt>
                <dd>{formatDateTime(r.submittedAt)}</dd>
                {r.status !== "submitted" ? (
                  <>
                    <dt>确认收到</dt>
                    <dd>
                      {formatDateTime(r.acceptedAt)}
                      {r.refNo ? `，案号 ${r.refNo}` : ""}
                    </dd>
                  </>
                ) : null}
              </dl>
            </li>
          ))}
        </ul>
      )}
      <Pager page={d.page} pages={d.pages} />
    </>
  );
}
