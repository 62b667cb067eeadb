// Small pieces the court documents need beyond the shared layout (server/agreements/pdf/layout.ts):
// page numbers without a verification QR (the application is the parties' paper, not an issued
// document), and dates the way court documents print them (二〇二六年三月五日).
import { SERIF } from "../../../agreements/pdf/fonts";
import { CONTENT_WIDTH, INK, PAGE, lineAt } from "../../../agreements/pdf/layout";

/** "第 X 页 共 Y 页" at the foot of every buffered page. Call once, after the last page. */
export function stampPageNumbers(pdf: PDFKit.PDFDocument): void {
  const { start, count } = pdf.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    pdf.switchToPage(i);
    const bottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0; // text below the margin would otherwise start a new page
    pdf.font(SERIF).fontSize(9).fillColor("#333333");
    lineAt(pdf, `第 ${i - start + 1} 页 共 ${count} 页`, PAGE.margins.left, PAGE.height - 56, { width: CONTENT_WIDTH, align: "center" });
    pdf.page.margins.bottom = bottom;
  }
  pdf.fillColor(INK);
}

const DATE = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "numeric", day: "numeric" });
const DIGIT = "〇一二三四五六七八九";

function smallNumber(n: number): string {
  if (n < 10) return DIGIT[n];
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? "" : DIGIT[tens]}十${n % 10 ? DIGIT[n % 10] : ""}`;
}

/** The date as a court signs a ruling: 二〇二六年三月五日 (Beijing). */
export function courtDate(d: Date): string {
  const p = Object.fromEntries(DATE.formatToParts(d).map((x) => [x.type, x.value]));
  const year = [...p.year].map((c) => DIGIT[Number(c)]).join("");
  return `${year}年${smallNumber(Number(p.month))}月${smallNumber(Number(p.day))}日`;
}
