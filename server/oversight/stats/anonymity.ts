// The public page shows aggregates only, and no small groups (ADR 018): a region, organisation,
// category or kind with fewer than MIN_PUBLIC_COUNT cases would let someone who knows of one
// dispute find it. Such groups are merged into one "其他" row; if that row is itself below the
// threshold, the next smallest groups join it until it is not, so no small count can be worked
// out by subtracting from the total. When everything is small (a quiet month, say) there is nothing
// left to add and the one row stays small: withholdRow then blanks every figure of it, as for any
// row resting on fewer than k cases. Months cannot be merged: small months are withheld instead,
// with a second month withheld when one alone would be (the same subtraction).

export type Group<T> = { label: string; count: number; data: T };

export function mergeSmall<T>(groups: readonly Group<T>[], k: number, otherLabel: string, combine: (xs: T[]) => T): Group<T>[] {
  const sorted = [...groups].filter((g) => g.count > 0).sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, "zh-CN"));
  const kept = sorted.filter((g) => g.count >= k);
  const merged = sorted.filter((g) => g.count < k);
  if (merged.length === 0) return kept;
  let total = merged.reduce((s, g) => s + g.count, 0);
  while (total < k && kept.length > 0) {
    const next = kept.pop()!;
    merged.push(next);
    total += next.count;
  }
  // Still below k only when every group is in it: the caller must withhold it (withholdRow).
  return [...kept, { label: otherLabel, count: total, data: combine(merged.map((g) => g.data)) }];
}

/**
 * A table row about a group of `count` cases: with 1 to k-1 cases only its label is shown, every
 * figure of it (count, successes, failures, rates, days) withheld, so nothing about so few can be
 * read from it, whether it is a group of its own or a merged 其他 that stayed small.
 */
export function withholdRow<C>(label: C, count: number, figures: readonly C[], k: number): (C | null)[] {
  return count > 0 && count < k ? [label, ...figures.map(() => null)] : [label, ...figures];
}

/**
 * Counts of 1 to k-1 become null ("少于k"); zeros stay, they identify nobody. When exactly one
 * count would be withheld, the smallest other non-zero count is withheld too.
 */
export function withholdSmall(counts: readonly number[], k: number): (number | null)[] {
  const out: (number | null)[] = counts.map((c) => (c > 0 && c < k ? null : c));
  const withheld = out.filter((c) => c === null).length;
  if (withheld === 1) {
    let j = -1;
    out.forEach((c, i) => {
      if (c !== null && c > 0 && (j < 0 || c < (out[j] as number))) j = i;
    });
    if (j >= 0) out[j] = null;
  }
  return out;
}

/** A rate or average over fewer than k cases says too much about each: withheld. */
export function enough<T>(value: T, base: number, k: number): T | null {
  return base >= k ? value : null;
}
