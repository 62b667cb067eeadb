// Downloads of the case's 公证书 and 执行证书: for everyone who may see the case (both parties, the
// notary office, the mediator). Anyone else gets 404, as for the case itself.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/services/auth.server";
import { loadCaseFor } from "~/services/cases.server";
import { notarisationDocuments } from "~/services/notarisation.server";
import { orErrorPage, pdfDownload } from "~/services/route-helpers.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  return orErrorPage(() => {
    const view = loadCaseFor(user, params.caseId ?? "");
    const doc = notarisationDocuments(view.row.id).find((d) => d.docNo === params.docNo);
    if (!doc) throw new Response("未找到该文书", { status: 404 });
    return pdfDownload({ sha256: doc.pdfSha256, size: doc.pdfSize }, `${doc.kindLabel}-${doc.docNo}.pdf`, `${doc.docNo}.pdf`);
  });
}
