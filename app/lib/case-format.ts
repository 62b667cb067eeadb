// Formatting shared by pages and documents.

/** 云解纷〔2026〕000123号 — how a case number is printed for people. */
export function formatCaseNo(caseNo: string | null): string {
  if (!caseNo) return "（草稿）";
  const m = /^YJF(\d{4})(\d{6})$/.exec(caseNo);
  return m ? `云解纷〔${m[1]}〕${m[2]}号` : caseNo;
}

/** 12345.6 yuan stored as 1234560 fen → "¥12,345.60". */
export function formatFen(fen: number | null | undefined): string {
  if (fen == null) return "—";
  return `¥${(fen / 100).toLocaleString("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

export function yuanToFen(yuan: number): number {
  return Math.round(yuan * 100);
}

const FMT = new Intl.DateTimeFormat("zh-CN", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
});

/** Beijing time, whatever the server's or browser's zone. */
export function formatDateTime(d: Date | string | number | null | undefined): string {
  if (d == null) return "—";
  return FMT.format(new Date(d));
}
