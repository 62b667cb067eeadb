// 执行证书 (公证程序规则 Art 55): issued on the creditor's request once the debtor defaulted, after
// the notary checked what was and was not paid. The amount to enforce is what fell due unpaid.
import { fenToCapital } from "../../../../app/lib/amount";
import { formatFen } from "../../../../app/lib/case-format";
import { dateCn } from "../../../agreements/pdf/format";
import { heading, paragraph, stampFooters } from "../../../agreements/pdf/layout";
import type { ExecutionCertificateDocument } from "./document";
import { drawNotarySignature, drawPartyLines, drawSchedule, startNotarialPdf } from "./parts";

const EXECUTION_TITLE = "执行证书";

export async function renderExecutionCertificate(d: ExecutionCertificateDocument): Promise<Buffer> {
  const { pdf, finish } = startNotarialPdf({
    ...d,
    title: EXECUTION_TITLE,
    keywords: [d.refNo, d.docNo, "执行证书", d.certificate.refNo].join(", "),
  });
  drawPartyLines(pdf, [d.creditor, d.debtor]);
  const due = d.overdue.reduce((s, r) => s + r.amountFen, 0);
  paragraph(
    pdf,
    [
      `本处于${dateCn(d.certificate.issuedAt)}出具${d.certificate.refNo}公证书，赋予申请执行人${d.creditor.name}与被执行人${d.debtor.name}达成的《${d.agreement.title}》（编号${d.agreement.docNo}）强制执行效力。`,
      `${dateCn(d.requestedAt)}，申请执行人向本处申请出具执行证书，称被执行人未按约定履行给付义务。经本处核实，截至${dateCn(d.issuedAt)}，被执行人${d.paid.length ? `已履行第${d.paid.map((r) => r.seq).join("、")}期款项` : "未履行任何一期款项"}，下列款项已届履行期限而未履行：`,
    ].join("\n"),
  );
  drawSchedule(pdf, d.overdue, "逾期未付合计");
  paragraph(pdf, `执行标的：${formatFen(due)}（大写：${fenToCapital(due)}）。`);
  if (d.notYetDue.length) {
    const rest = d.notYetDue.reduce((s, r) => s + r.amountFen, 0);
    paragraph(pdf, `尚未到期的第${d.notYetDue.map((r) => r.seq).join("、")}期款项共计${formatFen(rest)}（${fenToCapital(rest)}）不在本执行证书执行标的之内；到期后仍未履行的，申请执行人可以另行申请出具执行证书。`);
  }
  if (d.note) {
    heading(pdf, "核实情况");
    paragraph(pdf, d.note);
  }
  pdf.moveDown(0.4);
  paragraph(
    pdf,
    "依据《中华人民共和国公证法》第三十七条和《公证程序规则》第五十五条的规定，特出具本执行证书。申请执行人可以持本执行证书和上述公证书，向被执行人住所地或者被执行的财产所在地人民法院申请执行（《最高人民法院关于公证债权文书执行若干问题的规定》第二条）。",
  );
  drawNotarySignature(pdf, d);
  stampFooters(pdf, { verifyUrl: d.verifyUrl, docNo: d.docNo });
  return finish();
}
