// 赋强公证 (公证法 Art 37): a notary office can give enforcement effect only to a debt document
// whose content is the payment of money (goods, securities), the debt clear, with the debtor's
// written acceptance of compulsory enforcement. Pure.
import type { AgreementContent } from "../../../app/lib/agreement-schema";

export const NOT_MONETARY = "非给付金钱类协议不能办理赋强公证（公证法第三十七条）";
export const NO_ENFORCEMENT_CLAUSE = "协议中没有债务人自愿接受强制执行的承诺，不能办理赋强公证（公证法第三十七条）";

/** Why this agreement cannot be notarised with enforcement effect, or null when it can. */
export function notarisationRefusal(content: Pick<AgreementContent, "payment" | "enforcementClause">): string | null {
  if (!content.payment || content.payment.totalFen <= 0) return NOT_MONETARY;
  if (!content.enforcementClause) return NO_ENFORCEMENT_CLAUSE;
  return null;
}

/**
 * The office's short name in document numbers: province, city and the office's own first
 * character, e.g. 昆明市春城公证处 → 云昆春. The platform serves Yunnan (云).
 */
export function officeAbbrev(name: string): string {
  const m = /^(.{2,3}?)[市州县区](.+?)公证处$/u.exec(name);
  return m ? `云${m[1][0]}${m[2][0]}` : `云${name[0]}`;
}

/** （2026）云昆春证字第1号: the 公证书's number; 执字 for an 执行证书. */
export function notarialRefNo(kind: "certificate" | "execution", year: number, abbrev: string, n: number): string {
  return `（${year}）${abbrev}${kind === "certificate" ? "证字" : "执字"}第${n}号`;
}

/** The verification key of an issued document: GZ / ZX, the year, six digits. */
export function verifyKey(prefix: "GZ" | "ZX", year: number, n: number): string {
  return `${prefix}${year}${String(n).padStart(6, "0")}`;
}
