// The shape of every statistic on its way to the page: a table with a caption and headings, drawn
// as a chart in the browser, shown as an accessible table beside it, and exported as CSV from the
// very same rows (so the three never disagree). Client-safe: the server builds these
// (server/oversight/stats/report.ts), the page renders them.

/** null = withheld on the public page (fewer than MIN_PUBLIC_COUNT cases behind it). */
export type Cell = string | number | null;

export type ChartKind = "bar" | "hbar" | "line" | "doughnut";

export const TABLE_IDS = ["summary", "month", "category", "kind", "region", "org", "outcomes", "duration", "handoff", "instalments", "satisfaction"] as const;
export type TableId = (typeof TABLE_IDS)[number];

export type StatsTable = {
  id: TableId;
  title: string;
  /** The table's caption: what is counted, over what. */
  caption: string;
  /** Headings; the first column labels the rows. A unit is shown in the heading, e.g. 成功率（%）. */
  columns: { label: string; unit?: "件" | "期" | "%" | "天" | "分" | "条" }[];
  rows: Cell[][];
  /** Which columns the chart draws, and how; null = a table only. */
  chart: { kind: ChartKind; series: number[]; max?: number } | null;
  note?: string;
};

export function heading(c: StatsTable["columns"][number]): string {
  return c.unit ? `${c.label}（${c.unit}）` : c.label;
}

/** What a withheld figure reads as, on the page and in the CSV. */
export function withheldText(c: StatsTable["columns"][number], k: number): string {
  return c.unit === "件" || c.unit === "期" || c.unit === "条" ? `少于${k}` : "样本不足";
}
