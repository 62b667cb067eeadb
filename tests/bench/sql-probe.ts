// Preloaded into the profiling server (node --import tsx --import ./tests/bench/sql-probe.ts):
// records every statement better-sqlite3 executes between "probe:start" and "probe:stop" IPC
// messages, with its SQL, parameters and time. Only the profiling pass loads it; the measured
// servers run uninstrumented.
import { createRequire } from "node:module";

export type ProbeEntry = { sql: string; params: unknown[]; ms: number };

const require = createRequire(import.meta.url);
const Database = require("better-sqlite3") as typeof import("better-sqlite3");

if (process.send) {
  const scratch = new Database(":memory:");
  const proto = Object.getPrototypeOf(scratch.prepare("select 1")) as Record<string, (...args: unknown[]) => unknown>;
  scratch.close();
  let log: ProbeEntry[] | null = null;
  for (const method of ["run", "get", "all", "iterate"]) {
    const original = proto[method];
    proto[method] = function (this: { source: string }, ...args: unknown[]) {
      if (!log) return original.apply(this, args);
      const started = performance.now();
      try {
        return original.apply(this, args);
      } finally {
        log.push({ sql: this.source, params: args, ms: performance.now() - started });
      }
    };
  }
  process.on("message", (m: { type?: string }) => {
    if (m.type === "probe:start") log = [];
    if (m.type === "probe:stop") {
      process.send!({ type: "probe:report", entries: log ?? [] });
      log = null;
    }
  });
}
