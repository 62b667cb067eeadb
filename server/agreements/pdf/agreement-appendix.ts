// After the text: the scanned pages of a wet-signed copy, then the e-signing audit page.
import type { AgreementDocument } from "../document";
import { SERIF, SERIF_BOLD } from "./fonts";
import { dateTimeBeijing } from "./format";
import { BODY_SIZE, CONTENT_WIDTH, INK, PAGE, ensureSpace, paragraph, title } from "./layout";
import { drawTable, type Cell } from "./table";

/** One page per scanned image, fitted inside the margins. */
export function drawScanPages(pdf: PDFKit.PDFDocument, scans: Buffer[]): void {
  scans.forEach((scan, i) => {
    pdf.addPage();
    pdf.font(SERIF_BOLD).fontSize(13).fillColor(INK);
    pdf.text(`纸质签署件扫描页 第${i + 1}页（共${scans.length}页）`, PAGE.margins.left, PAGE.margins.top, { width: CONTENT_WIDTH, align: "center" });
    const top = pdf.y + 10;
    const height = pdf.page.maxY() - top;
    pdf.image(scan, PAGE.margins.left, top, { fit: [CONTENT_WIDTH, height], align: "center" });
    pdf.rect(PAGE.margins.left, top, CONTENT_WIDTH, height).lineWidth(0.3).strokeColor("#BBBBBB").stroke();
  });
}

/**
 * Who signed, how, when, from where and which version; then the signed content's hash. The file's
 * own hash cannot be printed in the file (printing it would change it): the verification page
 * shows it, and the organisation's digital signature protects the file.
 */
export function drawAuditPage(pdf: PDFKit.PDFDocument, doc: AgreementDocument): void {
  pdf.addPage();
  title(pdf, "电子签署审计页", 16);
  pdf.moveDown(0.4);
  pdf.font(SERIF).fontSize(10).fillColor("#333333");
  pdf.text(`文书：${doc.title}　编号：${doc.docNo}　案号：${doc.caseNo}`, { width: CONTENT_WIDTH, align: "center" });
  pdf.moveDown(0.8);
  paragraph(pdf, "本页记录本协议各签署人的签署情况。时间均为北京时间（UTC+8）；“签署版本”是该签署人所签协议内容的 SHA-256 摘要。", { indent: false });
  pdf.moveDown(0.4);
  const label = (text: string): Cell => ({ text, label: true, align: "center" });
  doc.audit.forEach((a, i) => {
    ensureSpace(pdf, 110);
    drawTable(
      pdf,
      [0.16, 0.34, 0.16, 0.34],
      [
        { head: true, cells: [{ text: `签署记录 ${i + 1}`, colSpan: 4 }] },
        { cells: [label("签署人"), `${a.name}（${a.roleLabel}）`, label("签署方式"), a.method] },
        { cells: [label("签署时间"), dateTimeBeijing(a.at), label("IP 地址"), a.ipMasked] },
        { cells: [label("设备"), { text: a.device, colSpan: 3 }] },
        { cells: [label("签署版本"), { text: grouped(a.versionHash), colSpan: 3 }] },
      ],
      { fontSize: 9.5 },
    );
    pdf.moveDown(0.5);
  });

  ensureSpace(pdf, 150);
  pdf.moveDown(0.5);
  pdf.font(SERIF_BOLD).fontSize(11).fillColor(INK).text("已签署协议内容的 SHA-256 摘要", PAGE.margins.left, pdf.y, { width: CONTENT_WIDTH });
  pdf.font(SERIF).fontSize(10.5).text(grouped(doc.contentSha256), { width: CONTENT_WIDTH });
  pdf.moveDown(0.6);
  pdf.fontSize(BODY_SIZE);
  paragraph(
    pdf,
    `上述摘要是各方当事人和调解员签署的协议内容版本的数字指纹，与各签署记录的“签署版本”一致即表明签署的是同一内容。` +
      `本文件另由${doc.orgName}使用数字证书加盖电子印章（PDF 数字签名）保护，文件任何内容被改动，数字签名即失效。` +
      `文件自身的 SHA-256 摘要无法写入文件本身，请扫描页脚二维码或访问以下网址，在核验页面查看并比对：`,
  );
  pdf.font(SERIF).fontSize(10.5).text(doc.verifyUrl, PAGE.margins.left, pdf.y, { width: CONTENT_WIDTH });
}

/**
 * A hex digest in groups of eight: easier to compare by eye, and it wraps between groups (pdfkit
 * breaks an unbroken 64-character word by measuring it again character by character).
 */
function grouped(hex: string): string {
  return hex.replace(/(.{8})(?=.)/g, "$1 ");
}
