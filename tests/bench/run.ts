// npm run bench: a million cases, then the case list pages at 50 connections beside a bare Express
// handler measured in the same run, and filings per second through the API (ADR 008). Prints a
// table and a PASS/FAIL line per target, writes tests/bench/results.json, exits 1 if one fails.
// Knobs (environment): BENCH_CASES (1000000), BENCH_SECONDS (10), BENCH_FILERS (16), and
// BENCH_EXTRA_SQL: statements run on the run's copy of the database first, to try an index
// before writing its migration.
import Database from "better-sqlite3";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startChild, type Child } from "./children";
import { API_FILERS, DATA_DIR, DEMO_PASSWORD, apiFilerPhone, ensureFilled, prepareRunDb } from "./fill";
import { fileCases, filingBody, hammer } from "./load";
import { profileRequest, type Profile } from "./profile";
import { report, type Row } from "./report";

const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const FILERS = Number(process.env.BENCH_FILERS ?? 16);
const EXTRA_SQL = process.env.BENCH_EXTRA_SQL?.trim() || null;
const CONNECTIONS = 50;

const LISTS = [
  { key: "mediator_to_accept", label: "mediator 李桂芬, 待我受理", phone: "13800000101", path: "/cases" },
  { key: "mediator_mine", label: "mediator 李桂芬, 我的案件", phone: "13800000101", path: "/cases?scope=mine" },
  { key: "party_mine", label: "party 李明, 我的案件", phone: "13900000001", path: "/cases" },
  // Last: if it is slow, its backlog must not spill into the other lists' figures.
  { key: "dispatcher_queue", label: "dispatcher 赵敏, 分流队列", phone: "13800000010", path: "/cases?scope=queue" },
] as const;

const log = (s = "") => console.log(s);
const post = (url: string, headers: Record<string, string>, body: string) => fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });

function ensureBuild() {
  const build = path.resolve("build/index.js");
  if (!fs.existsSync(build)) {
    log("build/index.js is missing: running npm run build…");
    if (spawnSync("npm", ["run", "build"], { stdio: "inherit" }).status !== 0) throw new Error("npm run build failed");
    return;
  }
  const built = fs.statSync(build).mtimeMs;
  const newer = ["app", "server", "db"].flatMap((dir) =>
    (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => /\.tsx?$/.test(f) && fs.statSync(path.join(dir, f)).mtimeMs > built).map((f) => path.join(dir, f)),
  );
  if (newer.length) log(`note: ${newer.length} source file(s) changed since the last build (${newer.slice(0, 3).join(", ")}); this run measures build/ — npm run build to include them`);
}

/** The app server child, restartable: a request backlog that will not drain is cut off this way. */
function appServer(dbFile: string) {
  let child: Child | null = null;
  const args = ["--import", "tsx", "server/index.ts"];
  const env = { DATABASE_PATH: dbFile, LOG_REQUESTS: "0", NODE_ENV: "production" };
  return {
    get url() {
      return child!.url;
    },
    async start() {
      child = await startChild("app", args, env, { readyPath: "/healthz" });
    },
    async stop() {
      await child?.stop();
      child = null;
    },
    /** Waits until /healthz answers promptly again; restarts the server when it does not within 15 s. */
    async settle(): Promise<boolean> {
      const until = Date.now() + 15_000;
      while (Date.now() < until) {
        const t0 = performance.now();
        try {
          await (await fetch(`${child!.url}/healthz`, { signal: AbortSignal.timeout(Math.max(1, until - Date.now())) })).arrayBuffer();
        } catch {
          break;
        }
        if (performance.now() - t0 < 20) return false;
      }
      await child!.stop();
      await this.start();
      return true;
    },
  };
}

async function main() {
  const started = performance.now();
  const cpus = os.cpus();
  const machine = { cpus: cpus.length, cpu: cpus[0]?.model ?? "?", memGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}`, loadBefore: os.loadavg(), loadAfter: [] as number[] };
  log(`machine: ${machine.cpus} cores (${machine.cpu}), Node ${machine.node}, load average ${machine.loadBefore.map((x) => x.toFixed(2)).join(" ")}`);
  if (machine.loadBefore[0] > 0.5 * machine.cpus) log("note: the machine is busy; other processes compete with the servers for the cores and lower every figure");
  ensureBuild();

  const fill = await ensureFilled(CASES, log);
  log(`database: ${CASES.toLocaleString("en")} cases, ${fill.reused ? "reused from an earlier" : "this"} fill (${fill.seconds.toFixed(0)} s)`);
  const runDb = path.join(DATA_DIR, "run.db");
  prepareRunDb(fill, runDb);
  if (EXTRA_SQL) {
    const db = new Database(runDb);
    db.exec(EXTRA_SQL);
    db.close();
    log(`BENCH_EXTRA_SQL applied: ${EXTRA_SQL}`);
  }

  const app = appServer(runDb);
  let bare: Child | null = null;
  let probe: Child | null = null;
  try {
    [bare] = await Promise.all([startChild("bare", ["--import", "tsx", "tests/bench/bare-server.ts"], {}, { readyPath: "/" }), app.start()]);

    const tokens = new Map<string, string>();
    const filerPhones = Array.from({ length: Math.min(API_FILERS, 2 * FILERS) }, (_, j) => apiFilerPhone(j));
    for (const phone of [...new Set(LISTS.map((l) => l.phone)), ...filerPhones]) {
      const res = await post(`${app.url}/api/v1/sessions`, { origin: app.url }, JSON.stringify({ phone, password: DEMO_PASSWORD }));
      const body = (await res.json()) as { token?: string };
      if (!body.token) throw new Error(`login ${phone} failed: ${res.status} ${JSON.stringify(body)}`);
      tokens.set(phone, body.token);
    }
    const filerTokens = filerPhones.map((p) => tokens.get(p)!);
    const cookie = (phone: string) => `yjf_session=${tokens.get(phone)}`;
    const fileOne = (base: string) => post(`${base}/api/v1/cases`, { authorization: `Bearer ${filerTokens[0]}` }, filingBody());

    // The filing route may still be in the making: wait for it a little rather than fail.
    for (let attempt = 1; ; attempt++) {
      const res = await fileOne(app.url);
      const text = await res.text();
      if (res.status === 201) break;
      if (attempt >= 5 || ![404, 405].includes(res.status)) throw new Error(`POST /api/v1/cases answered ${res.status}: ${text.slice(0, 500)}`);
      log(`POST /api/v1/cases answered ${res.status}; trying again in 3 s (${attempt}/5)`);
      await new Promise((r) => setTimeout(r, 3000));
    }

    log(`measuring: ${SECONDS} s per figure at ${CONNECTIONS} connections, each after 2 s of warm-up…`);
    await hammer(`${bare.url}/`, { connections: 10, seconds: 2 });
    const bareBefore = await hammer(`${bare.url}/`, { connections: CONNECTIONS, seconds: SECONDS });
    const rows: Row[] = [];
    const measure = async (key: string, label: string, urlPath: string, opts: { cookie?: string; info?: boolean; seconds?: number }) => {
      await hammer(app.url + urlPath, { connections: 10, seconds: 2, cookie: opts.cookie });
      await app.settle();
      const m = await hammer(app.url + urlPath, { connections: CONNECTIONS, seconds: opts.seconds ?? SECONDS, cookie: opts.cookie });
      const row: Row = { key, label, m, info: opts.info };
      row.restarted = await app.settle();
      rows.push(row);
      return row;
    };
    // Where the floor is: the app's Express stack alone, and a Remix page that reads nothing.
    await measure("app_healthz", "app GET /healthz (Express only)", "/healthz", { info: true, seconds: 5 });
    await measure("app_login", "app GET /login (Remix, no data)", "/login", { info: true, seconds: 5 });
    for (const l of LISTS) {
      const res = await fetch(app.url + l.path, { headers: { cookie: cookie(l.phone) }, redirect: "manual" });
      const html = await res.text();
      if (res.status !== 200) throw new Error(`GET ${l.path} for ${l.label} answered ${res.status}: ${html.slice(0, 300)}`);
      const row = await measure(l.key, l.label, l.path, { cookie: cookie(l.phone) });
      row.listed = Number(/共\s*(?:<!-- -->)?(\d+)/.exec(html)?.[1] ?? NaN);
    }
    // The dispatcher's board (/board) reads a dozen sections at once; no target, but its figures
    // show whether the board stays usable at this size.
    await measure("dispatcher_board", "dispatcher 赵敏, 调度看板 /board", "/board", { cookie: cookie("13800000010"), info: true, seconds: 5 });
    // Measured again after the pages: when the two differ much, something else was using the cores.
    const bareAfter = await hammer(`${bare.url}/`, { connections: CONNECTIONS, seconds: SECONDS });
    await fileCases(app.url, filerTokens, { concurrency: FILERS, seconds: 2 });
    await app.settle();
    const filings = await fileCases(app.url, filerTokens, { concurrency: FILERS, seconds: SECONDS });
    await Promise.all([app.stop(), bare.stop()]);

    // A separate, instrumented server for the per-request SQL profile, after the measurements.
    probe = await startChild("app+probe", ["--import", "tsx", "--import", "./tests/bench/sql-probe.ts", "server/index.ts"], { DATABASE_PATH: runDb, LOG_REQUESTS: "0", NODE_ENV: "production" }, { readyPath: "/healthz", ipc: true });
    const profiles: Profile[] = [];
    for (const l of LISTS) profiles.push(await profileRequest(probe, runDb, `GET ${l.path} (${l.label})`, () => fetch(probe!.url + l.path, { headers: { cookie: cookie(l.phone) } })));
    profiles.push(await profileRequest(probe, runDb, "POST /api/v1/cases (a filing)", () => fileOne(probe!.url)));
    await probe.stop();
    machine.loadAfter = os.loadavg();

    const ok = report(
      {
        machine,
        settings: { cases: CASES, seconds: SECONDS, connections: CONNECTIONS, filers: FILERS, extraSql: EXTRA_SQL },
        fill,
        bare: [bareBefore, bareAfter],
        rows,
        filings,
        profiles,
        elapsedSeconds: (performance.now() - started) / 1000,
      },
      log,
    );
    process.exitCode = ok ? 0 : 1;
  } finally {
    await Promise.all([app.stop(), bare?.stop(), probe?.stop()]);
    for (const f of [runDb, `${runDb}-wal`, `${runDb}-shm`]) fs.rmSync(f, { force: true });
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exitCode = 2;
});
