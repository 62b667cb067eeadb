// npm run bench: a million cases, then filings per second through the API and the case list
// pages at 50 connections, each list beside a bare Express handler measured in the same run
// (ADR 008). Prints a table and a PASS/FAIL line per target; writes tests/bench/results.json.
// Knobs (environment): BENCH_CASES (1000000), BENCH_SECONDS (10), BENCH_FILERS (16).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startChild, type Child } from "./children";
import { API_FILERS, DATA_DIR, DEMO_PASSWORD, apiFilerPhone, ensureFilled, prepareRunDb } from "./fill";
import { fileCases, filingBody, hammer, type FilingMeasure, type Measure } from "./load";
import { printProfile, profileRequest, type Profile } from "./profile";

const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const FILERS = Number(process.env.BENCH_FILERS ?? 16);
const CONNECTIONS = 50;
const TARGET = { filingsPerSec: 500, listShareOfBare: 0.15, listP99Ms: 50 };

const LISTS = [
  { key: "mediator_to_accept", label: "mediator 李桂芬, 待我受理", phone: "13800000101", path: "/cases" },
  { key: "mediator_mine", label: "mediator 李桂芬, 我的案件", phone: "13800000101", path: "/cases?scope=mine" },
  { key: "dispatcher_queue", label: "dispatcher 赵敏, 分流队列", phone: "13800000010", path: "/cases?scope=queue" },
  { key: "party_mine", label: "party 李明, 我的案件", phone: "13900000001", path: "/cases" },
] as const;

const log = (s = "") => console.log(s);
const ms = (n: number) => `${n < 10 ? n.toFixed(1) : Math.round(n)} ms`;
const pad = (s: string, n: number) => s + " ".repeat(Math.max(0, n - [...s].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? 2 : 1), 0)));

function ensureBuild() {
  const build = path.resolve("build/index.js");
  if (!fs.existsSync(build)) {
    log("build/index.js is missing: running npm run build…");
    const r = spawnSync("npm", ["run", "build"], { stdio: "inherit" });
    if (r.status !== 0) throw new Error("npm run build failed");
    return;
  }
  const built = fs.statSync(build).mtimeMs;
  const newer = ["app", "server", "db"].flatMap((dir) =>
    (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => /\.tsx?$/.test(f) && fs.statSync(path.join(dir, f)).mtimeMs > built).map((f) => path.join(dir, f)),
  );
  if (newer.length) log(`note: ${newer.length} source file(s) changed since the last build (e.g. ${newer[0]}); run npm run build to measure them`);
}

async function login(base: string, phone: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/sessions`, { method: "POST", headers: { "content-type": "application/json", origin: base }, body: JSON.stringify({ phone, password: DEMO_PASSWORD }) });
  const body = (await res.json()) as { token?: string };
  if (!res.ok || !body.token) throw new Error(`login ${phone} failed: ${res.status} ${JSON.stringify(body)}`);
  return body.token;
}

const serverEnv = (dbFile: string) => ({ DATABASE_PATH: dbFile, LOG_REQUESTS: "0", NODE_ENV: "production" });

/** The filing route is being finished by someone else: wait for it a little rather than fail. */
async function firstFiling(base: string, token: string) {
  for (let attempt = 1; ; attempt++) {
    const res = await fetch(`${base}/api/v1/cases`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: filingBody() });
    const text = await res.text();
    if (res.status === 201) return;
    if (attempt >= 5 || (res.status !== 404 && res.status !== 405)) throw new Error(`POST /api/v1/cases answered ${res.status}: ${text.slice(0, 500)}`);
    log(`POST /api/v1/cases answered ${res.status}; retrying in 3 s (attempt ${attempt}/5)`);
    await new Promise((r) => setTimeout(r, 3000));
  }
}

async function main() {
  const started = performance.now();
  const cpus = os.cpus();
  const machine = { cpus: cpus.length, cpu: cpus[0]?.model ?? "?", memGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` };
  log(`machine: ${machine.cpus} cores (${machine.cpu}), ${machine.memGb} GB, Node ${machine.node}`);
  ensureBuild();

  const fill = await ensureFilled(CASES, log);
  log(fill.reused ? `database: ${CASES.toLocaleString("en")} cases, reused (filled in ${fill.seconds.toFixed(0)} s)` : `database: ${CASES.toLocaleString("en")} cases, filled in ${fill.seconds.toFixed(0)} s`);
  const runDb = path.join(DATA_DIR, "run.db");
  prepareRunDb(fill, runDb);

  const children: Child[] = [];
  try {
    const [app, bare] = await Promise.all([
      startChild("app", ["--import", "tsx", "server/index.ts"], serverEnv(runDb), { readyPath: "/healthz" }),
      startChild("bare", ["--import", "tsx", "tests/bench/bare-server.ts"], {}, { readyPath: "/" }),
    ]);
    children.push(app, bare);

    const phones = [...new Set(LISTS.map((l) => l.phone))];
    const filerCount = Math.min(API_FILERS, 2 * FILERS);
    const tokens = new Map<string, string>();
    for (const phone of [...phones, ...Array.from({ length: filerCount }, (_, j) => apiFilerPhone(j))]) tokens.set(phone, await login(app.url, phone));
    const filerTokens = Array.from({ length: filerCount }, (_, j) => tokens.get(apiFilerPhone(j))!);
    const cookieOf = (phone: string) => `yjf_session=${tokens.get(phone)}`;

    // What each list shows, so the figures below are known to be about real pages.
    const totals: Record<string, number> = {};
    for (const l of LISTS) {
      const res = await fetch(app.url + l.path, { headers: { cookie: cookieOf(l.phone) } });
      const html = await res.text();
      if (res.status !== 200) throw new Error(`${l.path} for ${l.label} answered ${res.status}: ${html.slice(0, 300)}`);
      totals[l.key] = Number(/共\s*(?:<!-- -->)?(\d+)/.exec(html)?.[1] ?? NaN);
    }
    await firstFiling(app.url, filerTokens[0]);

    log(`warming up…`);
    await hammer(`${bare.url}/`, { connections: 10, seconds: 2 });
    for (const l of LISTS) await hammer(app.url + l.path, { connections: 10, seconds: 2, cookie: cookieOf(l.phone) });
    await fileCases(app.url, filerTokens, { concurrency: FILERS, seconds: 2 });

    log(`measuring (${SECONDS} s each, ${CONNECTIONS} connections)…`);
    const bareM = await hammer(`${bare.url}/`, { connections: CONNECTIONS, seconds: SECONDS });
    const lists: Record<string, Measure> = {};
    for (const l of LISTS) lists[l.key] = await hammer(app.url + l.path, { connections: CONNECTIONS, seconds: SECONDS, cookie: cookieOf(l.phone) });
    const filings: FilingMeasure = await fileCases(app.url, filerTokens, { concurrency: FILERS, seconds: SECONDS });
    await Promise.all(children.splice(0).map((c) => c.stop()));

    // A separate, instrumented server for the per-request SQL profile, after the measurements.
    const probe = await startChild("app+probe", ["--import", "tsx", "--import", "./tests/bench/sql-probe.ts", "server/index.ts"], serverEnv(runDb), { readyPath: "/healthz", ipc: true });
    children.push(probe);
    const profiles: Profile[] = [];
    for (const l of LISTS)
      profiles.push(await profileRequest(probe, runDb, `GET ${l.path} (${l.label})`, () => fetch(probe.url + l.path, { headers: { cookie: cookieOf(l.phone) } })));
    profiles.push(
      await profileRequest(probe, runDb, "POST /api/v1/cases (filing)", () =>
        fetch(`${probe.url}/api/v1/cases`, { method: "POST", headers: { authorization: `Bearer ${filerTokens[0]}`, "content-type": "application/json" }, body: filingBody() }),
      ),
    );
    await Promise.all(children.splice(0).map((c) => c.stop()));

    report({ machine, fill, bareM, lists, totals, filings, profiles, elapsedSeconds: (performance.now() - started) / 1000 });
  } finally {
    await Promise.all(children.map((c) => c.stop()));
    for (const f of [runDb, `${runDb}-wal`, `${runDb}-shm`]) fs.rmSync(f, { force: true });
  }
}

type Report = {
  machine: Record<string, unknown>;
  fill: Awaited<ReturnType<typeof ensureFilled>>;
  bareM: Measure;
  lists: Record<string, Measure>;
  totals: Record<string, number>;
  filings: FilingMeasure;
  profiles: Profile[];
  elapsedSeconds: number;
};

function report(r: Report) {
  const checks: { target: string; actual: string; pass: boolean }[] = [];
  log();
  log(`${pad("", 36)}${pad("req/s", 10)}${pad("p50", 10)}${pad("p99", 10)}${pad("vs bare", 10)}rows listed`);
  const row = (label: string, m: Measure, extra = "") =>
    log(`${pad(label, 36)}${pad(Math.round(m.reqPerSec).toLocaleString("en"), 10)}${pad(ms(m.p50), 10)}${pad(ms(m.p99), 10)}${pad(`${((m.reqPerSec / r.bareM.reqPerSec) * 100).toFixed(1)}%`, 10)}${extra}`);
  row("bare express handler", r.bareM);
  for (const l of LISTS) {
    const m = r.lists[l.key];
    row(l.label, m, `${r.totals[l.key].toLocaleString("en")}${m.non2xx || m.errors ? `  (${m.non2xx} non-2xx, ${m.errors} errors!)` : ""}`);
    const share = m.reqPerSec / r.bareM.reqPerSec;
    checks.push({ target: `${l.label}: ≥ ${TARGET.listShareOfBare * 100}% of bare req/s`, actual: `${(share * 100).toFixed(1)}%`, pass: share >= TARGET.listShareOfBare && m.non2xx === 0 && m.errors === 0 });
    checks.push({ target: `${l.label}: p99 < ${TARGET.listP99Ms} ms`, actual: ms(m.p99), pass: m.p99 < TARGET.listP99Ms });
  }
  const f = r.filings;
  log(`${pad(`filings (${FILERS} clients)`, 36)}${pad(Math.round(f.reqPerSec).toLocaleString("en"), 10)}${pad(ms(f.p50), 10)}${pad(ms(f.p99), 10)}${pad("", 10)}${f.requests} posted, HTTP ${JSON.stringify(f.statuses)}`);
  if (f.firstError) log(`  first failed filing: ${f.firstError}`);
  checks.push({ target: `filings ≥ ${TARGET.filingsPerSec}/s`, actual: `${f.reqPerSec.toFixed(0)}/s`, pass: f.reqPerSec >= TARGET.filingsPerSec && f.errors === 0 });

  log();
  log("SQL per request (one request each, instrumented server):");
  for (const p of r.profiles) printProfile(p, log);
  log();
  for (const c of checks) log(`${c.pass ? "PASS" : "FAIL"}  ${c.target}: ${c.actual}`);
  log(`(${r.machine.cpus} cores, ${r.elapsedSeconds.toFixed(0)} s in all)`);

  const out = path.resolve("tests/bench/results.json");
  const { fill, ...rest } = r;
  fs.writeFileSync(out, JSON.stringify({ at: new Date().toISOString(), cases: CASES, seconds: SECONDS, connections: CONNECTIONS, filers: FILERS, targets: TARGET, fill: { seconds: fill.seconds, reused: fill.reused }, ...rest, checks }, null, 2));
  log(`results: ${path.relative(process.cwd(), out)}`);
  process.exitCode = checks.every((c) => c.pass) ? 0 : 1;
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 2;
});
