// The agreement's text (人民调解法 Art 29 ② and ③): facts, points in dispute, responsibilities,
// the terms, the payment and its instalments, performance, the enforcement clause, other terms,
// and the closing sentences on taking effect and copies.
import { enforcementSentence, type AgreementContent } from "../../../app/lib/agreement-schema";
import { fenToCapital } from "../../../app/lib/amount";
import { formatFen } from "../../../app/lib/case-format";
import { partyLabels } from "./agreement-parties";
import { chineseCount, isoDateCn } from "./format";
import { BODY_GAP, BODY_SIZE, CONTENT_WIDTH, PAGE, ensureSpace, heading, paragraph } from "./layout";
import { drawTable } from "./table";

export function drawAgreementBody(pdf: PDFKit.PDFDocument, c: AgreementContent): void {
  let n = 0;
  const section = (name: string) => heading(pdf, `${chineseCount(++n)}、${name}`);
  const nameOf = (partyId: string) => c.parties.find((p) => p.partyId === partyId)?.name ?? "";
  const labels = partyLabels(c.parties);

  section("纠纷的主要事实");
  paragraph(pdf, c.facts);
  section("争议事项");
  paragraph(pdf, c.disputes);
  section("各方当事人的责任");
  paragraph(pdf, c.responsibilities);

  section("协议内容");
  paragraph(pdf, "经调解，各方当事人自愿达成如下协议：");
  c.terms.forEach((term, i) => numbered(pdf, `${i + 1}.`, term));

  if (c.payment) {
    const p = c.payment;
    section("给付金额及分期履行");
    paragraph(
      pdf,
      [
        `付款方：${nameOf(p.payerPartyId)}（${labels.get(p.payerPartyId)}）；收款方：${nameOf(p.payeePartyId)}（${labels.get(p.payeePartyId)}）`,
        `给付总额：${formatFen(p.totalFen)}（大写：${fenToCapital(p.totalFen)}）`,
        `付款方式：${p.method}`,
        p.instalments.length > 1 ? `分${chineseCount(p.instalments.length)}期履行，各期履行期限和金额如下：` : "履行期限和金额如下：",
      ].join("\n"),
      { indent: false },
    );
    pdf.moveDown(0.3);
    drawTable(pdf, [0.13, 0.27, 0.22, 0.38], [
      { head: true, cells: ["期数", "履行期限", "金额", "大写"] },
      ...p.instalments.map((x, i) => ({
        cells: [{ text: `第${i + 1}期`, align: "center" as const }, { text: `${isoDateCn(x.dueDate)}前`, align: "center" as const }, { text: formatFen(x.amountFen), align: "right" as const }, fenToCapital(x.amountFen)],
      })),
      { cells: [{ text: "合计", colSpan: 2, align: "center" as const, label: true }, { text: formatFen(p.totalFen), align: "right" as const }, fenToCapital(p.totalFen)] },
    ]);
  }

  section("履行方式、履行地点、履行期限");
  paragraph(
    pdf,
    [`履行方式：${c.performance.manner}`, `履行地点：${c.performance.place}`, `履行期限：${isoDateCn(c.performance.deadline)}前履行完毕`].join("\n"),
    { indent: false },
  );

  if (c.enforcementClause && c.payment) {
    section("自愿接受强制执行");
    paragraph(pdf, enforcementSentence(nameOf(c.payment.payerPartyId)));
  }

  if (c.other?.trim()) {
    section("其他约定");
    paragraph(pdf, c.other);
  }

  pdf.moveDown(0.4);
  const copies = chineseCount(c.parties.length + 1); // one per party, one for the organisation
  paragraph(pdf, "本协议自各方当事人、调解员签名并加盖调解组织印章之日起生效。");
  paragraph(pdf, `本协议一式${copies}份，当事人各执一份，调解组织留存一份。`);
}

/** A numbered clause with a hanging indent: the number in the margin of the text block. */
function numbered(pdf: PDFKit.PDFDocument, mark: string, text: string): void {
  const hang = BODY_SIZE * 2;
  ensureSpace(pdf, BODY_SIZE * 2 + BODY_GAP);
  const y = pdf.y;
  pdf.text(mark, PAGE.margins.left + BODY_SIZE * 0.5, y, { width: hang, lineBreak: false });
  pdf.text(text.trim(), PAGE.margins.left + hang, y, { width: CONTENT_WIDTH - hang, lineGap: BODY_GAP, align: "justify", paragraphGap: 2 });
  pdf.x = PAGE.margins.left;
}
