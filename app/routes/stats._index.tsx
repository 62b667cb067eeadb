// 数据公开 / 统计: everyone sees the public page (aggregates only, small groups merged); staff —
// organisation heads, judges, 分流员, the admin — see their own scope in full and may filter by
// organisation (server/oversight/stats/scope.ts). Charts are drawn in the browser (lazy-loaded
// Chart.js); every chart has its table, and every table a CSV download.
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useNavigation } from "@remix-run/react";
import { StatsChart } from "~/components/oversight/stats-chart";
import { StatsDefinitions } from "~/components/oversight/stats-definitions";
import { StatsFilters } from "~/components/oversight/stats-filters";
import { StatsSummary } from "~/components/oversight/stats-summary";
import { StatsTableView } from "~/components/oversight/stats-table";
import { isAppError, optionalUser } from "~/services/auth.server";
import { statsPage, type StatsPage } from "~/services/stats.server";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: `${d && d.view === "staff" ? "统计分析" : "数据公开"} · 云解纷` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = optionalUser(request);
  const params = new URL(request.url).searchParams;
  try {
    return data<StatsPage & { error: string | null }>({ ...statsPage(user, params), error: null });
  } catch (e) {
    if (!isAppError(e)) throw e;
    if (e.code !== "BAD_INPUT") throw new Response(e.message, { status: e.status });
    // A bad filter: say so above the form, and show the default period instead.
    const keep = new URLSearchParams(params.get("view") === "public" ? { view: "public" } : {});
    return data<StatsPage & { error: string | null }>({ ...statsPage(user, keep), error: e.message }, { status: 400 });
  }
}

function queryOf(d: StatsPage): string {
  const q = new URLSearchParams({ from: d.filters.from, to: d.filters.to });
  if (d.filters.region) q.set("region", d.filters.region);
  if (d.filters.orgId) q.set("org", d.filters.orgId);
  if (d.view === "public" && d.staffAvailable) q.set("view", "public");
  return q.toString();
}

export default function Stats() {
  const d = useLoaderData<typeof loader>();
  const busy = useNavigation().state === "loading";
  const isPublic = d.view === "public";
  const q = queryOf(d);
  const [summary, ...tables] = d.tables;
  const period = d.filters.from === d.filters.to ? d.filters.from : `${d.filters.from} 至 ${d.filters.to}`;
  return (
    <>
      <h1>{isPublic ? "数据公开" : "统计分析"}</h1>
      <p className="muted">
        {d.scopeLabel} · {period}
        {isPublic ? "（汇总数据，不含任何个人信息）" : ""}
      </p>
      {d.staffAvailable ? (
        <p>{isPublic ? <Link to="/stats">返回本单位统计（可按调解组织筛选）</Link> : <Link to="/stats?view=public">查看公开页面（公众所见）</Link>}</p>
      ) : null}
      {d.error ? (
        <p className="form-error" role="alert">
          {d.error}
        </p>
      ) : null}
      <StatsFilters filters={d.filters} options={d.options} publicView={isPublic && d.staffAvailable} busy={busy} />
      {d.notice ? (
        <p className="notice" role="status">
          {d.notice}
        </p>
      ) : null}

      <section aria-labelledby="t-summary">
        <h2 id="t-summary">{summary.title}</h2>
        <StatsSummary table={summary} minCount={d.minCount} />
        <StatsTableView table={summary} csvHref={`/stats/csv/summary?${q}`} minCount={d.minCount} />
      </section>

      {tables.map((t) => (
        <section key={t.id} className="card" aria-labelledby={`t-${t.id}`}>
          <h2 id={`t-${t.id}`}>{t.title}</h2>
          <StatsChart table={t} describedBy={`c-${t.id}`} />
          {t.note ? <p>{t.note}</p> : null}
          <StatsTableView table={t} csvHref={`/stats/csv/${t.id}?${q}`} minCount={d.minCount} captionId={`c-${t.id}`} />
        </section>
      ))}

      <StatsDefinitions minCount={d.minCount} isPublic={isPublic} />
    </>
  );
}
