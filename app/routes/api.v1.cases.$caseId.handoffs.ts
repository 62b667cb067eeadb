import type { LoaderFunctionArgs } from "@remix-run/node";
import { caseHandoffsSchema } from "~/lib/openapi-handoffs";
import { api, methodNotAllowed, reply } from "~/lib/openapi.server";
import { requireUser } from "~/services/auth.server";
import { caseHandoffs } from "~/services/handoffs-api.server";

/** GET /api/v1/cases/{caseId}/handoffs: 司法确认, 赋强公证 and transfers of the case; 404 for anyone without standing. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  return api(() => reply(caseHandoffsSchema, caseHandoffs(user, params.caseId ?? "")));
}

export const action = methodNotAllowed("GET");
