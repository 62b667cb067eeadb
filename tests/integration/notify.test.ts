// Notifications, the SMS/e-mail adapters and the outbox, on the real database.
import { desc, eq } from "drizzle-orm";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { io as connectClient } from "socket.io-client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { action as notificationsAction, loader as notificationsLoader } from "~/routes/notifications";
import { loader as outboxJsonLoader } from "~/routes/dev.outbox[.json]";
import { loader as outboxPageLoader } from "~/routes/dev.outbox";
import { getDb } from "../../db/client";
import { notifications, outbox, users } from "../../db/schema";
import { createSession, generateSessionToken } from "../../server/auth/session";
import { createIo } from "../../server/realtime/io";
import { getEmailSender } from "../../server/notify/email";
import { listNotifications, markRead, queueNotifications, unreadCount, type LiveNotification, type NotificationInput } from "../../server/notify/notify";
import { listOutbox, requireOutboxAccess } from "../../server/notify/outbox";
import { getSmsSender } from "../../server/notify/sms";
import { ctx, formPost, idNumber, rowCount, thrownResponse } from "./helpers";

const A = "user-a";
const B = "user-b";
const ADMIN = "user-admin";
const tokens = { a: generateSessionToken(), admin: generateSessionToken() };

// A stand-in for the socket.io server: records what would have been pushed to which room.
type Emit = { room: string; event: string; payload: unknown };
let emitted: Emit[] = [];
const g = globalThis as unknown as { __yjfIo?: unknown };
let faked = false;
function fakeIo() {
  emitted = [];
  faked = true;
  g.__yjfIo = { to: (room: string) => ({ emit: (event: string, payload?: unknown) => emitted.push({ room, event, payload }) }) };
}
afterEach(() => {
  if (faked) g.__yjfIo = undefined;
  faked = false;
});

beforeAll(() => {
  // Direct inserts: these tests are about notifications, not about argon2 or registration.
  const mk = (id: string, seq: number, role: "party" | "admin") => ({ id, name: "通知测试", idNumber: idNumber(seq), phone: `1360000${String(seq).padStart(4, "0")}`, passwordHash: "x", role });
  getDb().insert(users).values([mk(A, 801, "party"), mk(B, 802, "party"), mk(ADMIN, 803, "admin")]).run();
  createSession(tokens.a, A);
  createSession(tokens.admin, ADMIN);
});

const note = (userId: string, n = 1): NotificationInput => ({ userId, title: `调解通知${n}`, body: `您的纠纷已受理（${n}）`, link: "/dashboard" });

function clearNotifications() {
  getDb().delete(notifications).run();
}

describe("queueNotifications", () => {
  it("writes nothing and pushes nothing when the transaction rolls back", () => {
    clearNotifications();
    fakeIo();
    let after: (() => void) | undefined;
    expect(() =>
      getDb().transaction((tx) => {
        after = queueNotifications(tx, [note(A), note(B)]);
        expect(tx.select().from(notifications).all()).toHaveLength(2); // visible inside…
        throw new Error("状态变更失败");
      }),
    ).toThrow("状态变更失败");
    expect(rowCount(notifications)).toBe(0); // …gone after the rollback
    expect(after).toBeTypeOf("function");
    expect(emitted).toEqual([]); // the caller never reached its after-commit step
  });

  it("pushes each row to its user's room only when the caller runs the after-commit step", () => {
    clearNotifications();
    fakeIo();
    const after = getDb().transaction((tx) => queueNotifications(tx, [note(A, 1), { ...note(B, 2), link: null, caseId: null }]));
    expect(emitted).toEqual([]);
    after();
    const rows = getDb().select().from(notifications).orderBy(notifications.id).all();
    expect(emitted).toEqual([
      { room: `user:${A}`, event: "notification", payload: { id: rows[0].id, title: "调解通知1", body: "您的纠纷已受理（1）", link: "/dashboard", createdAt: rows[0].createdAt.toISOString() } },
      { room: `user:${B}`, event: "notification", payload: { id: rows[1].id, title: "调解通知2", body: "您的纠纷已受理（2）", link: null, createdAt: rows[1].createdAt.toISOString() } },
    ]);
  });

  it("is a no-op after commit without a socket server, and for an empty list", () => {
    const after = getDb().transaction((tx) => queueNotifications(tx, [note(A)]));
    expect(() => after()).not.toThrow();
    const before = rowCount(notifications);
    getDb().transaction((tx) => queueNotifications(tx, []))();
    expect(rowCount(notifications)).toBe(before);
  });
});

describe("listing and reading", () => {
  it("pages 20 at a time, newest first, counting only the user's unread rows", () => {
    clearNotifications();
    getDb().transaction((tx) => queueNotifications(tx, [...Array.from({ length: 25 }, (_, i) => note(A, i + 1)), note(B, 99)]));
    expect(unreadCount(A)).toBe(25);
    expect(unreadCount(B)).toBe(1);
    const p1 = listNotifications(A, {});
    expect(p1).toMatchObject({ total: 25, unread: 25, page: 1, pages: 2 });
    expect(p1.rows).toHaveLength(20);
    expect(p1.rows[0].title).toBe("调解通知25");
    const p2 = listNotifications(A, { page: 2 });
    expect(p2.rows.map((r) => r.title)).toEqual(["调解通知5", "调解通知4", "调解通知3", "调解通知2", "调解通知1"]);
    expect(listNotifications(A, { page: 99 }).page).toBe(2);
    expect(p1.rows.every((r) => r.userId === A)).toBe(true);
  });

  it("markRead touches only the caller's own rows", () => {
    fakeIo();
    const bRow = getDb().select().from(notifications).where(eq(notifications.userId, B)).get()!;
    const aRows = listNotifications(A, {}).rows;
    expect(markRead(A, [bRow.id])).toBe(0);
    expect(getDb().select().from(notifications).where(eq(notifications.id, bRow.id)).get()!.readAt).toBeNull();
    expect(emitted).toEqual([]);

    expect(markRead(A, [aRows[0].id, aRows[1].id, bRow.id])).toBe(2);
    expect(unreadCount(A)).toBe(23);
    expect(unreadCount(B)).toBe(1);
    expect(emitted).toEqual([{ room: `user:${A}`, event: "notifications:read", payload: undefined }]);
    expect(markRead(A, [aRows[0].id])).toBe(0); // already read: not counted twice
    expect(listNotifications(A, { unreadOnly: true }).total).toBe(23);

    expect(markRead(A, "all")).toBe(23);
    expect(unreadCount(A)).toBe(0);
    expect(unreadCount(B)).toBe(1);
    expect(markRead(A, [])).toBe(0);
  });
});

describe("notification centre route", () => {
  const url = "http://localhost/notifications";
  const cookie = () => ({ cookie: `yjf_session=${tokens.a}` });

  it("sends an anonymous visitor to log in", async () => {
    const res = await thrownResponse(() => notificationsLoader({ request: new Request(url), params: {}, context: ctx() }));
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/login?redirectTo=%2Fnotifications");
  });

  it("answers 400 with a Chinese message to a malformed action", async () => {
    const bad: Record<string, string>[] = [{ intent: "read", id: "abc" }, { intent: "read" }, { intent: "delete-all" }, {}];
    for (const fields of bad) {
      const r = (await notificationsAction({ request: formPost(url, fields, cookie()), params: {}, context: ctx() })) as unknown as {
        data: { ok: boolean; error: string };
        init: { status: number };
      };
      expect(r.init.status).toBe(400);
      expect(r.data.error).toMatch(/^(通知编号无效|无法识别的操作，请刷新页面后重试)$/);
    }
  });

  it("marks one, then all, of the user's notifications read", async () => {
    clearNotifications();
    getDb().transaction((tx) => queueNotifications(tx, [note(A, 1), note(A, 2), note(A, 3), note(B, 4)]));
    const bId = getDb().select().from(notifications).where(eq(notifications.userId, B)).get()!.id;
    const call = (fields: Record<string, string>) => notificationsAction({ request: formPost(url, fields, cookie()), params: {}, context: ctx() });
    expect(await call({ intent: "read", id: String(bId) })).toEqual({ ok: true, changed: 0 });
    const first = listNotifications(A, {}).rows[0].id;
    expect(await call({ intent: "read", id: String(first) })).toEqual({ ok: true, changed: 1 });
    const page = await notificationsLoader({ request: new Request(url, { headers: cookie() }), params: {}, context: ctx() });
    expect(page.unread).toBe(2);
    expect(page.rows.map((r) => r.read)).toEqual([true, false, false]);
    expect(await call({ intent: "read-all" })).toEqual({ ok: true, changed: 2 });
    expect(unreadCount(B)).toBe(1);
  });
});

describe("SMS and e-mail adapters", () => {
  afterEach(() => {
    delete process.env.SMS_PROVIDER;
  });

  it("the development SMS sender writes a signed message to the outbox", async () => {
    await getSmsSender().send("13600000801", "您的验证码为 482913，5分钟内有效。");
    await getSmsSender().send("13600000801", "【云解纷】已带签名的消息不重复加签。");
    const rows = getDb().select().from(outbox).where(eq(outbox.to, "13600000801")).orderBy(desc(outbox.id)).all();
    expect(rows.map((r) => [r.channel, r.body])).toEqual([
      ["sms", "【云解纷】已带签名的消息不重复加签。"],
      ["sms", "【云解纷】您的验证码为 482913，5分钟内有效。"],
    ]);
  });

  it("the development e-mail sender puts the signed subject on the first line", async () => {
    await getEmailSender().send("lawyer@example.cn", "调解会议邀请", "请于3月5日上午9时参加线上调解。");
    const row = getDb().select().from(outbox).where(eq(outbox.to, "lawyer@example.cn")).get()!;
    expect(row.channel).toBe("email");
    expect(row.body).toBe("【云解纷】调解会议邀请\n\n请于3月5日上午9时参加线上调解。");
  });

  it("refuses an unknown SMS provider loudly rather than dropping messages", () => {
    process.env.SMS_PROVIDER = "carrier-pigeon";
    expect(() => getSmsSender()).toThrow("未知的短信通道 SMS_PROVIDER=carrier-pigeon");
  });
});

describe("development outbox", () => {
  it("lists one recipient's messages newest first, as JSON for tests", async () => {
    const sms = getSmsSender();
    for (const code of ["111111", "222222", "333333"]) await sms.send("13600000802", `验证码 ${code}`);
    await sms.send("13600000803", "别人的验证码 999999");
    expect(listOutbox({ to: " 13600000802 " }).rows.map((r) => r.body)).toEqual(["【云解纷】验证码 333333", "【云解纷】验证码 222222", "【云解纷】验证码 111111"]);

    const res = await outboxJsonLoader({ request: new Request("http://localhost/dev/outbox.json?to=13600000802"), params: {}, context: ctx() });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { total: number; rows: { to: string; body: string; channel: string; at: string }[] };
    expect(body.total).toBe(3);
    expect(body.rows[0]).toMatchObject({ to: "13600000802", channel: "sms", body: "【云解纷】验证码 333333" });
    expect(Number.isNaN(Date.parse(body.rows[0].at))).toBe(false);
  });

  it("redirects ?format=json on the page to the JSON route, keeping the filter", async () => {
    const res = await thrownResponse(() => outboxPageLoader({ request: new Request("http://localhost/dev/outbox?to=13600000802&format=json"), params: {}, context: ctx() }));
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/dev/outbox.json?to=13600000802");
  });

  it("is open to anyone outside production", () => {
    expect(requireOutboxAccess(new Request("http://localhost/dev/outbox"))).toEqual({ production: false });
  });

  it("in production: anonymous → login, a party → 403, an admin → allowed", async () => {
    const anon = await thrownResponse(() => requireOutboxAccess(new Request("http://localhost/dev/outbox"), "production"));
    expect(anon.status).toBe(302);
    const party = await thrownResponse(() => requireOutboxAccess(new Request("http://localhost/dev/outbox", { headers: { cookie: `yjf_session=${tokens.a}` } }), "production"));
    expect(party.status).toBe(403);
    expect(requireOutboxAccess(new Request("http://localhost/dev/outbox", { headers: { cookie: `yjf_session=${tokens.admin}` } }), "production")).toEqual({ production: true });
  });
});

describe("live push through a real socket.io server", () => {
  const server = http.createServer();
  let io: ReturnType<typeof createIo>;
  let base = "";
  beforeAll(async () => {
    io = createIo(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => io.close(() => resolve()));
    g.__yjfIo = undefined;
  });

  it("reaches the addressee's socket and no one else's", async () => {
    const connect = (token: string) => {
      const s = connectClient(base, { transports: ["websocket"], reconnection: false, forceNew: true, extraHeaders: { cookie: `yjf_session=${token}` } });
      return new Promise<typeof s>((resolve, reject) => {
        s.on("connect", () => resolve(s));
        s.on("connect_error", reject);
      });
    };
    const a = await connect(tokens.a);
    const admin = await connect(tokens.admin);
    const got: { a: LiveNotification[]; admin: LiveNotification[] } = { a: [], admin: [] };
    const arrived = new Promise<void>((resolve) =>
      a.on("notification", (n: LiveNotification) => {
        got.a.push(n);
        resolve();
      }),
    );
    admin.on("notification", (n: LiveNotification) => got.admin.push(n));
    // The room join happens right after the handshake; wait until the server has it.
    await expect.poll(async () => (await io.in(`user:${A}`).fetchSockets()).length).toBe(1);

    getDb().transaction((tx) => queueNotifications(tx, [{ userId: A, title: "调解员已接案", body: "请留意调解时间安排", link: "/dashboard" }]))();
    await arrived;
    expect(got.a).toMatchObject([{ title: "调解员已接案", body: "请留意调解时间安排", link: "/dashboard" }]);
    expect(got.admin).toEqual([]);
    a.disconnect();
    admin.disconnect();
  });
});
