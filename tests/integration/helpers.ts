// Shared helpers for the integration tests: valid identity numbers, route-call plumbing, counts.
import { count } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { residentIdCheckChar } from "~/lib/id-checks";
import { getDb } from "../../db/client";

/** A valid 身份证 number: region 530102, birth 1990-01-01, the given 3-digit sequence. */
export function idNumber(seq: number, birth = "19900101"): string {
  const first17 = `530102${birth}${String(seq).padStart(3, "0")}`;
  return first17 + residentIdCheckChar(first17);
}

/** The same 17 digits with a check character that is not the right one. */
export function idNumberWithWrongCheck(seq: number): string {
  const good = idNumber(seq);
  const wrong = good.endsWith("1") ? "2" : "1";
  return good.slice(0, 17) + wrong;
}

/** The load context server/app.ts hands to Remix. */
export function ctx(ip = "127.0.0.1") {
  return { nonce: "", ip };
}

export function formPost(url: string, fields: Record<string, string> | [string, string][], headers: Record<string, string> = {}): Request {
  return new Request(url, { method: "POST", body: new URLSearchParams(fields), headers });
}

export function rowCount(table: SQLiteTable): number {
  return getDb().select({ n: count() }).from(table).get()!.n;
}

/** What the route actions return for a failed submission: data(submission.reply(), { status }). */
export type Reply = { data: { status: string; error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> }; init: { status: number } };

export function asReply(result: unknown): Reply {
  if (result instanceof Response) throw new Error(`expected a data() reply, got a Response ${result.status} ${result.headers.get("location")}`);
  return result as Reply;
}

/** Runs `fn`, which must throw a Response, and returns that Response. */
export async function thrownResponse(fn: () => unknown): Promise<Response> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
  throw new Error("expected a thrown Response, but nothing was thrown");
}
