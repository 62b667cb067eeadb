// Region codes under a prefix ("5301" = 昆明市) are queried as a range, prefix ≤ code < prefixEnd,
// rather than LIKE '5301%': a range on region_code can use an index, a LIKE with a bound parameter cannot.

/** The first code after every code that starts with `prefix`, at the same length: 5301 → 5302. */
export function prefixEnd(prefix: string): string {
  return String(Number(prefix) + 1).padStart(prefix.length, "0");
}
