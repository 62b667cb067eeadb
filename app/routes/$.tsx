import type { LoaderFunctionArgs } from "@remix-run/node";

// Any unknown path: a 404 rendered by the root ErrorBoundary in Chinese.
export async function loader({ request }: LoaderFunctionArgs) {
  const path = new URL(request.url).pathname;
  if (path.startsWith("/api/")) {
    throw Response.json({ error: { code: "NOT_FOUND", message: "接口不存在" } }, { status: 404 });
  }
  throw new Response("页面不存在", { status: 404 });
}

export default function NotFound() {
  return null;
}
