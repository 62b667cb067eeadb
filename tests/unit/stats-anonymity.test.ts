// The public page's protection against re-identification (ADR 018): groups of fewer than 5 cases
// merged into 其他 (topped up until it has 5), any row still resting on fewer than 5 cases shown by
// its label only, small months withheld (with a second one when a single one could be worked out
// from the total), rates over too few cases withheld.
import { describe, expect, it } from "vitest";
import { enough, mergeSmall, withholdRow, withholdSmall } from "../../server/oversight/stats/anonymity";

const g = (label: string, count: number) => ({ label, count, data: count });
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe("mergeSmall", () => {
  it("keeps groups of 5 or more, largest first, and merges the rest into one 其他 row", () => {
    expect(mergeSmall([g("甲", 4), g("乙", 12), g("丙", 1), g("丁", 5)], 5, "其他", sum)).toEqual([g("乙", 12), g("丁", 5), { label: "其他", count: 5, data: 5 }]);
  });

  it("tops 其他 up with the smallest kept groups while it has fewer than 5", () => {
    expect(mergeSmall([g("五华", 66), g("盘龙", 8), g("官渡", 3)], 5, "其他地区", sum)).toEqual([g("五华", 66), { label: "其他地区", count: 11, data: 11 }]);
  });

  it("everything small: one 其他 row that is still small, and withholdRow leaves it nothing but its label", () => {
    const [other] = mergeSmall([g("甲", 1), g("乙", 2)], 5, "其他", sum);
    expect(other).toEqual({ label: "其他", count: 3, data: 3 });
    // Its count, successes, failures, rate and days: none of them may be shown.
    expect(withholdRow<string | number>(other.label, other.count, [3, 2, 1, 66.7, 12], 5)).toEqual(["其他", null, null, null, null, null]);
  });

  it("leaves nothing to merge alone, drops empty groups, and totals always add up", () => {
    expect(mergeSmall([g("甲", 9), g("乙", 0)], 5, "其他", sum)).toEqual([g("甲", 9)]);
    const groups = [g("a", 3), g("b", 40), g("c", 2), g("d", 7), g("e", 4), g("f", 1)];
    const out = mergeSmall(groups, 5, "其他", sum);
    expect(sum(out.map((x) => x.count))).toBe(57);
    expect(out.every((x) => x.count >= 5)).toBe(true);
  });
});

describe("withholdRow", () => {
  it("withholds every figure of a row of 1 to 4 cases, keeps rows of 0 or of 5 and more as they are", () => {
    expect(withholdRow<string | number>("物业", 4, [4, 0, 0, "—"], 5)).toEqual(["物业", null, null, null, null]);
    expect(withholdRow<string | number>("物业", 1, [1, 1], 5)).toEqual(["物业", null, null]);
    expect(withholdRow<string | number>("物业", 5, [5, 3, 2, 60], 5)).toEqual(["物业", 5, 3, 2, 60]);
    expect(withholdRow<string | number>("物业", 0, [0, "—"], 5)).toEqual(["物业", 0, "—"]);
  });
});

describe("withholdSmall", () => {
  it("withholds 1 to 4, keeps zeros and 5 or more", () => {
    expect(withholdSmall([0, 3, 5, 2, 12], 5)).toEqual([0, null, 5, null, 12]);
  });

  it("withholds the next smallest too when only one would be withheld (else total minus the rest gives it away)", () => {
    expect(withholdSmall([10, 3, 7, 0], 5)).toEqual([10, null, null, 0]);
    expect(withholdSmall([3], 5)).toEqual([null]);
  });
});

describe("enough", () => {
  it("withholds a figure over fewer than 5 cases", () => {
    expect(enough(80, 4, 5)).toBeNull();
    expect(enough(80, 5, 5)).toBe(80);
  });
});
