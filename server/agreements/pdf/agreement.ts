// The mediation agreement (调解协议书) as a PDF: header, parties, the Art 29 content, the signing
// block under the organisation's seal, scans of a wet-signed copy, and the e-signing audit page.
// Rendering only: no database work.
import type { AgreementDocument } from "../document";
import { drawAuditPage, drawScanPages } from "./agreement-appendix";
import { drawAgreementBody } from "./agreement-body";
import { drawParties } from "./agreement-parties";
import { drawSignatures } from "./agreement-signatures";
import { SERIF } from "./fonts";
import { CONTENT_WIDTH, INK, PAGE, createA4Document, heading, lineAt, stampFooters, title } from "./layout";

export async function renderAgreementPdf(doc: AgreementDocument): Promise<Buffer> {
  const { pdf, finish } = createA4Document({
    title: doc.title,
    author: doc.orgName,
    subject: `${doc.title}（编号 ${doc.docNo}，案号 ${doc.caseNo}）`,
    keywords: [doc.docNo, doc.caseNo, "调解协议书", "人民调解法第二十九条"].join(", "),
    createdAt: doc.effectiveAt,
  });

  pdf.font(SERIF).fontSize(11).fillColor("#333333");
  pdf.text(doc.orgName, PAGE.margins.left, PAGE.margins.top - 8, { width: CONTENT_WIDTH, align: "center" });
  pdf.moveDown(0.6);
  title(pdf, doc.title);
  pdf.moveDown(0.5);
  const y = pdf.y;
  pdf.font(SERIF).fontSize(10.5).fillColor(INK);
  lineAt(pdf, `案号：${doc.caseNo}`, PAGE.margins.left, y);
  lineAt(pdf, `编号：${doc.docNo}`, PAGE.margins.left, y, { width: CONTENT_WIDTH, align: "right" });
  pdf.x = PAGE.margins.left;
  pdf.y = y + pdf.currentLineHeight(true);
  pdf.moveDown(0.3);
  pdf.moveTo(PAGE.margins.left, pdf.y).lineTo(PAGE.margins.left + CONTENT_WIDTH, pdf.y).lineWidth(1).strokeColor("#C00000").stroke();
  pdf.moveDown(0.3);

  heading(pdf, "当事人基本情况");
  drawParties(pdf, doc.content.parties);
  drawAgreementBody(pdf, doc.content);
  drawSignatures(pdf, doc);
  drawScanPages(pdf, doc.scans);
  drawAuditPage(pdf, doc);

  stampFooters(pdf, { verifyUrl: doc.verifyUrl, docNo: doc.docNo });
  return finish();
}
