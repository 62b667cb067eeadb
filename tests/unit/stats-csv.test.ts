// The CSV writer shared by every export (app/lib/csv.ts): RFC 4180 quoting, CRLF, a BOM so that
// Excel opens UTF-8 Chinese correctly, no formula injection, and RFC 6266 file names.
import { describe, expect, it } from "vitest";
import { BOM, csvField, csvHeaders, parseCsv, toCsv } from "~/lib/csv";

describe("csvField", () => {
  it("quotes commas, quotes (doubled), line breaks and edge spaces; leaves plain Chinese alone", () => {
    expect(csvField("婚姻家庭")).toBe("婚姻家庭");
    expect(csvField("甲,乙")).toBe('"甲,乙"');
    expect(csvField('他说"好"')).toBe('"他说""好"""');
    expect(csvField("第一行\n第二行")).toBe('"第一行\n第二行"');
    expect(csvField(" 前后空格 ")).toBe('" 前后空格 "');
  });

  it("writes numbers as numbers, nothing for null, and never a formula (OWASP CSV injection)", () => {
    expect(csvField(93.5)).toBe("93.5");
    expect(csvField(-3)).toBe("-3");
    expect(csvField(null)).toBe("");
    expect(csvField(Number.NaN)).toBe("");
    expect(csvField("=HYPERLINK(\"http://x\")")).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField("+86")).toBe("'+86");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
  });
});

describe("toCsv and parseCsv", () => {
  it("start with a BOM, end lines with CRLF, and read back to the same rows", () => {
    const rows = [["纠纷类型", "收案数（件）"], ["邻里", 12], ['合同,"借贷"', 3], ["多行\r\n文本", null]];
    const text = toCsv(rows);
    expect(text.startsWith(BOM)).toBe(true);
    expect(text.endsWith("\r\n")).toBe(true);
    expect(new TextEncoder().encode(text).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    expect(parseCsv(text)).toEqual([["纠纷类型", "收案数（件）"], ["邻里", "12"], ['合同,"借贷"', "3"], ["多行\r\n文本", ""]]);
    expect(toCsv([["a"]], { bom: false })).toBe("a\r\n");
  });
});

describe("csvHeaders", () => {
  it("say text/csv in UTF-8, and give the Chinese file name as filename* with an ASCII fallback", () => {
    const h = csvHeaders("云解纷统计_按纠纷类型_2026-01至2026-06 (公开).csv", "stats-category.csv");
    expect(h["Content-Type"]).toBe("text/csv; charset=utf-8");
    expect(h["Content-Disposition"]).toBe(
      `attachment; filename="stats-category.csv"; filename*=UTF-8''${encodeURIComponent("云解纷统计_按纠纷类型_2026-01至2026-06 ")}%28${encodeURIComponent("公开")}%29.csv`,
    );
    expect(decodeURIComponent(h["Content-Disposition"].split("UTF-8''")[1])).toBe("云解纷统计_按纠纷类型_2026-01至2026-06 (公开).csv");
    expect(csvHeaders("x.csv", '统计"表.csv')["Content-Disposition"]).toMatch(/^attachment; filename="____.csv";/);
  });
});
