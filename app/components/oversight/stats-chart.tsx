// A chart of one statistics table, drawn by Chart.js in the browser. The library (~70 kB gzipped)
// is imported only here, and only after the page has hydrated: its chunk loads on the statistics
// pages alone, and the tables beside the charts work without it (ADR 018). The canvas is an
// image to assistive technology; the table under it carries the same figures.
import { useEffect, useRef, useState } from "react";
import { heading, type StatsTable } from "./stats-model";

type ChartModule = typeof import("./stats-chartjs");
let loading: Promise<ChartModule> | null = null;

/** One import per page; the module registers only the parts these charts use (tree-shaken). */
function loadChartJs(): Promise<ChartModule> {
  loading ??= import("./stats-chartjs");
  return loading;
}

// Distinguishable in colour and in grey (WCAG 1.4.1: the table carries the values anyway).
const COLOURS = ["#0b5cad", "#1a7f37", "#b42318", "#9a6700", "#6f42c1", "#57606a", "#0e7c86", "#c2185b"];
const FONT = '"PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", system-ui, sans-serif';

function heightOf(table: StatsTable): string {
  if (table.chart?.kind === "hbar") return `${Math.max(12, table.rows.length * 2 + 4)}rem`;
  return table.chart?.kind === "doughnut" ? "16rem" : "18rem";
}

export function StatsChart({ table, describedBy }: { table: StatsTable; describedBy?: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [failed, setFailed] = useState(false);
  const spec = table.chart;

  useEffect(() => {
    if (!spec || !canvas.current) return;
    let chart: { destroy(): void } | null = null;
    let cancelled = false;
    const labels = table.rows.map((r) => String(r[0]));
    const datasets = spec.series.map((col, i) => ({
      label: heading(table.columns[col]),
      // A withheld figure (null) is a gap, not a zero.
      data: table.rows.map((r) => (typeof r[col] === "number" ? (r[col] as number) : null)),
      backgroundColor: spec.kind === "doughnut" ? COLOURS : COLOURS[i % COLOURS.length],
      borderColor: spec.kind === "doughnut" ? "#ffffff" : COLOURS[i % COLOURS.length],
      borderWidth: spec.kind === "line" ? 2 : 1,
    }));
    loadChartJs()
      .then(({ Chart }) => {
        if (cancelled || !canvas.current) return;
        Chart.defaults.font.family = FONT;
        chart = new Chart(canvas.current, {
          type: spec.kind === "hbar" ? "bar" : spec.kind,
          data: { labels, datasets },
          options: {
            indexAxis: spec.kind === "hbar" ? "y" : "x",
            responsive: true,
            maintainAspectRatio: false,
            animation: false,
            plugins: { legend: { display: spec.kind === "doughnut" || spec.series.length > 1, position: "bottom" } },
            scales: spec.kind === "doughnut" ? {} : { [spec.kind === "hbar" ? "x" : "y"]: { beginAtZero: true, ...(spec.max ? { max: spec.max } : {}) } },
          },
        } as never);
      })
      .catch(() => setFailed(true));
    return () => {
      cancelled = true;
      chart?.destroy();
    };
  }, [table, spec]);

  if (!spec) return null;
  return (
    <div style={{ position: "relative", height: heightOf(table), width: "100%" }}>
      {failed ? (
        <p className="muted">图表未能加载，请查看下方数据表。</p>
      ) : (
        <canvas ref={canvas} role="img" aria-label={`${table.title}图表，数据见下方表格`} aria-describedby={describedBy} data-chart={table.id} />
      )}
    </div>
  );
}
