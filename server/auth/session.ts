// Sessions after the Lucia guide: a random token goes to the client; only its SHA-256 is stored.
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { eq, lt } from "drizzle-orm";
import { getDb } from "../../db/client";
import { sessions, users, type Session, type User } from "../../db/schema";
import { getEnv } from "../env";
import { requestScope } from "../lib/request-scope";

const DAY = 24 * 60 * 60 * 1000;

export const SESSION_COOKIE = "yjf_session";

export type SessionUser = Pick<User, "id" | "name" | "role" | "phone" | "active">;
export type SessionValidation = { session: Session; user: SessionUser; refreshed: boolean } | null;

export function generateSessionToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function sessionIdOf(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export function createSession(
  token: string,
  userId: string,
  meta: { ip?: string | null; userAgent?: string | null } = {},
): Session {
  const session: Session = {
    id: sessionIdOf(token),
    userId,
    expiresAt: new Date(Date.now() + getEnv().SESSION_DAYS * DAY),
    createdAt: new Date(),
    ip: meta.ip ?? null,
    userAgent: meta.userAgent?.slice(0, 200) ?? null,
  };
  getDb().insert(sessions).values(session).run();
  return session;
}

/**
 * Looks the token up; expired sessions are deleted, sessions past half their life are extended.
 * Within one HTTP request the answer is remembered (server/lib/request-scope.ts): the middleware
 * that re-sends an extended cookie and the loaders ask the same question.
 */
export function validateSessionToken(token: string, now: number = Date.now()): SessionValidation {
  const memo = requestScope()?.sessions;
  if (memo?.has(token)) return memo.get(token) as SessionValidation;
  const result = lookUpSession(token, now);
  memo?.set(token, result);
  return result;
}

function lookUpSession(token: string, now: number): SessionValidation {
  if (!/^[a-z2-7]{32}$/.test(token)) return null;
  const db = getDb();
  const id = sessionIdOf(token);
  const row = db
    .select({
      session: sessions,
      user: { id: users.id, name: users.name, role: users.role, phone: users.phone, active: users.active },
    })
    .from(sessions)
    .innerJoin(users, eq(sessions.userId, users.id))
    .where(eq(sessions.id, id))
    .get();
  if (!row) return null;
  const { session, user } = row;
  if (now >= session.expiresAt.getTime() || !user.active) {
    db.delete(sessions).where(eq(sessions.id, id)).run();
    return null;
  }
  const lifetime = getEnv().SESSION_DAYS * DAY;
  let refreshed = false;
  if (now >= session.expiresAt.getTime() - lifetime / 2) {
    session.expiresAt = new Date(now + lifetime);
    db.update(sessions).set({ expiresAt: session.expiresAt }).where(eq(sessions.id, id)).run();
    refreshed = true;
  }
  return { session, user, refreshed };
}

/** A request that ends sessions must not go on trusting what it looked up before. */
function forgetLookups() {
  requestScope()?.sessions.clear();
}

export function invalidateSessionToken(token: string): void {
  forgetLookups();
  getDb().delete(sessions).where(eq(sessions.id, sessionIdOf(token))).run();
}

/** On password change or deactivation: every session of the user ends (optionally but one). */
export function invalidateUserSessions(userId: string, exceptToken?: string): void {
  forgetLookups();
  const db = getDb();
  if (exceptToken) {
    const keep = sessionIdOf(exceptToken);
    const rows = db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, userId)).all();
    for (const r of rows) if (r.id !== keep) db.delete(sessions).where(eq(sessions.id, r.id)).run();
  } else {
    db.delete(sessions).where(eq(sessions.userId, userId)).run();
  }
}

export function deleteExpiredSessions(now: number = Date.now()): number {
  return getDb().delete(sessions).where(lt(sessions.expiresAt, new Date(now))).run().changes;
}

export function sessionCookie(token: string, expiresAt: Date): string {
  const secure = getEnv().NODE_ENV === "production" ? "; Secure" : "";
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Expires=${expiresAt.toUTCString()}${secure}`;
}

export function blankSessionCookie(): string {
  const secure = getEnv().NODE_ENV === "production" ? "; Secure" : "";
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure}`;
}

/** The session token of a request: the cookie for browsers, `Authorization: Bearer` for API clients. */
export function readSessionToken(headers: Headers): string | null {
  const auth = headers.get("authorization");
  if (auth?.startsWith("Bearer ")) return auth.slice(7).trim();
  const cookie = headers.get("cookie");
  if (!cookie) return null;
  for (const part of cookie.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === SESSION_COOKIE) return v.join("=") || null;
  }
  return null;
}
