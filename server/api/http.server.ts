// The edge of the JSON API (/api/v1): body parsing, zod validation, AppError → status, file
// downloads. Routes import it through app/lib/openapi.server.ts (ADR 003, ADR 007).
import { z } from "zod";
import { errorResponse, isAppError } from "../lib/errors";

// Fallback wording for zod's own messages (wrong JSON types and the like); the shared schemas'
// Chinese messages take precedence over it.
const zhCN = z.locales.zhCN().localeError;

export type Issue = { field: string; message: string };

export function badInput(message: string, field?: string, issues?: Issue[]): Response {
  return Response.json({ error: { code: "BAD_INPUT", message, field, issues } }, { status: 400 });
}

export function notFound(message = "没有这个接口"): Response {
  return Response.json({ error: { code: "NOT_FOUND", message } }, { status: 404 });
}

export function conflict(message: string): Response {
  return Response.json({ error: { code: "CONFLICT", message } }, { status: 409 });
}

function wrongMethod(method: string, allowed: string[]): Response {
  return Response.json(
    { error: { code: "METHOD_NOT_ALLOWED", message: `不支持 ${method} 请求，请使用 ${allowed.join("、")}` } },
    { status: 405, headers: { Allow: allowed.join(", ") } },
  );
}

/** Throws a 405 unless the request uses one of `methods`. */
export function allowMethods(request: Request, ...methods: string[]): void {
  if (!methods.includes(request.method)) throw wrongMethod(request.method, methods);
}

/**
 * The loader of a route without GET, or the action of one without POST: a 405 in the API's own
 * shape, where Remix would answer with its English error and log a stack trace. Marked, so that
 * the OpenAPI test does not take it for a documented operation.
 */
export function methodNotAllowed(...allowed: string[]) {
  const handler = async ({ request }: { request: Request }) => wrongMethod(request.method, allowed);
  return Object.assign(handler, { methodNotAllowed: true as const });
}

/** The body as JSON. An empty body counts as `{}`, so actions without fields need none. */
export async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw badInput("请求内容须为 JSON");
  }
}

/** Parses `value` with a shared schema, or throws a 400 naming the first problem and listing all. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw badInput("请求内容须为 JSON 对象");
  const result = schema.safeParse(value, { error: zhCN });
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ field: i.path.map(String).join("."), message: i.message }));
  throw badInput(issues[0].message, issues[0].field || undefined, issues);
}

/** The query string through a schema; empty parameters (`?status=`) count as absent. */
export function parseQuery<S extends z.ZodType>(schema: S, request: Request): z.output<S> {
  const params: Record<string, string> = {};
  for (const [k, v] of new URL(request.url).searchParams) if (v !== "" && !(k in params)) params[k] = v;
  return parseWith(schema, params);
}

/**
 * A JSON reply whose body the compiler checks against its documented schema. Under test the body
 * is also validated at run time, so the OpenAPI document and the API cannot quietly diverge.
 */
export function reply<S extends z.ZodType>(schema: S, body: z.input<S>, init?: ResponseInit): Response {
  if (process.env.NODE_ENV === "test") {
    const r = schema.safeParse(body);
    if (!r.success) throw new Error(`API response does not match its schema: ${JSON.stringify(r.error.issues.slice(0, 3))}`);
  }
  // Answers carry personal data: no shared or browser cache may keep them.
  const headers = new Headers(init?.headers);
  if (!headers.has("Cache-Control")) headers.set("Cache-Control", "no-store");
  return Response.json(body, { ...init, headers });
}

/**
 * Runs a route's work: Responses thrown by the helpers above and AppErrors from the services
 * become the reply. Anything else is a bug and propagates as a 500.
 */
export async function api(work: () => Response | Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof Response) return e;
    if (isAppError(e)) return errorResponse(e);
    throw e;
  }
}

/**
 * Content-Disposition with an ASCII fallback and the real name as RFC 5987 `filename*`, so that
 * Chinese names survive and no quote or control character can break the header.
 */
export function contentDisposition(filename: string, type: "attachment" | "inline" = "attachment"): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\%;]/g, "_");
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
