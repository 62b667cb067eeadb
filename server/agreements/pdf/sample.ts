// A complete, realistic agreement document (a 借贷 repayment in three instalments with the
// enforcement clause, two parties and the mediator, drawn signatures) for the PDF benchmark, the
// tests and layout previews, with no database. Signature and scan images are generated PNGs.
import crypto from "node:crypto";
import zlib from "node:zlib";
import type { AgreementContent } from "../../../app/lib/agreement-schema";
import type { AgreementDocument } from "../document";

const at = (iso: string) => new Date(iso);

export const SAMPLE_CONTENT: AgreementContent = {
  template: "loan",
  parties: [
    {
      partyId: "p-applicant",
      side: "applicant",
      kind: "person",
      name: "李明",
      idNumber: "53010219900515103X",
      sex: "男",
      age: 35,
      ethnicity: "汉族",
      occupation: "个体工商户",
      address: "云南省昆明市五华区华山街道翠湖南路12号3栋2单元501室",
    },
    {
      partyId: "p-respondent",
      side: "respondent",
      kind: "person",
      name: "王芳",
      idNumber: "530102199208301048",
      sex: "女",
      age: 33,
      ethnicity: "彝族",
      occupation: "公司职员",
      address: "云南省昆明市盘龙区拓东街道白塔路88号",
    },
  ],
  facts:
    "2025年6月10日，被申请人王芳因经营周转向申请人李明借款人民币12000元，通过银行转账交付，双方签订借条，约定于2025年12月31日前归还，未约定利息。" +
    "借款到期后，申请人多次催要，被申请人以资金紧张为由未予归还，申请人于2026年2月向本委员会申请调解。",
  disputes: "被申请人应否归还借款本金12000元，以及还款的期限和方式。",
  responsibilities: "被申请人借款到期后未按约定归还，应承担全部还款责任。",
  terms: [
    "被申请人王芳确认尚欠申请人李明借款本金人民币12000元。",
    "被申请人王芳按本协议约定的期限和金额分三期向申请人李明归还上述借款。",
    "被申请人按期足额履行的，申请人放弃主张逾期利息；任何一期未按期足额支付的，申请人可就全部未还款项一并主张。",
    "双方就本纠纷再无其他争议。",
  ],
  payment: {
    payerPartyId: "p-respondent",
    payeePartyId: "p-applicant",
    totalFen: 1_200_000,
    instalments: [
      { dueDate: "2026-04-30", amountFen: 400_000 },
      { dueDate: "2026-05-31", amountFen: 400_000 },
      { dueDate: "2026-06-30", amountFen: 400_000 },
    ],
    method: "银行转账至申请人李明名下中国建设银行账户",
  },
  performance: { manner: "银行转账", place: "云南省昆明市五华区", deadline: "2026-06-30" },
  enforcementClause: true,
  personalStatus: false,
};

export type SampleOptions = {
  /** The wet-signed path: signatures without images, and this many scanned pages. */
  scans?: number;
};

export function sampleAgreementDocument(opts: SampleOptions = {}): AgreementDocument {
  const wet = (opts.scans ?? 0) > 0;
  const signed = [
    { name: "李明", roleLabel: "申请人", at: at("2026-03-05T06:12:40Z") },
    { name: "王芳", roleLabel: "被申请人", at: at("2026-03-05T06:20:05Z") },
    { name: "李桂芬", roleLabel: "调解员", at: at("2026-03-05T06:31:52Z") },
  ];
  const contentSha256 = crypto.createHash("sha256").update(JSON.stringify(SAMPLE_CONTENT)).digest("hex");
  return {
    title: "人民调解协议书",
    docNo: "五华人调〔2026〕第0123号",
    caseNo: "云解纷〔2026〕000123号",
    orgName: "翠湖社区人民调解委员会",
    mediatorName: "李桂芬",
    content: SAMPLE_CONTENT,
    signatures: signed.map((s, i) => ({ name: s.name, roleLabel: s.roleLabel, signedAt: s.at, image: wet ? null : signaturePng(i + 1) })),
    scans: Array.from({ length: opts.scans ?? 0 }, (_, i) => scanPng(i + 1)),
    effectiveAt: signed[2].at,
    verifyUrl: "https://jiefen.example.cn/verify/AGR-2026-0123?c=7f3a9c",
    contentSha256,
    audit: signed.map((s, i) => ({
      name: s.name,
      roleLabel: s.roleLabel,
      method: wet ? "纸质签署扫描件" : "短信验证码 + 手写签名",
      at: s.at,
      ipMasked: "203.0.113.*",
      device: ["Chrome 126 / Android 14（手机）", "Safari 17 / iOS 17（手机）", "Edge 125 / Windows 11（电脑）"][i],
      versionHash: contentSha256,
    })),
  };
}

/** A handwriting-like stroke on a transparent background, as the signature pad produces. */
function signaturePng(seed: number): Buffer {
  const w = 360;
  const h = 120;
  const px = Buffer.alloc(w * h * 4); // RGBA, all transparent
  const dot = (x: number, y: number) => {
    for (let dy = -2; dy <= 2; dy++)
      for (let dx = -2; dx <= 2; dx++) {
        const xx = Math.round(x + dx);
        const yy = Math.round(y + dy);
        if (xx < 0 || yy < 0 || xx >= w || yy >= h || dx * dx + dy * dy > 5) continue;
        px.writeUInt32BE(0x1a1a40ff, (yy * w + xx) * 4);
      }
  };
  for (let t = 0; t < 1; t += 0.0005) {
    const x = 20 + t * 320;
    const y = 60 + 32 * Math.sin(t * (9 + seed) * Math.PI) * Math.cos(t * 3 * seed) + 10 * Math.sin(t * 40);
    dot(x, y);
  }
  return png(w, h, 6, px);
}

/** A page of a scanned paper copy: light grey paper with ruled text lines, greyscale. */
function scanPng(page: number): Buffer {
  const w = 620;
  const h = 877;
  const px = Buffer.alloc(w * h, 0xf4);
  for (let y = 90; y < h - 90; y += 28) {
    const len = y > h - 200 ? 200 : 460 - ((y * page) % 90);
    for (let x = 70; x < 70 + len; x++) for (let k = 0; k < 3; k++) px[(y + k) * w + x] = 0x55;
  }
  return png(w, h, 0, px);
}

function png(w: number, h: number, colorType: 0 | 6, pixels: Buffer): Buffer {
  const channels = colorType === 6 ? 4 : 1;
  const raw = Buffer.alloc((w * channels + 1) * h);
  for (let y = 0; y < h; y++) pixels.copy(raw, y * (w * channels + 1) + 1, y * w * channels, (y + 1) * w * channels); // filter 0
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, colorType, 0, 0, 0], 8);
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", zlib.deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
