import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/lib/openapi.server";

// An unknown /api/v1 path answers JSON for any method. The site-wide splat ($.tsx) has a
// component, so Remix would render its 404 as an HTML page, and a POST there gets a 405.
export async function loader({ request }: LoaderFunctionArgs) {
  return notFound(`没有这个接口：${request.method} ${new URL(request.url).pathname}（接口说明见 /api/v1/openapi.json）`);
}

export const action = loader;
