import { createReadableStreamFromReadable, type LoaderFunctionArgs } from "@remix-run/node";
import { isAppError, requireUser } from "~/services/auth.server";
import { agreementOfCase, issueAgreementPdfOnce } from "~/services/agreements.server";
import { loadCaseFor } from "~/services/cases.server";
import { readBlobStream } from "~/services/evidence.server";
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
    const name = `调解协议书-${formatDocNo(a.docNo)}.pdf`;
    return new Response(createReadableStreamFromReadable(readBlobStream(a.pdfSha256!)), {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Length": String(a.pdfSize),
        "Content-Disposition": `attachment; filename="agreement.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`,
        "Cache-Control": "private, max-age=3600",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (e) {
    if (isAppError(e)) throw new Response(e.message, { status: e.status });
    throw e;
  }
}
