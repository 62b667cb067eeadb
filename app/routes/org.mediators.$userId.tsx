// One mediator's record: for the heads of their organisation and the admin, every rating with its
// comment; for the mediator themself, the sums only (ADR 017). Anyone else: 403 or 404.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { RecordRatingLines } from "~/components/oversight/record-ratings";
import { RecordCases, RecordRatings } from "~/components/oversight/record-summary";
import { isAppError, requireUser } from "~/services/auth.server";
import { mediatorRecord } from "~/services/ratings.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.mediator.name ?? "调解员"}的档案 · 云解纷` }];

const querySchema = z.object({ page: z.coerce.number().int().min(1).max(10_000).catch(1) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const q = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  try {
    return mediatorRecord(user, params.userId ?? "", { page: q.page });
  } catch (e) {
    if (isAppError(e)) throw new Response(e.message, { status: e.status });
    throw e;
  }
}

export default function MediatorRecordPage() {
  const d = useLoaderData<typeof loader>();
  return (
    <>
      {d.self && d.viewer === "mediator" ? null : (
        <p>
          <Link to="/org/mediators">← 调解员档案</Link>
        </p>
      )}
      <h1>{d.self ? "我的调解员档案" : `调解员档案：${d.mediator.name}`}</h1>
      <p className="muted">
        {d.orgs.length ? d.orgs.map((o) => `${o.name}${o.head ? "（负责人）" : ""}`).join("、") : "未加入调解组织"}
        {!d.self && d.viewer === "head" ? "。仅统计您负责的调解组织的案件和评价。" : ""}
      </p>
      <RecordCases cases={d.cases} />
      <RecordRatings ratings={d.ratings} self={d.self} min={d.minForOwnAverage} />
      {d.lines ? <RecordRatingLines lines={d.lines} /> : null}
    </>
  );
}
