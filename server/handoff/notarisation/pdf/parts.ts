// Pieces both notarial documents share: the office's header and number, the parties' lines, a
// schedule table with amounts in 大写, and the notary's signing block under the office's seal.
import { fenToCapital } from "../../../../app/lib/amount";
import { formatFen } from "../../../../app/lib/case-format";
import { SERIF } from "../../../agreements/pdf/fonts";
import { dateCn, isoDateCn } from "../../../agreements/pdf/format";
import { CONTENT_WIDTH, INK, PAGE, createA4Document, lineAt, paragraph, title } from "../../../agreements/pdf/layout";
import { drawSeal } from "../../../agreements/pdf/seal";
import { drawTable } from "../../../agreements/pdf/table";
import type { PartyLine, ScheduleRow } from "./document";

const SEAL_RADIUS = 46; // about 32 mm across

export function startNotarialPdf(opts: { title: string; refNo: string; docNo: string; officeName: string; issuedAt: Date; keywords: string }) {
  const doc = createA4Document({
    title: `${opts.title}（${opts.refNo}）`,
    author: opts.officeName,
    subject: `${opts.title}（${opts.refNo}，核验编号 ${opts.docNo}）`,
    keywords: opts.keywords,
    createdAt: opts.issuedAt,
  });
  const { pdf } = doc;
  pdf.font(SERIF).fontSize(11).fillColor("#333333");
  pdf.text(`中华人民共和国云南省${opts.officeName}`, PAGE.margins.left, PAGE.margins.top - 8, { width: CONTENT_WIDTH, align: "center" });
  pdf.moveDown(0.8);
  title(pdf, opts.title, 24);
  pdf.moveDown(0.4);
  pdf.font(SERIF).fontSize(12).fillColor(INK);
  pdf.text(opts.refNo, PAGE.margins.left, pdf.y, { width: CONTENT_WIDTH, align: "right" });
  pdf.moveDown(0.3);
  pdf.moveTo(PAGE.margins.left, pdf.y).lineTo(PAGE.margins.left + CONTENT_WIDTH, pdf.y).lineWidth(1).strokeColor("#C00000").stroke();
  pdf.moveDown(0.6);
  return doc;
}

export function drawPartyLines(pdf: PDFKit.PDFDocument, parties: PartyLine[]): void {
  for (const p of parties) paragraph(pdf, `${p.role}：${p.name}，${p.details}`, { indent: false });
  pdf.moveDown(0.3);
}

export function drawSchedule(pdf: PDFKit.PDFDocument, rows: ScheduleRow[], totalLabel = "合计"): void {
  const total = rows.reduce((s, r) => s + r.amountFen, 0);
  drawTable(pdf, [0.11, 0.22, 0.19, 0.3, 0.18], [
    { head: true, cells: ["期数", "履行期限", "金额", "大写", "备注"] },
    ...rows.map((r) => ({
      cells: [
        { text: `第${r.seq}期`, align: "center" as const },
        { text: `${isoDateCn(r.dueDate)}前`, align: "center" as const },
        { text: formatFen(r.amountFen), align: "right" as const },
        fenToCapital(r.amountFen),
        r.note ?? "",
      ],
    })),
    { cells: [{ text: totalLabel, colSpan: 2, align: "center" as const, label: true }, { text: formatFen(total), align: "right" as const }, { text: fenToCapital(total), colSpan: 2 }] },
  ]);
  pdf.moveDown(0.4);
}

/** A file hash on a line of its own, small, so that it neither wraps oddly nor crowds the text. */
export function hashLine(pdf: PDFKit.PDFDocument, label: string, sha256: string): void {
  pdf.font(SERIF).fontSize(9).fillColor("#333333");
  pdf.text(`${label}：`, PAGE.margins.left, pdf.y, { width: CONTENT_WIDTH });
  pdf.text(sha256, PAGE.margins.left, pdf.y, { width: CONTENT_WIDTH });
  pdf.fontSize(12).fillColor(INK);
}

/** The office and the notary on the right, the office's seal over them, as on paper. */
export function drawNotarySignature(pdf: PDFKit.PDFDocument, o: { officeName: string; notaryName: string; issuedAt: Date }): void {
  const height = 86;
  // Kept whole; on a page of its own it says so, as paper documents do.
  if (pdf.y + height > pdf.page.maxY()) {
    pdf.addPage();
    paragraph(pdf, "（此页无正文）", { indent: false });
  }
  const w = CONTENT_WIDTH * 0.5;
  const x = PAGE.margins.left + CONTENT_WIDTH - w;
  const y = pdf.y + 2;
  pdf.font(SERIF).fontSize(12).fillColor(INK);
  lineAt(pdf, o.officeName, x, y + 12, { width: w, align: "center" });
  lineAt(pdf, `公证员  ${o.notaryName}`, x, y + 34, { width: w, align: "center" });
  lineAt(pdf, dateCn(o.issuedAt), x, y + 56, { width: w, align: "center" });
  drawSeal(pdf, { x: x + w / 2, y: y + 38, radius: SEAL_RADIUS, text: o.officeName });
  pdf.x = PAGE.margins.left;
  pdf.y = y + height;
}
