// 司法确认申请书: the joint application as the court files it (司法确认程序规定 Art 3; 民诉解释 Art 354).
// Page 1 on: the applicants, the request, facts and reasons with the parties' undertaking, the
// court, the list of enclosures and each party's electronic signature. Then the proof that the
// organisation presided, and a table of every party's identity and contact. Rendering only.
import { SERIF } from "../../../agreements/pdf/fonts";
import { dateCn, dateTimeBeijing } from "../../../agreements/pdf/format";
import { BODY_SIZE, CONTENT_WIDTH, INK, PAGE, createA4Document, heading, paragraph, title } from "../../../agreements/pdf/layout";
import { drawTable } from "../../../agreements/pdf/table";
import { CPL_205, MEDIATION_LAW_33 } from "../law";
import { stampPageNumbers } from "./furniture";

export type ApplicantLine = {
  label: string; // 申请人一 …
  kind: "person" | "org";
  name: string;
  idNumber: string;
  phone: string;
  address: string; // for service
  detail: string; // 男，34岁，汉族，职员 — or 法定代表人：…
  agent: { name: string; phone: string } | null;
  signedBy: string; // 本人 / 委托代理人…
  signedAt: Date | null;
};

export type ApplicationDocument = {
  courtName: string;
  caseNo: string;
  category: string;
  agreementDocNo: string;
  agreementSha256: string;
  terms: string[];
  orgName: string;
  orgAddress: string | null;
  mediatorName: string;
  mediationAcceptedAt: Date | null;
  effectiveAt: Date;
  submittedAt: Date;
  basis: string;
  applicants: ApplicantLine[];
  powersOfAttorney: { filename: string; sha256: string }[];
};

export async function renderApplicationPdf(doc: ApplicationDocument): Promise<Buffer> {
  const { pdf, finish } = createA4Document({
    title: "司法确认申请书",
    author: doc.applicants.map((a) => a.name).join("、"),
    subject: `申请确认${doc.agreementDocNo}调解协议有效（${doc.caseNo}）`,
    keywords: [doc.caseNo, doc.agreementDocNo, "司法确认申请书", "人民调解法第三十三条"].join(", "),
    createdAt: doc.submittedAt,
  });
  const names = doc.applicants.map((a) => a.name).join("、");

  title(pdf, "司法确认申请书");
  pdf.moveDown(0.8);
  for (const a of doc.applicants) {
    const who = a.kind === "person" ? `${a.name}，${a.detail}，公民身份号码${a.idNumber}` : `${a.name}，统一社会信用代码${a.idNumber}，${a.detail}`;
    paragraph(pdf, `${a.label}：${who}，${a.kind === "person" ? "住" : "住所地"}${a.address}，联系电话${a.phone}。`, { indent: false });
    if (a.agent) paragraph(pdf, `委托代理人：${a.agent.name}，联系电话${a.agent.phone || "—"}。`, { indent: false });
  }

  heading(pdf, "请求事项");
  paragraph(pdf, `请求确认申请人${names}于${dateCn(doc.effectiveAt)}经${doc.orgName}主持调解达成的调解协议（编号${doc.agreementDocNo}）有效。`);

  heading(pdf, "事实和理由");
  paragraph(
    pdf,
    [
      `申请人之间因${doc.category}纠纷，经${doc.orgName}（调解员${doc.mediatorName}）主持调解，自愿达成调解协议，协议经各方当事人签名、调解员签名并加盖调解组织印章，于${dateCn(doc.effectiveAt)}生效。协议主要内容为：${doc.terms.map((t, i) => `${i + 1}.${t.trim().replace(/[。；;]$/, "")}`).join("；")}。`,
      `申请人依照${MEDIATION_LAW_33}、${CPL_205}的规定，自调解协议生效之日起三十日内共同向贵院申请司法确认。贵院为本案有管辖权的人民法院：${doc.basis}。`,
      "申请人出于解决纠纷的目的自愿达成协议，没有恶意串通、规避法律的行为；申请人保证提交的证明材料真实、合法；如果因为该协议内容而给他人造成损害的，愿意承担相应的民事责任和其他法律责任。",
    ].join("\n"),
  );
  pdf.moveDown(0.5);
  paragraph(pdf, "此致", { indent: true });
  paragraph(pdf, doc.courtName, { indent: false });

  heading(pdf, "附件");
  const enclosures = [
    `调解协议书（编号${doc.agreementDocNo}，文件SHA-256：${doc.agreementSha256}）`,
    "调解组织主持调解的证明（本申请书附页一）",
    "当事人身份证明及联系方式（本申请书附页二）",
    ...doc.powersOfAttorney.map((p) => `授权委托书：${p.filename}（SHA-256：${p.sha256}）`),
  ];
  // Left-aligned: justifying a line that ends in a 64-character hash spreads its words apart.
  pdf.font(SERIF).fontSize(BODY_SIZE).fillColor(INK);
  for (const [i, e] of enclosures.entries()) pdf.text(`${i + 1}. ${e}`, PAGE.margins.left, pdf.y, { width: CONTENT_WIDTH, lineGap: 3.5, paragraphGap: 2 });

  heading(pdf, "申请人签署");
  drawTable(pdf, [0.2, 0.22, 0.26, 0.32], [
    { head: true, cells: ["申请人", "签署人", "签署方式", "签署时间（北京时间）"] },
    ...doc.applicants.map((a) => ({ cells: [`${a.label}：${a.name}`, a.signedBy, "短信验证码电子签署", a.signedAt ? dateTimeBeijing(a.signedAt) : "—"] })),
  ]);
  pdf.moveDown(0.5);
  paragraph(pdf, `提交日期：${dateCn(doc.submittedAt)}（经云解纷平台向${doc.courtName}在线提交）`, { indent: false });

  pdf.addPage();
  title(pdf, "附页一　调解组织主持调解的证明", 16);
  pdf.moveDown(0.6);
  paragraph(
    pdf,
    `申请人${names}之间的${doc.category}纠纷，由${doc.orgName}${doc.mediationAcceptedAt ? `于${dateCn(doc.mediationAcceptedAt)}受理，` : ""}指派调解员${doc.mediatorName}主持调解，达成调解协议（编号${doc.agreementDocNo}）。该协议经各方当事人、调解员签名并加盖${doc.orgName}电子印章，于${dateCn(doc.effectiveAt)}生效。`,
  );
  pdf.moveDown(0.3);
  drawTable(pdf, [0.28, 0.72], [
    { cells: [{ text: "调解组织", label: true }, doc.orgName] },
    { cells: [{ text: "调解组织住所地", label: true }, doc.orgAddress ?? "—"] },
    { cells: [{ text: "主持调解的调解员", label: true }, doc.mediatorName] },
    { cells: [{ text: "平台案号", label: true }, doc.caseNo] },
    { cells: [{ text: "调解协议编号", label: true }, doc.agreementDocNo] },
    { cells: [{ text: "协议生效时间", label: true }, dateTimeBeijing(doc.effectiveAt)] },
    { cells: [{ text: "协议文件SHA-256", label: true }, doc.agreementSha256] },
  ]);
  pdf.moveDown(0.4);
  pdf.font(SERIF).fontSize(9.5).fillColor("#444444");
  pdf.text("本证明由云解纷平台依据调解组织加盖电子印章的调解协议及平台办理记录自动生成；调解协议原件可凭编号在平台“文书核验”页面核验。", PAGE.margins.left, pdf.y, { width: CONTENT_WIDTH });
  pdf.fillColor(INK);

  pdf.addPage();
  title(pdf, "附页二　当事人身份及联系方式", 16);
  pdf.moveDown(0.6);
  drawTable(pdf, [0.12, 0.16, 0.27, 0.45], [
    { head: true, cells: ["申请人", "姓名/名称", "身份证件号码", "联系电话与送达地址"] },
    ...doc.applicants.map((a) => ({
      cells: [a.label, a.name, a.idNumber, `${a.phone}；${a.address}${a.agent ? `；委托代理人${a.agent.name}（${a.agent.phone || "—"}）` : ""}`],
    })),
  ]);

  stampPageNumbers(pdf);
  return finish();
}
