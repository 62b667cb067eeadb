// Expected strings follow 中国人民银行《支付结算办法》附件一《正确填写票据和结算凭证的基本规定》:
// 人民币 directly before the amount; 整 after 元 when there are no 角/分, none after 分; one 零 for
// a run of zeros inside the number; 零 after 元 when 角 is 0 and 分 is not. Several cases are the
// regulation's own examples.
import { describe, expect, it } from "vitest";
import { fenToCapital } from "~/lib/amount";

describe("fenToCapital", () => {
  const cases: [number, string][] = [
    [0, "人民币零元整"],
    [5, "人民币伍分"], // ¥0.05
    [50, "人民币伍角"], // ¥0.50: 整 after 角 is optional, and left out
    [100, "人民币壹元整"],
    [1_000, "人民币壹拾元整"], // 壹 before 拾 so nothing can be added in front
    [1_200_000, "人民币壹万贰仟元整"],
    [1_200_050, "人民币壹万贰仟元伍角"], // ¥12,000.50
    [1_200_005, "人民币壹万贰仟元零伍分"], // ¥12,000.05: 角 is 0, 分 is not → 零 after 元
    [1_001_000, "人民币壹万零壹拾元整"], // ¥10,010: one 零 for the zeros in the middle
    [10_000_000_000, "人民币壹亿元整"], // ¥100,000,000
    [100_000_000_000, "人民币壹拾亿元整"], // the schema's maximum
    [140_950, "人民币壹仟肆佰零玖元伍角"], // regulation example ¥1,409.50
    [600_714, "人民币陆仟零柒元壹角肆分"], // regulation example ¥6,007.14
    [168_032, "人民币壹仟陆佰捌拾元叁角贰分"], // regulation example ¥1,680.32 (零 after 元 optional)
    [1_640_902, "人民币壹万陆仟肆佰零玖元零贰分"], // regulation example ¥16,409.02
    [32_504, "人民币叁佰贰拾伍元零肆分"], // regulation example ¥325.04
    [10_700_053, "人民币壹拾万柒仟元伍角叁分"], // ¥107,000.53: rule 四(三) allows no 零 at all; its two examples each keep one
    [10_001_000_000, "人民币壹亿零壹万元整"], // ¥100,010,000
  ];
  for (const [fen, words] of cases) {
    it(`${fen} 分 → ${words}`, () => expect(fenToCapital(fen)).toBe(words));
  }

  it("refuses negative, fractional and unsafe amounts", () => {
    for (const bad of [-1, -100, 0.5, 100.01, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
      expect(() => fenToCapital(bad)).toThrow(RangeError);
    }
  });
});
