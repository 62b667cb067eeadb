// Helpers for the mediation-room tests (room-*.test.ts): a case in mediation with a scheduled
// session, built through the real services on the seeded demo world; the real server, in this
// process or as a child process; socket clients that keep every event they receive, so that a
// test can check afterwards that nothing reached a socket that must not see it.
import { spawn, type ChildProcess } from "node:child_process";
import type { AddressInfo } from "node:net";
import net from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { and, asc, eq } from "drizzle-orm";
import type { ServerBuild } from "@remix-run/node";
import { io as ioClient, type ManagerOptions, type Socket, type SocketOptions } from "socket.io-client";
import { EV, type Ack, type Channel, type RoomMessage, type RoomState } from "~/lib/room-protocol";
import { getDb } from "../../db/client";
import { messages } from "../../db/schema";
import { startSession } from "../../server/auth/accounts";
import type { SessionUser } from "../../server/auth/session";
import { createAppServer, type AppServer } from "../../server/app";
import { getEnv } from "../../server/env";
import { scheduleSession } from "../../server/mediation/sessions";
import { consent, verifyInvitation } from "../../server/triage/consent";
import { acceptCase } from "../../server/triage/decisions";
import { citizenInput, fileCase, invitationSms, newRespondent, PHONE, userByPhone } from "./triage-helpers";

export const META = { ip: "127.0.0.1", userAgent: "vitest" };
const RESPONDENT_PASSWORD = "Huijie2026";

export type CaseWorld = { caseId: string; mediator: SessionUser; applicant: SessionUser; respondent: SessionUser };

/**
 * 李明 files a neighbour case in 翠湖 (→ 李桂芬), she accepts, the respondent verifies with the SMS
 * code and consents: the case is "mediating".
 */
export async function mediatingCase(): Promise<CaseWorld> {
  const applicant = userByPhone(PHONE.liMing);
  const mediator = userByPhone(PHONE.cuihu);
  const r = newRespondent();
  const { caseId } = await fileCase(applicant, citizenInput({}, r));
  await acceptCase(mediator, caseId, { conflict: "none" });
  const { token, code } = invitationSms(r.phone);
  await verifyInvitation(token, { code, name: r.name, idNumber: r.idNumber, password: RESPONDENT_PASSWORD }, META);
  const respondent = userByPhone(r.phone);
  await consent(respondent, caseId);
  return { caseId, mediator, applicant, respondent };
}

export async function newSession(world: CaseWorld): Promise<string> {
  return scheduleSession(world.mediator, world.caseId, { scheduledAt: new Date(Date.now() + 60_000), durationMin: 60, mode: "joint" });
}

/** A fresh login session for `user`: its token authenticates a socket (auth: { token }). */
export function tokenFor(user: SessionUser): string {
  return startSession(user.id, user.role, META).token;
}

// ---- servers

/** The real server (Express + Remix build + socket.io) in this process, on a random port. */
export async function startAppServer(): Promise<{ url: string; app: AppServer }> {
  const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
  const app = createAppServer(getEnv(), build);
  await new Promise<void>((resolve) => app.server.listen(0, "127.0.0.1", resolve));
  const { port } = app.server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, app };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export type ChildServer = { url: string; proc: ChildProcess; output: () => string; exited: Promise<number | null>; stop: (signal: NodeJS.Signals) => Promise<number | null> };

/** `node --import tsx server/index.ts` on `port` and the test's database file, ready when /healthz answers. */
export async function startChildServer(port: number, databasePath: string): Promise<ChildServer> {
  const url = `http://127.0.0.1:${port}`;
  const proc = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATABASE_PATH: databasePath, LOG_REQUESTS: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const keep = (b: Buffer) => {
    out = (out + b.toString()).slice(-20_000);
  };
  proc.stdout!.on("data", keep);
  proc.stderr!.on("data", keep);
  const exited = new Promise<number | null>((resolve) => proc.once("exit", (code) => resolve(code)));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`server exited with ${proc.exitCode} before it was ready:\n${out}`);
    if (Date.now() > deadline) {
      proc.kill("SIGKILL");
      throw new Error(`server not ready after 30 s:\n${out}`);
    }
    try {
      const res = await fetch(`${url}/healthz`);
      await res.arrayBuffer();
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    await sleep(50);
  }
  async function stop(signal: NodeJS.Signals) {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
    const timer = setTimeout(() => proc.kill("SIGKILL"), 15_000);
    const code = await exited;
    clearTimeout(timer);
    return code;
  }
  return { url, proc, output: () => out, exited, stop };
}

// ---- clients

export type Received = { event: string; args: unknown[] };

export type Client = {
  name: string;
  socket: Socket;
  /** Every event this socket received, in order (connect/disconnect excluded). */
  received: Received[];
  /** EV.message and EV.history results, deduplicated by id as a real client keeps them. */
  messages: Map<number, RoomMessage>;
  /** Emits with an ack and a timeout; a timeout rejects. */
  call: <T extends Record<string, unknown> = Record<string, unknown>>(event: string, payload?: unknown, timeoutMs?: number) => Promise<Ack<T>>;
  /** Every RoomMessage delivered live, duplicates included. */
  live: () => RoomMessage[];
  lastState: () => RoomState | undefined;
  close: () => void;
};

const open = new Set<Client>();

export function connect(url: string, token: string | null, name = "client", opts: Partial<ManagerOptions & SocketOptions> = {}): Client {
  const socket = ioClient(url, {
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
    timeout: 5000,
    auth: token ? { token } : {},
    ...opts,
  });
  const received: Received[] = [];
  const msgs = new Map<number, RoomMessage>();
  socket.onAny((event: string, ...args: unknown[]) => {
    received.push({ event, args });
    if (event === EV.message) {
      const m = args[0] as RoomMessage;
      msgs.set(m.id, m);
    }
  });
  const client: Client = {
    name,
    socket,
    received,
    messages: msgs,
    call: async <T extends Record<string, unknown>>(event: string, payload?: unknown, timeoutMs = 5000) => {
      const res = (await socket.timeout(timeoutMs).emitWithAck(event, payload)) as Ack<T>;
      if (res.ok && event === EV.history) for (const m of (res as unknown as { messages: RoomMessage[] }).messages) msgs.set(m.id, m);
      return res;
    },
    live: () => received.filter((r) => r.event === EV.message).map((r) => r.args[0] as RoomMessage),
    lastState: () => received.filter((r) => r.event === EV.state).at(-1)?.args[0] as RoomState | undefined,
    close: () => {
      socket.disconnect();
      open.delete(client);
    },
  };
  open.add(client);
  return client;
}

/** Connects and waits for the outcome: the error of a refused handshake, or none. */
export async function connected(client: Client): Promise<Error | undefined> {
  if (client.socket.connected) return undefined;
  return new Promise((resolve) => {
    client.socket.once("connect", () => resolve(undefined));
    client.socket.once("connect_error", (e) => resolve(e));
  });
}

export async function connectOk(url: string, token: string, name?: string, opts?: Partial<ManagerOptions & SocketOptions>): Promise<Client> {
  const c = connect(url, token, name, opts);
  const err = await connected(c);
  if (err) throw new Error(`${name} could not connect: ${err.message}`);
  return c;
}

export function closeAll() {
  for (const c of [...open]) c.close();
}

/** Asserts an ack is ok and returns it narrowed. */
export function ok<T extends Record<string, unknown>>(a: Ack<T>, what = "ack"): { ok: true } & T {
  if (!a.ok) throw new Error(`${what}: expected ok, got error "${a.error}"`);
  return a;
}

export async function waitUntil(cond: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

let clientSeq = 0;
/** A clientId as a browser would choose it (8–64 chars). */
export function clientId(prefix = "c"): string {
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${(clientSeq++).toString(36).padStart(4, "0")}`;
}

export function storedMessages(caseId: string, sessionId?: string) {
  const where = sessionId ? and(eq(messages.caseId, caseId), eq(messages.sessionId, sessionId)) : eq(messages.caseId, caseId);
  return getDb().select().from(messages).where(where).orderBy(asc(messages.id)).all();
}

/** Mediator opens the room, both parties join and are admitted; returns their clients. */
export async function openRoom(url: string, world: CaseWorld, sessionId: string, opts?: Partial<ManagerOptions & SocketOptions>) {
  const mediator = await connectOk(url, tokenFor(world.mediator), "mediator", opts);
  const applicant = await connectOk(url, tokenFor(world.applicant), "applicant", opts);
  const respondent = await connectOk(url, tokenFor(world.respondent), "respondent", opts);
  const join = { caseId: world.caseId, sessionId };
  ok(await mediator.call(EV.join, join), "mediator join");
  ok(await applicant.call(EV.join, join), "applicant join");
  ok(await respondent.call(EV.join, join), "respondent join");
  ok(await mediator.call(EV.admit, { sessionId, userId: world.applicant.id, identityChecked: true }), "admit applicant");
  ok(await mediator.call(EV.admit, { sessionId, userId: world.respondent.id, identityChecked: true }), "admit respondent");
  return { mediator, applicant, respondent };
}

/** mulberry32: a seeded PRNG, so that a failing random run can be replayed. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  const shuffle = <T>(xs: T[]): T[] => {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = int(i + 1);
      [xs[i], xs[j]] = [xs[j], xs[i]];
    }
    return xs;
  };
  return { next, int, pick, shuffle };
}

export const HAN = /\p{Script=Han}/u;

/**
 * A client that behaves like app/components/room/use-room.ts: it (re)joins after every connect,
 * catches up with EV.history from its cursor once admitted (on joining, or when a room state
 * says it was just admitted), keeps messages by id, and sends each message with one clientId
 * until it is acknowledged, across reconnects.
 */
export class RoomFollower {
  cursor = 0;
  synced = false;
  syncs = 0;
  joinAcks: Ack<{ state: RoomState }>[] = [];
  /** Messages first learned from EV.history rather than live; resends after a lost ack. */
  caughtUp = 0;
  resends = 0;
  private admitted = false;
  private liveMax = 0;
  private generation = 0;
  private catchingUp = -1;

  constructor(
    readonly client: Client,
    readonly caseId: string,
    readonly sessionId: string,
  ) {
    client.socket.on("connect", () => void this.join());
    client.socket.on("disconnect", () => {
      this.synced = false;
    });
    client.socket.on(EV.message, (m: RoomMessage) => {
      if (this.synced) this.cursor = Math.max(this.cursor, m.id);
      else this.liveMax = Math.max(this.liveMax, m.id);
    });
    client.socket.on(EV.state, (s: RoomState) => {
      if (s.sessionId !== sessionId) return;
      const was = this.admitted;
      this.admitted = s.you.admitted;
      if (was && !s.you.admitted) this.synced = false;
      if (!was && s.you.admitted && !this.synced) void this.catchUp(this.generation);
    });
    if (client.socket.connected) void this.join();
  }

  private async join() {
    const gen = ++this.generation;
    this.synced = false;
    this.liveMax = 0;
    try {
      const r = await this.client.call<{ state: RoomState }>(EV.join, { caseId: this.caseId, sessionId: this.sessionId });
      this.joinAcks.push(r);
      if (gen !== this.generation || !r.ok) return;
      this.admitted = r.state.you.admitted;
      if (this.admitted) await this.catchUp(gen);
    } catch {
      // An ack timed out (the connection went): the next connect joins again.
    }
  }

  private async catchUp(gen: number) {
    if (this.catchingUp === gen) return;
    this.catchingUp = gen;
    try {
      for (;;) {
        const h = await this.client.call<{ messages: RoomMessage[] }>(EV.history, { caseId: this.caseId, sessionId: this.sessionId, afterId: this.cursor });
        if (gen !== this.generation || !h.ok) return;
        this.caughtUp += h.messages.filter((m) => !this.client.live().some((l) => l.id === m.id)).length;
        this.cursor = h.messages.reduce((top, m) => Math.max(top, m.id), this.cursor);
        if (h.messages.length < 500) break;
      }
      this.cursor = Math.max(this.cursor, this.liveMax);
      this.synced = true;
      this.syncs++;
    } catch {
      // As above: the next connect catches up.
    } finally {
      this.catchingUp = -1;
    }
  }

  /** Sends until acknowledged; the same clientId every time, so a resend is stored once. */
  async send(channel: Channel, body: string, id = clientId("f")): Promise<RoomMessage> {
    for (let attempt = 0; attempt < 200; attempt++) {
      if (!this.client.socket.connected) {
        await sleep(20);
        continue;
      }
      let r: Ack<{ message: RoomMessage }>;
      try {
        r = await this.client.call<{ message: RoomMessage }>(EV.chat, { caseId: this.caseId, sessionId: this.sessionId, channel, body, clientId: id }, 1500);
      } catch {
        // Timed out, or the connection went with the ack outstanding: it may or may not be stored.
        this.resends++;
        continue;
      }
      if (!r.ok) throw new Error(`${this.client.name}: "${body}" refused: ${r.error}`);
      this.client.messages.set(r.message.id, r.message);
      return r.message;
    }
    throw new Error(`${this.client.name}: "${body}" never acknowledged`);
  }
}
