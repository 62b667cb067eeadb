// The 民事裁定书 of one application, for everyone on the case (the parties, the mediator, the court).
import { createReadableStreamFromReadable, type LoaderFunctionArgs } from "@remix-run/node";
import { isAppError, requireUser } from "~/services/auth.server";
import { loadCaseFor } from "~/services/cases.server";
import { confirmationById, rulingOf } from "~/services/confirmation.server";
import { readBlobStream } from "~/services/evidence.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  try {
    const view = loadCaseFor(user, params.caseId ?? "");
    const h = confirmationById(params.handoffId ?? "");
    const doc = h && h.caseId === view.row.id ? rulingOf(h) : undefined;
    if (!doc) throw new Response("该申请尚无民事裁定书", { status: 404 });
    const name = `民事裁定书-${h!.refNo}.pdf`;
    return new Response(createReadableStreamFromReadable(readBlobStream(doc.pdfSha256)), {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Length": String(doc.pdfSize),
        "Content-Disposition": `attachment; filename="ruling.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`,
        "Cache-Control": "private, max-age=3600",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (e) {
    if (isAppError(e)) throw new Response(e.message, { status: e.status });
    throw e;
  }
}
