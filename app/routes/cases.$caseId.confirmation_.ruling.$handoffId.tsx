// The 民事裁定书 of one application, for everyone on the case (the parties, the mediator, the court).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/services/auth.server";
import { loadCaseFor } from "~/services/cases.server";
import { confirmationById, rulingOf } from "~/services/confirmation.server";
import { orErrorPage, pdfDownload } from "~/services/route-helpers.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  return orErrorPage(() => {
    const view = loadCaseFor(user, params.caseId ?? "");
    const h = confirmationById(params.handoffId ?? "");
    const doc = h && h.caseId === view.row.id ? rulingOf(h) : undefined;
    if (!doc) throw new Response("该申请尚无民事裁定书", { status: 404 });
    return pdfDownload({ sha256: doc.pdfSha256, size: doc.pdfSize }, `民事裁定书-${h!.refNo}.pdf`, "ruling.pdf");
  });
}
