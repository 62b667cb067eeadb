// Express + Remix + socket.io on one http.Server. server/index.ts starts it; tests start it too.
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import morgan from "morgan";
import crypto from "node:crypto";
import http from "node:http";
import path from "node:path";
import { getDb } from "../db/client";
import { readSessionToken, sessionCookie, validateSessionToken } from "./auth/session";
import type { Env } from "./env";
import { contentSecurityPolicy } from "./http/csp";
import { isSameOriginRequest } from "./http/origin";
import { withRequestScope } from "./lib/request-scope";
import { createIo } from "./realtime/io";

/** Evidence uploads may be larger than ordinary forms. */
function isUploadPath(path: string): boolean {
  // Evidence, the wet-signed agreement scans and a PDF to verify carry files.
  return /\/(evidence|agreement\/scans)(\.data)?$/.test(path) || /^\/verify(\/[^/]+)?(\.data)?$/.test(path);
}

export type AppServer = { server: http.Server; close: () => Promise<void> };

function htmlOrJson(req: express.Request, res: express.Response, status: number, message: string) {
  if (req.path.startsWith("/api/") || req.accepts(["html", "json"]) === "json") {
    res.status(status).json({ error: { message } });
  } else {
    res.status(status).type("text/plain; charset=utf-8").send(message);
  }
}

export function createAppServer(env: Env, build: ServerBuild | (() => Promise<ServerBuild>)): AppServer {
  const app = express();
  app.disable("x-powered-by");
  if (env.TRUST_PROXY) app.set("trust proxy", 1);

  app.use((req, res, next) => {
    const nonce = crypto.randomBytes(16).toString("base64");
    res.locals.nonce = nonce;
    res.setHeader("Content-Security-Policy", contentSecurityPolicy(nonce));
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Permissions-Policy", "camera=(self), microphone=(self), geolocation=()");
    if (env.NODE_ENV === "production") res.setHeader("Strict-Transport-Security", "max-age=15552000");
    next();
  });
  app.use(compression());
  if (env.LOG_REQUESTS) app.use(morgan(env.NODE_ENV === "production" ? "combined" : "dev"));

  app.get("/healthz", (_req, res) => {
    try {
      getDb().$client.prepare("select 1").get();
      res.json({ status: "ok" });
    } catch (e) {
      res.status(503).json({ status: "error", message: (e as Error).message });
    }
  });

  // Fingerprinted build assets are immutable; the rest of public/ may change between releases.
  app.use("/build", express.static(path.resolve("public/build"), { immutable: true, maxAge: "1y" }));
  // Every file in public/ has an extension; page URLs never do. Asking the disk about /cases on
  // each page view cost a failed stat and a thrown error (~6% of a list page's time).
  const publicFiles = express.static(path.resolve("public"), { maxAge: "1h" });
  app.use((req, res, next) => (/\.[a-z0-9]+$/i.test(req.path) ? publicFiles(req, res, next) : next()));

  app.use((req, res, next) => {
    const ok = isSameOriginRequest(
      {
        method: req.method,
        origin: req.get("origin"),
        host: req.get("host"),
        secFetchSite: req.get("sec-fetch-site"),
        authorization: req.get("authorization"),
        contentType: req.get("content-type"),
      },
      env.APP_ORIGIN,
    );
    if (!ok) return htmlOrJson(req, res, 403, "请求来源校验失败：请从本站页面提交，不接受来自其他网站的请求。");
    if (!["GET", "HEAD", "OPTIONS"].includes(req.method)) {
      // Without a declared length we could only find out by reading it all; browsers always
      // declare it for forms and uploads, so a chunked body is refused outright.
      if (req.get("content-length") === undefined && req.get("transfer-encoding"))
        return htmlOrJson(req, res, 411, "请求缺少内容长度（Content-Length），请从本站页面提交。");
      const limit = isUploadPath(req.path) ? env.MAX_UPLOAD_BYTES : env.MAX_BODY_BYTES;
      if (Number(req.get("content-length") ?? 0) > limit)
        return htmlOrJson(req, res, 413, `提交的内容过大（上限 ${Math.round(limit / 1024)} KB）。`);
    }
    next();
  });

  // Sliding expiry: when the session was extended, send the cookie again with the new date. The
  // lookup is remembered for the rest of this request, where the loaders need it too.
  app.use((req, res, next) => {
    withRequestScope(() => {
      const headers = new Headers();
      if (req.headers.cookie) headers.set("cookie", req.headers.cookie);
      const token = readSessionToken(headers);
      if (token) {
        const v = validateSessionToken(token);
        if (v?.refreshed) res.append("Set-Cookie", sessionCookie(token, v.session.expiresAt));
      }
      next();
    });
  });

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: env.NODE_ENV,
      getLoadContext: (req, res) => ({ nonce: res.locals.nonce as string, ip: req.ip ?? req.socket.remoteAddress ?? "unknown" }),
    }),
  );

  const server = http.createServer(app);
  const io = createIo(server);

  async function close() {
    await new Promise<void>((resolve) => {
      io.close(() => resolve());
      server.closeAllConnections?.();
    });
  }
  return { server, close };
}
