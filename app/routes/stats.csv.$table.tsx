// One statistics table as CSV (UTF-8 with BOM, so Excel opens the Chinese), with the same scope,
// filters and small-group rules as the page it is linked from.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvHeaders } from "~/lib/csv";
import { isAppError, optionalUser } from "~/services/auth.server";
import { statsCsv } from "~/services/stats.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = optionalUser(request);
  try {
    const { body, filename, ascii } = statsCsv(user, params.table ?? "", new URL(request.url).searchParams);
    return new Response(body, { headers: csvHeaders(filename, ascii) });
  } catch (e) {
    if (!isAppError(e)) throw e;
    return new Response(e.message, { status: e.status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
}
