// 具有强制执行效力的债权文书公证书 (公证法 Art 37): who applied, what was checked, the payment
// schedule the debtor accepted enforcement for, and the office's seal.
import { fenToCapital } from "../../../../app/lib/amount";
import { formatFen } from "../../../../app/lib/case-format";
import { dateCn } from "../../../agreements/pdf/format";
import { heading, paragraph, stampFooters } from "../../../agreements/pdf/layout";
import type { NotarialCertificateDocument } from "./document";
import { drawNotarySignature, drawPartyLines, drawSchedule, hashLine, startNotarialPdf } from "./parts";

const CERTIFICATE_TITLE = "公证书";

export async function renderNotarialCertificate(d: NotarialCertificateDocument): Promise<Buffer> {
  const { pdf, finish } = startNotarialPdf({
    ...d,
    title: CERTIFICATE_TITLE,
    keywords: [d.refNo, d.docNo, "具有强制执行效力的债权文书公证书", "公证法第三十七条"].join(", "),
  });
  drawPartyLines(pdf, d.parties);
  paragraph(pdf, "公证事项：赋予债权文书强制执行效力（具有强制执行效力的债权文书公证）", { indent: false });
  pdf.moveDown(0.4);

  const a = d.agreement;
  paragraph(
    pdf,
    [
      `兹证明债权人${d.creditor}与债务人${d.debtor}于${dateCn(a.effectiveAt)}在${a.orgName}主持下达成《${a.title}》（编号${a.docNo}），并于${dateCn(d.appliedAt)}共同向本处申请赋予该协议强制执行效力。`,
      `经查，上述协议系双方当事人的真实意思表示，协议上当事人的签名和调解组织的电子印章属实。协议约定债务人${d.debtor}向债权人${d.creditor}给付${formatFen(d.totalFen)}（大写：${fenToCapital(d.totalFen)}），付款方式为${d.method}，给付内容和履行期限明确，债权债务关系明确，双方对给付内容无异议。债务人在协议中书面承诺：${d.enforcementSentence}`,
      `依据《中华人民共和国公证法》第三十七条的规定，上述债权文书具有强制执行效力。债务人不履行或者不适当履行上述给付义务的，债权人可以向本处申请出具执行证书，持本公证书和执行证书向有管辖权的人民法院申请执行。`,
    ].join("\n"),
  );
  heading(pdf, "附：给付内容及履行期限");
  drawSchedule(pdf, d.schedule);
  if (a.pdfSha256) hashLine(pdf, "所涉调解协议书电子文件 SHA-256", a.pdfSha256);
  drawNotarySignature(pdf, d);
  stampFooters(pdf, { verifyUrl: d.verifyUrl, docNo: d.docNo });
  return finish();
}
