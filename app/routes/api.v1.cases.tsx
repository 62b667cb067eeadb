import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { formatCaseNo } from "~/lib/case-format";
import { caseListQuerySchema } from "~/lib/openapi-schemas";
import { caseListSchema, submitResultSchema } from "~/lib/openapi-responses";
import { requireUser } from "~/services/auth.server";
import { fileCase, listCases, sourceFor } from "~/services/cases.server";
import { allowMethods, api, badInput, parseFiling, parseQuery, readJson, reply } from "~/lib/openapi.server";

/** GET /api/v1/cases: the cases the caller may see, 20 a page, filtered like the case list page. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request);
  return api(() => reply(caseListSchema, listCases(user, parseQuery(caseListQuerySchema, request))));
}

/**
 * POST /api/v1/cases: a draft created and submitted in one call. The body is validated before
 * the draft exists, so bad input writes nothing.
 */
export async function action({ request }: ActionFunctionArgs) {
  const user = requireUser(request);
  return api(async () => {
    allowMethods(request, "POST");
    // A referral needs its power of attorney uploaded onto a draft before it can be submitted.
    if (sourceFor(user) === "lawyer_referral")
      throw badInput("律调对接须先上传授权委托书：请先创建草稿（POST /api/v1/cases/drafts），上传授权委托书后再提交", "powerOfAttorney");
    const input = parseFiling(user, await readJson(request));
    const result = await fileCase(user, input);
    const caseId = result.caseId;
    return reply(
      submitResultSchema,
      { ...result, caseNoText: formatCaseNo(result.caseNo) },
      { status: 201, headers: { Location: `/api/v1/cases/${caseId}` } },
    );
  });
}
