// One statistics table: a caption saying what is counted, column headings with their units, row
// headings, figures right-aligned, withheld figures spelled out, and the same table as CSV.
import { heading, withheldText, type Cell, type StatsTable } from "./stats-model";

function text(v: Cell, col: StatsTable["columns"][number], minCount: number): string {
  if (v === null) return withheldText(col, minCount);
  return typeof v === "number" ? v.toLocaleString("zh-CN", { maximumFractionDigits: 2 }) : v;
}

export function StatsTableView({ table, csvHref, minCount, captionId }: { table: StatsTable; csvHref: string; minCount: number; captionId?: string }) {
  const [first, ...rest] = table.columns;
  return (
    <>
      <div className="table-wrap">
        <table className="data" data-table={table.id}>
          <caption id={captionId} style={{ textAlign: "left", padding: ".25rem 0 .5rem" }}>
            {table.caption}
          </caption>
          <thead>
            <tr>
              <th scope="col">{heading(first)}</th>
              {rest.map((c) => (
                <th scope="col" key={c.label} style={{ textAlign: "right" }}>
                  {heading(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.length === 0 ? (
              <tr>
                <td colSpan={table.columns.length} className="muted">
                  所选期间和范围内没有数据
                </td>
              </tr>
            ) : (
              table.rows.map((r, i) => (
                <tr key={`${String(r[0])}-${i}`}>
                  <th scope="row">{text(r[0], first, minCount)}</th>
                  {rest.map((c, j) => (
                    <td key={c.label} style={{ textAlign: "right", whiteSpace: "nowrap" }}>
                      {text(r[j + 1], c, minCount)}
                    </td>
                  ))}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <p>
        <a href={csvHref} download>
          下载CSV：{table.title}
        </a>
      </p>
    </>
  );
}
