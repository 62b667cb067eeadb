// What one HTTP request has already worked out, so the Express middleware and the Remix loaders
// of the same request do not repeat it (today: the session lookup, done once per request instead
// of twice). Outside a request (sockets, jobs, tests calling services) there is no scope and
// callers compute as before.
import { AsyncLocalStorage } from "node:async_hooks";

export type RequestScope = { sessions: Map<string, unknown> };

// On globalThis because this module exists twice in one process (server/index.ts and the Remix
// server bundle, as db/client.ts explains); both must read the scope the middleware opened.
const g = globalThis as unknown as { __yjfRequestScope?: AsyncLocalStorage<RequestScope> };
const storage = (g.__yjfRequestScope ??= new AsyncLocalStorage<RequestScope>());

/** Runs `fn` (the rest of the request's handling) with a fresh, empty scope. */
export function withRequestScope<T>(fn: () => T): T {
  return storage.run({ sessions: new Map() }, fn);
}

export function requestScope(): RequestScope | undefined {
  return storage.getStore();
}
