// Median and 90th percentile from the days-to-close histogram (server/oversight/stats/quantiles.ts)
// equal sorting every case's days and taking the ⌈p·N⌉-th (nearest rank).
import { describe, expect, it } from "vitest";
import { DAY_RANGES, inRanges, quantile, type Bin } from "../../server/oversight/stats/quantiles";

function binsOf(days: number[]): Bin[] {
  const m = new Map<number, number>();
  for (const d of days) m.set(d, (m.get(d) ?? 0) + 1);
  // Out of order, with a zero bin, as SUMs over several cells can leave them.
  return [...m].map(([d, n]) => ({ days: d, n })).reverse().concat({ days: 99, n: 0 });
}
const nearestRank = (days: number[], p: number) => [...days].sort((a, b) => a - b)[Math.ceil(p * days.length) - 1];

describe("quantile (nearest rank)", () => {
  it("of nothing is null", () => {
    expect(quantile([], 0.5)).toBeNull();
    expect(quantile([{ days: 3, n: 0 }], 0.9)).toBeNull();
  });

  it("worked examples: one case; an even count takes the lower middle; the 90th of ten is the ninth", () => {
    expect(quantile(binsOf([12]), 0.5)).toBe(12);
    expect(quantile(binsOf([1, 2, 3, 4]), 0.5)).toBe(2);
    expect(quantile(binsOf([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 0.9)).toBe(9);
    expect(quantile(binsOf([0, 0, 0, 30]), 0.9)).toBe(30);
  });

  it("equals sorting the cases' days, for many random sets", () => {
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let k = 0; k < 300; k++) {
      const days = Array.from({ length: 1 + Math.floor(rand() * 200) }, () => Math.floor(rand() * rand() * 120));
      for (const p of [0.5, 0.9, 0.1, 1]) expect(quantile(binsOf(days), p)).toBe(nearestRank(days, p));
    }
  });
});

describe("days-to-close ranges", () => {
  it("put each case in exactly one range, bounds inclusive", () => {
    const counts = inRanges(binsOf([0, 7, 8, 15, 16, 30, 31, 60, 61, 90, 91, 400]));
    expect(counts).toEqual([2, 2, 2, 2, 2, 2]);
    expect(DAY_RANGES.map((r) => r.label)).toEqual(["7天以内", "8–15天", "16–30天", "31–60天", "61–90天", "90天以上"]);
  });
});
