import { openApiDocument } from "~/lib/openapi";
import { methodNotAllowed } from "~/lib/openapi.server";

/**
 * GET /api/v1/openapi.json: the API's description, generated from the zod schemas. Public, like
 * any API's reference: it holds no data, and integrators' tools fetch it before they have a token.
 */
export async function loader() {
  return Response.json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } });
}

export const action = methodNotAllowed("GET");
