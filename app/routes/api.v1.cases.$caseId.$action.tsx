import type { ActionFunctionArgs } from "@remix-run/node";
import type { z } from "zod";
import { CASE_STATUS_LABELS, type CaseStatus } from "~/lib/case-enums";
import { CASE_ACTION_ENDPOINTS, isCaseActionEndpoint, type CaseActionEndpoint } from "~/lib/openapi-schemas";
import { caseActionResultSchema } from "~/lib/openapi-responses";
import { allowMethods, api, methodNotAllowed, notFound, parseWith, readJson, reply } from "~/lib/openapi.server";
import { requireUser } from "~/services/auth.server";
import {
  acceptCase,
  agreeToDisclosure,
  assignByHand,
  consent,
  declineCase,
  loadCaseFor,
  refuse,
  requestMediatorChange,
  setRisk,
  withdrawCase,
} from "~/services/cases.server";

type User = ReturnType<typeof requireUser>;
type Body<K extends CaseActionEndpoint> = z.output<(typeof CASE_ACTION_ENDPOINTS)[K]["body"]>;
type Changed = { id: string; status: CaseStatus; version: number };

/** One service call per URL word; the compiler insists every word in CASE_ACTION_ENDPOINTS has one. */
const RUN: { [K in CaseActionEndpoint]: (user: User, caseId: string, body: Body<K>) => Promise<Changed> } = {
  accept: (u, id, b) => acceptCase(u, id, b),
  decline: (u, id, b) => declineCase(u, id, b.reason),
  assign: (u, id, b) => assignByHand(u, id, b),
  risk: (u, id, b) => setRisk(u, id, b),
  withdraw: (u, id, b) => withdrawCase(u, id, b.reason),
  consent: (u, id) => consent(u, id),
  refuse: (u, id, b) => refuse(u, id, b.reason),
  "mediator-change": (u, id, b) => requestMediatorChange(u, id, b.reason),
  "disclosure-agree": (u, id) => agreeToDisclosure(u, id),
};

/** POST /api/v1/cases/{caseId}/{accept|decline|assign|…}: one step of the case's workflow. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request);
  return api(async () => {
    const word = params.action ?? "";
    if (!isCaseActionEndpoint(word)) return notFound();
    allowMethods(request, "POST");
    const caseId = params.caseId ?? "";
    loadCaseFor(user, caseId); // 404 before 400: a stranger learns nothing from validation
    const body = parseWith(CASE_ACTION_ENDPOINTS[word].body, await readJson(request));
    const row = await (RUN[word] as (u: User, id: string, b: unknown) => Promise<Changed>)(user, caseId, body);
    return reply(caseActionResultSchema, { id: row.id, status: row.status, statusText: CASE_STATUS_LABELS[row.status], version: row.version });
  });
}

export const loader = methodNotAllowed("POST");
