import type { ActionFunctionArgs } from "@remix-run/node";
import { draftCreatedSchema } from "~/lib/openapi-responses";
import { requireUser } from "~/services/auth.server";
import { createDraft } from "~/services/cases.server";
import { allowMethods, api, methodNotAllowed, reply } from "~/lib/openapi.server";

/** POST /api/v1/cases/drafts: an empty draft, for filings that need files before submitting. */
export async function action({ request }: ActionFunctionArgs) {
  const user = requireUser(request);
  return api(() => {
    allowMethods(request, "POST");
    const caseId = createDraft(user);
    return reply(draftCreatedSchema, { caseId }, { status: 201, headers: { Location: `/api/v1/cases/${caseId}` } });
  });
}

export const loader = methodNotAllowed("POST");
