// 公证法 Art 25: a notarisation is applied for at the office of a party's domicile or habitual
// residence, or of the place of the act or the facts. A county's office serves its county; a city's
// office (code ending 00) the whole city.
import { describe, expect, it } from "vitest";
import { eligibleOffices, notCompetent, officeServes } from "../../server/handoff/notarisation/offices";

const CHUNCHENG = { id: "cc", name: "昆明市春城公证处", regionCode: "530102" };
const KUNMING = { id: "km", name: "昆明市明诚公证处", regionCode: "530100" };
const QUJING = { id: "qj", name: "曲靖市麒麟公证处", regionCode: "530302" };

describe("officeServes (公证法 Art 25)", () => {
  it("a county's office serves only that county", () => {
    expect(officeServes("530102", "530102")).toBe(true);
    expect(officeServes("530102", "530103")).toBe(false);
  });
  it("a city's office serves every county of the city, nothing beyond it", () => {
    expect(officeServes("530100", "530102")).toBe(true);
    expect(officeServes("530100", "530111")).toBe(true);
    expect(officeServes("530100", "530302")).toBe(false);
  });
  it("an unknown place or a malformed code serves nobody", () => {
    expect(officeServes("530102", null)).toBe(false);
    expect(officeServes("5301", "530102")).toBe(false);
    expect(officeServes("000000", "530102")).toBe(false);
  });
});

describe("eligibleOffices", () => {
  it("offers the offices of a party's place and of the dispute's, each with its ground", () => {
    const r = eligibleOffices([KUNMING, CHUNCHENG, QUJING], { parties: ["530102", "530302"], disputeRegion: "530102" });
    expect(r.map((o) => [o.name, o.basis])).toEqual([
      ["昆明市明诚公证处", "当事人住所地（经常居住地）、纠纷发生地（事实发生地）的公证机构，当事人共同选择（公证法第二十五条、第三十七条）"],
      ["昆明市春城公证处", "当事人住所地（经常居住地）、纠纷发生地（事实发生地）的公证机构，当事人共同选择（公证法第二十五条、第三十七条）"],
      ["曲靖市麒麟公证处", "当事人住所地（经常居住地）的公证机构，当事人共同选择（公证法第二十五条、第三十七条）"],
    ]);
  });
  it("the dispute's place alone is enough when no party's place is known", () => {
    expect(eligibleOffices([CHUNCHENG, QUJING], { parties: [null, null], disputeRegion: "530302" }).map((o) => o.name)).toEqual(["曲靖市麒麟公证处"]);
  });
  it("none when no office is at any of those places", () => {
    expect(eligibleOffices([CHUNCHENG, KUNMING, QUJING], { parties: ["532901"], disputeRegion: "532901" })).toEqual([]);
  });
  it("a refusal names the offices that may take it", () => {
    expect(notCompetent("曲靖市麒麟公证处", [CHUNCHENG])).toBe("曲靖市麒麟公证处不是当事人住所地、经常居住地或纠纷发生地的公证处（公证法第二十五条）；可以选择：昆明市春城公证处");
  });
});
