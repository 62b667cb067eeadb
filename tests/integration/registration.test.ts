// Registration through the real route action, on a real migrated SQLite database.
import { createHash } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";

// A small per-IP allowance for the throttled-network case below; getEnv() reads it on first use.
vi.hoisted(() => {
  process.env.LOGIN_MAX_FAILS_PER_IP = "2";
});

import { action } from "~/routes/register";
import { checkResidentId } from "~/lib/id-checks";
import { getDb } from "../../db/client";
import { auditEvents, sessions, users } from "../../db/schema";
import { login, registerParty } from "../../server/auth/accounts";
import { validateSessionToken } from "../../server/auth/session";
import { asReply, ctx, formPost, idNumber, idNumberWithWrongCheck, rowCount } from "./helpers";

const PASSWORD = "Huashan2026";

function fields(over: Record<string, string | undefined> = {}): Record<string, string> {
  const all: Record<string, string | undefined> = {
    name: "张三",
    idNumber: idNumber(101),
    phone: "13712340001",
    password: PASSWORD,
    confirmPassword: PASSWORD,
    agree: "on",
    ...over,
  };
  return Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined)) as Record<string, string>;
}

function register(f: Record<string, string>, ip = "127.0.0.1") {
  return action({ request: formPost("http://localhost/register", f), params: {}, context: ctx(ip) } as never);
}

// An account that already exists, for the duplicate checks.
const EXISTING = { name: "李四", idNumber: idNumber(201), phone: "13712340099", password: "Existing2026" };

beforeAll(async () => {
  await registerParty(EXISTING);
});

describe("register action: success", () => {
  it("creates exactly one party account, signs it in and redirects to the dashboard", async () => {
    const before = rowCount(users);
    const res = await register(fields());

    expect(res).toBeInstanceOf(Response);
    const response = res as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/dashboard?welcome=1");
    expect(rowCount(users)).toBe(before + 1);

    const row = getDb().select().from(users).where(eq(users.phone, "13712340001")).get()!;
    expect(row).toMatchObject({ name: "张三", idNumber: idNumber(101), role: "party", active: true });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain(PASSWORD);

    const cookie = response.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^yjf_session=[a-z2-7]{32}; /);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).toContain("Path=/");
    // The cookie carries a live session of the new user.
    const token = /^yjf_session=([^;]+)/.exec(cookie)![1];
    expect(validateSessionToken(token)?.user.id).toBe(row.id);
    const stored = getDb().select().from(sessions).where(eq(sessions.userId, row.id)).all();
    expect(stored.map((s) => s.id)).toEqual([createHash("sha256").update(token).digest("hex")]);

    const audit = getDb().select().from(auditEvents).where(eq(auditEvents.targetId, row.id)).orderBy(asc(auditEvents.id)).all();
    expect(audit.map((a) => a.action)).toEqual(["user.registered", "user.login"]);
    expect(audit[0].actorId).toBe(row.id);
  });

  it("stores a lower-case x check character in upper case, and then treats it as taken", async () => {
    let seq = 300;
    while (!idNumber(seq).endsWith("X")) seq++;
    const withX = idNumber(seq);
    expect(checkResidentId(withX).ok).toBe(true);

    const res = await register(fields({ idNumber: withX.toLowerCase(), phone: "13712340002" }));
    expect((res as Response).status).toBe(302);
    expect(getDb().select().from(users).where(eq(users.phone, "13712340002")).get()?.idNumber).toBe(withX);

    const before = rowCount(users);
    const again = asReply(await register(fields({ idNumber: withX, phone: "13712340003" })));
    expect(again.init.status).toBe(409);
    expect(again.data.error?.idNumber).toEqual(["该身份证号码已注册账号，请用原手机号码登录"]);
    expect(rowCount(users)).toBe(before);
  });
});

describe("register action: bad input gives 400 and writes nothing", () => {
  const cases: { label: string; over: Record<string, string | undefined>; field: string; message: string }[] = [
    { label: "wrong 身份证 check digit", over: { idNumber: idNumberWithWrongCheck(102) }, field: "idNumber", message: "身份证号码校验位不正确" },
    { label: "password without a digit", over: { password: "Huashanxyz", confirmPassword: "Huashanxyz" }, field: "password", message: "密码需同时包含字母和数字" },
    { label: "common password", over: { password: "Password1", confirmPassword: "Password1" }, field: "password", message: "密码过于常见，请换一个" },
    { label: "short password", over: { password: "Ab12", confirmPassword: "Ab12" }, field: "password", message: "密码至少8位" },
    { label: "password containing the phone", over: { password: "x13712340010", confirmPassword: "x13712340010", phone: "13712340010" }, field: "password", message: "密码不能包含手机号码" },
    { label: "mismatched confirmation", over: { confirmPassword: "Huashan2027" }, field: "confirmPassword", message: "两次输入的密码不一致" },
    { label: "agreement not ticked", over: { agree: undefined }, field: "agree", message: "请阅读并同意用户协议与隐私说明" },
    { label: "invalid phone", over: { phone: "12712340001" }, field: "phone", message: "请输入11位手机号码" },
  ];

  for (const c of cases) {
    it(c.label, async () => {
      const before = { users: rowCount(users), sessions: rowCount(sessions), audit: rowCount(auditEvents) };
      const reply = asReply(await register(fields({ phone: "13712340011", idNumber: idNumber(102), ...c.over })));

      expect(reply.init.status).toBe(400);
      expect(reply.data.status).toBe("error");
      expect(reply.data.error?.[c.field]).toEqual([c.message]);
      // Passwords are never echoed back into the form.
      expect(reply.data.initialValue).not.toHaveProperty("password");
      expect(reply.data.initialValue).not.toHaveProperty("confirmPassword");
      expect({ users: rowCount(users), sessions: rowCount(sessions), audit: rowCount(auditEvents) }).toEqual(before);
    });
  }
});

describe("register action: duplicates give 409 and write nothing", () => {
  it("refuses a phone number that is already registered", async () => {
    const before = rowCount(users);
    const reply = asReply(await register(fields({ phone: EXISTING.phone, idNumber: idNumber(103) })));
    expect(reply.init.status).toBe(409);
    expect(reply.data.error?.phone?.[0]).toContain("该手机号码已注册");
    expect(rowCount(users)).toBe(before);
    expect(getDb().select().from(users).where(eq(users.idNumber, idNumber(103))).get()).toBeUndefined();
  });

  it("refuses an ID number that is already registered", async () => {
    const before = rowCount(users);
    const reply = asReply(await register(fields({ phone: "13712340020", idNumber: EXISTING.idNumber })));
    expect(reply.init.status).toBe(409);
    expect(reply.data.error?.idNumber).toEqual(["该身份证号码已注册账号，请用原手机号码登录"]);
    expect(rowCount(users)).toBe(before);
    expect(getDb().select().from(users).where(eq(users.phone, "13712340020")).get()).toBeUndefined();
  });

  it("lets only one of two simultaneous registrations with the same phone through", async () => {
    const before = rowCount(users);
    const [a, b] = await Promise.all([
      register(fields({ phone: "13712340030", idNumber: idNumber(104) })),
      register(fields({ phone: "13712340030", idNumber: idNumber(105) })),
    ]);
    const statuses = [a, b].map((r) => (r instanceof Response ? r.status : asReply(r).init.status)).sort();
    expect(statuses).toEqual([302, 409]);
    expect(rowCount(users)).toBe(before + 1);
  });
});

describe("register action: from a network the login throttle has blocked", () => {
  // Registration starts the session directly, so the login throttle cannot turn a successful
  // registration into an error page.
  it("still answers with a Response", async () => {
    const ip = "10.66.0.1";
    for (let i = 0; i < 2; i++) await expect(login(`1351234000${i}`, "Wrong2026", { ip })).rejects.toMatchObject({ code: "BAD_INPUT" });
    await expect(register(fields({ phone: "13712340040", idNumber: idNumber(106) }), ip)).resolves.toBeInstanceOf(Response);
  });
});
