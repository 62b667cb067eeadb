import { createReadableStreamFromReadable, type LoaderFunctionArgs } from "@remix-run/node";
import { isAppError, requireUser } from "~/services/auth.server";
import { evidenceFor } from "~/services/cases.server";
import { readBlobStream } from "~/services/evidence.server";

/** Streams a file to someone who may see the case; others get 404 like any unknown file. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  try {
    const row = evidenceFor(user, params.caseId ?? "", params.evidenceId ?? "");
    const stream = readBlobStream(row.sha256);
    const inline = row.mime.startsWith("image/") || row.mime === "application/pdf" || row.mime.startsWith("audio/");
    return new Response(createReadableStreamFromReadable(stream), {
      headers: {
        "Content-Type": row.mime,
        "Content-Length": String(row.size),
        "Content-Disposition": `${inline ? "inline" : "attachment"}; filename="evidence"; filename*=UTF-8''${encodeURIComponent(row.filename)}`,
        "Cache-Control": "private, max-age=3600",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (e) {
    if (isAppError(e)) throw new Response(e.message, { status: e.status });
    throw e;
  }
}
