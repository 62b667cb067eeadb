// npm run bench:stats (and the last part of npm run bench): every statistics chart over a million
// cases, target under 200 ms each (issue 7). Each chart's data function (its queries on the
// precomputed tables and the work on their rows) runs for several viewers and filters; p50 and
// p99 are reported per chart, beside what one query straight on `cases` costs (the reason for
// precomputing, ADR 018), the cost the triggers add to a case update, and a check that the
// precomputed totals equal counting the cases. Exits 1 when a chart misses the target.
// Knobs: BENCH_CASES (1000000), BENCH_STATS_ROUNDS (20).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DATA_DIR, ensureFilled } from "./fill";
import { ensureStatsDb } from "./stats-fill";
import { getDb } from "../../db/client";
import { resolveStatsQuery } from "../../server/oversight/stats/filters";
import { contextFor, statsPage } from "../../server/oversight/stats/page";
import { CHARTS } from "../../server/oversight/stats/report";
import { TABLE_IDS } from "../../server/oversight/stats/tables";

const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_STATS_ROUNDS ?? 20);
const TARGET_MS = 200;
const log = (s = "") => console.log(s);

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
};
const ms = (n: number) => `${n < 10 ? n.toFixed(2) : n.toFixed(1)} ms`;
const width = (s: string) => [...s].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
const pad = (s: string, n: number) => s + " ".repeat(Math.max(1, n - width(s)));

async function main() {
  const started = performance.now();
  const loadBefore = os.loadavg();
  log(`machine: ${os.cpus().length} cores, Node ${process.version}, load average ${loadBefore.map((x) => x.toFixed(2)).join(" ")}`);
  const fill = await ensureFilled(CASES, log);
  const db = ensureStatsDb(fill, log);
  log(`database: ${CASES.toLocaleString("en")} cases, statistics data ${db.reused ? "reused" : "built now"} (${db.seconds.toFixed(0)} s)`);

  // The app's code opens DATABASE_PATH on first use: point it at the statistics copy.
  process.env.DATABASE_PATH = db.file;
  const sqlite = getDb().$client;
  const user = (sql: string) => sqlite.prepare(sql).get() as { id: string; role: "admin" | "mediator" | "judge" | "dispatcher" };
  const admin = user("select id, role from users where role = 'admin'");
  const head = user("select id, role from users where phone = '13800000103'"); // 张丽, head of 五华区人民调解委员会 (and those below it)
  const judge = user("select id, role from users where phone = '13800000301'");
  const dispatcher = user("select id, role from users where phone = '13800000010'");
  const someOrg = (sqlite.prepare("select id from organisations where name = '五华交警大队道路交通事故调解室'").get() as { id: string }).id;

  const VIEWS: { label: string; user: typeof admin | null; query: string }[] = [
    { label: "public, last 12 months", user: null, query: "" },
    { label: "public, 24 months, 盘龙区", user: null, query: "from=2024-12&to=2026-11&region=530103" },
    { label: "admin, every month (2024-01 to 2026-12)", user: admin, query: "from=2024-01&to=2026-12" },
    { label: "admin, one organisation", user: admin, query: `org=${someOrg}&from=2024-01&to=2026-12` },
    { label: "head 张丽 (her organisations)", user: head, query: "from=2024-01&to=2026-12" },
    { label: "judge 林晓 (五华区)", user: judge, query: "" },
    { label: "dispatcher 赵敏 (昆明市)", user: dispatcher, query: "from=2025-06&to=2026-05" },
  ];
  const now = new Date(fill.filledAt);
  const contexts = VIEWS.map((v) => {
    const { scope, filters } = resolveStatsQuery(new URLSearchParams(v.query), v.user, now);
    return contextFor(scope, filters, now);
  });

  log(`measuring: each chart ${ROUNDS} times for each of ${VIEWS.length} viewers/filters, after one warm-up round…`);
  const rows: { chart: string; p50: number; p99: number; max: number; runs: number; pass: boolean }[] = [];
  for (const id of TABLE_IDS) {
    for (const ctx of contexts) CHARTS[id](ctx);
    const times: number[] = [];
    for (let i = 0; i < ROUNDS; i++)
      for (const ctx of contexts) {
        const t = performance.now();
        CHARTS[id](ctx);
        times.push(performance.now() - t);
      }
    const p99 = percentile(times, 0.99);
    rows.push({ chart: id, p50: percentile(times, 0.5), p99, max: Math.max(...times), runs: times.length, pass: p99 < TARGET_MS });
  }
  const pageTimes: number[] = [];
  for (let i = 0; i < 5; i++)
    for (const v of VIEWS) {
      const t = performance.now();
      statsPage(v.user, new URLSearchParams(v.query), now);
      pageTimes.push(performance.now() - t);
    }

  // For comparison: the same kind of figure counted straight from `cases`.
  const direct = (label: string, sql: string) => {
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      sqlite.prepare(sql).all();
      times.push(performance.now() - t);
    }
    return { label, p50: percentile(times, 0.5) };
  };
  const directs = [
    direct("cases by category, straight from cases", "select category, count(*) from cases where status <> 'draft' group by category"),
    direct("cases by month, straight from cases", "select strftime('%Y-%m', submitted_at / 1000 + 28800, 'unixepoch') m, count(*) from cases where status <> 'draft' group by m"),
    direct("one county by category, straight from cases", "select category, count(*) from cases where region_code = '530103' and status <> 'draft' group by category"),
  ];

  // What the triggers add to a case update: 2 000 status changes with them and without, rolled back.
  const updateCost = (dropTriggers: boolean) => {
    const ids = sqlite.prepare("select id from cases where status = 'mediating' limit 2000").pluck().all() as string[];
    const upd = sqlite.prepare("update cases set status = 'failed', ended_at = ?, version = version + 1 where id = ?");
    sqlite.exec("begin");
    try {
      if (dropTriggers) for (const t of ["stats_cases_insert", "stats_cases_update", "stats_cases_delete"]) sqlite.exec(`drop trigger ${t}`);
      const t0 = performance.now();
      for (const id of ids) upd.run(Date.now(), id);
      return ((performance.now() - t0) * 1000) / ids.length;
    } finally {
      sqlite.exec("rollback");
    }
  };
  const withTriggers = updateCost(false);
  const withoutTriggers = updateCost(true);

  // The precomputed figures must be the figures: totals against counting the cases themselves.
  const kept = sqlite.prepare("select sum(filed) filed, sum(success) success, sum(failure) failure from stats_cells").get() as Record<string, number>;
  const counted = sqlite
    .prepare(
      `select count(*) filed, sum(status in ('effective','confirming','confirmed','confirm_rejected','notarising','notarised')) success, sum(status in ('failed','transferred')) failure
       from cases where status <> 'draft' and submitted_at is not null`,
    )
    .get() as Record<string, number>;
  const consistent = JSON.stringify(kept) === JSON.stringify(counted);

  log();
  log(`${pad("chart", 16)}${pad("p50", 11)}${pad("p99", 11)}${pad("max", 11)}runs`);
  for (const r of rows) log(`${pad(r.chart, 16)}${pad(ms(r.p50), 11)}${pad(ms(r.p99), 11)}${pad(ms(r.max), 11)}${r.runs}`);
  log(`${pad("whole page", 16)}${pad(ms(percentile(pageTimes, 0.5)), 11)}${pad(ms(percentile(pageTimes, 0.99)), 11)}${pad(ms(Math.max(...pageTimes)), 11)}${pageTimes.length}  (all 11 tables and the pickers; for comparison)`);
  log();
  for (const d of directs) log(`${pad(d.label, 48)}${ms(d.p50)}  (for comparison: why the tables are precomputed)`);
  log(`a case status change: ${withTriggers.toFixed(0)} µs with the statistics triggers, ${withoutTriggers.toFixed(0)} µs without`);
  log(`precomputed totals ${JSON.stringify(kept)} ${consistent ? "equal" : "DIFFER FROM"} counting the cases ${JSON.stringify(counted)}`);
  log();
  for (const r of rows) log(`${r.pass ? "PASS" : "FAIL"}  chart ${r.chart}: p99 < ${TARGET_MS} ms: ${ms(r.p99)}`);
  log(`${consistent ? "PASS" : "FAIL"}  precomputed totals equal counting the cases`);
  const loadAfter = os.loadavg();
  log(`load average ${loadBefore.map((x) => x.toFixed(2)).join(" ")} before, ${loadAfter.map((x) => x.toFixed(2)).join(" ")} after; ${((performance.now() - started) / 1000).toFixed(0)} s in all`);
  const out = path.join(DATA_DIR, "stats-results.json");
  fs.writeFileSync(
    out,
    JSON.stringify({ at: new Date().toISOString(), cases: CASES, rounds: ROUNDS, targetMs: TARGET_MS, statsDb: db, charts: rows, page: { p50: percentile(pageTimes, 0.5), p99: percentile(pageTimes, 0.99) }, directs, updateMicros: { withTriggers, withoutTriggers }, consistent, loadBefore, loadAfter }, null, 2),
  );
  log(`results: ${path.relative(process.cwd(), out)}`);
  process.exitCode = rows.every((r) => r.pass) && consistent ? 0 : 1;
}

main().catch((e) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exitCode = 2;
});
