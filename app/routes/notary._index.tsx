// The notary office's inbox: 赋强公证 applications waiting for a decision, 执行证书 requests, and
// what the office already decided. Only 公证员 of the office the parties applied to see them.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDateTime } from "~/lib/case-format";
import { requireRole } from "~/services/auth.server";
import { notaryInbox } from "~/services/notarisation.server";
import { orErrorPage } from "~/services/route-helpers.server";

export const meta: MetaFunction = () => [{ title: "公证申请 · 云解纷" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, "notary");
  return orErrorPage(() => {
    const rows = notaryInbox(user);
    return { todo: rows.filter((r) => r.todo), done: rows.filter((r) => !r.todo) };
  });
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["todo"][number];

function Table({ rows, caption }: { rows: Row[]; caption: string }) {
  return (
    <div className="table-wrap">
      <table className="data">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">案号</th>
            <th scope="col">当事人</th>
            <th scope="col">提交时间</th>
            <th scope="col">状态</th>
            <th scope="col">操作</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>{r.caseNo}</td>
              <td>{r.parties}</td>
              <td>{formatDateTime(r.submittedAt)}</td>
              <td>
                {r.todo ??
                  (r.outcome === "issued"
                    ? `已出具公证书 ${r.refNo ?? ""}${r.execIssuedAt ? "，已出具执行证书" : ""}`
                    : r.outcome === "refused"
                      ? "不予办理"
                      : "已处理")}
              </td>
              <td>
                <Link to={`/notary/${r.id}`} aria-label={`查看 ${r.caseNo} 的公证申请`}>
                  {r.todo ? "审查办理" : "查看"}
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function NotaryInbox() {
  const { todo, done } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>公证申请</h1>
      <p className="muted">当事人共同申请办理具有强制执行效力的债权文书公证（公证法第三十七条），以及债务人违约后债权人申请出具执行证书。</p>
      <section aria-labelledby="todo-title">
        <h2 id="todo-title">待办（{todo.length}）</h2>
        {todo.length ? <Table rows={todo} caption="待办的公证申请" /> : <p className="muted">暂无待办的申请。</p>}
      </section>
      <section aria-labelledby="done-title">
        <h2 id="done-title">已办结（{done.length}）</h2>
        {done.length ? <Table rows={done} caption="已办结的公证申请" /> : <p className="muted">暂无。</p>}
      </section>
    </>
  );
}
