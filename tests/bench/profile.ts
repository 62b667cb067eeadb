// Where a request's time goes: the profiling server (with sql-probe.ts preloaded) records every
// statement of one request; the slowest ones get their EXPLAIN QUERY PLAN from the same file.
import Database from "better-sqlite3";
import type { Child } from "./children";
import type { ProbeEntry } from "./sql-probe";

export type Statement = { ms: number; sql: string; plan: string[] };
export type Profile = { name: string; status: number; totalMs: number; queries: number; dbMs: number; slowest: Statement[]; statements: { ms: number; sql: string }[] };

function probe(child: Child, type: "probe:start" | "probe:stop"): Promise<ProbeEntry[]> {
  return new Promise((resolve) => {
    if (type === "probe:start") {
      child.proc.send({ type }, () => resolve([]));
      return;
    }
    child.proc.once("message", (m: { entries: ProbeEntry[] }) => resolve(m.entries));
    child.proc.send({ type });
  });
}

/** Profiles one request, after three unrecorded ones to warm the JIT and the page cache. */
export async function profileRequest(child: Child, dbFile: string, name: string, send: () => Promise<Response>): Promise<Profile> {
  for (let i = 0; i < 3; i++) await (await send()).arrayBuffer();
  await probe(child, "probe:start");
  const t0 = performance.now();
  const res = await send();
  await res.arrayBuffer();
  const totalMs = performance.now() - t0;
  const entries = await probe(child, "probe:stop");
  const db = new Database(dbFile, { readonly: true });
  try {
    const slowest = [...entries]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 3)
      .map((e) => {
        let plan: string[];
        try {
          plan = (db.prepare(`explain query plan ${e.sql}`).all(...e.params) as { detail: string }[]).map((p) => p.detail);
        } catch (err) {
          plan = [`(no plan: ${(err as Error).message})`];
        }
        return { ms: e.ms, sql: e.sql, plan };
      });
    const statements = entries.map((e) => ({ ms: Math.round(e.ms * 1000) / 1000, sql: e.sql.replace(/\s+/g, " ").slice(0, 160) }));
    return { name, status: res.status, totalMs, queries: entries.length, dbMs: entries.reduce((s, e) => s + e.ms, 0), slowest, statements };
  } finally {
    db.close();
  }
}

export function printProfile(p: Profile, log: (s: string) => void) {
  log(`  ${p.name}: HTTP ${p.status}, ${p.totalMs.toFixed(1)} ms on an idle server, ${p.queries} SQL statements taking ${p.dbMs.toFixed(1)} ms`);
  for (const s of p.slowest.filter((s) => s.ms >= 0.5)) {
    log(`    ${s.ms.toFixed(1)} ms  ${s.sql.replace(/\s+/g, " ").slice(0, 400)}`);
    for (const line of s.plan) log(`             plan: ${line}`);
  }
}
