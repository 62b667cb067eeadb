// Realtime benchmark of the mediation room:
//   node --import tsx tests/bench/realtime.ts
// 500 rooms × 4 sockets (mediator, applicant, applicant's lawyer, respondent) on loopback, every
// socket sending joint chat at a steady rate for 10 s through the real server (a child process
// on a fresh database: auth, validation, storage before broadcast). Reports messages/s, fan-out
// latency p50/p99 measured at the receivers (the send time travels in the body) and lost
// messages, beside a bare `ws` fan-out server (realtime-ws-server.ts) loaded the same way in the
// same run. Targets: no message lost, p99 within 2× of bare ws. Exits 1 if one fails.
// Knobs (environment): RT_ROOMS (500), RT_SECONDS (10), RT_RATE (messages/s per socket, 1),
// RT_CPU_PROF=<dir>: the app server writes a V8 CPU profile there (open it in Chrome DevTools).
// The room's limiter allows 40 chat events per socket per 10 s, so RT_RATE × 10 s stays < 39.
// Bounded: a watchdog ends everything after 170 s; the servers are killed on any exit.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { io as ioClient } from "socket.io-client";
import WebSocket from "ws";
import { EV, type Ack, type RoomMessage } from "../../app/lib/room-protocol";
import { startChild, type Child } from "./children";
import { fillRooms, type Seat } from "./realtime-fill";

const ROOMS = Number(process.env.RT_ROOMS ?? 500);
const SECONDS = Number(process.env.RT_SECONDS ?? 10);
const RATE = Number(process.env.RT_RATE ?? 1);
const PER_ROOM = 4;
// After the last send, wait while deliveries still arrive (a saturated server drains its backlog),
// up to DRAIN_MAX_MS; a message not delivered once nothing has moved for DRAIN_IDLE_MS is lost.
const DRAIN_MAX_MS = 45_000;
const DRAIN_IDLE_MS = 5_000;
const CONNECT_BATCH = 100;
const IDLE_MS = 3_000;
const WATCHDOG_MS = 170_000;
const CPU_PROF = process.env.RT_CPU_PROF ? path.resolve(process.env.RT_CPU_PROF) : null;

const log = (s = "") => console.log(s);
let current: Child | null = null;
const watchdog = setTimeout(() => {
  console.error(`watchdog: still running after ${WATCHDOG_MS / 1000} s, giving up`);
  current?.proc.kill("SIGKILL");
  process.exit(2);
}, WATCHDOG_MS);

// ---- measurement, shared by both transports

class Metrics {
  sent = 0;
  acked = 0;
  refused = new Map<string, number>();
  latencies: number[] = [];
  /** message key → receivers that got it */
  got = new Map<string, number>();
  ackedKeys = new Set<string>();
  /** Connections that dropped during the run (a dropped socket loses what was in flight). */
  drops = new Map<string, number>();
  sendWindow = { from: 0, to: 0 };

  body(room: number, seat: number, seq: number): string {
    return `rt|${room}|${seat}|${seq}|${performance.now().toFixed(3)}`;
  }
  delivered(body: string) {
    const now = performance.now();
    const parts = body.split("|");
    if (parts[0] !== "rt") return;
    this.latencies.push(now - Number(parts[4]));
    const key = `${parts[1]}|${parts[2]}|${parts[3]}`;
    this.got.set(key, (this.got.get(key) ?? 0) + 1);
  }
  ack(key: string, error?: string) {
    if (error) this.refused.set(error, (this.refused.get(error) ?? 0) + 1);
    else {
      this.acked++;
      this.ackedKeys.add(key);
    }
  }
  /** Receivers still owed a message: each acknowledged message is due at all PER_ROOM sockets. */
  missing(): number {
    let n = 0;
    for (const k of this.ackedKeys) n += Math.max(0, PER_ROOM - (this.got.get(k) ?? 0));
    return n;
  }
  dropped(reason: string) {
    this.drops.set(reason, (this.drops.get(reason) ?? 0) + 1);
  }
  duplicates(): number {
    let n = 0;
    for (const c of this.got.values()) n += Math.max(0, c - PER_ROOM);
    return n;
  }
}

type Conn = { room: number; seat: number; send: (seq: number) => void; close: () => void };

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** CPU seconds (user + system) of a process so far, from /proc (Linux); null elsewhere. */
function cpuSeconds(pid: number | undefined): number | null {
  try {
    const f = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return null;
  }
}

async function inBatches<T, R>(items: T[], size: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(fn))));
  return out;
}

/** Every connection sends RATE messages/s for SECONDS, each at its own phase; then drains. */
async function drive(name: string, conns: Conn[], m: Metrics, serverPid: number | undefined) {
  const perConn = Math.round(RATE * SECONDS);
  const interval = 1000 / RATE;
  // What the server burns with every socket connected and nobody talking: the baseline.
  const idle0 = cpuSeconds(serverPid);
  await new Promise((r) => setTimeout(r, IDLE_MS));
  const cpu0 = cpuSeconds(serverPid);
  const idleCpu = idle0 !== null && cpu0 !== null ? (cpu0 - idle0) / (IDLE_MS / 1000) : null;
  m.sendWindow.from = performance.now();
  await Promise.all(
    conns.map(
      (c) =>
        new Promise<void>((resolve) => {
          let seq = 0;
          const tick = () => {
            c.send(seq++);
            if (seq >= perConn) resolve();
            else setTimeout(tick, interval);
          };
          setTimeout(tick, Math.random() * interval);
        }),
    ),
  );
  m.sendWindow.to = performance.now();
  const drainStart = Date.now();
  let lastCount = -1;
  let lastMove = Date.now();
  while (Date.now() - drainStart < DRAIN_MAX_MS && Date.now() - lastMove < DRAIN_IDLE_MS && (m.acked + sumOf(m.refused) < m.sent || m.missing() > 0)) {
    await new Promise((r) => setTimeout(r, 50));
    const count = m.latencies.length + m.acked;
    if (count !== lastCount) [lastCount, lastMove] = [count, Date.now()];
  }
  const drainSeconds = (Date.now() - drainStart) / 1000;
  const cpu1 = cpuSeconds(serverPid);
  const seconds = (m.sendWindow.to - m.sendWindow.from) / 1000;
  const arr = Array.from(Float64Array.from(m.latencies).sort());
  return {
    name,
    sockets: conns.length,
    sent: m.sent,
    acked: m.acked,
    refused: sumOf(m.refused),
    refusedWhy: [...m.refused.entries()].map(([k, v]) => `${v}× ${k}`).join("; "),
    unacked: m.sent - m.acked - sumOf(m.refused),
    lost: m.missing(),
    duplicates: m.duplicates(),
    drops: [...m.drops.entries()].map(([k, v]) => `${v}× ${k}`).join("; "),
    // Over the send window plus the time it took to drain: what the server actually sustained.
    msgsPerSec: m.acked / (seconds + drainSeconds),
    deliveriesPerSec: m.latencies.length / (seconds + drainSeconds),
    drainSeconds,
    p50: percentile(arr, 50),
    p90: percentile(arr, 90),
    p99: percentile(arr, 99),
    max: arr.at(-1) ?? NaN,
    serverCpu: cpu0 !== null && cpu1 !== null ? (cpu1 - cpu0) / (seconds + drainSeconds) : null,
    idleCpu,
  };
}
const sumOf = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

// ---- the mediation room over socket.io

async function runSocketIo(seats: Seat[], dbFile: string) {
  const prof = CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${CPU_PROF}`] : [];
  const child = await startChild("app", [...prof, "--import", "tsx", "server/index.ts"], { DATABASE_PATH: dbFile, LOG_REQUESTS: "0", NODE_ENV: "production" }, { readyPath: "/healthz" });
  current = child;
  const m = new Metrics();
  const t0 = performance.now();
  const conns = await inBatches(seats, CONNECT_BATCH, async (seat): Promise<Conn> => {
    const socket = ioClient(child.url, { transports: ["websocket"], reconnection: false, forceNew: true, timeout: 30_000, auth: { token: seat.token } });
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("connect_error", reject);
    });
    socket.on(EV.message, (msg: RoomMessage) => m.delivered(msg.body));
    socket.on("disconnect", (reason) => m.dropped(reason));
    const joined = (await socket.timeout(30_000).emitWithAck(EV.join, { caseId: seat.caseId, sessionId: seat.sessionId })) as Ack;
    if (!joined.ok) throw new Error(`join refused: ${joined.error}`);
    return {
      room: seat.room,
      seat: seat.seat,
      send: (seq) => {
        const key = `${seat.room}|${seat.seat}|${seq}`;
        m.sent++;
        const payload = { caseId: seat.caseId, sessionId: seat.sessionId, channel: "joint", body: m.body(seat.room, seat.seat, seq), clientId: `rt-${seat.room}-${seat.seat}-${seq}` };
        socket.emit(EV.chat, payload, (a: Ack) => m.ack(key, a.ok ? undefined : a.error));
      },
      close: () => socket.disconnect(),
    };
  });
  log(`  socket.io: ${conns.length} sockets connected and joined in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const result = await drive("socket.io room (app)", conns, m, child.proc.pid);
  m.drops.clear(); // closing them now is not a drop
  for (const c of conns) c.close();
  // Let the server work through the disconnects first, or the profile misses the 5 s SIGKILL grace.
  if (CPU_PROF) await new Promise((r) => setTimeout(r, 8000));
  await child.stop();
  current = null;
  return result;
}

// ---- the yardstick: bare ws

async function runWs(seats: Seat[]) {
  const child = await startChild("ws", ["--import", "tsx", "tests/bench/realtime-ws-server.ts"], {}, { readyPath: "/healthz" });
  current = child;
  const m = new Metrics();
  const t0 = performance.now();
  const wsUrl = child.url.replace("http://", "ws://");
  const conns = await inBatches(seats, CONNECT_BATCH, async (seat): Promise<Conn> => {
    const ws = new WebSocket(`${wsUrl}/?room=${seat.room}`);
    await new Promise<void>((resolve, reject) => {
      ws.once("open", () => resolve());
      ws.once("error", reject);
    });
    ws.on("close", (code) => m.dropped(`close ${code}`));
    ws.on("message", (raw) => {
      const f = JSON.parse(raw.toString()) as { t: "message"; body: string } | { t: "ack"; id: number };
      if (f.t === "message") m.delivered(f.body);
      else m.ack(`${seat.room}|${seat.seat}|${f.id}`);
    });
    return {
      room: seat.room,
      seat: seat.seat,
      send: (seq) => {
        m.sent++;
        ws.send(JSON.stringify({ id: seq, body: m.body(seat.room, seat.seat, seq) }));
      },
      close: () => ws.close(),
    };
  });
  log(`  ws: ${conns.length} sockets connected in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const result = await drive("bare ws fan-out", conns, m, child.proc.pid);
  m.drops.clear();
  for (const c of conns) c.close();
  await child.stop();
  current = null;
  return result;
}

// ---- main

function ensureBuild() {
  if (!fs.existsSync(path.resolve("build/index.js"))) throw new Error("build/index.js is missing: run npm run build first");
}

async function main() {
  ensureBuild();
  if (RATE * SECONDS > 38) log(`warning: ${RATE}/s for ${SECONDS} s exceeds the room limiter (40 events per 10 s per socket); refusals will be counted`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "yjf-rt-bench-"));
  const dbFile = path.join(dir, "bench.db");
  try {
    const cpus = os.cpus().length;
    log(`realtime bench: ${ROOMS} rooms × ${PER_ROOM} sockets, ${RATE} msg/s per socket for ${SECONDS} s (node ${process.version}, ${cpus} CPUs)`);
    const load = os.loadavg()[0];
    if (load > cpus / 2) log(`warning: load average ${load.toFixed(1)} on ${cpus} CPUs before the run; other work skews the figures`);
    const t0 = performance.now();
    const seats = await fillRooms(dbFile, ROOMS);
    log(`  fresh database with ${ROOMS} open sessions and ${seats.length} logins in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const sio = await runSocketIo(seats, dbFile);
    const ws = await runWs(seats);

    const pct = (x: number | null) => (x === null ? "—" : `${Math.round(x * 100)}%`);
    const fmt = (x: number | null, d = 1) => (x === null || Number.isNaN(x) ? "—" : x.toFixed(d));
    log("");
    log("| transport | sockets | sent | acked | refused | unacked | lost | dup | msgs/s | deliveries/s | drain s | p50 ms | p90 ms | p99 ms | max ms | server CPU | idle CPU |");
    log("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (const r of [sio, ws])
      log(
        `| ${r.name} | ${r.sockets} | ${r.sent} | ${r.acked} | ${r.refused} | ${r.unacked} | ${r.lost} | ${r.duplicates} | ${fmt(r.msgsPerSec, 0)} | ${fmt(r.deliveriesPerSec, 0)} | ${fmt(r.drainSeconds, 1)} | ${fmt(r.p50, 2)} | ${fmt(r.p90, 2)} | ${fmt(r.p99, 2)} | ${fmt(r.max, 1)} | ${pct(r.serverCpu)} | ${pct(r.idleCpu)} |`,
      );
    if (sio.refusedWhy) log(`refused by the app: ${sio.refusedWhy}`);
    for (const r of [sio, ws]) if (r.drops) log(`connections dropped during the run (${r.name}): ${r.drops}`);
    log(`load average after the run: ${os.loadavg().map((x) => x.toFixed(1)).join(" ")}`);
    const ratio = sio.p99 / ws.p99;
    const checks = [
      { what: "no message lost (app)", pass: sio.lost === 0 && sio.unacked === 0 && sio.refused === 0 && sio.duplicates === 0 && !sio.drops },
      { what: "no message lost (bare ws)", pass: ws.lost === 0 && ws.unacked === 0 && !ws.drops },
      { what: `p99 within 2× of bare ws (${fmt(sio.p99, 2)} ms vs ${fmt(ws.p99, 2)} ms = ${fmt(ratio, 2)}×)`, pass: ratio <= 2 },
    ];
    log("");
    for (const c of checks) log(`${c.pass ? "PASS" : "FAIL"}  ${c.what}`);
    process.exitCode = checks.every((c) => c.pass) ? 0 : 1;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    clearTimeout(watchdog);
  }
}

main().then(
  () => process.exit(),
  (e) => {
    console.error(e);
    current?.proc.kill("SIGKILL");
    process.exit(1);
  },
);
