// 民事裁定书 on an application for 司法确认 (民事诉讼法 Art 206): the court's name and the 调确字 number,
// the applicants, what happened, the agreement's terms, the court's finding, the order — valid, or
// rejected on a ground of 民诉解释 Art 358 — then the judge, the date under the court's seal, and
// the verification QR in the footer like every issued document. Rendering only.
import { SERIF, SERIF_BOLD } from "../../../agreements/pdf/fonts";
import { dateCn } from "../../../agreements/pdf/format";
import { CONTENT_WIDTH, INK, PAGE, createA4Document, lineAt, paragraph, stampFooters, title } from "../../../agreements/pdf/layout";
import { drawSeal } from "../../../agreements/pdf/seal";
import { CPL_205, CPL_206, INTERP_358 } from "../law";
import { courtDate } from "./furniture";

export type RulingDocument = {
  courtName: string;
  refNo: string; // （2026）云0102民特调确字第1号
  docNo: string; // the verification key, printed by the QR code
  verifyUrl: string;
  /** One sentence per applicant (and agent), e.g. 申请人：李明，男，1990年5月15日出生，汉族，住…。 */
  applicantLines: string[];
  names: string[];
  category: string;
  orgName: string;
  agreementDocNo: string;
  agreementEffectiveAt: Date;
  terms: string[];
  submittedAt: Date;
  acceptedAt: Date;
  inquiredAt: Date[];
  decidedAt: Date;
  judgeName: string;
  outcome: { valid: true } | { valid: false; item: number; ground: string; reason: string };
};

const ITEMS = ["", "第一项", "第二项", "第三项", "第四项", "第五项", "第六项"];
const SEAL_RADIUS = 56;

export async function renderRulingPdf(doc: RulingDocument): Promise<Buffer> {
  const { pdf, finish } = createA4Document({
    title: "民事裁定书",
    author: doc.courtName,
    subject: `${doc.courtName}民事裁定书 ${doc.refNo}`,
    keywords: [doc.refNo, doc.docNo, "民事裁定书", "司法确认", "民事诉讼法第二百零六条"].join(", "),
    createdAt: doc.decidedAt,
  });
  const both = doc.names.join("、");
  const joined = doc.names.length === 2 ? `${doc.names[0]}与${doc.names[1]}` : both;

  title(pdf, doc.courtName, 20);
  pdf.moveDown(0.3);
  title(pdf, "民事裁定书", 24);
  pdf.moveDown(0.4);
  pdf.font(SERIF).fontSize(12).fillColor(INK);
  pdf.text(doc.refNo, PAGE.margins.left, pdf.y, { width: CONTENT_WIDTH, align: "right" });
  pdf.moveDown(0.6);

  for (const line of doc.applicantLines) paragraph(pdf, line);
  pdf.moveDown(0.3);
  const inquiry = doc.inquiredAt.length ? `本院于${doc.inquiredAt.map(dateCn).join("、")}通知申请人到场，对调解协议的有关情况进行了询问核实。` : "";
  paragraph(
    pdf,
    [
      `申请人${both}于${dateCn(doc.submittedAt)}向本院申请司法确认调解协议。本院于${dateCn(doc.acceptedAt)}受理后，依法指定审判员${doc.judgeName}进行审查。${inquiry}现已审查终结。`,
      `申请人称：申请人之间因${doc.category}纠纷，于${dateCn(doc.agreementEffectiveAt)}经${doc.orgName}主持调解，达成了如下调解协议（编号${doc.agreementDocNo}）：`,
      ...doc.terms.map((t, i) => `${i + 1}.${t.trim()}`),
      "申请人出于解决纠纷的目的自愿达成协议，没有恶意串通、规避法律的行为；如果因为该协议内容而给他人造成损害的，愿意承担相应的民事责任和其他法律责任。",
    ].join("\n"),
  );

  if (doc.outcome.valid) {
    paragraph(pdf, `本院经审查认为，申请人达成的调解协议，符合司法确认调解协议的法定条件。依照${CPL_205}、第二百零六条规定，裁定如下：`);
    order(pdf, `申请人${joined}于${dateCn(doc.agreementEffectiveAt)}经${doc.orgName}主持调解达成的调解协议（编号${doc.agreementDocNo}）有效。`);
    paragraph(pdf, "当事人应当按照调解协议的约定自觉履行义务。一方当事人拒绝履行或者未全部履行的，对方当事人可以向人民法院申请执行。");
  } else {
    paragraph(pdf, `本院经审查认为，申请人达成的调解协议${doc.outcome.ground}：${doc.outcome.reason.trim().replace(/[。.]$/, "")}。依照${CPL_206}、${INTERP_358}${ITEMS[doc.outcome.item]}规定，裁定如下：`);
    order(pdf, `驳回申请人${both}的司法确认申请。`);
    paragraph(pdf, "申请人可以通过调解方式变更原调解协议或者达成新的调解协议，也可以向人民法院提起诉讼。");
  }
  paragraph(pdf, "本裁定书自即日起发生法律效力。");

  // The signing block: the judge, then the date under the court's seal (clear of the judge's
  // name), as on paper.
  if (pdf.y + 156 > pdf.page.maxY()) pdf.addPage();
  const top = pdf.y + 16;
  const right = PAGE.margins.left + CONTENT_WIDTH;
  const w = 200;
  pdf.font(SERIF).fontSize(13).fillColor(INK);
  lineAt(pdf, `审判员　${doc.judgeName}`, right - w, top, { width: w, align: "center" });
  pdf.font(SERIF_BOLD).fontSize(13);
  lineAt(pdf, courtDate(doc.decidedAt), right - w, top + 70, { width: w, align: "center" });
  drawSeal(pdf, { x: right - w / 2, y: top + 74, radius: SEAL_RADIUS, text: doc.courtName });
  pdf.font(SERIF).fontSize(10).fillColor("#444444");
  lineAt(pdf, "本件与原本核对无异", PAGE.margins.left, top + 122);
  pdf.fillColor(INK);
  pdf.x = PAGE.margins.left;
  pdf.y = top + 140;

  stampFooters(pdf, { verifyUrl: doc.verifyUrl, docNo: doc.docNo });
  return finish();
}

/** The operative order, in bold, as courts set it apart. */
function order(pdf: PDFKit.PDFDocument, text: string): void {
  pdf.font(SERIF_BOLD);
  pdf.text(text, PAGE.margins.left, pdf.y, { width: CONTENT_WIDTH, indent: 24, lineGap: 3.5, align: "justify", paragraphGap: 2 });
  pdf.font(SERIF);
}
