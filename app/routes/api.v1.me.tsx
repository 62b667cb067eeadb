import type { LoaderFunctionArgs } from "@remix-run/node";
import { orgsOfUser } from "~/services/admin.server";
import { requireUser } from "~/services/auth.server";

/** The signed-in user, for API clients (Authorization: Bearer) and the browser alike. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request);
  return Response.json({ id: user.id, name: user.name, role: user.role, orgs: orgsOfUser(user.id) });
}
