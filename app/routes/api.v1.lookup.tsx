import type { ActionFunctionArgs } from "@remix-run/node";
import { lookupSchema } from "~/lib/case-schemas";
import { lookupResultSchema } from "~/lib/openapi-responses";
import { requireUser } from "~/services/auth.server";
import { publicLookup } from "~/services/cases.server";
import { allowMethods, api, consumeLookup, methodNotAllowed, parseWith, readJson, reply } from "~/lib/openapi.server";

/**
 * POST /api/v1/lookup {caseNo, phone}: a case's progress by its number and a party's phone,
 * names masked. POST so the phone stays out of URLs and logs; the /lookup page's limit applies.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  requireUser(request);
  return api(async () => {
    allowMethods(request, "POST");
    const { caseNo, phone } = parseWith(lookupSchema, await readJson(request));
    // Counted before the database is asked, so parallel guesses cannot slip under the limit.
    await consumeLookup(context?.ip ?? "unknown");
    return reply(lookupResultSchema, publicLookup(caseNo, phone));
  });
}

export const loader = methodNotAllowed("POST");
