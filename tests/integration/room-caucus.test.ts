// Caucus isolation (背对背), randomised: the mediator and both parties, two sockets each, send
// joint, caucus, notes and thread messages, signals on each channel, caucus switches and record
// saves in a seeded random order, some of it concurrent, and some of it forbidden. Every event
// each socket received is then checked: a party never sees the other side's caucus or the
// mediator's notes, in a message, a signal or a room state. ROOM_SEED=<n> replays one run.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHANNELS, EV, type Channel, type RoomMessage, type RoomState } from "~/lib/room-protocol";
import { seed } from "../../db/seed";
import type { AppServer } from "../../server/app";
import { channelsFor, history, type Side } from "../../server/mediation/messages";
import {
  clientId,
  closeAll,
  connectOk,
  mediatingCase,
  newSession,
  ok,
  rng,
  sleep,
  startAppServer,
  storedMessages,
  tokenFor,
  waitUntil,
  type CaseWorld,
  type Client,
} from "./room-helpers";

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

const SEEDS = process.env.ROOM_SEED ? [Number(process.env.ROOM_SEED)] : [20260101, 7, 424242];
const SIDES: Side[] = ["mediator", "applicant", "respondent"];
type SignalChannel = "joint" | "caucus:applicant" | "caucus:respondent";
const SIGNAL_CHANNELS: SignalChannel[] = ["joint", "caucus:applicant", "caucus:respondent"];

// A marker per channel, in every body and every signal's data: a party's inbox must never hold
// the other side's marker (nor the notes'), wherever it might hide in an event.
const MARK: Record<Channel, string> = { joint: "PUB", thread: "THR", "caucus:applicant": "SECRET-A", "caucus:respondent": "SECRET-R", notes: "SECRET-N" };
const FORBIDDEN: Record<Side, string[]> = {
  mediator: [],
  applicant: ["SECRET-R", "SECRET-N", "SECRET-REC", '"caucus:respondent"'],
  respondent: ["SECRET-A", "SECRET-N", "SECRET-REC", '"caucus:applicant"'],
};

const mayUse = (side: Side, channel: Channel) => channelsFor(side).includes(channel);
// Media follows the room's shape: joint without a caucus, only the current caucus during one.
const maySignal = (from: Side, to: Side, channel: SignalChannel, caucus: "applicant" | "respondent" | null) =>
  channel === (caucus ? `caucus:${caucus}` : "joint") &&
  (channel === "joint" || from === "mediator" || channel === `caucus:${from}`) &&
  (channel === "joint" || to === "mediator" || channel === `caucus:${to}`);

type Action =
  | { kind: "chat"; from: Client; side: Side; channel: Channel; body: string }
  | { kind: "signal"; from: Client; side: Side; to: Side; channel: SignalChannel; data: Record<string, unknown> }
  | { kind: "caucus"; to: "applicant" | "respondent" | null }
  | { kind: "record"; text: string };

describe.each(SEEDS)("caucus isolation, seed %i", (seedValue) => {
  let world: CaseWorld;
  let sessionId = "";
  const sockets: Record<Side, Client[]> = { mediator: [], applicant: [], respondent: [] };
  const userOf = (side: Side) => world[side];
  const all = () => SIDES.flatMap((s) => sockets[s]);

  beforeAll(async () => {
    world = await mediatingCase();
    sessionId = await newSession(world);
    for (const side of SIDES)
      for (const tab of [1, 2]) {
        const c = await connectOk(url, tokenFor(userOf(side)), `${side}-${tab}`);
        ok(await c.call(EV.join, { caseId: world.caseId, sessionId }), `${c.name} join`);
        sockets[side].push(c);
      }
    for (const side of ["applicant", "respondent"] as const)
      ok(await sockets.mediator[0].call(EV.admit, { sessionId, userId: userOf(side).id, identityChecked: true }), `admit ${side}`);
  });

  it("a party never receives the other side's caucus or the notes; everyone gets all they may see", async () => {
    const r = rng(seedValue);
    // The chat/room limiter allows 40 events per socket per 10 s; stay under it.
    const budget = new Map<Client, number>(all().map((c) => [c, c === sockets.mediator[0] ? 34 : 36]));
    const spend = (c: Client): Client | null => {
      const left = budget.get(c)!;
      if (left <= 0) return null;
      budget.set(c, left - 1);
      return c;
    };

    const actions: Action[] = [];
    let k = 0;
    while (actions.length < 170) {
      const roll = r.next();
      const side = r.pick(SIDES);
      if (roll < 0.55) {
        const from = spend(r.pick(sockets[side]));
        if (!from) continue;
        // Mostly channels the side may use; now and then one it may not.
        const channel = r.next() < 0.85 ? r.pick(channelsFor(side)) : r.pick(CHANNELS);
        actions.push({ kind: "chat", from, side, channel, body: `${MARK[channel]}-${seedValue}-${k++} 第${k}条` });
      } else if (roll < 0.9) {
        const to = r.pick(SIDES.filter((s) => s !== side));
        const channel = r.pick(SIGNAL_CHANNELS);
        actions.push({ kind: "signal", from: r.pick(sockets[side]), side, to, channel, data: { type: r.pick(["offer", "answer", "candidate"]), sdp: `${MARK[channel]}-${seedValue}-${k++}` } });
      } else if (roll < 0.96) {
        if (!spend(sockets.mediator[0])) continue;
        actions.push({ kind: "caucus", to: r.pick(["applicant", "respondent", null] as const) });
      } else {
        if (!spend(sockets.mediator[1])) continue;
        actions.push({ kind: "record", text: `SECRET-REC-${seedValue}-${k++} 笔录草稿` });
      }
    }

    const accepted: RoomMessage[] = [];
    const signalsTo: Record<Side, { channel: string; data: unknown }[]> = { mediator: [], applicant: [], respondent: [] };
    const wrongAcks: string[] = [];
    const refused = { chat: 0, signal: 0 };
    let recordVersion = 0;
    let caucusNow: "applicant" | "respondent" | null = null;

    async function run(a: Action) {
      if (a.kind === "chat") {
        const thread = a.channel === "thread";
        const ack = await a.from.call<{ message: RoomMessage }>(EV.chat, { caseId: world.caseId, sessionId: thread ? null : sessionId, channel: a.channel, body: a.body, clientId: clientId() });
        if (ack.ok !== mayUse(a.side, a.channel)) wrongAcks.push(`${a.from.name} chat ${a.channel}: ${JSON.stringify(ack)}`);
        if (ack.ok) accepted.push(ack.message);
        else refused.chat++;
      } else if (a.kind === "signal") {
        const ack = await a.from.call(EV.signal, { sessionId, to: userOf(a.to).id, channel: a.channel, data: a.data });
        if (ack.ok !== maySignal(a.side, a.to, a.channel, caucusNow)) wrongAcks.push(`${a.from.name} signal ${a.channel} → ${a.to}: ${JSON.stringify(ack)}`);
        if (ack.ok) signalsTo[a.to].push({ channel: a.channel, data: a.data });
        else refused.signal++;
      } else if (a.kind === "caucus") {
        ok(await sockets.mediator[0].call(EV.caucus, { sessionId, side: a.to }), "caucus");
        caucusNow = a.to;
      } else {
        const ack = ok(await sockets.mediator[1].call<{ version: number }>(EV.record, { sessionId, text: a.text, baseVersion: recordVersion }), "record");
        recordVersion = ack.version;
      }
    }

    // Batches of 1–8 actions in flight at once. Record saves (they carry a base version) and
    // caucus switches (signals depend on them) go alone.
    const alone = (a: Action) => a.kind === "record" || a.kind === "caucus";
    for (let i = 0; i < actions.length; ) {
      if (alone(actions[i])) {
        await run(actions[i++]);
        continue;
      }
      const n = 1 + r.int(8);
      const batch: Action[] = [];
      while (batch.length < n && i < actions.length && !alone(actions[i])) batch.push(actions[i++]);
      await Promise.all(batch.map(run));
    }
    expect(wrongAcks).toEqual([]);
    // The run tried forbidden things, and used the caucus channels for signaling too.
    expect(refused.chat).toBeGreaterThan(0);
    expect(refused.signal).toBeGreaterThan(0);
    expect(signalsTo.applicant.some((x) => x.channel === "caucus:applicant") && signalsTo.respondent.some((x) => x.channel === "caucus:respondent")).toBe(true);

    // What each side should hold: every accepted message on a channel it may read.
    const expectedFor = (side: Side) => accepted.filter((m) => channelsFor(side).includes(m.channel)).map((m) => m.id).sort((a, b) => a - b);
    await waitUntil(() => all().every((c) => c.messages.size === expectedFor(c.name.split("-")[0] as Side).length), "every delivery", 10_000);
    await waitUntil(() => SIDES.every((s) => sockets[s].every((c) => c.received.filter((e) => e.event === EV.signal).length === signalsTo[s].length)), "every signal");
    await sleep(150); // anything that should not arrive has had its chance

    for (const side of SIDES) {
      const allowed = channelsFor(side);
      for (const c of sockets[side]) {
        // Exactly what this side may see, each once.
        expect([...c.messages.keys()].sort((a, b) => a - b), `${c.name} messages`).toEqual(expectedFor(side));
        expect(c.live().length, `${c.name} duplicates`).toBe(c.messages.size);
        for (const m of c.live()) expect(allowed, `${c.name} got ${m.channel}`).toContain(m.channel);
        for (const e of c.received.filter((x) => x.event === EV.signal)) {
          const p = e.args[0] as { channel: Channel };
          expect(allowed, `${c.name} got a signal on ${p.channel}`).toContain(p.channel);
        }
        // Signals to different peers race each other: compare as multisets.
        const got = c.received.filter((x) => x.event === EV.signal).map((x) => JSON.stringify((x.args[0] as { data: unknown }).data));
        expect(got.sort(), `${c.name} signals`).toEqual(signalsTo[side].map((s) => JSON.stringify(s.data)).sort());
        for (const e of c.received.filter((x) => x.event === EV.state)) {
          const s = e.args[0] as RoomState;
          expect(s.you).toMatchObject({ userId: userOf(side).id, side });
          if (side !== "mediator") expect(s.record.text).toBe("");
        }
        // And nothing anywhere in any event carries the other side's markers.
        const everything = JSON.stringify(c.received);
        for (const mark of FORBIDDEN[side]) expect(everything.includes(mark), `${c.name} received ${mark}`).toBe(false);
      }
    }
    // The isolation was really exercised: the mediator saw every kind of traffic.
    const seen = new Set([...sockets.mediator[0].messages.values()].map((m) => m.channel));
    expect(seen).toEqual(new Set(CHANNELS));
  });

  it("history() answers each side with its own channels only, and the database holds every message", async () => {
    const stored = storedMessages(world.caseId);
    const mediatorView = sockets.mediator[0].messages;
    expect(stored.map((m) => m.id)).toEqual([...mediatorView.keys()].sort((a, b) => a - b));
    for (const m of stored) expect(mediatorView.get(m.id)).toMatchObject({ body: m.body, channel: m.channel, senderId: m.senderId });

    for (const side of SIDES) {
      const user = userOf(side);
      const allowed = channelsFor(side);
      const want = (session: string | null) => stored.filter((m) => m.sessionId === session && allowed.includes(m.channel as Channel)).map((m) => m.id);
      // The service, as a loader would call it…
      expect(history(user, world.caseId, sessionId, 0).map((m) => m.id), `${side} session history`).toEqual(want(sessionId));
      expect(history(user, world.caseId, null, 0).map((m) => m.id), `${side} thread history`).toEqual(want(null));
      // …and over the socket, from any point on.
      const c = sockets[side][1];
      const mid = want(sessionId)[Math.floor(want(sessionId).length / 2)];
      const h = ok(await c.call<{ messages: RoomMessage[] }>(EV.history, { caseId: world.caseId, sessionId, afterId: mid }));
      expect(h.messages.map((m) => m.id)).toEqual(want(sessionId).filter((id) => id > mid));
      for (const m of h.messages) expect(allowed).toContain(m.channel);
    }
  });
});
