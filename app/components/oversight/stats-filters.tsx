// The filters of the statistics page: a plain GET form, so every view has a URL (and a CSV link).
import { Form } from "@remix-run/react";

type Props = {
  filters: { from: string; to: string; region: string | null; orgId: string | null };
  options: { months: string[]; regions: { code: string; name: string }[]; orgs: { id: string; name: string }[] | null };
  publicView: boolean;
  busy: boolean;
};

const label = (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5))}月`;
const select = { font: "inherit", padding: ".5rem", minHeight: "44px", border: "1px solid #8c959f", borderRadius: "8px", background: "#fff", width: "100%" } as const;

export function StatsFilters({ filters, options, publicView, busy }: Props) {
  return (
    <Form method="get" className="card" aria-label="筛选统计范围">
      {publicView ? <input type="hidden" name="view" value="public" /> : null}
      <div className="grid grid-4">
        <MonthSelect id="stats-from" name="from" label="起始月份" value={filters.from} months={options.months} />
        <MonthSelect id="stats-to" name="to" label="截止月份" value={filters.to} months={options.months} />
        <div className="field">
          <label htmlFor="stats-region">地区（县、区）</label>
          <select id="stats-region" name="region" defaultValue={filters.region ?? ""} style={select}>
            <option value="">全部地区</option>
            {options.regions.map((r) => (
              <option key={r.code} value={r.code}>
                {r.name}
              </option>
            ))}
          </select>
        </div>
        {options.orgs ? (
          <div className="field">
            <label htmlFor="stats-org">调解组织</label>
            <select id="stats-org" name="org" defaultValue={filters.orgId ?? ""} style={select}>
              <option value="">全部组织</option>
              {options.orgs.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
      </div>
      <p className="row" style={{ marginBottom: 0 }}>
        <button type="submit" className="btn" disabled={busy}>
          {busy ? "查询中…" : "查询"}
        </button>
      </p>
    </Form>
  );
}

function MonthSelect({ id, name, label: text, value, months }: { id: string; name: string; label: string; value: string; months: string[] }) {
  return (
    <div className="field">
      <label htmlFor={id}>{text}</label>
      <select id={id} name={name} defaultValue={value} style={select}>
        {months.map((m) => (
          <option key={m} value={m}>
            {label(m)}
          </option>
        ))}
      </select>
    </div>
  );
}
