import type { ActionFunctionArgs } from "@remix-run/node";
import { errorResponse, getAuth, isAppError, login, logout } from "~/services/auth.server";
import { loginSchema } from "~/lib/validation";

/**
 * POST {phone, password} → {token, expiresAt}: a session for API clients, used as
 * `Authorization: Bearer <token>`. DELETE ends the session of the presented token.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method === "DELETE") {
    const auth = getAuth(request);
    if (!auth) return Response.json({ error: { code: "UNAUTHENTICATED", message: "请先登录" } }, { status: 401 });
    logout(auth.token, auth.user.id);
    return new Response(null, { status: 204 });
  }
  if (request.method !== "POST") return Response.json({ error: { message: "不支持的请求方法" } }, { status: 405 });
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return Response.json({ error: { code: "BAD_INPUT", message: "请求内容须为 JSON" } }, { status: 400 });
  }
  const parsed = loginSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return Response.json({ error: { code: "BAD_INPUT", message: issue.message, field: issue.path.join(".") } }, { status: 400 });
  }
  try {
    const s = await login(parsed.data.phone, parsed.data.password, { ip: context?.ip ?? "unknown", userAgent: request.headers.get("user-agent") });
    return Response.json({ token: s.token, expiresAt: s.expiresAt.toISOString(), role: s.role }, { status: 201 });
  } catch (e) {
    if (isAppError(e)) return errorResponse(e);
    throw e;
  }
}
