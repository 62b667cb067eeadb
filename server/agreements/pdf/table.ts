// Ruled tables in the documents' style: thin dark rules, shaded label cells, bold head rows,
// text vertically centred, a row that does not fit moved whole onto the next page. Drawn here
// rather than with pdfkit's table(), which measures every cell three times and costs more than
// the rest of a page together.
import { SERIF, SERIF_BOLD } from "./fonts";
import { CONTENT_WIDTH, INK, PAGE, lineAt } from "./layout";

export type Cell = string | { text: string; colSpan?: number; label?: boolean; align?: "left" | "center" | "right" };
export type Row = { cells: Cell[]; head?: boolean };

const PAD = { x: 5, y: 3.5 };
const LINE_GAP = 1.5;

/** `widths` are fractions of the text width, summing to 1. */
export function drawTable(pdf: PDFKit.PDFDocument, widths: number[], rows: Row[], opts: { fontSize?: number } = {}): void {
  const size = opts.fontSize ?? 10.5;
  const cols = widths.map((w) => w * CONTENT_WIDTH);
  const left = PAGE.margins.left;
  let y = pdf.y;
  for (const row of rows) {
    pdf.font(row.head ? SERIF_BOLD : SERIF).fontSize(size);
    // Lay out the cells: position, width, and whether the text needs wrapping.
    let col = 0;
    const cells = row.cells.map((c) => {
      const cell = typeof c === "string" ? { text: c } : c;
      const span = cell.colSpan ?? 1;
      const x = left + cols.slice(0, col).reduce((s, w) => s + w, 0);
      const w = cols.slice(col, col + span).reduce((s, v) => s + v, 0);
      col += span;
      const inner = w - 2 * PAD.x;
      const oneLine = pdf.widthOfString(cell.text) <= inner;
      const height = oneLine ? pdf.currentLineHeight() : pdf.heightOfString(cell.text, { width: inner, lineGap: LINE_GAP });
      return { ...cell, x, w, inner, oneLine, height };
    });
    const rowH = Math.max(...cells.map((c) => c.height)) + 2 * PAD.y;
    if (y + rowH > pdf.page.maxY()) {
      pdf.addPage();
      y = pdf.page.margins.top;
    }
    for (const c of cells) {
      if (row.head || c.label) pdf.rect(c.x, y, c.w, rowH).fillColor("#F0F0F0").fill();
      pdf.fillColor(INK);
      const align = c.align ?? (row.head ? "center" : "left");
      const ty = y + (rowH - c.height) / 2;
      if (c.oneLine) lineAt(pdf, c.text, c.x + PAD.x, ty, { width: c.inner, align });
      else pdf.text(c.text, c.x + PAD.x, ty, { width: c.inner, align: align === "left" ? "justify" : align, lineGap: LINE_GAP });
    }
    pdf.lineWidth(0.6).strokeColor("#333333");
    for (const c of cells) pdf.rect(c.x, y, c.w, rowH);
    pdf.stroke();
    y += rowH;
  }
  pdf.x = left;
  pdf.y = y;
  pdf.font(SERIF).fillColor(INK);
}
