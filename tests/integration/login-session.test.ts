// Login, throttling and the session lifecycle against the real database.
import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";

// getEnv() caches on first call; this runs before any module of ours is evaluated.
vi.hoisted(() => {
  process.env.LOGIN_MAX_FAILS_PER_IP = "8";
  delete process.env.LOGIN_MAX_FAILS_PER_ACCOUNT;
  delete process.env.SESSION_DAYS;
});

import { getDb } from "../../db/client";
import { auditEvents, sessions, users } from "../../db/schema";
import { changePassword, login, logout, registerParty } from "../../server/auth/accounts";
import {
  createSession,
  deleteExpiredSessions,
  generateSessionToken,
  validateSessionToken,
} from "../../server/auth/session";
import { getEnv } from "../../server/env";
import { idNumber } from "./helpers";

const DAY = 24 * 60 * 60 * 1000;
const PASSWORD = "Kunming2026";

// One account per scenario, so that throttling counters of one test never reach another.
const PHONES = {
  main: "13600000001",
  lock: "13600000002",
  clear: "13600000003",
  ip: "13600000004",
  session: "13600000005",
  password: "13600000006",
  inactive: "13600000007",
  race: "13600000008",
  unknown: "13600000999",
} as const;
const ids: Record<string, string> = {};

beforeAll(async () => {
  let seq = 400;
  for (const [key, phone] of Object.entries(PHONES)) {
    if (key === "unknown") continue;
    ids[key] = (await registerParty({ name: "测试用户", idNumber: idNumber(seq++), phone, password: PASSWORD })).userId;
  }
});

function sha256Hex(token: string) {
  return createHash("sha256").update(token).digest("hex");
}

function sessionsOf(userId: string) {
  return getDb().select().from(sessions).where(eq(sessions.userId, userId)).all();
}

describe("environment for this file", () => {
  it("uses the default account limit and the lowered IP limit", () => {
    expect(getEnv()).toMatchObject({ LOGIN_MAX_FAILS_PER_ACCOUNT: 5, LOGIN_MAX_FAILS_PER_IP: 8, LOGIN_BLOCK_MINUTES: 15, SESSION_DAYS: 30 });
  });
});

describe("login", () => {
  it("returns a token and stores only its SHA-256", async () => {
    const userAgent = "Mozilla/5.0 ".repeat(30); // 360 characters
    const t0 = Date.now();
    const r = await login(PHONES.main, PASSWORD, { ip: "10.0.0.1", userAgent });

    expect(r.token).toMatch(/^[a-z2-7]{32}$/);
    expect(r.userId).toBe(ids.main);
    expect(r.role).toBe("party");
    expect(r.expiresAt.getTime()).toBeGreaterThanOrEqual(t0 + 30 * DAY);
    expect(r.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 30 * DAY);

    const rows = sessionsOf(ids.main);
    expect(rows).toHaveLength(1);
    expect(rows[0].id).toBe(sha256Hex(r.token));
    expect(rows[0].id).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0].expiresAt.getTime()).toBe(r.expiresAt.getTime());
    expect(rows[0].ip).toBe("10.0.0.1");
    expect(rows[0].userAgent).toBe(userAgent.slice(0, 200));
    // The token itself appears nowhere in the sessions table.
    const raw = getDb().$client.prepare("select * from sessions").all();
    expect(JSON.stringify(raw)).not.toContain(r.token);

    const audit = getDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetId, ids.main), eq(auditEvents.action, "user.login")))
      .all();
    expect(audit).toHaveLength(1);
    expect(audit[0].data).toEqual({ ip: "10.0.0.1" });
  });

  it("tells how many attempts are left after a wrong password, and audits the failure", async () => {
    await expect(login(PHONES.main, "Wrong2026", { ip: "10.0.0.2" })).rejects.toMatchObject({
      name: "AppError",
      code: "BAD_INPUT",
      message: "手机号码或密码不正确，还可尝试 4 次",
    });
    const failed = getDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetId, ids.main), eq(auditEvents.action, "user.login_failed")))
      .all();
    expect(failed).toHaveLength(1);
    expect(failed[0].data).toEqual({ ip: "10.0.0.2" });
  });

  it("answers an unknown phone exactly like a wrong password", async () => {
    await expect(login(PHONES.unknown, PASSWORD, { ip: "10.0.0.3" })).rejects.toMatchObject({
      code: "BAD_INPUT",
      message: "手机号码或密码不正确，还可尝试 4 次",
    });
  });
});

describe("throttling", () => {
  it("locks the account after 5 failures, even with the right password and from another IP", async () => {
    const messages: string[] = [];
    for (let i = 0; i < 5; i++) {
      const e = await login(PHONES.lock, `Wrong${i}abc`, { ip: "10.0.1.1" }).catch((err: Error) => err);
      messages.push((e as Error).message);
    }
    expect(messages).toEqual([
      "手机号码或密码不正确，还可尝试 4 次",
      "手机号码或密码不正确，还可尝试 3 次",
      "手机号码或密码不正确，还可尝试 2 次",
      "手机号码或密码不正确，还可尝试 1 次",
      "手机号码或密码不正确，账号已暂时锁定，请稍后再试",
    ]);

    for (const ip of ["10.0.1.1", "10.0.1.2"]) {
      const e = await login(PHONES.lock, PASSWORD, { ip }).catch((err: Error) => err);
      expect(e).toMatchObject({ code: "TOO_MANY" });
      expect((e as Error).message).toBe("该账号登录失败次数过多，已暂时锁定，请 15 分钟后再试，或联系平台客服");
      expect((e as Error).message).toContain("分钟");
    }
    expect(sessionsOf(ids.lock)).toEqual([]);
  });

  it("clears the account's failures after a successful login", async () => {
    for (let i = 0; i < 3; i++) await expect(login(PHONES.clear, "Wrong2026", { ip: "10.0.2.1" })).rejects.toThrow("还可尝试");
    await expect(login(PHONES.clear, "Wrong2026", { ip: "10.0.2.1" })).rejects.toThrow("还可尝试 1 次");
    expect((await login(PHONES.clear, PASSWORD, { ip: "10.0.2.1" })).userId).toBe(ids.clear);
    // Back to a full allowance of 5.
    await expect(login(PHONES.clear, "Wrong2026", { ip: "10.0.2.1" })).rejects.toThrow("手机号码或密码不正确，还可尝试 4 次");
  });

  it("blocks every account from an IP that used up its failures, but not other IPs", async () => {
    const ip = "10.0.3.1";
    // 7 failures spread over accounts that do not exist, 2 per account: no account gets locked.
    for (let i = 0; i < 7; i++) {
      await expect(login(`1350000000${Math.floor(i / 2)}`, "Wrong2026", { ip })).rejects.toMatchObject({ code: "BAD_INPUT" });
    }
    // Under the limit a good login still works from this IP (and does not reset the IP counter).
    expect((await login(PHONES.ip, PASSWORD, { ip })).userId).toBe(ids.ip);
    await expect(login("13500000009", "Wrong2026", { ip })).rejects.toMatchObject({ code: "BAD_INPUT" });

    // 8 failures: now even the right password of an untouched account is refused from this IP.
    await expect(login(PHONES.ip, PASSWORD, { ip })).rejects.toMatchObject({
      code: "TOO_MANY",
      message: "当前网络登录失败次数过多，请 15 分钟后再试",
    });
    expect((await login(PHONES.ip, PASSWORD, { ip: "10.0.3.2" })).userId).toBe(ids.ip);
  });
});

describe("throttling under concurrency", () => {
  // Each attempt is counted before the ~70 ms argon2 verify, so guesses sent at the same
  // moment cannot all slip under the limit.
  it("checks at most 5 passwords of one account, however many guesses arrive at once", async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) => login(PHONES.race, `Guess${i}abc`, { ip: `10.0.7.${i + 1}` })),
    );
    const checked = results.filter((r) => r.status === "rejected" && (r.reason as { code?: string }).code === "BAD_INPUT").length;
    expect(checked).toBeLessThanOrEqual(5);
  });
});

describe("session validation", () => {
  it("rejects malformed and unknown tokens", () => {
    expect(validateSessionToken("")).toBeNull();
    expect(validateSessionToken("not-a-token")).toBeNull();
    expect(validateSessionToken("A".repeat(32))).toBeNull();
    expect(validateSessionToken(generateSessionToken())).toBeNull();
  });

  it("deletes a session once it has expired", () => {
    const token = generateSessionToken();
    const s = createSession(token, ids.session);
    expect(validateSessionToken(token, s.expiresAt.getTime() - 1)?.user.id).toBe(ids.session);

    const other = generateSessionToken();
    const o = createSession(other, ids.session);
    expect(validateSessionToken(other, o.expiresAt.getTime())).toBeNull();
    expect(getDb().select().from(sessions).where(eq(sessions.id, sha256Hex(other))).get()).toBeUndefined();

    const third = generateSessionToken();
    createSession(third, ids.session);
    expect(validateSessionToken(third, Date.now() + 365 * DAY)).toBeNull();
    expect(getDb().select().from(sessions).where(eq(sessions.id, sha256Hex(third))).get()).toBeUndefined();
  });

  it("extends a session past half its life, and only then", () => {
    const token = generateSessionToken();
    const s = createSession(token, ids.session);
    const expires = s.expiresAt.getTime();
    const stored = () => getDb().select().from(sessions).where(eq(sessions.id, sha256Hex(token))).get()!.expiresAt.getTime();

    const fresh = validateSessionToken(token)!;
    expect(fresh.refreshed).toBe(false);
    expect(fresh.session.expiresAt.getTime()).toBe(expires);

    const beforeHalf = validateSessionToken(token, expires - 15 * DAY - 1)!;
    expect(beforeHalf.refreshed).toBe(false);
    expect(stored()).toBe(expires);

    const now = expires - 10 * DAY;
    const late = validateSessionToken(token, now)!;
    expect(late.refreshed).toBe(true);
    expect(late.session.expiresAt.getTime()).toBe(now + 30 * DAY);
    expect(stored()).toBe(now + 30 * DAY);
    // Valid beyond the original expiry now.
    expect(validateSessionToken(token, expires + DAY)?.user.id).toBe(ids.session);
  });

  it("deleteExpiredSessions removes only expired rows", () => {
    const past = generateSessionToken();
    createSession(past, ids.session);
    getDb().update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.id, sha256Hex(past))).run();
    const future = generateSessionToken();
    createSession(future, ids.session);

    expect(deleteExpiredSessions()).toBe(1);
    const left = sessionsOf(ids.session).map((s) => s.id);
    expect(left).not.toContain(sha256Hex(past));
    expect(left).toContain(sha256Hex(future));
    expect(deleteExpiredSessions()).toBe(0);
  });
});

describe("logout, password change, deactivation", () => {
  it("logout ends that session only", async () => {
    const a = await login(PHONES.main, PASSWORD, { ip: "10.0.4.1" });
    const b = await login(PHONES.main, PASSWORD, { ip: "10.0.4.1" });
    logout(a.token, a.userId);
    expect(validateSessionToken(a.token)).toBeNull();
    expect(getDb().select().from(sessions).where(eq(sessions.id, sha256Hex(a.token))).get()).toBeUndefined();
    expect(validateSessionToken(b.token)?.user.id).toBe(ids.main);
    const audit = getDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetId, ids.main), eq(auditEvents.action, "user.logout")))
      .all();
    expect(audit).toHaveLength(1);
  });

  it("changePassword keeps the current session, ends the others, and retires the old password", async () => {
    const ip = "10.0.5.1";
    const current = await login(PHONES.password, PASSWORD, { ip });
    const other1 = await login(PHONES.password, PASSWORD, { ip });
    const other2 = generateSessionToken();
    createSession(other2, ids.password);

    await expect(changePassword(ids.password, current.token, "NotMine2026", "Dianchi2027")).rejects.toMatchObject({
      code: "BAD_INPUT",
      field: "currentPassword",
      message: "当前密码不正确",
    });
    expect(sessionsOf(ids.password)).toHaveLength(3);

    await changePassword(ids.password, current.token, PASSWORD, "Dianchi2027");
    expect(validateSessionToken(current.token)?.user.id).toBe(ids.password);
    expect(validateSessionToken(other1.token)).toBeNull();
    expect(validateSessionToken(other2)).toBeNull();
    expect(sessionsOf(ids.password).map((s) => s.id)).toEqual([sha256Hex(current.token)]);

    await expect(login(PHONES.password, PASSWORD, { ip })).rejects.toMatchObject({ code: "BAD_INPUT" });
    expect((await login(PHONES.password, "Dianchi2027", { ip })).userId).toBe(ids.password);
  });

  it("a deactivated user's session no longer validates and is deleted; login is refused", async () => {
    const ip = "10.0.6.1";
    const s = await login(PHONES.inactive, PASSWORD, { ip });
    expect(validateSessionToken(s.token)?.user.active).toBe(true);

    getDb().update(users).set({ active: false }).where(eq(users.id, ids.inactive)).run();
    expect(validateSessionToken(s.token)).toBeNull();
    expect(sessionsOf(ids.inactive)).toEqual([]);
    await expect(login(PHONES.inactive, PASSWORD, { ip })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "该账号已停用，请联系所在机构或平台管理员",
    });
    expect(sessionsOf(ids.inactive)).toEqual([]);
  });
});
