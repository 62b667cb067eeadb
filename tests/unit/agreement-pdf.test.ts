// The issued agreement PDF, checked with the real poppler tools: its text, its embedded CJK font
// subsets, and the organisation's PAdES signature (valid, then broken by a one-byte change).
import { execFile } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import forge from "node-forge";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fenToCapital } from "../../app/lib/amount";
import { ensureOrgCertificate } from "../../server/agreements/certs";
import { renderAgreementPdf } from "../../server/agreements/pdf/agreement";
import { issueAgreementPdf, type IssuedPdf } from "../../server/agreements/pdf/issue";
import { sampleAgreementDocument } from "../../server/agreements/pdf/sample";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "yjf-pdf-"));
// Read lazily by getEnv() on first use, which is after this line.
process.env.SEAL_CERT_DIR = path.join(dir, "certs");

const doc = sampleAgreementDocument();
const org = { id: "cuihu0org0test", name: doc.orgName };

/** Runs a poppler tool; pdfsig exits non-zero for a broken signature, which is an answer too. */
function run(tool: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(tool, args, { encoding: "utf8" }, (err, stdout, stderr) => {
      if (err && !stdout) reject(new Error(`${tool} ${args.join(" ")}: ${stderr || err.message}`));
      else resolve(stdout);
    });
  });
}

function save(name: string, pdf: Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, pdf);
  return file;
}

let issued: IssuedPdf;
let file: string;

beforeAll(async () => {
  issued = await issueAgreementPdf(doc, org);
  file = save("agreement.pdf", issued.pdf);
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("the issued agreement PDF", () => {
  it("prints the parties, the Art 29 content, the amounts, page numbers and the audit page", async () => {
    // -raw keeps the text in drawing order, with the spaces the footer was written with; lines
    // are joined because a sentence wraps where the page ends.
    const text = (await run("pdftotext", ["-raw", "-enc", "UTF-8", file, "-"])).replace(/\n/g, "");
    for (const s of [
      "人民调解协议书",
      doc.docNo,
      doc.caseNo,
      "李明",
      "王芳",
      "53010219900515103X",
      "当事人基本情况",
      "纠纷的主要事实",
      "争议事项",
      "各方当事人的责任",
      "协议内容",
      "被申请人王芳确认尚欠申请人李明借款本金人民币12000元。",
      "给付金额及分期履行",
      "¥12,000.00",
      "人民币壹万贰仟元整",
      "¥4,000.00",
      "人民币肆仟元整",
      "2026年6月30日前",
      "履行方式、履行地点、履行期限",
      "王芳承诺：如未按本协议约定的期限足额履行给付义务，自愿接受人民法院依法强制执行。",
      "本协议自各方当事人、调解员签名并加盖调解组织印章之日起生效。",
      "本协议一式三份，当事人各执一份，调解组织留存一份。",
      "调解员（签名）：李桂芬",
      "翠湖社区人民调解委员会（印章）",
      "第 1 页 共 3 页",
      "第 3 页 共 3 页",
      "扫码核验",
      "电子签署审计页",
      "短信验证码 + 手写签名",
      "2026-03-05 14:12:40", // 06:12:40Z in Beijing time
      "203.0.113.*",
      "Chrome 126 / Android 14（手机）",
      doc.contentSha256.slice(0, 8),
      "数字签名",
    ]) {
      expect(text).toContain(s);
    }
    expect(fenToCapital(doc.content.payment!.totalFen)).toBe("人民币壹万贰仟元整");
    const info = await run("pdfinfo", [file]);
    expect(info).toMatch(/Pages:\s+3\n/);
    expect(info).toMatch(/Title:\s+人民调解协议书/);
    expect(info).toMatch(/Author:\s+翠湖社区人民调解委员会/);
    expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
  });

  it("embeds only subsets of the CJK font and stays small", async () => {
    const fonts = await run("pdffonts", [file]);
    expect(fonts).toMatch(/^[A-Z]{6}\+NotoSerifSC-Regular\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/m);
    // Every font is embedded and subset (emb and sub columns).
    for (const line of fonts.split("\n").slice(2).filter(Boolean)) expect(line).toMatch(/\s+yes\s+yes\s+(yes|no)\s+\d+\s+\d+$/);
    expect(issued.size).toBe(issued.pdf.length);
    expect(issued.size).toBeLessThan(300 * 1024);
  });

  it("carries the organisation's valid PAdES signature over the whole file", async () => {
    const sig = await run("pdfsig", [file]);
    expect(sig).toContain("Signature Validation: Signature is Valid.");
    expect(sig).toContain(`Signer Certificate Common Name: ${org.name}`);
    expect(sig).toContain("Signature Type: ETSI.CAdES.detached");
    expect(sig).toContain("Signing Hash Algorithm: SHA-256");
    expect(sig).toContain("Total document signed");
    // Self-signed: the signature is sound, the certificate is not trusted by poppler; expected.
    expect(sig).not.toContain("Certificate Validation: Certificate is Trusted.");
    expect(issued.sha256).toBe(crypto.createHash("sha256").update(issued.pdf).digest("hex"));
  });

  it("breaks the signature when one signed byte changes", async () => {
    const tampered = Buffer.from(issued.pdf);
    // A byte of the document's Info inside the signed range: the file still parses.
    const at = tampered.indexOf("/Producer");
    expect(at).toBeGreaterThan(0);
    const range = /\/ByteRange \[(\d+) (\d+) (\d+) (\d+)\]/.exec(tampered.toString("latin1"))!.slice(1).map(Number);
    expect(at).toBeLessThan(range[1]);
    tampered[at + 1] = "p".charCodeAt(0); // /Producer → /producer
    const sig = await run("pdfsig", [save("tampered.pdf", tampered)]);
    expect(sig).toMatch(/Signature Validation: (Digest Mismatch|Signature is Invalid)/);
    expect(sig).not.toContain("Signature is Valid");
    expect(crypto.createHash("sha256").update(tampered).digest("hex")).not.toBe(issued.sha256);
  });

  it("prints the scanned pages of a wet-signed copy after the text", async () => {
    const wet = sampleAgreementDocument({ scans: 2 });
    wet.content = { ...wet.content, other: "本协议未尽事宜，由双方另行协商。" };
    expect(wet.signatures.every((s) => s.image === null)).toBe(true);
    const wetFile = save("wet.pdf", await renderAgreementPdf(wet));
    const text = (await run("pdftotext", ["-raw", "-enc", "UTF-8", wetFile, "-"])).replace(/\n/g, "");
    expect(text).toContain("纸质签署件扫描页 第1页");
    expect(text).toContain("纸质签署件扫描页 第2页");
    expect(text).toContain("（见纸质签署件）");
    expect(text).toContain("其他约定");
    expect(text).toContain("纸质签署扫描件");
    const pages = Number(/Pages:\s+(\d+)/.exec(await run("pdfinfo", [wetFile]))![1]);
    expect(text).toContain(`第 ${pages} 页 共 ${pages} 页`);
    // The scans come right before the audit page, which is last.
    expect(text.indexOf("纸质签署件扫描页 第2页")).toBeLessThan(text.indexOf("电子签署审计页"));
    const images = await run("pdfimages", ["-list", wetFile]);
    expect(images.split("\n").filter((l) => /^\s+\d+\s+\d+\s+image\s+620\s+877/.test(l))).toHaveLength(2);
  });

  it("prints an organisation as a party, numbers parties on one side, and omits what is absent", async () => {
    const base = sampleAgreementDocument();
    const [applicant, respondent] = base.content.parties;
    const second = { ...applicant, partyId: "p-applicant-2", name: "张伟", idNumber: "530102198801011234" };
    const company = {
      partyId: respondent.partyId,
      side: "respondent" as const,
      kind: "org" as const,
      name: "昆明翠湖物业服务有限公司",
      idNumber: "91530102MA6K12345X",
      legalRep: "周建华",
      legalRepTitle: "总经理",
      address: "云南省昆明市五华区翠湖北路8号",
    };
    const doc2 = {
      ...base,
      content: {
        ...base.content,
        parties: [applicant, second, company],
        payment: { ...base.content.payment!, instalments: [{ dueDate: "2026-04-30", amountFen: 1_200_000 }] },
        enforcementClause: false,
      },
      // Enough signatories to run the signing block over a page.
      signatures: Array.from({ length: 16 }, (_, i) => ({ ...base.signatures[i % 2], name: `签署人${i + 1}` })),
    };
    const f = save("org.pdf", await renderAgreementPdf(doc2));
    const text = (await run("pdftotext", ["-raw", "-enc", "UTF-8", f, "-"])).replace(/\n/g, "");
    for (const s of ["申请人一", "申请人二", "被申请人（单位）", "昆明翠湖物业服务有限公司", "统一社会信用代码", "91530102MA6K12345X", "法定代表人", "周建华", "总经理", "住所地", "本协议一式四份", "签署人16", "调解员（签名）：李桂芬"]) {
      expect(text).toContain(s);
    }
    expect(text).not.toContain("自愿接受强制执行");
    expect(text).not.toContain("其他约定");
    const pages = Number(/Pages:\s+(\d+)/.exec(await run("pdfinfo", [f]))![1]);
    expect(text).toContain(`第 ${pages} 页 共 ${pages} 页`);
  });
});

describe("the organisation's certificate", () => {
  it("is generated once, private to the server, and reused", () => {
    const first = ensureOrgCertificate(org);
    expect(first.p12Path).toBe(path.join(dir, "certs", `${org.id}.p12`));
    expect(fs.statSync(first.p12Path).mode & 0o777).toBe(0o600);
    const before = fs.readFileSync(first.p12Path);
    expect(ensureOrgCertificate(org)).toEqual(first);
    expect(fs.readFileSync(first.p12Path).equals(before)).toBe(true);
    expect(fs.readdirSync(path.dirname(first.p12Path)).filter((f) => f.endsWith(".tmp"))).toEqual([]);

    const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(before.toString("binary")), first.password);
    const cert = p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag]![0].cert!;
    expect(forge.util.decodeUtf8(cert.subject.getField("CN").value)).toBe(org.name); // UTF8String
    expect(cert.subject.getField("C").value).toBe("CN");
    const years = (cert.validity.notAfter.getTime() - cert.validity.notBefore.getTime()) / (365.25 * 24 * 3600 * 1000);
    expect(years).toBeGreaterThan(9.9);
    expect(cert.getExtension("keyUsage")).toMatchObject({ digitalSignature: true, nonRepudiation: true });
  });

  it("uses a certificate put in place as it is", async () => {
    // A "real" certificate: another key, another name, dropped in under the organisation's id.
    const other = { id: "dropped0in", name: "占位机构" };
    const { p12Path } = ensureOrgCertificate(other);
    const dropIn = { id: "real0cert0org", name: "翠湖社区人民调解委员会" };
    fs.copyFileSync(p12Path, path.join(dir, "certs", `${dropIn.id}.p12`));
    const { pdf } = await issueAgreementPdf(doc, dropIn);
    const sig = await run("pdfsig", [save("dropped-in.pdf", pdf)]);
    expect(sig).toContain("Signature Validation: Signature is Valid.");
    expect(sig).toContain("Signer Certificate Common Name: 占位机构");
  });

  it("refuses an id that is not a plain file name", () => {
    expect(() => ensureOrgCertificate({ id: "../evil", name: "x" })).toThrow(/证书文件名/);
  });
});
