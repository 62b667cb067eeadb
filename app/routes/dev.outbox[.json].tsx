// GET /dev/outbox.json?to=PHONE&page=N — the outbox for tests and scripts, newest first.
// (GET /dev/outbox?format=json redirects here.) Same access rule as the page.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { listOutbox, requireOutboxAccess } from "~/services/notify.server";

export async function loader({ request }: LoaderFunctionArgs) {
  requireOutboxAccess(request);
  const url = new URL(request.url);
  const to = url.searchParams.get("to")?.trim() || undefined;
  const result = listOutbox({ to, page: Number(url.searchParams.get("page")) || 1 });
  return Response.json(
    {
      ...result,
      rows: result.rows.map((r) => ({ id: r.id, at: r.at.toISOString(), channel: r.channel, to: r.to, body: r.body })),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}
