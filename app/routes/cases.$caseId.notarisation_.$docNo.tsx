// Downloads of the case's 公证书 and 执行证书: for everyone who may see the case (both parties, the
// notary office, the mediator). Anyone else gets 404, as for the case itself.
import { createReadableStreamFromReadable, type LoaderFunctionArgs } from "@remix-run/node";
import { isAppError, requireUser } from "~/services/auth.server";
import { loadCaseFor } from "~/services/cases.server";
import { readBlobStream } from "~/services/evidence.server";
import { notarisationDocuments } from "~/services/notarisation.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  try {
    const view = loadCaseFor(user, params.caseId ?? "");
    const doc = notarisationDocuments(view.row.id).find((d) => d.docNo === params.docNo);
    if (!doc) throw new Response("未找到该文书", { status: 404 });
    const name = `${doc.kindLabel}-${doc.docNo}.pdf`;
    return new Response(createReadableStreamFromReadable(readBlobStream(doc.pdfSha256)), {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Length": String(doc.pdfSize),
        "Content-Disposition": `attachment; filename="${doc.docNo}.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`,
        "Cache-Control": "private, max-age=3600",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (e) {
    if (isAppError(e)) throw new Response(e.message, { status: e.status });
    throw e;
  }
}
