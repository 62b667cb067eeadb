import type { ActionFunctionArgs } from "@remix-run/node";
import { formatCaseNo } from "~/lib/case-format";
import { submitResultSchema } from "~/lib/openapi-responses";
import { requireUser } from "~/services/auth.server";
import { loadCaseFor, submitDraft } from "~/services/cases.server";
import { parseFiling } from "../../server/api/filing.server";
import { allowMethods, api, readJson, reply } from "../../server/api/http.server";

/** POST /api/v1/cases/{caseId}/submit: submits a draft (with its uploaded files) for routing. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request);
  return api(async () => {
    allowMethods(request, "POST");
    const caseId = params.caseId ?? "";
    loadCaseFor(user, caseId); // 404 before 400: a stranger learns nothing from validation
    const result = await submitDraft(user, caseId, parseFiling(user, await readJson(request)));
    return reply(submitResultSchema, { ...result, caseNoText: formatCaseNo(result.caseNo) });
  });
}
