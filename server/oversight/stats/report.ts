// Every statistic of the statistics pages, one function per chart, each reading the precomputed
// tables and returning a StatsTable. On the public page small groups are merged or withheld
// (anonymity.ts): no row resting on 1 to 4 cases shows any figure; staff see the numbers of their
// scope as they are.
import { MEDIATION_KIND_LABELS, type MediationKind } from "../../../app/lib/case-enums";
import { enough, mergeSmall, withholdRow, withholdSmall, type Group } from "./anonymity";
import { MIN_PUBLIC_COUNT as K } from "./definitions";
import { addMonths } from "./filters";
import { caseSums, dayBins, instalmentSums, ratingSums, totals, ZERO, type Sums, type Where } from "./queries";
import { countOf, DAY_RANGES, inRanges, quantile, type Bin } from "./quantiles";
import type { Cell, StatsTable, TableId } from "./tables";

export type ChartContext = {
  where: Where;
  /** The public page: small groups merged or withheld. */
  pub: boolean;
  /** Today in China (YYYY-MM-DD): instalments count once their due date has passed. */
  today: string;
  orgName: (id: string) => string;
  regionLabel: (code: string) => string;
};

/** No data at all (as opposed to null: withheld). */
const NONE = "—";

const pct = (part: number, whole: number): number | string => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : NONE);
const mean = (sum: number, n: number): number | string => (n > 0 ? Math.round((sum / n) * 100) / 100 : NONE);

function add(a: Sums, b: Sums): Sums {
  const out = { ...a };
  for (const k of Object.keys(out) as (keyof Sums)[]) out[k] += b[k];
  return out;
}

/** On the public page, a figure resting on fewer than K cases is withheld. */
function guarded(ctx: ChartContext, value: Cell, base: number): Cell {
  return ctx.pub && base > 0 ? enough(value, base, K) : value;
}

/** A group's row; on the public page a group of fewer than K cases keeps its label only. */
function groupRow(ctx: ChartContext, g: Group<unknown>, figures: Cell[]): Cell[] {
  return ctx.pub ? withholdRow<Cell>(g.label, g.count, figures, K) : [g.label, ...figures];
}

function period(ctx: ChartContext): string {
  return ctx.where.from === ctx.where.to ? `${ctx.where.from}` : `${ctx.where.from}至${ctx.where.to}`;
}

type Row = { sums: Sums; bins: Bin[] };
const combineRows = (rows: Row[]): Row => ({ sums: rows.reduce((s, r) => add(s, r.sums), { ...ZERO }), bins: rows.flatMap((r) => r.bins) });

/** Groups of case sums by a dimension, small ones merged on the public page. */
function grouped(ctx: ChartContext, dim: "category" | "kind" | "region_code" | "org_id", label: (key: string) => string, other: string, bins?: Map<string, Bin[]>): Group<Row>[] {
  const groups = caseSums(ctx.where, dim)
    .filter((r) => r.filed !== 0)
    .map(({ key, ...sums }) => ({ label: label(key), count: sums.filed, data: { sums, bins: bins?.get(key) ?? [] } }));
  if (ctx.pub) return mergeSmall(groups, K, other, combineRows);
  return groups.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, "zh-CN"));
}

function binsBy(ctx: ChartContext, dim: "month" | "org_id"): Map<string, Bin[]> {
  const out = new Map<string, Bin[]>();
  for (const b of dayBins(ctx.where, dim)) out.set(b.key, [...(out.get(b.key) ?? []), { days: b.days, n: b.n }]);
  return out;
}

function months(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) out.push(m);
  return out;
}

export function monthTable(ctx: ChartContext): StatsTable {
  const byMonth = new Map(caseSums(ctx.where, "month").map(({ key, ...s }) => [key, s]));
  const bins = binsBy(ctx, "month");
  const list = months(ctx.where.from, ctx.where.to);
  const sums = list.map((m) => byMonth.get(m) ?? ZERO);
  const shown = ctx.pub ? withholdSmall(sums.map((s) => s.filed), K) : sums.map((s) => s.filed);
  return {
    id: "month",
    title: "按月收案与调解结果",
    caption: `${period(ctx)}每月收案数（按申请提交月份），及其中调解成功、调解不成的件数和成功率`,
    columns: [{ label: "月份" }, { label: "收案数", unit: "件" }, { label: "调解成功", unit: "件" }, { label: "调解不成", unit: "件" }, { label: "调解成功率", unit: "%" }, { label: "办结用时中位数", unit: "天" }],
    rows: list.map((m, i) => {
      const s = sums[i];
      if (shown[i] === null) return [m, null, null, null, null, null];
      const b = bins.get(m) ?? [];
      return [m, s.filed, s.success, s.failure, guarded(ctx, pct(s.success, s.success + s.failure), s.success + s.failure), guarded(ctx, quantile(b, 0.5) ?? NONE, countOf(b))];
    }),
    chart: { kind: "line", series: [1, 2, 3] },
  };
}

export function categoryTable(ctx: ChartContext): StatsTable {
  const groups = grouped(ctx, "category", (k) => k || "未填写", `其他（合并少于${K}件的类别）`);
  return {
    id: "category",
    title: "按纠纷类型",
    caption: `${period(ctx)}各类纠纷的收案数、调解成功与不成件数及成功率`,
    columns: [{ label: "纠纷类型" }, { label: "收案数", unit: "件" }, { label: "调解成功", unit: "件" }, { label: "调解不成", unit: "件" }, { label: "调解成功率", unit: "%" }],
    rows: groups.map((g) => {
      const s = g.data.sums;
      return groupRow(ctx, g, [s.filed, s.success, s.failure, guarded(ctx, pct(s.success, s.success + s.failure), s.success + s.failure)]);
    }),
    chart: { kind: "hbar", series: [1] },
  };
}

export function kindTable(ctx: ChartContext): StatsTable {
  const groups = grouped(ctx, "kind", (k) => MEDIATION_KIND_LABELS[k as MediationKind] ?? "尚未分流", "其他");
  const all = groups.reduce((s, g) => s + g.count, 0);
  return {
    id: "kind",
    title: "按调解类型",
    caption: `${period(ctx)}人民调解、行政调解、司法调解（特邀调解）和律师调解的收案数及占比`,
    columns: [{ label: "调解类型" }, { label: "收案数", unit: "件" }, { label: "占比", unit: "%" }],
    rows: groups.map((g) => groupRow(ctx, g, [g.count, pct(g.count, all)])),
    chart: { kind: "doughnut", series: [1] },
  };
}

export function regionTable(ctx: ChartContext): StatsTable {
  const groups = grouped(ctx, "region_code", (k) => (k ? ctx.regionLabel(k) : "未填写"), `其他地区（合并少于${K}件的地区）`);
  return {
    id: "region",
    title: "按地区（县、区）",
    caption: `${period(ctx)}纠纷发生地所在县（区）的收案数、调解成功件数及成功率`,
    columns: [{ label: "地区" }, { label: "收案数", unit: "件" }, { label: "调解成功", unit: "件" }, { label: "调解成功率", unit: "%" }],
    rows: groups.map((g) => {
      const s = g.data.sums;
      return groupRow(ctx, g, [s.filed, s.success, guarded(ctx, pct(s.success, s.success + s.failure), s.success + s.failure)]);
    }),
    chart: { kind: "bar", series: [1] },
  };
}

export function orgTable(ctx: ChartContext): StatsTable {
  const groups = grouped(ctx, "org_id", (k) => (k ? ctx.orgName(k) : "尚未分到调解组织"), `其他组织（合并少于${K}件的组织）`, binsBy(ctx, "org_id"));
  return {
    id: "org",
    title: "按调解组织",
    caption: `${period(ctx)}各调解组织的收案数、调解结果、成功率和办结用时`,
    columns: [
      { label: "调解组织" },
      { label: "收案数", unit: "件" },
      { label: "调解成功", unit: "件" },
      { label: "调解不成", unit: "件" },
      { label: "调解成功率", unit: "%" },
      { label: "用时中位数", unit: "天" },
      { label: "用时第90百分位", unit: "天" },
    ],
    rows: groups.map((g) => {
      const s = g.data.sums;
      const n = countOf(g.data.bins);
      return groupRow(ctx, g, [
        s.filed,
        s.success,
        s.failure,
        guarded(ctx, pct(s.success, s.success + s.failure), s.success + s.failure),
        guarded(ctx, quantile(g.data.bins, 0.5) ?? NONE, n),
        guarded(ctx, quantile(g.data.bins, 0.9) ?? NONE, n),
      ]);
    }),
    chart: { kind: "hbar", series: [1] },
  };
}

export function outcomesTable(ctx: ChartContext): StatsTable {
  const t = totals(ctx.where);
  const labels: [string, number][] = [
    ["调解成功（调解协议已生效）", t.success],
    ["调解不成（含已移送仲裁、诉讼）", t.failure],
    ["已达成调解意向，协议尚未生效", t.agreed],
    ["待分流、待受理、待同意或调解中", t.open],
    ["未进入调解（拒绝、未答复或撤回）", t.ended],
  ];
  const counts = ctx.pub ? withholdSmall(labels.map(([, n]) => n), K) : labels.map(([, n]) => n);
  const rate = guarded(ctx, pct(t.success, t.success + t.failure), t.success + t.failure);
  return {
    id: "outcomes",
    title: "调解结果与成功率",
    caption: `${period(ctx)}收案的当前结果；调解成功率 = 调解成功 ÷（调解成功 + 调解不成）`,
    columns: [{ label: "结果" }, { label: "件数", unit: "件" }, { label: "占收案数比例", unit: "%" }],
    rows: labels.map(([label], i) => [label, counts[i], counts[i] === null ? null : pct(counts[i] as number, t.filed)]),
    chart: { kind: "doughnut", series: [1] },
    note: `调解成功率：${rate === null ? "样本不足" : typeof rate === "number" ? `${rate}%` : rate}（调解结束 ${ctx.pub && t.success + t.failure > 0 && t.success + t.failure < K ? `少于${K}` : (t.success + t.failure).toLocaleString("zh-CN")} 件）`,
  };
}

export function durationTable(ctx: ChartContext): StatsTable {
  const bins = dayBins(ctx.where, null);
  const n = countOf(bins);
  const counts = inRanges(bins);
  const shown = ctx.pub ? withholdSmall(counts, K) : counts;
  const median = guarded(ctx, quantile(bins, 0.5) ?? NONE, n);
  const p90 = guarded(ctx, quantile(bins, 0.9) ?? NONE, n);
  const say = (v: Cell) => (v === null ? "样本不足" : typeof v === "number" ? `${v}天` : v);
  return {
    id: "duration",
    title: "办结用时",
    caption: `${period(ctx)}收案中调解已结束（成功或不成）的案件，从提交申请到调解结束的天数分布`,
    columns: [{ label: "用时" }, { label: "件数", unit: "件" }, { label: "占比", unit: "%" }],
    rows: DAY_RANGES.map((r, i) => [r.label, shown[i], shown[i] === null ? null : pct(counts[i], n)]),
    chart: { kind: "bar", series: [1] },
    note: `中位数 ${say(median)}，第90百分位 ${say(p90)}（共 ${ctx.pub && n > 0 && n < K ? `少于${K}` : n.toLocaleString("zh-CN")} 件）`,
  };
}

export function handoffTable(ctx: ChartContext): StatsTable {
  const t = totals(ctx.where);
  const rest = t.success - t.confirmed - t.notarised - t.pending;
  const labels: [string, number][] = [
    ["已司法确认", t.confirmed],
    ["已赋强公证", t.notarised],
    ["司法确认或公证办理中", t.pending],
    ["未申请或未获确认", rest],
  ];
  const counts = ctx.pub ? withholdSmall(labels.map(([, n]) => n), K) : labels.map(([, n]) => n);
  return {
    id: "handoff",
    title: "司法确认与赋强公证",
    caption: `${period(ctx)}收案中调解协议已生效的 ${ctx.pub && t.success > 0 && t.success < K ? `少于${K}` : t.success.toLocaleString("zh-CN")} 件，经人民法院司法确认或经公证机构赋予强制执行效力的比例`,
    columns: [{ label: "去向" }, { label: "件数", unit: "件" }, { label: "占生效协议比例", unit: "%" }],
    rows: labels.map(([label], i) => [label, counts[i], counts[i] === null ? null : guarded(ctx, pct(counts[i] as number, t.success), t.success)]),
    chart: { kind: "doughnut", series: [1] },
  };
}

export function instalmentsTable(ctx: ChartContext): StatsTable {
  const s = instalmentSums(ctx.where, ctx.today);
  const labels: [string, number][] = [
    ["按期支付", s.onTime],
    ["逾期后支付", s.paid - s.onTime],
    ["逾期未付", s.total - s.paid],
  ];
  const counts = ctx.pub ? withholdSmall(labels.map(([, n]) => n), K) : labels.map(([, n]) => n);
  return {
    id: "instalments",
    title: "协议履行（分期款项）",
    caption: `应付日期在${period(ctx)}且已届满（今天以前）的各期款项，按期支付、逾期后支付和逾期未付的期数`,
    columns: [{ label: "履行情况" }, { label: "期数", unit: "期" }, { label: "占比", unit: "%" }],
    rows: labels.map(([label], i) => [label, counts[i], counts[i] === null ? null : guarded(ctx, pct(counts[i] as number, s.total), s.total)]),
    chart: { kind: "doughnut", series: [1] },
  };
}

export function satisfactionTable(ctx: ChartContext): StatsTable {
  const r = ratingSums(ctx.where);
  const n: Cell = ctx.pub && r.n > 0 && r.n < K ? null : r.n;
  return {
    id: "satisfaction",
    title: "满意度",
    caption: `${period(ctx)}当事人对调解服务的评价（每项1至5分）的平均分`,
    columns: [{ label: "评价项目" }, { label: "平均分", unit: "分" }, { label: "评价数", unit: "条" }],
    rows: [
      ["调解员", guarded(ctx, mean(r.mediator, r.n), r.n), n],
      ["调解过程", guarded(ctx, mean(r.process, r.n), r.n), n],
      ["调解结果", guarded(ctx, mean(r.outcome, r.n), r.n), n],
    ],
    chart: { kind: "bar", series: [1], max: 5 },
  };
}

/** The headline figures, as a table of its own (also exported as CSV). */
export function summaryTable(ctx: ChartContext): StatsTable {
  const t = totals(ctx.where);
  const bins = dayBins(ctx.where, null);
  const n = countOf(bins);
  const ended = t.success + t.failure;
  const inst = instalmentSums(ctx.where, ctx.today);
  const r = ratingSums(ctx.where);
  const count = (v: number): Cell => (ctx.pub && v > 0 && v < K ? null : v);
  const base = (v: number) => (ctx.pub && v > 0 && v < K ? `少于${K}` : v.toLocaleString("zh-CN"));
  return {
    id: "summary",
    title: "主要指标",
    caption: `${period(ctx)}收案的主要指标及其计算基数`,
    columns: [{ label: "指标" }, { label: "数值" }, { label: "计算基数" }],
    rows: [
      ["收案数（件）", count(t.filed), "—"],
      ["调解成功率（%）", guarded(ctx, pct(t.success, ended), ended), `调解结束 ${base(ended)} 件`],
      ["办结用时中位数（天）", guarded(ctx, quantile(bins, 0.5) ?? NONE, n), `调解结束 ${base(n)} 件`],
      ["办结用时第90百分位（天）", guarded(ctx, quantile(bins, 0.9) ?? NONE, n), `调解结束 ${base(n)} 件`],
      ["司法确认占生效协议比例（%）", guarded(ctx, pct(t.confirmed, t.success), t.success), `生效协议 ${base(t.success)} 件`],
      ["赋强公证占生效协议比例（%）", guarded(ctx, pct(t.notarised, t.success), t.success), `生效协议 ${base(t.success)} 件`],
      ["分期款项按期支付率（%）", guarded(ctx, pct(inst.onTime, inst.total), inst.total), `已到期 ${base(inst.total)} 期`],
      ["满意度平均分（三项平均，满分5分）", guarded(ctx, mean(r.mediator + r.process + r.outcome, 3 * r.n), r.n), `评价 ${base(r.n)} 条`],
    ],
    chart: null,
  };
}

export const CHARTS: Record<TableId, (ctx: ChartContext) => StatsTable> = {
  summary: summaryTable,
  month: monthTable,
  category: categoryTable,
  kind: kindTable,
  region: regionTable,
  org: orgTable,
  outcomes: outcomesTable,
  duration: durationTable,
  handoff: handoffTable,
  instalments: instalmentsTable,
  satisfaction: satisfactionTable,
};
