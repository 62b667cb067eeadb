// The signing block: every signature (parties, agents, the mediator) with its drawn image and date,
// three to a row, then the organisation's name and the effective date under its seal.
import type { AgreementDocument, SignatureMark } from "../document";
import { SERIF } from "./fonts";
import { dateCn } from "./format";
import { CONTENT_WIDTH, INK, PAGE, lineAt, paragraph } from "./layout";
import { drawSeal } from "./seal";

const PER_ROW = 3;
const CELL_W = CONTENT_WIDTH / PER_ROW;
const CELL_H = 76;
const ORG_H = 100;
const SIG_BOX = { w: 130, h: 38 };
const SEAL_RADIUS = 52; // about 37 mm across

export function drawSignatures(pdf: PDFKit.PDFDocument, doc: AgreementDocument): void {
  const marks: (SignatureMark | { name: string; roleLabel: string; image: null; signedAt: null })[] = [...doc.signatures];
  // The mediator always appears, even before (or without) a recorded signature.
  if (!marks.some((m) => m.roleLabel === "调解员")) marks.push({ name: doc.mediatorName, roleLabel: "调解员", image: null, signedAt: null });
  const rows = Math.ceil(marks.length / PER_ROW);
  const needed = 16 + rows * CELL_H + ORG_H;

  pdf.moveDown(0.5);
  // The block stays in one piece after the text when it fits, or starts a page of its own.
  if (pdf.y + needed > pdf.page.maxY()) {
    pdf.addPage();
    paragraph(pdf, `（本页无正文，为${doc.title}签署页）`, { indent: false });
    pdf.moveDown(0.5);
  }
  const left = PAGE.margins.left;
  let y = pdf.y + 6;
  // Only a very long list of signatories runs on over the page, a whole row at a time.
  const room = (height: number) => {
    if (y + height > pdf.page.maxY()) {
      pdf.addPage();
      y = pdf.page.margins.top;
    }
  };
  for (let row = 0; row < rows; row++) {
    room(CELL_H);
    marks.slice(row * PER_ROW, (row + 1) * PER_ROW).forEach((m, i) => drawMark(pdf, m, left + i * CELL_W, y));
    y += CELL_H;
  }

  // The organisation on the right, the seal over its name and the date, as a stamp lands on paper.
  room(ORG_H);
  const orgW = CELL_W * 2;
  const orgX = left + CONTENT_WIDTH - orgW;
  pdf.font(SERIF).fontSize(12).fillColor(INK);
  lineAt(pdf, `${doc.orgName}（印章）`, orgX, y + 28, { width: orgW, align: "center" });
  lineAt(pdf, dateCn(doc.effectiveAt), orgX, y + 52, { width: orgW, align: "center" });
  drawSeal(pdf, { x: orgX + orgW / 2, y: y + 48, radius: SEAL_RADIUS, text: doc.orgName, bottomText: "调解专用章" });
  pdf.x = left;
  pdf.y = y + ORG_H;
}

function drawMark(pdf: PDFKit.PDFDocument, m: { name: string; roleLabel: string; image: Buffer | null; signedAt: Date | null }, x: number, y: number): void {
  pdf.font(SERIF).fontSize(10.5).fillColor(INK);
  lineAt(pdf, `${m.roleLabel}（签名）：${m.name}`, x, y);
  const boxY = y + 16;
  if (m.image) {
    pdf.image(m.image, x + 8, boxY, { fit: [SIG_BOX.w, SIG_BOX.h], valign: "center" });
  } else if (m.signedAt) {
    pdf.fontSize(9).fillColor("#666666");
    lineAt(pdf, "（见纸质签署件）", x + 8, boxY + 15);
  }
  if (m.signedAt) {
    pdf.fontSize(9.5).fillColor(INK);
    lineAt(pdf, `日期：${dateCn(m.signedAt)}`, x, boxY + SIG_BOX.h + 4);
  }
  pdf.fillColor(INK);
}
