// The chat does not lose or double messages: stored before anyone sees them, stored once when
// resent, complete after a reconnect (with or without socket.io's connection-state recovery),
// and complete after the server is restarted mid-session (a real child process, SIGTERM and
// SIGKILL). Clients here behave like use-room.ts: re-join after every connect, catch up from
// their cursor with EV.history, keep messages by id.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EV, type RoomMessage } from "~/lib/room-protocol";
import { getDb } from "../../db/client";
import { messages, type Message } from "../../db/schema";
import { seed } from "../../db/seed";
import type { AppServer } from "../../server/app";
import { toRoomMessage } from "../../server/mediation/messages";
import {
  clientId,
  closeAll,
  connectOk,
  freePort,
  mediatingCase,
  newSession,
  ok,
  openRoom,
  RoomFollower,
  sleep,
  startAppServer,
  startChildServer,
  storedMessages,
  tokenFor,
  waitUntil,
  type CaseWorld,
  type ChildServer,
  type Client,
} from "./room-helpers";

let url = "";
let app: AppServer;
const children: ChildServer[] = [];

beforeAll(async () => {
  await seed();
  ({ url, app } = await startAppServer());
});

afterAll(async () => {
  closeAll();
  for (const c of children) if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill("SIGKILL");
  await app?.close();
});

const chat = (world: CaseWorld, sessionId: string, channel: string, body: string, id = clientId()) => ({ caseId: world.caseId, sessionId, channel, body, clientId: id });
const RECONNECTING = { reconnection: true, reconnectionDelay: 50, reconnectionDelayMax: 200 };
const ids = (xs: Iterable<{ id: number }>) => [...xs].map((m) => m.id).sort((a, b) => a - b);

describe("persistence before broadcast", () => {
  it("a message is in the database when it reaches a client, with the id the sender's ack carries", async () => {
    const world = await mediatingCase();
    const sessionId = await newSession(world);
    const room = await openRoom(url, world, sessionId);
    const atReceipt = new Map<string, Map<number, Message | undefined>>();
    for (const c of [room.mediator, room.applicant, room.respondent]) {
      const seen = new Map<number, Message | undefined>();
      atReceipt.set(c.name, seen);
      // Queried synchronously inside the handler, before anything else can run.
      c.socket.on(EV.message, (m: RoomMessage) => seen.set(m.id, getDb().select().from(messages).where(eq(messages.id, m.id)).get()));
    }
    const sent: RoomMessage[] = [];
    const senders = [room.mediator, room.applicant, room.respondent];
    for (let i = 0; i < 24; i++) {
      const from = senders[i % 3];
      const channel = from === room.mediator ? (["joint", "caucus:applicant", "caucus:respondent", "notes"] as const)[i % 4] : "joint";
      sent.push(ok(await from.call<{ message: RoomMessage }>(EV.chat, chat(world, sessionId, channel, `第${i}条 ${channel}`))).message);
    }
    await waitUntil(() => sent.every((m) => room.mediator.messages.has(m.id)), "delivery to the mediator");
    await waitUntil(() => sent.filter((m) => m.channel === "joint").every((m) => room.respondent.messages.has(m.id)), "delivery to the respondent");

    for (const m of sent) {
      const row = getDb().select().from(messages).where(eq(messages.id, m.id)).get()!;
      expect(toRoomMessage(row)).toEqual(m);
      for (const c of senders) {
        if (!c.messages.has(m.id)) continue;
        expect(atReceipt.get(c.name)!.get(m.id), `${c.name} got #${m.id} before it was stored`).toEqual(row);
        expect(c.messages.get(m.id)).toEqual(m);
      }
    }
  });
});

describe("a resend with the same clientId", () => {
  let world: CaseWorld;
  let sessionId = "";
  let room: Awaited<ReturnType<typeof openRoom>>;

  beforeAll(async () => {
    world = await mediatingCase();
    sessionId = await newSession(world);
    room = await openRoom(url, world, sessionId);
  });

  it("is stored once and broadcast once, whether sent twice at once, again later, or from another tab", async () => {
    const { mediator, applicant, respondent } = room;
    const id = clientId("dup");
    const payload = chat(world, sessionId, "joint", "只应出现一次", id);
    const before = storedMessages(world.caseId, sessionId).length;
    const [a, b] = await Promise.all([applicant.call<{ message: RoomMessage }>(EV.chat, payload), applicant.call<{ message: RoomMessage }>(EV.chat, payload)]);
    const c = await applicant.call<{ message: RoomMessage }>(EV.chat, payload);
    const otherTab = await connectOk(url, tokenFor(world.applicant), "applicant-2");
    ok(await otherTab.call(EV.join, { caseId: world.caseId, sessionId }));
    const d = await otherTab.call<{ message: RoomMessage }>(EV.chat, payload);
    const first = ok(a).message;
    for (const x of [b, c, d]) expect(ok(x).message).toEqual(first);

    ok(await mediator.call(EV.chat, chat(world, sessionId, "joint", "之后的一条")));
    await waitUntil(() => respondent.live().some((m) => m.body === "之后的一条") && applicant.live().some((m) => m.body === "之后的一条"), "the next message");
    await sleep(50);
    expect(storedMessages(world.caseId, sessionId).length).toBe(before + 2);
    expect(getDb().select().from(messages).where(eq(messages.clientId, id)).all().map((m) => m.id)).toEqual([first.id]);
    for (const x of [mediator, applicant, respondent, otherTab]) expect(x.live().filter((m) => m.clientId === id).length, x.name).toBe(x === otherTab ? 0 : 1);
  });

  it("with a different body is refused; another sender may use the same clientId", async () => {
    const id = clientId("same");
    ok(await room.applicant.call(EV.chat, chat(world, sessionId, "joint", "原文", id)));
    expect(await room.applicant.call(EV.chat, chat(world, sessionId, "joint", "改过的内容", id))).toEqual({ ok: false, error: "消息编号重复" });
    const other = ok(await room.respondent.call<{ message: RoomMessage }>(EV.chat, chat(world, sessionId, "joint", "另一个人", id)));
    expect(getDb().select().from(messages).where(eq(messages.clientId, id)).all().map((m) => [m.senderId, m.body])).toEqual([
      [world.applicant.id, "原文"],
      [world.respondent.id, "另一个人"],
    ]);
    expect(other.message.senderId).toBe(world.respondent.id);
  });
});

describe("reconnecting", () => {
  let world: CaseWorld;
  let sessionId = "";

  beforeAll(async () => {
    world = await mediatingCase();
  });

  /** A new session of the case, everyone in it and caught up. */
  async function followers() {
    sessionId = await newSession(world);
    const room = await openRoom(url, world, sessionId, RECONNECTING);
    const f = {
      mediator: new RoomFollower(room.mediator, world.caseId, sessionId),
      applicant: new RoomFollower(room.applicant, world.caseId, sessionId),
      respondent: new RoomFollower(room.respondent, world.caseId, sessionId),
    };
    await waitUntil(() => Object.values(f).every((x) => x.synced), "first sync");
    return f;
  }

  /** What may be read on these channels of the current session, from the database. */
  const visible = (channels: string[]) => storedMessages(world.caseId, sessionId).filter((m) => channels.includes(m.channel));

  it("with connection-state recovery: the missed messages are replayed, and the client ends with the full sequence once", async () => {
    const f = await followers();
    const r = f.respondent;
    await f.mediator.send("joint", "断线前 1");
    await waitUntil(() => r.client.live().some((m) => m.body === "断线前 1"), "a first message (gives the client an offset)");
    const cursorBefore = r.cursor;
    const syncsBefore = r.syncs;

    r.client.socket.io.engine.close(); // the network drops
    await waitUntil(() => !r.client.socket.connected, "disconnect");
    const whileAway: RoomMessage[] = [];
    // Sent while the client is away; its own reconnect races these, as in life.
    for (let i = 0; i < 6; i++) whileAway.push(await f.mediator.send(i % 2 ? "joint" : "caucus:respondent", `离线期间 ${i}`));
    for (let i = 0; i < 4; i++) whileAway.push(await f.applicant.send("joint", `申请人离线期间 ${i}`));
    await waitUntil(() => r.client.socket.connected && r.synced && r.syncs > syncsBefore, "reconnect and catch-up");
    expect(r.client.socket.recovered).toBe(true);
    for (let i = 0; i < 3; i++) await f.applicant.send("joint", `回来之后 ${i}`);

    const want = visible(["joint", "caucus:respondent"]);
    await waitUntil(() => r.client.messages.size === want.length, "full sequence");
    expect(ids(r.client.messages.values())).toEqual(ids(want));
    expect(r.cursor).toBe(want.at(-1)!.id);
    expect(cursorBefore).toBeLessThan(whileAway[0].id);
    // Replayed packets are not delivered twice.
    const live = r.client.live().map((m) => m.id);
    expect(new Set(live).size).toBe(live.length);
  });

  it("without recovery (a new connection): re-join and EV.history from the last id seen close the gap", async () => {
    const f = await followers();
    const a = f.applicant;
    await f.respondent.send("joint", "新连接之前");
    await waitUntil(() => a.client.live().some((m) => m.body === "新连接之前"), "a first message");
    const lastSeen = a.cursor;
    const syncsBefore = a.syncs;

    a.client.socket.disconnect(); // closing the tab: no recovery
    for (let i = 0; i < 5; i++) await f.mediator.send(i % 2 ? "caucus:applicant" : "joint", `重连期间 ${i}`);
    for (let i = 0; i < 5; i++) await f.respondent.send("joint", `被申请人重连期间 ${i}`);
    a.client.socket.connect();
    await waitUntil(() => a.synced && a.syncs > syncsBefore, "re-join and catch-up");
    expect(a.client.socket.recovered).toBe(false);
    expect(a.joinAcks.at(-1)).toMatchObject({ ok: true, state: { you: { admitted: true } } });

    const want = visible(["joint", "caucus:applicant"]);
    await waitUntil(() => a.client.messages.size === want.length, "full sequence");
    expect(ids(a.client.messages.values())).toEqual(ids(want));
    expect(ids(a.client.messages.values()).filter((id) => id > lastSeen).length).toBeGreaterThanOrEqual(10);
  });
});

describe("a server restart mid-session (child process)", () => {
  async function restartScenario(signal: NodeJS.Signals) {
    const dbPath = process.env.DATABASE_PATH!;
    const world = await mediatingCase();
    const sessionId = await newSession(world);
    const port = await freePort();
    let server = await startChildServer(port, dbPath);
    children.push(server);
    const childUrl = `http://127.0.0.1:${port}`;

    const clients: Record<"mediator" | "applicant" | "respondent", Client> = {
      mediator: await connectOk(childUrl, tokenFor(world.mediator), "mediator", RECONNECTING),
      applicant: await connectOk(childUrl, tokenFor(world.applicant), "applicant", RECONNECTING),
      respondent: await connectOk(childUrl, tokenFor(world.respondent), "respondent", RECONNECTING),
    };
    const f = {
      mediator: new RoomFollower(clients.mediator, world.caseId, sessionId),
      applicant: new RoomFollower(clients.applicant, world.caseId, sessionId),
      respondent: new RoomFollower(clients.respondent, world.caseId, sessionId),
    };
    await waitUntil(() => f.applicant.joinAcks.length > 0 && f.respondent.joinAcks.length > 0 && f.mediator.synced, "joins");
    for (const side of ["applicant", "respondent"] as const)
      ok(await clients.mediator.call(EV.admit, { sessionId, userId: world[side].id, identityChecked: true }), `admit ${side}`);
    await waitUntil(() => Object.values(f).every((x) => x.synced), "first sync");

    // Everyone types steadily; the server goes down in the middle and comes back on the same port.
    const PER_CLIENT = 20;
    const acked: RoomMessage[] = [];
    const loops = (Object.keys(f) as (keyof typeof f)[]).map(async (side) => {
      for (let i = 0; i < PER_CLIENT; i++) {
        acked.push(await f[side].send("joint", `${side} ${i}`));
        await sleep(60);
      }
    });
    await waitUntil(() => acked.length >= 12, "some traffic before the restart", 10_000);
    const lastSeenAtKill = Object.fromEntries(Object.entries(f).map(([k, x]) => [k, x.cursor]));
    const syncsAtKill = Object.fromEntries(Object.entries(f).map(([k, x]) => [k, x.syncs]));
    // A burst in flight as the server goes: stored or not, each must end up stored exactly once.
    const BURST = 3;
    const bursts = Object.entries(f).flatMap(([side, x]) => Array.from({ length: BURST }, (_, j) => x.send("joint", `burst-${side}-${j}`).then((m) => acked.push(m))));
    const exitCode = await server.stop(signal);
    server = await startChildServer(port, dbPath);
    children.push(server);
    await Promise.all([...loops, ...bursts]);

    const stored = storedMessages(world.caseId, sessionId);
    await waitUntil(() => Object.values(f).every((x) => x.synced && x.client.messages.size === stored.length), "every client caught up", 15_000);

    // Every acknowledged message survived, exactly once, and nothing else was stored.
    expect(acked.length).toBe(3 * (PER_CLIENT + BURST));
    expect(ids(stored)).toEqual(ids(acked));
    expect(new Set(stored.map((m) => `${m.senderId}:${m.clientId}`)).size).toBe(stored.length);
    for (const m of acked) expect(toRoomMessage(stored.find((s) => s.id === m.id)!)).toEqual(m);
    // Each sender's messages are stored in the order they were typed.
    for (const side of Object.keys(f)) {
      const mine = stored.filter((m) => m.body.startsWith(`${side} `)).map((m) => Number(m.body.split(" ")[1]));
      expect(mine).toEqual(Array.from({ length: PER_CLIENT }, (_, i) => i));
    }
    // Each client holds the whole sequence, and got everything after the last id it had seen.
    for (const [side, x] of Object.entries(f)) {
      expect(ids(x.client.messages.values()), side).toEqual(ids(stored));
      expect(x.syncs, `${side} re-joined and caught up`).toBeGreaterThan(syncsAtKill[side]);
      expect(x.client.socket.recovered, `${side} cannot recover a dead server's session`).toBe(false);
      expect(stored.filter((m) => m.id > lastSeenAtKill[side]).every((m) => x.client.messages.has(m.id))).toBe(true);
    }
    // A fresh client after the restart reads the same history.
    const late = await connectOk(childUrl, tokenFor(world.respondent), "late");
    ok(await late.call(EV.join, { caseId: world.caseId, sessionId }));
    const h = ok(await late.call<{ messages: RoomMessage[] }>(EV.history, { caseId: world.caseId, sessionId, afterId: 0 }));
    expect(ids(h.messages)).toEqual(ids(stored));

    for (const c of [...Object.values(clients), late]) c.close();
    await server.stop("SIGTERM");
    return { exitCode, output: server.output() };
  }

  it("SIGTERM: every acknowledged message is in history after the restart; clients re-join and catch up", { timeout: 90_000 }, async () => {
    const { exitCode } = await restartScenario("SIGTERM");
    expect(exitCode, "a graceful shutdown exits 0").toBe(0);
  });

  it("SIGKILL: the same holds when the process dies without warning", { timeout: 90_000 }, async () => {
    const { exitCode } = await restartScenario("SIGKILL");
    expect(exitCode).toBeNull();
  });
});
