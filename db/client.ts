// The one database client. Pragmas live here and nowhere else.
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import fs from "node:fs";
import path from "node:path";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

// Resolved from the working directory: this file is also bundled into build/ by the Remix
// compiler, where import.meta.url would point elsewhere.
const migrationsFolder = path.resolve(process.env.MIGRATIONS_DIR ?? "migrations");

export function openDb(file: string): Db {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("temp_store = MEMORY");
  cacheStatements(sqlite);
  const db = drizzle(sqlite, { schema }) as Db;
  migrate(db, { migrationsFolder });
  return db;
}

/**
 * drizzle asks better-sqlite3 to prepare (compile) its SQL on every query; most of our queries are
 * the same few texts with different parameters. Compiled statements are kept by their text, the
 * most recently used 500 of them. drizzle switches a statement to array rows (`raw()`) for some
 * calls and not for others, so a statement handed out again starts in the default mode.
 */
function cacheStatements(sqlite: Database.Database, max = 500) {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, Database.Statement>();
  sqlite.prepare = ((source: string) => {
    let stmt = cache.get(source);
    if (stmt) {
      cache.delete(source); // re-inserted below: the Map's order is the recency order
      if (stmt.reader) stmt.raw(false);
    } else {
      stmt = prepare(source);
      if (cache.size >= max) cache.delete(cache.keys().next().value!);
    }
    cache.set(source, stmt);
    return stmt;
  }) as typeof sqlite.prepare;
}

// Kept on globalThis because this module exists twice in one process: once loaded by
// server/index.ts and once inside the Remix server bundle. Both must share one connection.
const g = globalThis as unknown as { __yjfDb?: Db };

/** The process-wide database, opened (and migrated) on first use. */
export function getDb(): Db {
  if (!g.__yjfDb) {
    const file = process.env.DATABASE_PATH ?? `${process.env.DATA_DIR ?? "data"}/app.db`;
    g.__yjfDb = openDb(file);
  }
  return g.__yjfDb;
}

export function closeDb(): void {
  if (g.__yjfDb) {
    g.__yjfDb.$client.close();
    g.__yjfDb = undefined;
  }
}
