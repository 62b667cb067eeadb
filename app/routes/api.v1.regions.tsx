import type { LoaderFunctionArgs } from "@remix-run/node";
import { childrenOf, isRegionCodeShape } from "~/services/regions.server";

/**
 * GET /api/v1/regions?parent=CODE → { items: [{ code, name }] }: the divisions under CODE, or the
 * provinces without it. Public and cacheable: the data only changes with a package update.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const parent = new URL(request.url).searchParams.get("parent")?.trim() || null;
  if (parent !== null && !isRegionCodeShape(parent)) {
    return Response.json(
      { error: { code: "BAD_INPUT", message: "行政区划代码格式不正确：应为2、4、6或9位数字", field: "parent" } },
      { status: 400 },
    );
  }
  return Response.json({ items: childrenOf(parent) }, { headers: { "Cache-Control": "public, max-age=86400" } });
}
