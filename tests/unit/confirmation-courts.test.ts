// The competent court for 司法确认 (民事诉讼法 Art 205) and the parties' choice among them.
import { describe, expect, it } from "vitest";
import { chooseCourt, competentCourts, type CompetenceInput } from "../../server/handoff/confirmation/competent-courts";
import { courtCode, formatRefNo, formatRulingDocNo, rulingTitle } from "../../server/handoff/confirmation/numbers";
import { chinaYear } from "../../server/lib/sequence";

const WUHUA = { id: "c-wuhua", name: "昆明市五华区人民法院", regionCode: "530102" };
const PANLONG = { id: "c-panlong", name: "昆明市盘龙区人民法院", regionCode: "530103" };
const GUANDU = { id: "c-guandu", name: "昆明市官渡区人民法院", regionCode: "530111" };
const COURTS = [WUHUA, PANLONG, GUANDU];

function input(over: Partial<CompetenceInput> = {}): CompetenceInput {
  return {
    source: "citizen",
    courtId: null,
    org: { name: "翠湖社区人民调解委员会", type: "people_committee", regionCode: "530102", parentId: "p-huashan" },
    parties: [
      { name: "李明", regionCode: "530102" },
      { name: "陈立新", regionCode: "530102" },
    ],
    disputeRegion: "530102",
    courts: COURTS,
    ...over,
  };
}

describe("民事诉讼法 Art 205 ②: self-initiated mediation — a party's domicile, the property, the organisation's seat", () => {
  it("one court when everything is in one district, listed once with every ground", () => {
    const c = competentCourts(input());
    expect(c.invited).toBe(false);
    expect(c.courts.map((x) => x.name)).toEqual(["昆明市五华区人民法院"]);
    expect(c.courts[0].bases.map((b) => b.ground)).toEqual(["domicile", "domicile", "property", "organisation"]);
    expect(c.courts[0].bases.map((b) => b.text)).toEqual([
      "当事人李明住所地基层人民法院（《中华人民共和国民事诉讼法》第二百零五条第二项）",
      "当事人陈立新住所地基层人民法院（《中华人民共和国民事诉讼法》第二百零五条第二项）",
      "标的物所在地（纠纷发生地）基层人民法院（《中华人民共和国民事诉讼法》第二百零五条第二项）",
      "调解组织（翠湖社区人民调解委员会）所在地基层人民法院（《中华人民共和国民事诉讼法》第二百零五条第二项）",
    ]);
    expect(c.none).toBeNull();
  });

  it("a respondent living in another district adds that district's court", () => {
    const c = competentCourts(input({ parties: [{ name: "李明", regionCode: "530102" }, { name: "陈立新", regionCode: "530103" }] }));
    expect(c.courts.map((x) => [x.name, x.bases.map((b) => b.ground)])).toEqual([
      ["昆明市五华区人民法院", ["domicile", "property", "organisation"]],
      ["昆明市盘龙区人民法院", ["domicile"]],
    ]);
  });

  it("the court with the most grounds comes first, whatever order the parties are listed in", () => {
    const c = competentCourts(input({ parties: [{ name: "陈立新", regionCode: "530103" }, { name: "李明", regionCode: null }] }));
    expect(c.courts.map((x) => x.id)).toEqual([WUHUA.id, PANLONG.id]);
  });

  it("the property's district counts on its own (纠纷发生地 where the property is)", () => {
    const c = competentCourts(input({ disputeRegion: "530111" }));
    expect(c.courts.find((x) => x.id === GUANDU.id)?.bases.map((b) => b.ground)).toEqual(["property"]);
  });

  it("the organisation's seat counts on its own", () => {
    const c = competentCourts(input({ parties: [{ name: "李明", regionCode: "530111" }, { name: "陈立新", regionCode: "530111" }], disputeRegion: "530111" }));
    expect(c.courts.map((x) => [x.id, x.bases.map((b) => b.ground)])).toEqual([
      [GUANDU.id, ["domicile", "domicile", "property"]],
      [WUHUA.id, ["organisation"]],
    ]);
  });

  it("9- and 12-digit codes are reduced to their county; unknown domiciles are skipped", () => {
    const c = competentCourts(input({ parties: [{ name: "李明", regionCode: "530103001" }, { name: "陈立新", regionCode: null }], disputeRegion: "530102001007" }));
    expect(c.courts.map((x) => x.id).sort()).toEqual([PANLONG.id, WUHUA.id].sort());
  });

  it("no court on the platform for any of those places: an empty list with the reason", () => {
    const c = competentCourts(input({ courts: [GUANDU] }));
    expect(c.courts).toEqual([]);
    expect(c.none).toMatch(/均未入驻平台.*第二百零五条第二项/);
  });

  it("only basic courts of those districts: a court elsewhere is never proposed", () => {
    expect(competentCourts(input()).courts.some((x) => x.id === GUANDU.id || x.id === PANLONG.id)).toBe(false);
  });
});

describe("民事诉讼法 Art 205 ①: court-invited mediation goes to the inviting court only", () => {
  it("委派 (before filing): the court that sent the case, whatever the parties' domiciles", () => {
    const c = competentCourts(input({ source: "court_delegated", courtId: PANLONG.id, parties: [{ name: "李明", regionCode: "530102" }, { name: "陈立新", regionCode: "530111" }] }));
    expect(c.invited).toBe(true);
    expect(c.courts.map((x) => x.id)).toEqual([PANLONG.id]);
    expect(c.courts[0].bases).toEqual([{ ground: "invited", text: "作出邀请（委派/委托）调解的人民法院（《中华人民共和国民事诉讼法》第二百零五条第一项）" }]);
  });

  it("委托 (after filing): the same", () => {
    expect(competentCourts(input({ source: "court_entrusted", courtId: WUHUA.id })).courts.map((x) => x.id)).toEqual([WUHUA.id]);
  });

  it("a court-invited studio presided: its own court (the studio's parent), even for a citizen's filing", () => {
    const c = competentCourts(input({ org: { name: "五华区人民法院特邀调解工作室", type: "court_invited", regionCode: "530102", parentId: WUHUA.id }, parties: [{ name: "李明", regionCode: "530103" }] }));
    expect(c.courts.map((x) => x.id)).toEqual([WUHUA.id]);
  });

  it("an inviting court that is not on the platform: nothing to choose, and why", () => {
    const c = competentCourts(input({ source: "court_delegated", courtId: "c-elsewhere" }));
    expect(c).toMatchObject({ invited: true, courts: [] });
    expect(c.none).toMatch(/作出邀请的人民法院/);
  });
});

describe("choosing among the competent courts (民诉解释 Art 355 ②: any other court would refuse)", () => {
  it("a competent court is accepted with every basis joined for the record", () => {
    const r = chooseCourt(competentCourts(input()), WUHUA.id);
    expect(r).toMatchObject({ ok: true, court: { id: WUHUA.id } });
    if (r.ok) expect(r.basis.split("；")).toHaveLength(4);
  });

  it("any other court is refused with the rule and the courts that may be chosen", () => {
    const r = chooseCourt(competentCourts(input()), GUANDU.id);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toContain("所选法院对本案没有管辖权");
      expect(r.reason).toContain("第二百零五条");
      expect(r.reason).toContain("第三百五十五条第二项");
      expect(r.reason).toContain("可选择：昆明市五华区人民法院");
    }
  });

  it("court-invited mediation: choosing anything but the inviting court says so", () => {
    const r = chooseCourt(competentCourts(input({ source: "court_delegated", courtId: PANLONG.id })), WUHUA.id);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain("应向作出邀请的人民法院申请");
  });

  it("with no competent court on the platform the reason is the empty list's", () => {
    const r = chooseCourt(competentCourts(input({ courts: [] })), WUHUA.id);
    expect(r).toMatchObject({ ok: false, reason: expect.stringMatching(/均未入驻平台/) });
  });
});

describe("司法确认程序若干规定 Art 4: the 调确字 number, and the ruling's verification key", () => {
  it("prints the province's abbreviation and the court's district", () => {
    expect(courtCode("530102")).toBe("云0102");
    expect(courtCode("520102")).toBe("黔0102");
    expect(formatRefNo(2026, "530102", 1)).toBe("（2026）云0102民特调确字第1号");
    expect(rulingTitle("（2026）云0102民特调确字第1号")).toBe("民事裁定书（（2026）云0102民特调确字第1号）");
  });
  it("the ruling key is two letters and ten digits, like every verifiable document", () => {
    expect(formatRulingDocNo(2026, 1)).toBe("CD2026000001");
    expect(formatRulingDocNo(2026, 1)).toMatch(/^[A-Z]{2}\d{10}$/);
  });
  it("numbers belong to the year in China", () => {
    expect(chinaYear(new Date("2026-12-31T16:30:00Z"))).toBe(2027);
    expect(chinaYear(new Date("2026-12-31T15:30:00Z"))).toBe(2026);
  });
});
