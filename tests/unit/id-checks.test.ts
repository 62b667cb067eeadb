import { describe, expect, it } from "vitest";
import { checkCreditCode, checkResidentId, creditCodeCheckChar, residentIdCheckChar } from "~/lib/id-checks";

describe("居民身份证号码 (GB 11643)", () => {
  it("accepts a valid number", () => {
    // 11010519491231002X is the standard's own worked example.
    expect(checkResidentId("11010519491231002X")).toEqual({ ok: true });
    expect(checkResidentId("11010519491231002x")).toEqual({ ok: true });
  });
  it("rejects a wrong check digit", () => {
    expect(checkResidentId("110105194912310021")).toEqual({ ok: false, message: "身份证号码校验位不正确" });
  });
  it("rejects a wrong length", () => {
    expect(checkResidentId("1101051949123100")).toMatchObject({ ok: false, message: "身份证号码应为18位" });
    expect(checkResidentId("11010519491231002X1")).toMatchObject({ ok: false, message: "身份证号码应为18位" });
  });
  it("handles the X check character", () => {
    const first17 = "53010219900101123";
    expect(residentIdCheckChar("11010519491231002")).toBe("X");
    expect(checkResidentId(first17 + residentIdCheckChar(first17)).ok).toBe(true);
  });
  it("rejects an impossible birth date even with a correct check digit", () => {
    for (const birth of ["19990230", "20011301", "18991231"]) {
      const first17 = `530102${birth}123`;
      expect(checkResidentId(first17 + residentIdCheckChar(first17))).toMatchObject({ ok: false, message: "身份证号码中的出生日期不存在" });
    }
  });
  it("rejects a birth date in the future", () => {
    const first17 = "53010220991231123";
    expect(checkResidentId(first17 + residentIdCheckChar(first17), new Date("2026-11-21"))).toMatchObject({ ok: false });
  });
  it("rejects letters other than a final X", () => {
    expect(checkResidentId("53010219900101A234")).toMatchObject({ ok: false, message: "身份证号码只能由数字和末位X组成" });
  });
});

describe("统一社会信用代码 (GB 32100)", () => {
  it("accepts a valid code", () => {
    // 91350100M000100Y43 is a widely published valid example.
    expect(checkCreditCode("91350100M000100Y43")).toEqual({ ok: true });
  });
  it("rejects a wrong check character", () => {
    expect(checkCreditCode("91350100M000100Y44")).toMatchObject({ ok: false, message: "统一社会信用代码校验位不正确" });
  });
  it("rejects forbidden letters", () => {
    expect(checkCreditCode("91350100M000100I43")).toMatchObject({ ok: false });
  });
  it("computes the check character that validates", () => {
    const first17 = "91530102MA6K12345";
    expect(checkCreditCode(first17 + creditCodeCheckChar(first17)).ok).toBe(true);
  });
});
