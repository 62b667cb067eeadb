// Numbers the court gives: the 调确字 case number on acceptance (司法确认程序规定 Art 4), per court and
// per year, e.g. （2026）云0102民特调确字第1号; and the ruling's verification key CD2026000001,
// platform-wide per year, which the verify page looks up. Both from the counters table, inside
// the transaction that uses them, so a number is never given twice.
import type { Tx } from "../../cases/timeline";
import { chinaYear, nextInSequence as next } from "../../lib/sequence";

// Province abbreviations as printed in court case numbers (the first two digits of a region code).
const PROVINCE: Record<string, string> = {
  "11": "京", "12": "津", "13": "冀", "14": "晋", "15": "内", "21": "辽", "22": "吉", "23": "黑",
  "31": "沪", "32": "苏", "33": "浙", "34": "皖", "35": "闽", "36": "赣", "37": "鲁", "41": "豫",
  "42": "鄂", "43": "湘", "44": "粤", "45": "桂", "46": "琼", "50": "渝", "51": "川", "52": "黔",
  "53": "云", "54": "藏", "61": "陕", "62": "甘", "63": "青", "64": "宁", "65": "新",
};

/** 530102 → 云0102: the province's abbreviation and the rest of the court's region code. */
export function courtCode(regionCode: string): string {
  return `${PROVINCE[regionCode.slice(0, 2)] ?? ""}${regionCode.slice(2, 6)}`;
}

export function formatRefNo(year: number, courtRegion: string, seq: number): string {
  return `（${year}）${courtCode(courtRegion)}民特调确字第${seq}号`;
}

export function formatRulingDocNo(year: number, seq: number): string {
  return `CD${year}${String(seq).padStart(6, "0")}`;
}

/** The title under which a ruling is registered; one per 调确字 number. */
export function rulingTitle(refNo: string): string {
  return `民事裁定书（${refNo}）`;
}

export function nextRefNo(tx: Tx, court: { id: string; regionCode: string }, now: Date): string {
  const year = chinaYear(now);
  return formatRefNo(year, court.regionCode, next(tx, `confirm_ref_${court.id}_${year}`));
}

export function nextRulingDocNo(tx: Tx, now: Date): string {
  const year = chinaYear(now);
  return formatRulingDocNo(year, next(tx, `ruling_no_${year}`));
}
