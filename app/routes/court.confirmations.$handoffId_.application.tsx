// The 司法确认申请书 of one application, for the judges of the court it was sent to (it carries every
// party's full identity and contact, which the other side's view masks).
import { createReadableStreamFromReadable, type LoaderFunctionArgs } from "@remix-run/node";
import { isAppError, requireRole } from "~/services/auth.server";
import { courtApplication, issueApplicationOnce } from "~/services/confirmation.server";
import { readBlobStream } from "~/services/evidence.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireRole(request, "judge");
  try {
    const h = courtApplication(user, params.handoffId ?? "");
    // Assembled when the last party signed; if that failed, now.
    const m = await issueApplicationOnce(h.id);
    return new Response(createReadableStreamFromReadable(readBlobStream(m.application.sha256)), {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Length": String(m.application.size),
        "Content-Disposition": `inline; filename="application.pdf"; filename*=UTF-8''${encodeURIComponent("司法确认申请书.pdf")}`,
        "Cache-Control": "private, max-age=3600",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (e) {
    if (isAppError(e)) throw new Response(e.message, { status: e.status });
    throw e;
  }
}
