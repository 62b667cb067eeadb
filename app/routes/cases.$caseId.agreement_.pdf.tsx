import type { LoaderFunctionArgs } from "@remix-run/node";
import { isAppError, requireUser } from "~/services/auth.server";
import { agreementOfCase, issueAgreementPdfOnce } from "~/services/agreements.server";
import { loadCaseFor } from "~/services/cases.server";
import { pdfDownload } from "~/services/route-helpers.server";
import { formatDocNo } from "~/lib/agreement-enums";

/** Every party (and the mediator, the organisation, the court) downloads the effective agreement. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  try {
    const view = loadCaseFor(user, params.caseId ?? "");
    const found = agreementOfCase(view.row.id);
    if (!found || found.status !== "effective") throw new Response("调解协议尚未生效，暂无可下载的协议文本", { status: 404 });
    // Issued right after the last signature; if that failed, now.
    const a = found.pdfSha256 ? found : await issueAgreementPdfOnce(found.id);
    return pdfDownload({ sha256: a.pdfSha256!, size: a.pdfSize! }, `调解协议书-${formatDocNo(a.docNo)}.pdf`, "agreement.pdf");
  } catch (e) {
    if (isAppError(e)) throw new Response(e.message, { status: e.status });
    throw e;
  }
}
