// Checksums for Chinese identity numbers. Pure and client-safe so the browser and the server
// give the same answer with the same message.

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = "10X98765432";

export type IdCheck = { ok: true } | { ok: false; message: string };

/** GB 11643-1999 居民身份证号码: 6-digit region, 8-digit birth date, 3-digit sequence, check char. */
export function checkResidentId(raw: string, today: Date = new Date()): IdCheck {
  const id = raw.trim().toUpperCase();
  if (id.length !== 18) return { ok: false, message: "身份证号码应为18位" };
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, message: "身份证号码只能由数字和末位X组成" };
  if (id[0] === "0") return { ok: false, message: "身份证号码的地区码不正确" };
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  const valid =
    y >= 1900 &&
    birth.getUTCFullYear() === y &&
    birth.getUTCMonth() === m - 1 &&
    birth.getUTCDate() === d &&
    birth.getTime() <= today.getTime();
  if (!valid) return { ok: false, message: "身份证号码中的出生日期不存在" };
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * ID_WEIGHTS[i];
  if (ID_CHECK[sum % 11] !== id[17]) return { ok: false, message: "身份证号码校验位不正确" };
  return { ok: true };
}

/** Completes a 17-digit prefix with its GB 11643 check character (used by the seed and tests). */
export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11];
}

// GB 32100-2015 统一社会信用代码: 18 characters from a 31-character alphabet (no I, O, S, V, Z).
const USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function checkCreditCode(raw: string): IdCheck {
  const code = raw.trim().toUpperCase();
  if (code.length !== 18) return { ok: false, message: "统一社会信用代码应为18位" };
  for (const ch of code) {
    if (!USCC_ALPHABET.includes(ch))
      return { ok: false, message: "统一社会信用代码含有不允许的字符(不使用I、O、S、V、Z)" };
  }
  if (code[17] !== creditCodeCheckChar(code.slice(0, 17)))
    return { ok: false, message: "统一社会信用代码校验位不正确" };
  return { ok: true };
}

export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(first17[i]) * USCC_WEIGHTS[i];
  return USCC_ALPHABET[(31 - (sum % 31)) % 31];
}

/** Mainland mobile numbers: 11 digits starting 1[3-9]. */
export function checkMobile(raw: string): IdCheck {
  return /^1[3-9]\d{9}$/.test(raw.trim())
    ? { ok: true }
    : { ok: false, message: "请输入11位手机号码" };
}

export function maskIdNumber(id: string): string {
  return id.length === 18 ? `${id.slice(0, 3)}***********${id.slice(14)}` : "***";
}

export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : "***";
}

export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return "*";
  return chars[0] + "*".repeat(chars.length - 1);
}
