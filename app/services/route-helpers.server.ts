// What the 裁 routes (司法确认, 赋强公证, transfers) repeat at the edge: an AppError turned into the
// error page or into a form's reply, the signer's request details, and a stored PDF streamed as a
// download. Server-only: it reads the blob store, so it lives here and not in app/lib (ADR 003).
import { createReadableStreamFromReadable, data } from "@remix-run/node";
import { z } from "zod";
import type { SignMeta } from "../../server/agreements/signing";
import { readBlobStream } from "../../server/cases/evidence";
import { isAppError, type AppError } from "../../server/lib/errors";

/** Runs a loader's read: an AppError (404 for an outsider, 403 for the wrong role) becomes the error page. */
export async function orErrorPage<T>(read: () => T | Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (e) {
    if (isAppError(e)) throw new Response(e.message, { status: e.status });
    throw e;
  }
}

/** An action's error: NOT_FOUND becomes the 404 page (an outsider learns nothing), any other AppError the form's reply. */
export function replyToError<R>(e: unknown, reply: (e: AppError) => R): R {
  if (!isAppError(e)) throw e;
  if (e.code === "NOT_FOUND") throw new Response(e.message, { status: 404 });
  return reply(e);
}

/** The failed reply of a page with several forms: which form (`intent`), why, and any extra fields of the reply. */
export function failureOf<R extends { intent: string; error?: string }>(intent: string) {
  return (status: number, error: string, more?: Omit<R, "intent" | "error">) => data<R>({ intent, error, ...more } as R, { status });
}

/**
 * A paged list's `?<param>=<filter>&page=N`. Unknown values fall back to the first filter and page
 * 1: a stale bookmark still opens the list.
 */
export function listQuery<const F extends readonly [string, ...string[]]>(request: Request, param: string, filters: F): { filter: F[number]; page: number } {
  const q = Object.fromEntries(new URL(request.url).searchParams);
  return {
    filter: z.enum(filters).catch(filters[0]).parse(q[param]),
    page: z.coerce.number().int().min(1).max(10_000).catch(1).parse(q.page),
  };
}

/** Who signed from where, for the signature record. */
export function signMetaOf(request: Request, context: unknown): SignMeta {
  return { ip: (context as { ip?: string } | undefined)?.ip ?? "unknown", userAgent: request.headers.get("user-agent") };
}

/** A stored PDF streamed to its reader: `name` in Chinese for browsers that take it, `asciiName` for the rest. */
export function pdfDownload(pdf: { sha256: string; size: number }, name: string, asciiName: string, disposition: "attachment" | "inline" = "attachment"): Response {
  return new Response(createReadableStreamFromReadable(readBlobStream(pdf.sha256)), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(pdf.size),
      "Content-Disposition": `${disposition}; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      "Cache-Control": "private, max-age=3600",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
