// The page furniture every issued document shares (the agreement now; the court's ruling and the
// notary's 公证书 later): an A4 pdfkit document with the CJK fonts, its Info, a footer with
// "第 X 页 共 Y 页" and a QR code to the verification page, and a few text helpers.
import PDFDocument from "pdfkit";
import { SERIF, SERIF_BOLD, registerCjkFonts } from "./fonts";
import { drawQr, qrMatrix } from "./qr";

export const PAGE = {
  width: 595.28, // A4 in points
  height: 841.89,
  // The bottom margin leaves room for the footer (page number, QR code) under the text.
  margins: { top: 56, bottom: 96, left: 68, right: 68 },
};
export const CONTENT_WIDTH = PAGE.width - PAGE.margins.left - PAGE.margins.right;

export const BODY_SIZE = 12; // 小四
export const BODY_GAP = 3.5; // line gap: a little under 1.5 lines
export const INK = "#111111";

export type DocumentInfo = {
  title: string;
  author: string; // the issuing organisation
  subject: string;
  keywords?: string;
  /** The document's date (CreationDate, ModDate); pdfkit would otherwise stamp the current time. */
  createdAt: Date;
};

export type A4Document = {
  pdf: PDFKit.PDFDocument;
  /** Ends the document and resolves with its bytes. */
  finish: () => Promise<Buffer>;
};

export function createA4Document(info: DocumentInfo): A4Document {
  const pdf = new PDFDocument({
    size: "A4",
    margins: PAGE.margins,
    bufferPages: true, // the footer needs the page count, known only at the end
    // PDF 1.7 (ISO 32000-1), which PAdES signatures are defined on. pdfkit writes a classic xref
    // table without object streams at any version: @signpdf/placeholder-plain can only parse that.
    pdfVersion: "1.7",
    info: {
      Title: info.title,
      Author: info.author,
      Subject: info.subject,
      ...(info.keywords ? { Keywords: info.keywords } : {}), // pdfkit fails on an undefined entry
      Creator: "云解纷 在线矛盾纠纷多元化解平台",
      CreationDate: info.createdAt,
      ModDate: info.createdAt,
    },
    displayTitle: true,
    lang: "zh-CN",
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on("data", (c: Buffer) => chunks.push(c));
    pdf.on("end", () => resolve(Buffer.concat(chunks)));
    pdf.on("error", reject);
  });
  registerCjkFonts(pdf);
  pdf.font(SERIF).fontSize(BODY_SIZE).fillColor(INK);
  return {
    pdf,
    finish: () => {
      pdf.end();
      return done;
    },
  };
}

/**
 * Writes the footer on every buffered page: the page number in the middle, and on the right a QR
 * code of `verifyUrl` with "扫码核验" and the document number. Call once, after the last page.
 */
export function stampFooters(pdf: PDFKit.PDFDocument, opts: { verifyUrl: string; docNo: string }): void {
  const qr = qrMatrix(opts.verifyUrl);
  const { start, count } = pdf.bufferedPageRange();
  const qrSize = 58;
  const qrX = PAGE.width - PAGE.margins.right - qrSize + 4; // the quiet zone may stick out a little
  const qrY = PAGE.height - 82;
  for (let i = start; i < start + count; i++) {
    pdf.switchToPage(i);
    // Text below the bottom margin would make pdfkit start a new page.
    const bottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    pdf.save();
    pdf.moveTo(PAGE.margins.left, PAGE.height - PAGE.margins.bottom + 10).lineTo(PAGE.width - PAGE.margins.right, PAGE.height - PAGE.margins.bottom + 10);
    pdf.lineWidth(0.5).strokeColor("#999999").stroke();
    pdf.restore();
    pdf.font(SERIF).fontSize(9).fillColor("#333333");
    lineAt(pdf, `第 ${i - start + 1} 页 共 ${count} 页`, PAGE.margins.left, qrY + 26, { width: CONTENT_WIDTH, align: "center" });
    drawQr(pdf, qr, qrX, qrY, qrSize);
    pdf.font(SERIF_BOLD).fontSize(8).fillColor("#333333");
    lineAt(pdf, "扫码核验", qrX - 150, qrY + 18, { width: 146, align: "right" });
    pdf.font(SERIF).fontSize(7.5);
    lineAt(pdf, opts.docNo, qrX - 150, qrY + 31, { width: 146, align: "right" });
    pdf.page.margins.bottom = bottom;
  }
  pdf.fillColor(INK);
}

/**
 * One line of text at (x, y), aligned within `width`. pdfkit's line wrapper, which text() runs
 * whenever it is given a width, is most of the cost of short labels; this measures and places.
 * Like pdfkit without a wrapper, it leaves pdf.y where it was.
 */
export function lineAt(pdf: PDFKit.PDFDocument, text: string, x: number, y: number, opts: { width?: number; align?: "left" | "center" | "right"; baseline?: number } = {}): void {
  const free = (opts.width ?? 0) - pdf.widthOfString(text);
  const dx = opts.align === "center" ? free / 2 : opts.align === "right" ? free : 0;
  pdf.text(text, x + dx, y, { lineBreak: false, baseline: opts.baseline });
}

/** Starts a new page unless `height` points still fit below the cursor. */
export function ensureSpace(pdf: PDFKit.PDFDocument, height: number): void {
  if (pdf.y + height > pdf.page.maxY()) pdf.addPage();
}

/** A centred title in bold. */
export function title(pdf: PDFKit.PDFDocument, text: string, size = 22): void {
  pdf.font(SERIF_BOLD).fontSize(size).fillColor(INK);
  // No letter-spacing: it would come out of text extraction as "人 民 调 解".
  pdf.text(text, PAGE.margins.left, pdf.y, { width: CONTENT_WIDTH, align: "center" });
  pdf.font(SERIF).fontSize(BODY_SIZE);
}

/** A section heading, kept together with at least the first lines of what follows. */
export function heading(pdf: PDFKit.PDFDocument, text: string): void {
  ensureSpace(pdf, 56);
  pdf.moveDown(0.4);
  pdf.font(SERIF_BOLD).fontSize(13).fillColor(INK);
  pdf.text(text, PAGE.margins.left, pdf.y, { width: CONTENT_WIDTH });
  pdf.moveDown(0.25);
  pdf.font(SERIF).fontSize(BODY_SIZE);
}

/** Body text with a two-character first-line indent, one paragraph per line of `text`. */
export function paragraph(pdf: PDFKit.PDFDocument, text: string, opts: { indent?: boolean } = {}): void {
  pdf.font(SERIF).fontSize(BODY_SIZE).fillColor(INK);
  for (const line of text.split(/\r?\n/).filter((l) => l.trim() !== "")) {
    pdf.text(line.trim(), PAGE.margins.left, pdf.y, {
      width: CONTENT_WIDTH,
      indent: opts.indent === false ? 0 : BODY_SIZE * 2,
      lineGap: BODY_GAP,
      align: "justify",
      paragraphGap: 2,
    });
  }
}
