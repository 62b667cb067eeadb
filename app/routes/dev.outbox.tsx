// The development outbox: the SMS and e-mails the platform "sent" while no real gateway is
// configured, so that a developer or a demo user can read a verification code.
import { Pager } from "~/components/pager";
import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { listOutbox, requireOutboxAccess } from "~/services/notify.server";

export const meta: MetaFunction = () => [{ title: "发件箱 · 云解纷" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { production } = requireOutboxAccess(request);
  const url = new URL(request.url);
  // A page route cannot answer raw JSON to a document request (Remix renders its data as
  // HTML), so the JSON variant lives in the resource route dev.outbox[.json].tsx.
  if (url.searchParams.get("format") === "json") {
    url.searchParams.delete("format");
    throw redirect(`/dev/outbox.json${url.search}`);
  }
  const to = url.searchParams.get("to")?.trim().slice(0, 100) ?? "";
  const result = listOutbox({ to: to || undefined, page: Number(url.searchParams.get("page")) || 1 });
  return {
    ...result,
    to,
    production,
    rows: result.rows.map((r) => ({ id: r.id, at: r.at.getTime(), channel: r.channel, to: r.to, body: r.body })),
  };
}

/** Beijing time, formatted by hand so that server and browser render the same text. */
function beijingTime(ms: number): string {
  const d = new Date(ms + 8 * 60 * 60 * 1000);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

const banner = { borderColor: "var(--c-warn)", background: "#fff8e1", fontWeight: "bold" } as const;

export default function DevOutbox() {
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <p className="notice" role="note" style={banner}>
        {d.production ? "发件箱（仅管理员可见）：接入真实短信/邮件通道前，平台发出的消息记录在此" : "开发环境短信/邮件发件箱：生产环境不会显示"}
      </p>
      <h1>发件箱</h1>
      <Form method="get" className="card" role="search" aria-label="按收件人筛选">
        <div className="field">
          <label htmlFor="to">收件人手机号码或邮箱</label>
          <input id="to" name="to" defaultValue={d.to} inputMode="email" autoComplete="off" />
        </div>
        <button type="submit" className="btn btn-ghost">
          筛选
        </button>
      </Form>
      <p className="muted">共 {d.total} 条</p>
      {d.rows.length === 0 ? (
        <p className="card">暂无消息</p>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">时间</th>
                <th scope="col">通道</th>
                <th scope="col">收件人</th>
                <th scope="col">内容</th>
              </tr>
            </thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.id}>
                  <td>{beijingTime(r.at)}</td>
                  <td>{r.channel === "sms" ? "短信" : "邮件"}</td>
                  <td>
                    <Link to={`?to=${encodeURIComponent(r.to)}`}>{r.to}</Link>
                  </td>
                  <td style={{ whiteSpace: "pre-line" }}>{r.body}</td>
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
