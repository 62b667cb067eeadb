// Abuse of the room's socket protocol, over real sockets against the real server: malformed
// payloads of every kind and floods. Each is refused without harm, in Chinese, and the room keeps
// working for everyone else.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { EV, MAX_SIGNAL_BYTES, type RoomMessage } from "~/lib/room-protocol";
import { seed } from "../../db/seed";
import type { AppServer } from "../../server/app";
import { clientId, closeAll, connectOk, HAN, mediatingCase, newSession, ok, openRoom, startAppServer, storedMessages, tokenFor, waitUntil, type CaseWorld, type Client } from "./room-helpers";

let url = "";
let app: AppServer;

beforeAll(async () => {
  await seed();
  ({ url, app } = await startAppServer());
});

afterAll(async () => {
  closeAll();
  await app?.close();
});

const chat = (world: CaseWorld, sessionId: string | null, channel: string, body: string) => ({ caseId: world.caseId, sessionId, channel, body, clientId: clientId() });

describe("malformed payloads", () => {
  let world: CaseWorld;
  let sessionId = "";
  let room: Awaited<ReturnType<typeof openRoom>>;
  let attacker: Client; // the applicant's second tab, sending garbage

  beforeAll(async () => {
    world = await mediatingCase();
    sessionId = await newSession(world);
    room = await openRoom(url, world, sessionId);
    attacker = await connectOk(url, tokenFor(world.applicant), "applicant-garbage");
    ok(await attacker.call(EV.join, { caseId: world.caseId, sessionId }));
  });

  const base = () => chat(world, sessionId, "joint", "正常内容");
  // [event, payload, the error when the schema has a Chinese message of its own]
  const cases = (): [string, string, unknown, string | null][] => [
    ["chat: no payload", EV.chat, undefined, null],
    ["chat: null", EV.chat, null, null],
    ["chat: a string", EV.chat, "hello", null],
    ["chat: an array", EV.chat, [base()], null],
    ["chat: missing fields", EV.chat, { body: "只有内容" }, null],
    ["chat: body is a number", EV.chat, { ...base(), body: 123 }, null],
    ["chat: body of 10 000 chars", EV.chat, { ...base(), body: "长".repeat(10_000) }, "消息不能超过2000字"],
    ["chat: blank body", EV.chat, { ...base(), body: "   " }, "消息不能为空"],
    ["chat: unknown channel", EV.chat, { ...base(), channel: "caucus:everyone" }, null],
    ["chat: clientId too short", EV.chat, { ...base(), clientId: "x" }, null],
    ["chat: caseId an object", EV.chat, { ...base(), caseId: { $ne: null } }, null],
    ["join: ids are numbers", EV.join, { caseId: 1, sessionId: 2 }, null],
    ["join: id of 1 000 chars", EV.join, { caseId: "a".repeat(1000), sessionId }, null],
    ["history: negative afterId", EV.history, { caseId: world.caseId, sessionId, afterId: -1 }, null],
    ["history: afterId a string", EV.history, { caseId: world.caseId, sessionId, afterId: "0" }, null],
    ["admit: identity not checked", EV.admit, { sessionId, userId: world.respondent.id, identityChecked: false }, "请先核对身份"],
    ["signal: data over 64 KB", EV.signal, { sessionId, to: world.mediator.id, channel: "joint", data: { sdp: "x".repeat(MAX_SIGNAL_BYTES + 10) } }, "信令数据过大"],
    ["signal: data a string", EV.signal, { sessionId, to: world.mediator.id, channel: "joint", data: "v=0" }, null],
    ["signal: notes channel", EV.signal, { sessionId, to: world.mediator.id, channel: "notes", data: {} }, null],
    ["record: 60 000 chars", EV.record, { sessionId, text: "录".repeat(60_000), baseVersion: 0 }, "笔录不能超过5万字"],
    ["caucus: unknown side", EV.caucus, { sessionId, side: "both" }, null],
  ];

  it("are refused with { ok: false, error }, change nothing, and the room keeps working", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const before = storedMessages(world.caseId).length;
    for (const [label, event, payload, error] of cases()) {
      const a = await attacker.call(event, payload);
      expect(a, label).toMatchObject({ ok: false });
      if (!a.ok) {
        expect(typeof a.error, label).toBe("string");
        if (error) expect(a.error, label).toBe(error);
      }
    }
    // No ack callback at all, or extra arguments: ignored without harm.
    attacker.socket.emit(EV.chat, { body: 1 });
    attacker.socket.emit(EV.chat, base(), "extra", 42);
    await waitUntil(() => storedMessages(world.caseId).length === before + 1, "the well-formed message sent without an ack");
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
    expect(attacker.socket.connected).toBe(true);

    const a = ok(await room.respondent.call<{ message: RoomMessage }>(EV.chat, chat(world, sessionId, "joint", "我还在")));
    await waitUntil(() => room.mediator.messages.has(a.message.id) && room.applicant.messages.has(a.message.id), "the room still delivers");
  });

  // Regression guard (a bug found and fixed): server/mediation/handlers.ts, handle(): a payload that fails on a field without a
  // message of its own (missing field, wrong type, bad enum, too-short id) is answered with zod's
  // English default, e.g. "Invalid input: expected object, received null". The brief and the
  // JSON API (server/api/http.server.ts uses z.locales.zhCN()) answer in Chinese. Fix: parse with
  // schema.safeParse(raw, { error: z.locales.zhCN().localeError }) or answer "请求格式不正确"
  // whenever the issue comes from zod itself.
  it("answer every refusal in Chinese", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    // A fresh tab: the first test spent most of the other one's 40 events.
    const tab = await connectOk(url, tokenFor(world.applicant), "applicant-garbage-2");
    ok(await tab.call(EV.join, { caseId: world.caseId, sessionId }));
    const english: string[] = [];
    for (const [label, event, payload] of cases()) {
      const a = await tab.call(event, payload);
      expect(a.ok).toBe(false);
      if (!a.ok && !HAN.test(a.error)) english.push(`${label}: ${a.error}`);
    }
    warn.mockRestore();
    expect(english).toEqual([]);
  });

  it("a frame over socket.io's 1 MB limit closes only that connection", async () => {
    const big = await connectOk(url, tokenFor(world.applicant), "applicant-huge");
    ok(await big.call(EV.join, { caseId: world.caseId, sessionId }));
    const gone = new Promise<string>((resolve) => big.socket.once("disconnect", (reason) => resolve(reason)));
    big.socket.emit(EV.signal, { sessionId, to: world.mediator.id, channel: "joint", data: { sdp: "x".repeat(2_000_000) } }, () => {});
    expect(await gone).toBe("transport close");
    expect(room.mediator.received.some((r) => r.event === EV.signal && JSON.stringify(r.args).length > MAX_SIGNAL_BYTES)).toBe(false);
    const a = ok(await room.mediator.call<{ message: RoomMessage }>(EV.chat, chat(world, sessionId, "joint", "继续")));
    await waitUntil(() => room.respondent.messages.has(a.message.id), "the room still delivers");
  });
});

describe("a flood", () => {
  let world: CaseWorld;
  let sessionId = "";
  let room: Awaited<ReturnType<typeof openRoom>>;

  beforeAll(async () => {
    world = await mediatingCase();
    sessionId = await newSession(world);
    room = await openRoom(url, world, sessionId);
  });

  it("of 100 chat events is cut off with EV.notice and ack errors; other sockets keep working", async () => {
    const flooder = await connectOk(url, tokenFor(world.applicant), "applicant-flood");
    ok(await flooder.call(EV.join, { caseId: world.caseId, sessionId })); // 1 of the 40 points
    const before = storedMessages(world.caseId, sessionId).length;
    const acks = await Promise.all(Array.from({ length: 100 }, (_, i) => flooder.call(EV.chat, chat(world, sessionId, "joint", `刷屏 ${i}`))));
    const accepted = acks.filter((a) => a.ok).length;
    const refused = acks.filter((a) => !a.ok);
    expect(accepted).toBe(39);
    expect(refused.length).toBe(61);
    expect(new Set(refused.map((a) => (a.ok ? "" : a.error)))).toEqual(new Set(["操作过于频繁，请稍后再试"]));
    await waitUntil(() => flooder.received.filter((r) => r.event === EV.notice).length === 61, "notices");
    expect(flooder.received.find((r) => r.event === EV.notice)!.args[0]).toEqual({ level: "warn", text: "您的操作过于频繁，请稍后再试" });
    expect(storedMessages(world.caseId, sessionId).length).toBe(before + 39);

    // Everyone else, the flooder's own other tab included, is unaffected.
    for (const c of [room.mediator, room.respondent, room.applicant]) {
      const a = ok(await c.call<{ message: RoomMessage }>(EV.chat, chat(world, sessionId, "joint", `${c.name} 正常发言`)));
      await waitUntil(() => [room.mediator, room.applicant, room.respondent].every((x) => x.messages.has(a.message.id)), `${c.name}'s message delivered`);
    }
    expect(flooder.socket.connected).toBe(true);
  });

  it("of signaling is cut off at its own, higher limit", async () => {
    const flooder = await connectOk(url, tokenFor(world.respondent), "respondent-signal-flood");
    ok(await flooder.call(EV.join, { caseId: world.caseId, sessionId }));
    const acks = await Promise.all(
      Array.from({ length: 450 }, (_, i) => flooder.call(EV.signal, { sessionId, to: world.mediator.id, channel: "joint", data: { candidate: `c${i}` } })),
    );
    expect(acks.filter((a) => a.ok).length).toBe(400);
    expect(acks.filter((a) => !a.ok).every((a) => !a.ok && a.error === "操作过于频繁，请稍后再试")).toBe(true);
    // Chat on the same socket has its own budget and still works.
    ok(await flooder.call(EV.chat, chat(world, sessionId, "joint", "信令之后还能说话")));
  });
});
