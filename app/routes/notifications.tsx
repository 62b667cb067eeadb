// The notification centre: the signed-in user's own notifications, newest first.
import { Pager } from "~/components/pager";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/services/auth.server";
import { listNotifications, markRead } from "~/services/notify.server";

export const meta: MetaFunction = () => [{ title: "通知 · 云解纷" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const url = new URL(request.url);
  const unreadOnly = url.searchParams.get("unread") === "1";
  const result = listNotifications(user.id, { page: Number(url.searchParams.get("page")) || 1, unreadOnly });
  return {
    ...result,
    unreadOnly,
    rows: result.rows.map((n) => ({
      id: n.id,
      title: n.title,
      body: n.body,
      link: safeLink(n.link),
      read: n.readAt !== null,
      createdAt: n.createdAt.getTime(),
    })),
  };
}

// The buttons carry no typed-in fields, so a plain zod schema suffices (no Conform form).
const actionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("read"), id: z.coerce.number({ error: "通知编号无效" }).int({ error: "通知编号无效" }).positive({ error: "通知编号无效" }) }),
    z.object({ intent: z.literal("read-all") }),
  ],
  { error: "无法识别的操作，请刷新页面后重试" },
);

export async function action({ request }: ActionFunctionArgs) {
  const user = requireUser(request);
  const parsed = actionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ ok: false as const, error: parsed.error.issues[0].message }, { status: 400 });
  const changed = markRead(user.id, parsed.data.intent === "read-all" ? "all" : [parsed.data.id]);
  return { ok: true as const, changed };
}

/** Only same-site paths: a stored link must never send the user to another website. */
function safeLink(link: string | null): string | null {
  return link && link.startsWith("/") && !link.startsWith("//") && !link.startsWith("/\\") ? link : null;
}

/** Beijing time, formatted by hand so that server and browser render the same text. */
function beijingTime(ms: number): string {
  const d = new Date(ms + 8 * 60 * 60 * 1000);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["rows"][number];

function NotificationItem({ n }: { n: Row }) {
  const fetcher = useFetcher<typeof action>();
  // Optimistic: shown as read as soon as the request leaves.
  const read = n.read || fetcher.state !== "idle" || fetcher.data?.ok === true;
  const markThis = () => fetcher.submit({ intent: "read", id: String(n.id) }, { method: "post", action: "/notifications" });
  const style = read ? undefined : { borderLeft: "4px solid var(--c-primary)" };
  return (
    <li className="card" style={style}>
      <h2 style={{ fontSize: "1.05rem", margin: 0, fontWeight: read ? "normal" : "bold" }}>
        {read ? null : <span className="badge" style={{ color: "var(--c-primary)" }}>未读</span>}{" "}
        {n.link ? (
          <Link to={n.link} onClick={read ? undefined : markThis}>
            {n.title}
          </Link>
        ) : (
          n.title
        )}
      </h2>
      <p style={{ margin: ".25rem 0", whiteSpace: "pre-line" }}>{n.body}</p>
      <p className="muted" style={{ margin: 0 }}>
        <time dateTime={new Date(n.createdAt).toISOString()}>{beijingTime(n.createdAt)}</time>
        {read ? null : (
          <fetcher.Form method="post" action="/notifications" style={{ display: "inline", marginLeft: "1rem" }}>
            <input type="hidden" name="id" value={n.id} />
            <button type="submit" name="intent" value="read" className="btn btn-ghost" aria-label={`将“${n.title}”标为已读`}>
              标为已读
            </button>
          </fetcher.Form>
        )}
      </p>
    </li>
  );
}

export default function Notifications() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const qs = (over: { page?: number; unread?: boolean }) => {
    const unread = over.unread ?? d.unreadOnly;
    const params = new URLSearchParams({ ...(unread ? { unread: "1" } : {}), page: String(over.page ?? 1) });
    return `?${params}`;
  };
  return (
    <>
      <h1>通知</h1>
      <p className="muted">
        共 {d.total} 条{d.unreadOnly ? "未读通知" : `通知，未读 ${d.unread} 条`}
      </p>
      <nav aria-label="通知筛选" className="pager" style={{ marginTop: 0 }}>
        <Link to={qs({ unread: false })} aria-current={d.unreadOnly ? undefined : "page"}>
          全部
        </Link>
        <Link to={qs({ unread: true })} aria-current={d.unreadOnly ? "page" : undefined}>
          只看未读
        </Link>
        {d.unread > 0 ? (
          <Form method="post" style={{ marginLeft: "auto" }}>
            <button type="submit" name="intent" value="read-all" className="btn">
              全部标为已读
            </button>
          </Form>
        ) : null}
      </nav>
      {result && !result.ok ? (
        <p className="form-error" role="alert">
          {result.error}
        </p>
      ) : null}
      {d.rows.length === 0 ? (
        <p className="card">{d.unreadOnly ? "暂无未读通知" : "暂无通知"}</p>
      ) : (
        <ul style={{ listStyle: "none", padding: 0, display: "grid", gap: ".75rem" }}>
          {d.rows.map((n) => (
            <NotificationItem key={n.id} n={n} />
          ))}
        </ul>
      )}
      <Pager page={d.page} pages={d.pages} />
    </>
  );
}
