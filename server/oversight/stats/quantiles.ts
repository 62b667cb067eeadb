// Quantiles read from a histogram of whole days (stats_days), by the nearest-rank method: the
// p-quantile is the smallest value with at least p·N observations at or below it. It is always a
// day that some case actually took, and it equals sorting every case's days and taking the
// ⌈p·N⌉-th — which is how the tests check it.

export type Bin = { days: number; n: number };

export function quantile(bins: readonly Bin[], p: number): number | null {
  const sorted = bins.filter((b) => b.n > 0).sort((a, b) => a.days - b.days);
  const total = sorted.reduce((s, b) => s + b.n, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (const b of sorted) {
    seen += b.n;
    if (seen >= rank) return b.days;
  }
  return sorted[sorted.length - 1].days;
}

export function countOf(bins: readonly Bin[]): number {
  return bins.reduce((s, b) => s + b.n, 0);
}

/** Ranges for the chart of days to close: upper bounds inclusive, the last one open. */
export const DAY_RANGES: readonly { label: string; upTo: number }[] = [
  { label: "7天以内", upTo: 7 },
  { label: "8–15天", upTo: 15 },
  { label: "16–30天", upTo: 30 },
  { label: "31–60天", upTo: 60 },
  { label: "61–90天", upTo: 90 },
  { label: "90天以上", upTo: Infinity },
];

export function inRanges(bins: readonly Bin[]): number[] {
  const out = DAY_RANGES.map(() => 0);
  for (const b of bins) out[DAY_RANGES.findIndex((r) => b.days <= r.upTo)] += b.n;
  return out;
}
