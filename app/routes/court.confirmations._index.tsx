// The court's 司法确认 inbox: applications awaiting acceptance (3 days) or a ruling (15 days, +10
// once), most urgent first with their deadlines, and those already decided.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Deadline } from "~/components/handoff/confirmation-parts";
import { formatDateTime } from "~/lib/case-format";
import { requireRole } from "~/services/auth.server";
import { courtInbox } from "~/services/confirmation.server";

export const meta: MetaFunction = () => [{ title: "司法确认 · 云解纷" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, "judge");
  return courtInbox(user);
}

export default function CourtConfirmations() {
  const d = useLoaderData<typeof loader>();
  const urgent = d.pending.filter((p) => p.tone !== "ok").length;
  return (
    <>
      <h1>司法确认申请</h1>
      <p className="muted">{d.courts.length ? d.courts.join("、") : "您尚未加入任何法院，暂无申请"}</p>
      {urgent ? (
        <p className="notice notice-warn" role="alert">
          有 {urgent} 件申请的期限即将届满或已超期。
        </p>
      ) : null}
      <section aria-labelledby="pending-title">
        <h2 id="pending-title">待处理（{d.pending.length}）</h2>
        {d.pending.length === 0 ? (
          <p className="muted">暂无待处理的申请。</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">申请</th>
                  <th scope="col">当事人</th>
                  <th scope="col">调解组织</th>
                  <th scope="col">状态</th>
                  <th scope="col">期限</th>
                </tr>
              </thead>
              <tbody>
                {d.pending.map((p) => (
                  <tr key={p.id}>
                    <td>
                      <Link to={`/court/confirmations/${p.id}`}>{p.refNo ?? p.caseNoText}</Link>
                      <div className="muted">提交于 {formatDateTime(p.submittedAt)}</div>
                    </td>
                    <td>{p.parties}</td>
                    <td>{p.orgName}</td>
                    <td>{p.statusText}</td>
                    <td>
                      <Deadline label={p.dueLabel} due={p.due} tone={p.tone} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="done-title">
        <h2 id="done-title">已办结</h2>
        {d.done.length === 0 ? (
          <p className="muted">暂无。</p>
        ) : (
          <ul className="card">
            {d.done.map((p) => (
              <li key={p.id}>
                <Link to={`/court/confirmations/${p.id}`}>{p.refNo ?? p.caseNoText}</Link> · {p.parties} · {p.outcomeText} · {formatDateTime(p.decidedAt)}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
