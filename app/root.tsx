import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useFetcher,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { optionalUser } from "~/services/auth.server";
import { unreadCount } from "~/services/notify.server";
import { navFor } from "./lib/nav";
import { readLargeText } from "./lib/prefs";
import { ROLE_LABELS } from "./lib/roles";
import { useNonce } from "./components/nonce";
import { NotificationBell } from "./components/notification-bell";
import stylesheet from "./styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [
  { title: "云解纷 · 在线矛盾纠纷多元化解平台" },
  { name: "description", content: "人民调解、行政调解、司法调解、律师调解一站式在线办理：分流、调解、司法确认。" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = optionalUser(request);
  return {
    user: user ? { id: user.id, name: user.name, role: user.role } : null,
    unread: user ? unreadCount(user.id) : 0,
    largeText: readLargeText(request.headers.get("cookie")),
  };
}

export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}

function LargeTextToggle({ on }: { on: boolean }) {
  const fetcher = useFetcher();
  const location = useLocation();
  // Optimistic: show the new state while the cookie is being set.
  const pending = fetcher.formData?.get("largeText");
  const current = pending ? pending === "on" : on;
  return (
    <fetcher.Form method="post" action="/prefs" className="lt-toggle">
      <input type="hidden" name="largeText" value={current ? "off" : "on"} />
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <button type="submit" aria-pressed={current} className="btn btn-ghost">
        {current ? "标准字号" : "大字模式"}
      </button>
    </fetcher.Form>
  );
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRootData();
  const nonce = useNonce();
  const optimisticLarge = data?.largeText ?? false;
  return (
    <html lang="zh-CN" className={optimisticLarge ? "large-text" : undefined}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          跳到主要内容
        </a>
        <Header />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <p>云解纷 · 在线矛盾纠纷多元化解平台 — 分流 · 调解 · 司法确认</p>
          <p className="muted">人民调解不收费（《人民调解法》第四条）。如遇紧急人身危险，请立即拨打 110。</p>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function Header() {
  const data = useRootData();
  const user = data?.user ?? null;
  const items = navFor(user?.role ?? null);
  return (
    <header className="site-header">
      <div className="header-inner">
        <Link to="/" className="brand" aria-label="云解纷 首页">
          <span className="brand-mark" aria-hidden="true">
            解
          </span>
          <span>云解纷</span>
        </Link>
        <nav aria-label="主导航">
          <ul className="nav-list">
            {items.map((i) => (
              <li key={i.to}>
                <NavLink to={i.to} end={i.to === "/"}>
                  {i.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="header-tools">
          <LargeTextToggle on={data?.largeText ?? false} />
          {user ? <NotificationBell unread={data?.unread ?? 0} /> : null}
          {user ? (
            <Form method="post" action="/logout">
              <span className="who">
                {user.name}（{ROLE_LABELS[user.role]}）
              </span>
              <button type="submit" className="btn btn-ghost">
                退出
              </button>
            </Form>
          ) : null}
        </div>
      </div>
    </header>
  );
}

export default function App() {
  return <Outlet />;
}

const ERROR_TEXT: Record<number, { title: string; body: string }> = {
  400: { title: "请求有误", body: "提交的内容有误，请检查后重试。" },
  401: { title: "请先登录", body: "此页面需要登录后访问。" },
  403: { title: "没有权限", body: "您的账号没有权限访问此页面。如需开通，请联系所在机构或平台管理员。" },
  404: { title: "页面不存在", body: "您访问的页面不存在或已被移除，也可能是您无权查看该案件。" },
  413: { title: "内容过大", body: "提交的内容超过了大小限制。" },
  429: { title: "操作过于频繁", body: "请稍后再试。" },
};

export function ErrorBoundary() {
  const error = useRouteError();
  let status = 500;
  let detail: string | undefined;
  if (isRouteErrorResponse(error)) {
    status = error.status;
    detail = typeof error.data === "string" ? error.data : undefined;
  } else if (error instanceof Error) {
    console.error(error);
  }
  const text = ERROR_TEXT[status] ?? { title: "服务暂时出错", body: "系统遇到了意外问题，我们已记录。请稍后重试。" };
  return (
    <section className="card error-page" aria-labelledby="error-title">
      <p className="error-code">{status}</p>
      <h1 id="error-title">{text.title}</h1>
      <p>{detail && detail !== text.body ? detail : text.body}</p>
      <p>
        <Link to="/" className="btn">
          返回首页
        </Link>
      </p>
    </section>
  );
}
