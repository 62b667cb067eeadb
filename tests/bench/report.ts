// The benchmark's answer: a table, the SQL profile, one PASS/FAIL line per target, results.json.
import fs from "node:fs";
import path from "node:path";
import type { FillResult } from "./fill";
import type { FilingMeasure, Measure } from "./load";
import { printProfile, type Profile } from "./profile";

export const TARGET = { filingsPerSec: 500, listShareOfBare: 0.15, listP99Ms: 50 };

export type Row = { key: string; label: string; m: Measure; listed?: number; info?: boolean; restarted?: boolean };
export type Report = {
  machine: { cpus: number; cpu: string; memGb: number; node: string; platform: string; loadBefore: number[]; loadAfter: number[] };
  settings: { cases: number; seconds: number; connections: number; filers: number; extraSql: string | null };
  fill: FillResult;
  /** Before and after the list pages; ratios use their mean. */
  bare: [Measure, Measure];
  rows: Row[];
  filings: FilingMeasure;
  profiles: Profile[];
  elapsedSeconds: number;
};

const ms = (n: number) => (Number.isNaN(n) ? "—" : `${n < 10 ? n.toFixed(1) : Math.round(n)} ms`);
// Wide (CJK) characters take two columns in a terminal.
const width = (s: string) => [...s].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
const pad = (s: string, n: number) => s + " ".repeat(Math.max(1, n - width(s)));

export function report(r: Report, log: (s?: string) => void): boolean {
  const checks: { target: string; actual: string; pass: boolean }[] = [];
  const bareRate = (r.bare[0].reqPerSec + r.bare[1].reqPerSec) / 2;
  const share = (m: Measure) => m.reqPerSec / bareRate;
  const line = (label: string, m: Measure, vsBare: string, extra: string) =>
    log(`${pad(label, 40)}${pad(Math.round(m.reqPerSec).toLocaleString("en"), 9)}${pad(ms(m.p50), 10)}${pad(ms(m.p99), 10)}${pad(vsBare, 9)}${extra}`);

  log();
  log(`${pad("", 40)}${pad("req/s", 9)}${pad("p50", 10)}${pad("p99", 10)}${pad("vs bare", 9)}notes`);
  line("bare Express handler (before)", r.bare[0], `${(share(r.bare[0]) * 100).toFixed(0)}%`, "");
  line("bare Express handler (after)", r.bare[1], `${(share(r.bare[1]) * 100).toFixed(0)}%`, "the mean of the two is 100%");
  for (const row of r.rows) {
    const notes = [
      row.listed !== undefined ? `${row.listed.toLocaleString("en")} cases listed` : "",
      row.info ? "(for comparison, no target)" : "",
      row.m.non2xx || row.m.errors ? `${row.m.non2xx} non-2xx, ${row.m.errors} errors!` : "",
      row.m.reqPerSec === 0 ? "no page completed within the run" : "",
      row.restarted ? "server restarted after: backlog did not drain" : "",
    ].filter(Boolean);
    line(row.label, row.m, `${(share(row.m) * 100).toFixed(1)}%`, notes.join("; "));
    if (row.info) continue;
    const clean = row.m.non2xx === 0 && row.m.errors === 0 && row.m.reqPerSec > 0;
    checks.push({ target: `${row.label}: ≥ ${TARGET.listShareOfBare * 100}% of bare req/s`, actual: `${(share(row.m) * 100).toFixed(1)}%`, pass: clean && share(row.m) >= TARGET.listShareOfBare });
    checks.push({ target: `${row.label}: p99 < ${TARGET.listP99Ms} ms`, actual: ms(row.m.p99), pass: clean && row.m.p99 < TARGET.listP99Ms });
  }
  const f = r.filings;
  line(`filings, ${r.settings.filers} clients`, f, "", `${f.requests} posted, HTTP ${JSON.stringify(f.statuses)}`);
  if (f.firstError) log(`  first failed filing: ${f.firstError}`);
  checks.push({ target: `filings ≥ ${TARGET.filingsPerSec}/s`, actual: `${f.reqPerSec.toFixed(1)}/s`, pass: f.errors === 0 && f.non2xx === 0 && f.reqPerSec >= TARGET.filingsPerSec });

  log();
  log("SQL per request (one warm request each, on an instrumented server):");
  for (const p of r.profiles) printProfile(p, log);
  log();
  for (const c of checks) log(`${c.pass ? "PASS" : "FAIL"}  ${c.target}: ${c.actual}`);
  const m = r.machine;
  const load = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(" ");
  log(`machine: ${m.cpus} cores (${m.cpu}), ${m.memGb} GB, Node ${m.node}; load average ${load(m.loadBefore)} before, ${load(m.loadAfter)} after; ${r.elapsedSeconds.toFixed(0)} s in all`);

  const out = path.resolve("tests/bench/results.json");
  const { fill, ...rest } = r;
  fs.writeFileSync(out, JSON.stringify({ at: new Date().toISOString(), targets: TARGET, fill: { file: path.basename(fill.file), seconds: fill.seconds, reused: fill.reused }, ...rest, checks }, null, 2));
  log(`results: ${path.relative(process.cwd(), out)}`);
  return checks.every((c) => c.pass);
}
