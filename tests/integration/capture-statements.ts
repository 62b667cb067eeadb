// What SQL a piece of server code runs, and how SQLite plans it: for tests that check indexes.
import type Database from "better-sqlite3";

export type Captured = { sql: string; params: unknown[] };

/** Every statement better-sqlite3 runs while `fn` runs, with its parameters. */
export function captureStatements(client: Database.Database, fn: () => void): Captured[] {
  const seen: Captured[] = [];
  const prepare = client.prepare;
  // The connection caches compiled statements (db/client.ts), so the wrapped statement objects are
  // the ones later callers get back: every wrapper is taken off again when `fn` returns.
  const restore: (() => void)[] = [];
  client.prepare = ((sql: string) => {
    const stmt = prepare.call(client, sql);
    const own = stmt as unknown as Record<string, unknown>;
    for (const m of ["all", "get", "run", "iterate"] as const) {
      if (Object.hasOwn(own, m)) continue; // already wrapped during this capture
      const original = stmt[m] as (...a: unknown[]) => unknown;
      own[m] = (...params: unknown[]) => {
        seen.push({ sql, params });
        return original.apply(stmt, params);
      };
      restore.push(() => delete own[m]);
    }
    return stmt;
  }) as typeof client.prepare;
  try {
    fn();
  } finally {
    client.prepare = prepare;
    for (const r of restore) r();
  }
  return seen;
}

/** SQLite's plan for a captured statement, one line per step (EXPLAIN QUERY PLAN's detail). */
export function queryPlan(client: Database.Database, s: Captured): string[] {
  return (client.prepare(`EXPLAIN QUERY PLAN ${s.sql}`).all(...(s.params as never[])) as { detail: string }[]).map((p) => p.detail);
}
