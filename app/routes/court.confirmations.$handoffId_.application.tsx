// The 司法确认申请书 of one application, for the judges of the court it was sent to (it carries every
// party's full identity and contact, which the other side's view masks).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/services/auth.server";
import { courtApplication, issueApplicationOnce } from "~/services/confirmation.server";
import { orErrorPage, pdfDownload } from "~/services/route-helpers.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireRole(request, "judge");
  return orErrorPage(async () => {
    const h = courtApplication(user, params.handoffId ?? "");
    // Assembled when the last party signed; if that failed, now.
    const m = await issueApplicationOnce(h.id);
    return pdfDownload(m.application, "司法确认申请书.pdf", "application.pdf", "inline");
  });
}
