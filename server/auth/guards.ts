// Guards for the first line of every loader and action. They throw Responses, which Remix turns
// into the ErrorBoundary (403/404) or a redirect to the login page.
import { redirect } from "@remix-run/node";
import { can, type Permission, type Role } from "../../app/lib/roles";
import { readSessionToken, validateSessionToken, type SessionUser } from "./session";

const cache = new WeakMap<Request, { user: SessionUser; token: string } | null>();

export function getAuth(request: Request): { user: SessionUser; token: string } | null {
  if (cache.has(request)) return cache.get(request)!;
  const token = readSessionToken(request.headers);
  const result = token ? validateSessionToken(token) : null;
  const auth = result && token ? { user: result.user, token } : null;
  cache.set(request, auth);
  return auth;
}

export function optionalUser(request: Request): SessionUser | null {
  return getAuth(request)?.user ?? null;
}

function wantsJson(request: Request): boolean {
  const url = new URL(request.url);
  return url.pathname.startsWith("/api/") || request.headers.get("authorization") !== null;
}

export function requireUser(request: Request): SessionUser {
  const user = optionalUser(request);
  if (user) return user;
  if (wantsJson(request)) {
    throw Response.json({ error: { code: "UNAUTHENTICATED", message: "请先登录" } }, { status: 401 });
  }
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  throw redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
}

function forbidden(request: Request, message: string): Response {
  if (wantsJson(request)) return Response.json({ error: { code: "FORBIDDEN", message } }, { status: 403 });
  return new Response(message, { status: 403, statusText: "Forbidden" });
}

export function requireRole(request: Request, ...roles: Role[]): SessionUser {
  const user = requireUser(request);
  if (!roles.includes(user.role)) throw forbidden(request, "您的账号没有权限访问此页面");
  return user;
}

export function requirePermission(request: Request, permission: Permission): SessionUser {
  const user = requireUser(request);
  if (!can(user.role, permission)) throw forbidden(request, "您的账号没有权限进行此操作");
  return user;
}

/** For pages only a visitor should see (login, register): a signed-in user goes home. */
export function requireAnonymous(request: Request, home = "/dashboard"): void {
  if (optionalUser(request)) throw redirect(home);
}

export function getToken(request: Request): string | null {
  return getAuth(request)?.token ?? null;
}
