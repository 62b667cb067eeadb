import type { LoaderFunctionArgs } from "@remix-run/node";
import { mediationOrgListSchema } from "~/lib/openapi-responses";
import { requireRole } from "~/services/auth.server";
import { mediationOrgOptions } from "~/services/cases.server";
import { api, methodNotAllowed, reply } from "~/lib/openapi.server";

/**
 * GET /api/v1/mediation-orgs: active mediation organisations and their mediators, for those who
 * choose one (a court referring a case, a dispatcher or organisation head assigning it).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "judge", "dispatcher", "mediator", "admin");
  return api(() => reply(mediationOrgListSchema, { items: mediationOrgOptions() }));
}

export const action = methodNotAllowed("GET");
