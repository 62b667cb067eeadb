// The headline figures as tiles (the same rows as the 主要指标 table below them).
import type { StatsTable } from "./stats-model";

export function StatsSummary({ table, minCount }: { table: StatsTable; minCount: number }) {
  return (
    <dl className="grid grid-4" style={{ margin: "0 0 1rem" }}>
      {table.rows.map((r) => (
        <div key={String(r[0])} className="card" style={{ marginBottom: 0 }}>
          <dt className="muted" style={{ fontSize: ".9rem" }}>
            {r[0]}
          </dt>
          <dd style={{ margin: 0, fontSize: "1.6rem", fontWeight: 700 }}>{r[1] === null ? (String(r[0]).includes("（件）") ? `少于${minCount}` : "样本不足") : typeof r[1] === "number" ? r[1].toLocaleString("zh-CN", { maximumFractionDigits: 2 }) : r[1]}</dd>
          <dd className="muted" style={{ margin: 0, fontSize: ".85rem" }}>
            {r[2] === "—" ? "" : r[2]}
          </dd>
        </div>
      ))}
    </dl>
  );
}
