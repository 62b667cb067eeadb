import { createReadableStreamFromReadable, type LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/services/auth.server";
import { evidenceFor } from "~/services/cases.server";
import { readBlobStream } from "~/services/evidence.server";
import { api, contentDisposition, methodNotAllowed } from "~/lib/openapi.server";

/** GET /api/v1/cases/{caseId}/evidence/{evidenceId}: the file itself, for anyone who may see the case. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  return api(() => {
    const row = evidenceFor(user, params.caseId ?? "", params.evidenceId ?? "");
    return new Response(createReadableStreamFromReadable(readBlobStream(row.sha256)), {
      headers: {
        "Content-Type": row.mime,
        "Content-Length": String(row.size),
        "Content-Disposition": contentDisposition(row.filename),
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  });
}

export const action = methodNotAllowed("GET");
