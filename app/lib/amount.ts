// Amounts in 大写 (人民币壹万贰仟元整) for agreements and rulings, from whole 分 so that no float
// rounding can change a legal amount. The wording follows nzh's money rules (零 placement, 整).
import nzh from "nzh/cn";

/** 1200000 → "人民币壹万贰仟元整"; 5 → "人民币伍分"; 0 → "人民币零元整". */
export function fenToCapital(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`金额必须是非负整数分：${fen}`);
  const yuan = Math.floor(fen / 100);
  const cents = fen % 100;
  // "12000.00" would lose the 整 that a whole amount must end with, so whole yuan go in bare.
  const value = cents === 0 ? String(yuan) : `${yuan}.${String(cents).padStart(2, "0")}`;
  return nzh.toMoney(value);
}
