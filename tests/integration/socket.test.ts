// The real server (Express + Remix build + socket.io) on a random port.
import { eq } from "drizzle-orm";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { io as connectClient, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { sessions, users } from "../../db/schema";
import { registerParty } from "../../server/auth/accounts";
import { createAppServer, type AppServer } from "../../server/app";
import { createSession, generateSessionToken, invalidateSessionToken } from "../../server/auth/session";
import { getEnv } from "../../server/env";
import { getIo } from "../../server/realtime/io";
import { idNumber, rowCount } from "./helpers";

const PHONE = "13300000001";
const PASSWORD = "Socket2026";
const DAY = 24 * 60 * 60 * 1000;

let app: AppServer;
let base = "";
let host = "";
let userId = "";
const clients: Socket[] = [];

beforeAll(async () => {
  userId = (await registerParty({ name: "王五", idNumber: idNumber(700), phone: PHONE, password: PASSWORD })).userId;
  const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
  app = createAppServer(getEnv(), build);
  await new Promise<void>((resolve) => app.server.listen(0, "127.0.0.1", resolve));
  const { port } = app.server.address() as AddressInfo;
  host = `127.0.0.1:${port}`;
  base = `http://${host}`;
});

afterAll(async () => {
  for (const c of clients) c.disconnect();
  await app?.close();
});

type Reply = { status: number; headers: http.IncomingHttpHeaders; body: string };

/** A raw HTTP request, so that Origin, Content-Length and Transfer-Encoding are exactly ours. */
function request(method: string, urlPath: string, headers: Record<string, string | number> = {}, body?: string | Buffer): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${urlPath}`, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

function form(fields: Record<string, string>): { body: string; headers: Record<string, string | number> } {
  const body = new URLSearchParams(fields).toString();
  return { body, headers: { "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(body) } };
}

function connect(opts: { cookie?: string; token?: string }): Promise<{ socket: Socket; error?: Error }> {
  const socket = connectClient(base, {
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
    timeout: 5000,
    extraHeaders: opts.cookie ? { cookie: opts.cookie } : undefined,
    auth: opts.token ? { token: opts.token } : undefined,
  });
  clients.push(socket);
  return new Promise((resolve) => {
    socket.on("connect", () => resolve({ socket }));
    socket.on("connect_error", (error) => resolve({ socket, error }));
  });
}

function freshToken(): string {
  const token = generateSessionToken();
  createSession(token, userId);
  return token;
}

describe("HTTP", () => {
  it("GET /healthz answers ok, with the security headers", async () => {
    const r = await request("GET", "/healthz");
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ status: "ok" });
    expect(r.headers["x-frame-options"]).toBe("DENY");
    expect(r.headers["x-content-type-options"]).toBe("nosniff");
    expect(r.headers["content-security-policy"]).toMatch(/'nonce-[A-Za-z0-9+/=]+'/);
    expect(r.headers["x-powered-by"]).toBeUndefined();
  });

  it("refuses a cross-origin POST to /login with 403 and creates no session", async () => {
    const before = rowCount(sessions);
    const f = form({ phone: PHONE, password: PASSWORD });
    const r = await request("POST", "/login", { ...f.headers, origin: "http://evil.example", accept: "text/html" }, f.body);
    expect(r.status).toBe(403);
    expect(r.body).toBe("请求来源校验失败：请从本站页面提交，不接受来自其他网站的请求。");
    expect(r.headers["set-cookie"]).toBeUndefined();
    expect(rowCount(sessions)).toBe(before);
  });

  it("accepts the same POST from our own origin: a session and its cookie", async () => {
    const before = rowCount(sessions);
    const f = form({ phone: PHONE, password: PASSWORD });
    const r = await request("POST", "/login", { ...f.headers, origin: base }, f.body);
    expect(r.status).toBe(302);
    expect(r.headers.location).toBe("/dashboard");
    expect(r.headers["set-cookie"]?.[0]).toMatch(/^yjf_session=[a-z2-7]{32}; Path=\/; HttpOnly; SameSite=Lax; Expires=/);
    expect(rowCount(sessions)).toBe(before + 1);
  });

  it("refuses a cross-origin POST to /register with 403 and creates no account", async () => {
    const before = rowCount(users);
    const f = form({ name: "赵六", idNumber: idNumber(701), phone: "13300000002", password: "Evil2026x", confirmPassword: "Evil2026x", agree: "on" });
    const r = await request("POST", "/register", { ...f.headers, "sec-fetch-site": "cross-site" }, f.body);
    expect(r.status).toBe(403);
    expect(rowCount(users)).toBe(before);
    expect(getDb().select().from(users).where(eq(users.phone, "13300000002")).get()).toBeUndefined();
  });

  it("answers JSON 403 to a cross-origin API call", async () => {
    const r = await request("POST", "/api/v1/sessions", { origin: "http://evil.example", "content-type": "application/json" }, "{}");
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body)).toEqual({ error: { message: "请求来源校验失败：请从本站页面提交，不接受来自其他网站的请求。" } });
  });

  it("refuses a body declared larger than MAX_BODY_BYTES with 413", async () => {
    const limit = getEnv().MAX_BODY_BYTES;
    expect(limit).toBe(1_000_000);
    const body = Buffer.alloc(limit + 1, "a");
    const before = rowCount(sessions);
    const r = await request("POST", "/login", { origin: base, "content-type": "application/x-www-form-urlencoded", "content-length": body.length }, body);
    expect(r.status).toBe(413);
    expect(r.body).toBe("提交的内容过大（上限 977 KB）。");
    expect(rowCount(sessions)).toBe(before);

    // Just under the limit is let through to the route (which rejects the form itself).
    const small = Buffer.alloc(1000, "a");
    const ok = await request("POST", "/login", { origin: base, "content-type": "application/x-www-form-urlencoded", "content-length": small.length }, small);
    expect(ok.status).toBe(400);
  });

  // A chunked body has no declared length; reading it to find out would defeat the limit.
  it("refuses a chunked body without a Content-Length with 411", async () => {
    const body = Buffer.alloc(getEnv().MAX_BODY_BYTES * 2, "a");
    const r = await request("POST", "/login", { origin: base, "content-type": "application/x-www-form-urlencoded", "transfer-encoding": "chunked" }, body);
    expect(r.status).toBe(411);
    expect(r.body).toContain("Content-Length");
  });

  it("sends anonymous page requests to the login page", async () => {
    const r = await request("GET", "/dashboard");
    expect(r.status).toBe(302);
    expect(r.headers.location).toBe("/login?redirectTo=%2Fdashboard");
  });

  it("re-sends the cookie with a later expiry when the session slid forward", async () => {
    const token = freshToken();
    const id = getDb().select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, userId)).all().at(-1)!.id;
    getDb().update(sessions).set({ expiresAt: new Date(Date.now() + 10 * DAY) }).where(eq(sessions.id, id)).run();

    const t0 = Date.now();
    const r = await request("GET", "/dashboard", { cookie: `yjf_session=${token}` });
    expect(r.status).toBe(200);
    expect(r.body).toContain("王五");
    const cookie = (r.headers["set-cookie"] ?? []).find((c) => c.startsWith(`yjf_session=${token};`));
    expect(cookie).toBeDefined();
    const expires = new Date(/Expires=([^;]+)/.exec(cookie!)![1]).getTime();
    expect(expires).toBeGreaterThan(t0 + 29 * DAY);
    expect(getDb().select().from(sessions).where(eq(sessions.id, id)).get()!.expiresAt.getTime()).toBeGreaterThan(t0 + 29 * DAY);

    // A fresh session is not re-sent.
    const again = await request("GET", "/dashboard", { cookie: `yjf_session=${token}` });
    expect(again.headers["set-cookie"]).toBeUndefined();
  });
});

describe("socket.io handshake", () => {
  it("refuses a socket without a session", async () => {
    const { socket, error } = await connect({});
    expect(error?.message).toBe("未登录或登录已过期，请重新登录");
    expect(socket.connected).toBe(false);
  });

  it("refuses a made-up token", async () => {
    const { error } = await connect({ cookie: `yjf_session=${generateSessionToken()}` });
    expect(error?.message).toBe("未登录或登录已过期，请重新登录");
  });

  it("connects with the session cookie and joins the user's own room", async () => {
    const { socket, error } = await connect({ cookie: `lang=zh; yjf_session=${freshToken()}` });
    expect(error).toBeUndefined();
    expect(socket.connected).toBe(true);
    const inRoom = await getIo()!.in(`user:${userId}`).fetchSockets();
    expect(inRoom.map((s) => s.id)).toContain(socket.id);
  });

  it("connects with auth: { token }", async () => {
    const { socket, error } = await connect({ token: freshToken() });
    expect(error).toBeUndefined();
    expect(socket.connected).toBe(true);
  });

  it("refuses a token whose session was ended", async () => {
    const token = freshToken();
    invalidateSessionToken(token);
    for (const opts of [{ token }, { cookie: `yjf_session=${token}` }]) {
      const { socket, error } = await connect(opts);
      expect(error?.message).toBe("未登录或登录已过期，请重新登录");
      expect(socket.connected).toBe(false);
    }
  });
});
