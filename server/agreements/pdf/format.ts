// How documents print dates and counts: Beijing time whatever the server's zone, 年月日 in the text.

const DATE = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "numeric", day: "numeric" });
const DATE_TIME = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

function parts(fmt: Intl.DateTimeFormat, d: Date): Record<string, string> {
  return Object.fromEntries(fmt.formatToParts(d).map((p) => [p.type, p.value]));
}

/** 2026年3月5日 (Beijing). */
export function dateCn(d: Date): string {
  const p = parts(DATE, d);
  return `${p.year}年${Number(p.month)}月${Number(p.day)}日`;
}

/** "2026-06-30" (a calendar date from the agreement's content) → 2026年6月30日. */
export function isoDateCn(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number);
  return `${y}年${m}月${d}日`;
}

/** 2026-03-05 14:30:12 (Beijing). */
export function dateTimeBeijing(d: Date): string {
  const p = parts(DATE_TIME, d);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

const DIGITS = "零一二三四五六七八九";

/** 1 → 一, 10 → 十, 21 → 二十一 (counts and section numbers up to 99). */
export function chineseCount(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) throw new RangeError(`不支持的数字：${n}`);
  if (n < 10) return DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? "" : DIGITS[tens]}十${ones ? DIGITS[ones] : ""}`;
}
