import type { LoaderFunctionArgs } from "@remix-run/node";
import { caseDetailSchema } from "~/lib/openapi-responses";
import { requireUser } from "~/services/auth.server";
import { caseDetail, loadCaseFor } from "~/services/cases.server";
import { api, methodNotAllowed, reply } from "~/lib/openapi.server";

/** GET /api/v1/cases/{caseId}: the case as the caller may see it; 404 for anyone without standing. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  return api(() => reply(caseDetailSchema, caseDetail(loadCaseFor(user, params.caseId ?? ""))));
}

export const action = methodNotAllowed("GET");
