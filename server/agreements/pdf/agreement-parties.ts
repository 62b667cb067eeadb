// The parties' basic information (人民调解法 Art 29 ①): one ruled block per party, with a person's
// name, sex, age, ethnicity, occupation, ID number and address, or an organisation's name, legal
// representative, credit code and domicile.
import type { AgreementParty } from "../../../app/lib/agreement-schema";
import { chineseCount } from "./format";
import { drawTable, type Cell } from "./table";

const SIDE = { applicant: "申请人", respondent: "被申请人" } as const;

/** 申请人 / 被申请人, numbered (申请人一、申请人二) when a side has more than one party. */
export function partyLabels(parties: AgreementParty[]): Map<string, string> {
  const labels = new Map<string, string>();
  for (const side of ["applicant", "respondent"] as const) {
    const ofSide = parties.filter((p) => p.side === side);
    ofSide.forEach((p, i) => labels.set(p.partyId, ofSide.length > 1 ? `${SIDE[side]}${chineseCount(i + 1)}` : SIDE[side]));
  }
  return labels;
}

export function drawParties(pdf: PDFKit.PDFDocument, parties: AgreementParty[]): void {
  const labels = partyLabels(parties);
  const label = (text: string): Cell => ({ text, label: true, align: "center" });
  const wide = (text: string, colSpan: number): Cell => ({ text, colSpan });
  // Applicants first, as the parties are named in the text.
  const ordered = [...parties.filter((p) => p.side === "applicant"), ...parties.filter((p) => p.side === "respondent")];
  for (const p of ordered) {
    const head = (span: number) => ({ head: true, cells: [{ text: `${labels.get(p.partyId)}${p.kind === "org" ? "（单位）" : ""}`, colSpan: span }] });
    if (p.kind === "person") {
      drawTable(pdf, [0.11, 0.16, 0.11, 0.18, 0.16, 0.28], [
        head(6),
        { cells: [label("姓名"), p.name, label("性别"), p.sex, label("年龄"), `${p.age}岁`] },
        { cells: [label("民族"), p.ethnicity, label("职业"), p.occupation, label("身份证号码"), p.idNumber] },
        { cells: [label("住址"), wide(p.address, 5)] },
      ]);
    } else {
      // Wider labels: 统一社会信用代码 is eight characters.
      drawTable(pdf, [0.21, 0.33, 0.12, 0.34], [
        head(4),
        { cells: [label("名称"), wide(p.name, 3)] },
        { cells: [label("法定代表人"), p.legalRep, label("职务"), p.legalRepTitle || "—"] },
        { cells: [label("统一社会信用代码"), wide(p.idNumber, 3)] },
        { cells: [label("住所地"), wide(p.address, 3)] },
      ]);
    }
    pdf.moveDown(0.5);
  }
}
