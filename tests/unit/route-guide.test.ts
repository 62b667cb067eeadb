import { describe, expect, it } from "vitest";
import { CATEGORIES, type Category } from "~/lib/categories";
import {
  CLAUSE_CATEGORIES,
  guideAnswersSchema,
  ROUTE_IDS,
  ROUTE_INFO,
  suggestRoute,
  YES_NO,
  YES_NO_UNSURE,
  type GuideAnswers,
  type RouteId,
} from "~/lib/route-guide";

/** Willing to talk, no money, nothing filed, nobody in danger: the plain case. */
const plain = (category: Category, over: Partial<GuideAnswers> = {}): GuideAnswers => ({
  category,
  willing: "yes",
  money: "no",
  courtFiled: "no",
  urgent: "no",
  ...over,
});

// The ordinary suggestion per category, written out by hand.
const BASELINE: Record<Category, { primary: RouteId; alternatives: RouteId[] }> = {
  婚姻家庭: { primary: "people", alternatives: ["litigation"] },
  邻里: { primary: "people", alternatives: ["litigation"] },
  房屋宅基地: { primary: "people", alternatives: ["litigation"] },
  合同: { primary: "people", alternatives: ["litigation"] },
  生产经营: { primary: "people", alternatives: ["litigation"] },
  损害赔偿: { primary: "people", alternatives: ["litigation"] },
  山林土地: { primary: "people", alternatives: ["litigation"] },
  征地拆迁: { primary: "people", alternatives: ["litigation"] },
  环境污染: { primary: "people", alternatives: ["litigation"] },
  劳动争议: { primary: "admin_labour", alternatives: ["labour_arbitration"] },
  消费: { primary: "admin_consumer", alternatives: ["people", "litigation"] },
  医疗: { primary: "people_medical", alternatives: ["admin_medical", "litigation"] },
  道路交通事故: { primary: "admin_traffic", alternatives: ["people", "litigation"] },
  物业: { primary: "people", alternatives: ["litigation"] },
  借贷: { primary: "people", alternatives: ["litigation"] },
  其他: { primary: "people", alternatives: ["litigation"] },
};

describe("suggestRoute: every category, plain answers", () => {
  it.each(CATEGORIES)("%s", (category) => {
    const s = suggestRoute(plain(category));
    expect({ primary: s.primary, alternatives: s.alternatives }).toEqual(BASELINE[category]);
    expect(s.reasons.length).toBeGreaterThan(0);
  });

  it("cites the statutory route for the sector categories", () => {
    expect(suggestRoute(plain("道路交通事故")).reasons.join()).toContain("《道路交通安全法》第74条");
    expect(suggestRoute(plain("消费")).reasons.join()).toContain("《消费者权益保护法》第39条");
    expect(suggestRoute(plain("医疗")).reasons.join()).toContain("《医疗纠纷预防和处理条例》第22条");
    expect(suggestRoute(plain("劳动争议")).reasons.join()).toContain("先经过劳动仲裁");
  });

  it("says people's mediation is free when it suggests it", () => {
    expect(suggestRoute(plain("邻里")).reasons.join()).toContain("不收费（《人民调解法》第4条）");
  });
});

describe("suggestRoute: money", () => {
  it.each(CATEGORIES.filter((c) => c !== "婚姻家庭"))("%s: offers lawyer mediation and enforceable agreements", (category) => {
    const s = suggestRoute(plain(category, { money: "yes" }));
    expect(s.primary).toBe(BASELINE[category].primary);
    expect(s.alternatives).toContain("lawyer");
    expect(s.reasons.join()).toContain("司法确认或赋强公证");
  });

  it("never offers lawyer mediation for 婚姻家庭, and says why", () => {
    const s = suggestRoute(plain("婚姻家庭", { money: "yes" }));
    expect(s.alternatives).not.toContain("lawyer");
    expect(s.reasons.join()).toContain("不能由律师调解");
  });
});

describe("suggestRoute: the other side will not talk", () => {
  it.each(CATEGORIES.filter((c) => c !== "劳动争议"))("%s: court, mediation kept for later", (category) => {
    const s = suggestRoute(plain(category, { willing: "no" }));
    expect(s.primary).toBe("litigation");
    expect(s.alternatives).toEqual([BASELINE[category].primary]);
    expect(s.reasons.join()).toContain("双方自愿");
  });

  it("劳动争议: arbitration first, never straight to court", () => {
    const s = suggestRoute(plain("劳动争议", { willing: "no" }));
    expect(s).toMatchObject({ primary: "labour_arbitration", alternatives: ["litigation"] });
  });

  it.each(CLAUSE_CATEGORIES)("%s with an arbitration clause: arbitration, not court", (category) => {
    const s = suggestRoute(plain(category, { willing: "no", clause: "yes" }));
    expect(s).toMatchObject({ primary: "commercial_arbitration", alternatives: [] });
  });

  it("unsure: still mediation, and the platform asks the other side first", () => {
    const s = suggestRoute(plain("邻里", { willing: "unsure" }));
    expect(s.primary).toBe("people");
    expect(s.reasons.join()).toContain("征求对方同意");
  });
});

describe("suggestRoute: arbitration clause", () => {
  it.each(CLAUSE_CATEGORIES)("%s: clause replaces court as the fallback", (category) => {
    const s = suggestRoute(plain(category, { clause: "yes" }));
    expect(s.primary).toBe("people");
    expect(s.alternatives).toContain("commercial_arbitration");
    expect(s.alternatives).not.toContain("litigation");
  });

  it.each(CLAUSE_CATEGORIES)("%s: unsure asks the user to check the contract", (category) => {
    const s = suggestRoute(plain(category, { clause: "unsure" }));
    expect(s.alternatives).toContain("litigation");
    expect(s.reasons.join()).toContain("仲裁委员会仲裁");
  });

  it.each(CATEGORIES.filter((c) => !CLAUSE_CATEGORIES.includes(c)))("%s: a clause answer changes nothing", (category) => {
    expect(suggestRoute(plain(category, { clause: "yes" }))).toEqual(suggestRoute(plain(category)));
    expect(suggestRoute(plain(category, { clause: "unsure" }))).toEqual(suggestRoute(plain(category)));
  });
});

describe("suggestRoute: already in court", () => {
  it.each(CATEGORIES)("%s: court-entrusted mediation", (category) => {
    const s = suggestRoute(plain(category, { courtFiled: "yes" }));
    expect(s).toMatchObject({ primary: "judicial", alternatives: ["litigation"] });
  });

  it("the other side refuses: the court goes on", () => {
    expect(suggestRoute(plain("借贷", { courtFiled: "yes", willing: "no" }))).toMatchObject({ primary: "litigation", alternatives: [] });
  });
});

describe("suggestRoute: violence or threats", () => {
  it.each(CATEGORIES)("%s: call 110 first, then the usual routes", (category) => {
    const usual = suggestRoute(plain(category));
    const s = suggestRoute(plain(category, { urgent: "yes" }));
    expect(s.primary).toBe("call110");
    expect(s.alternatives).toEqual([usual.primary, ...usual.alternatives]);
    expect(s.reasons[0]).toContain("110");
  });

  it("婚姻家庭: mentions the personal safety protection order", () => {
    expect(suggestRoute(plain("婚姻家庭", { urgent: "yes" })).reasons.join()).toContain("人身安全保护令");
    expect(suggestRoute(plain("邻里", { urgent: "yes" })).reasons.join()).not.toContain("人身安全保护令");
  });
});

describe("suggestRoute: every combination", () => {
  const all: GuideAnswers[] = CATEGORIES.flatMap((category) =>
    YES_NO_UNSURE.flatMap((willing) =>
      YES_NO.flatMap((money) =>
        YES_NO.flatMap((courtFiled) =>
          YES_NO.flatMap((urgent) => [undefined, ...YES_NO_UNSURE].map((clause) => ({ category, willing, money, courtFiled, urgent, clause }))),
        ),
      ),
    ),
  );

  it("keeps its promises", () => {
    expect(all).toHaveLength(CATEGORIES.length * 3 * 2 * 2 * 2 * 4);
    for (const a of all) {
      const s = suggestRoute(a);
      const label = JSON.stringify(a);
      expect(s.alternatives, label).not.toContain(s.primary);
      expect(new Set(s.alternatives).size, label).toBe(s.alternatives.length);
      expect(s.reasons.length, label).toBeGreaterThan(0);
      if (a.category === "婚姻家庭") expect([s.primary, ...s.alternatives], label).not.toContain("lawyer");
      // Labour disputes reach court only through arbitration.
      if (a.category === "劳动争议" && a.courtFiled === "no") expect(s.primary, label).not.toBe("litigation");
      if (a.urgent === "yes") expect(s.primary, label).toBe("call110");
      else expect(s.alternatives, label).not.toContain("call110");
    }
  });
});

describe("route texts and the query schema", () => {
  it("describes every route in plain words with time and cost", () => {
    for (const id of ROUTE_IDS) {
      const info = ROUTE_INFO[id];
      expect(info.text.length, id).toBeGreaterThan(30);
      expect(info.text.split("。").filter(Boolean).length, id).toBeLessThanOrEqual(3);
      expect(info.time, id).not.toBe("");
      expect(info.cost, id).not.toBe("");
    }
    expect(ROUTE_INFO.lawyer.cost).toContain("费用");
    expect(ROUTE_INFO.labour_arbitration.time).toContain("45日");
  });

  it("accepts the form's query values and rejects others with Chinese messages", () => {
    expect(guideAnswersSchema.safeParse({ category: "邻里", willing: "yes", money: "no", courtFiled: "no", urgent: "no" }).success).toBe(true);
    const bad = guideAnswersSchema.safeParse({ category: "离婚", willing: "maybe" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.message)).toContain("请选择纠纷类别");
  });
});
