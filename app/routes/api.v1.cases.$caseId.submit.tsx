import type { ActionFunctionArgs } from "@remix-run/node";
import { formatCaseNo } from "~/lib/case-format";
import { submitResultSchema } from "~/lib/openapi-responses";
import { requireUser } from "~/services/auth.server";
import { loadCaseFor, submitDraft } from "~/services/cases.server";
import { allowMethods, api, conflict, methodNotAllowed, parseFiling, readJson, reply } from "~/lib/openapi.server";

/** POST /api/v1/cases/{caseId}/submit: submits a draft (with its uploaded files) for routing. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request);
  return api(async () => {
    allowMethods(request, "POST");
    const caseId = params.caseId ?? "";
    loadCaseFor(user, caseId); // 404 before 400: a stranger learns nothing from validation
    const input = parseFiling(user, await readJson(request));
    // submitDraft does not refuse a case that is no longer a draft (it would file it again).
    // Nothing is awaited between this check and its transaction, so two submits cannot both pass.
    if (loadCaseFor(user, caseId).row.status !== "draft") return conflict("申请已提交，不能重复提交");
    const result = await submitDraft(user, caseId, input);
    return reply(submitResultSchema, { ...result, caseNoText: formatCaseNo(result.caseNo) });
  });
}

export const loader = methodNotAllowed("POST");
