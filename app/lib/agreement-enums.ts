// Agreement vocabularies shared by the browser and the server.

export const AGREEMENT_STATUSES = [
  "drafting", // being drafted or signed: signatures count only for the current version
  "effective", // everyone signed (or the wet-signed scan is uploaded) and the seal is applied
  "superseded", // set aside: the court rejected it and the parties mediated again
] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

export const AGREEMENT_STATUS_LABELS: Record<AgreementStatus, string> = {
  drafting: "起草/签署中",
  effective: "已生效",
  superseded: "已被新协议取代",
};

/** The longest comment on a draft. */
export const MAX_COMMENT_CHARS = 1000;

export const SIGN_METHOD_LABELS = {
  otp_handwritten: "短信验证码 + 手写签名",
  wet_scan: "纸质签署（扫描件）",
} as const;

/** 云解纷协〔2026〕000123号 — how an agreement's document number is printed. */
export function formatDocNo(docNo: string): string {
  const m = /^XY(\d{4})(\d{6})$/.exec(docNo);
  return m ? `云解纷协〔${m[1]}〕${m[2]}号` : docNo;
}
