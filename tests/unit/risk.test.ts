import { describe, expect, it } from "vitest";
import { CATEGORIES } from "~/lib/categories";
import { BENIGN_PHRASES, gradeRisk, isCrossRegion, SELF_HARM_WORDS, VIOLENCE_WORDS, type RiskInput } from "../../server/triage/risk";

// An ordinary neighbour dispute in 五华区 between two local people.
const BASE: RiskInput = {
  texts: ["邻居装修噪音扰民，多次协商未果，请求对方赔偿损失并停止夜间施工。"],
  amountFen: 500_000,
  partyCount: 2,
  disputeRegion: "530102",
  partyRegions: ["530102", "530103"],
  priorFilings: 0,
  category: "邻里",
};
const grade = (over: Partial<RiskInput>) => gradeRisk({ ...BASE, ...over });
const say = (text: string) => grade({ texts: [text] });

describe("green", () => {
  it("grades an ordinary dispute green with no reasons", () => {
    expect(gradeRisk(BASE)).toEqual({ grade: "green", reasons: [] });
  });

  it("grades every category other than 征地拆迁 and 环境污染 green by itself", () => {
    for (const category of CATEGORIES) {
      expect(grade({ category }).grade).toBe(category === "征地拆迁" || category === "环境污染" ? "yellow" : "green");
    }
  });

  it("accepts an unknown amount and parties with no region", () => {
    expect(grade({ amountFen: null, partyRegions: [null, null] }).grade).toBe("green");
  });
});

describe("red: threats, violence, 民转刑", () => {
  it.each(VIOLENCE_WORDS)("flags “%s”", (word) => {
    const r = say(`对方说要${word}我们全家`);
    expect(r.grade).toBe("red");
    expect(r.reasons[0]).toBe(`陈述中出现“${word}”等暴力或威胁字样，有民转刑风险，须立即上报并处置（人民调解法第25条）`);
  });

  it.each(SELF_HARM_WORDS)("flags self-harm “%s” as such, not as violence", (word) => {
    const r = say(`当事人扬言要${word}`);
    expect(r.grade).toBe("red");
    expect(r.reasons).toEqual([`陈述中出现“${word}”等自伤字样，须立即关注当事人安全并上报`]);
  });

  it("lists each word once, across texts, ignoring spaces inside words", () => {
    const r = grade({ texts: ["他说要砍人", "还说要砍我，威 胁我"] });
    expect(r.reasons[0]).toContain("“砍”“威胁”");
  });

  it("flags 自杀式 too: it still speaks of killing oneself", () => {
    expect(say("他说要搞自杀式报复").grade).toBe("red");
  });

  it.each(["报警多次", "多次报警", "反复报警", "屡次报警", "已经报警三次", "报警过两次", "报警了12次", "报了好几次警", "一周报了3次警"])(
    "flags repeated police calls: %s",
    (text) => {
      const r = say(`双方冲突，${text}，派出所出警调处`);
      expect(r.grade).toBe("red");
      expect(r.reasons).toContain("当事人反映多次报警，矛盾已经激化");
    },
  );

  it.each(["报警一次", "报了1次警", "已报警处理"])("does not flag a single police call: %s", (text) => {
    expect(say(`因停车发生口角，${text}`).grade).toBe("green");
  });
});

describe("red: no false alarms on everyday words", () => {
  it.each([
    ["杀虫", "物业喷洒杀虫剂导致宠物中毒"],
    ["抹杀", "不能抹杀我这些年为家庭的付出"],
    ["扼杀", "此举扼杀了小店的经营"],
    ["杀毒", "维修电脑杀毒后资料丢失"],
    ["杀价", "买家恶意杀价后拒绝付款"],
    ["砍价", "砍价活动承诺的礼品未兑现"],
    ["砍伐", "对方擅自砍伐林木"],
    ["砍树", "邻居砍树压坏围墙"],
    ["炸鸡", "炸鸡店外卖变质"],
    ["油炸", "油炸食品不合格"],
    ["炸酱", "炸酱面店拖欠货款"],
    ["捅破", "漏水把天花板捅破了"],
    ["报复性消费", "报复性消费后想退货"],
  ])("ignores %s", (phrase, text) => {
    expect(BENIGN_PHRASES).toContain(phrase);
    expect(say(text)).toEqual({ grade: "green", reasons: [] });
  });

  it("still flags a real threat next to an everyday word", () => {
    expect(say("为杀虫的事吵架，他扬言要砍死我").grade).toBe("red");
  });
});

describe("red: repeated filings", () => {
  it.each([
    [0, "green"],
    [1, "yellow"],
    [2, "yellow"],
    [3, "red"],
    [7, "red"],
  ] as const)("%i earlier filings → %s", (priorFilings, expected) => {
    expect(grade({ priorFilings }).grade).toBe(expected);
  });

  it("says why", () => {
    expect(grade({ priorFilings: 3 }).reasons).toEqual(["反复纠纷，多次申请：此前已就本纠纷申请3次"]);
    expect(grade({ priorFilings: 2 }).reasons).toEqual(["此前已就本纠纷申请2次，属长期未化解的纠纷"]);
  });

  it("treats a negative count as none", () => {
    expect(grade({ priorFilings: -1 }).grade).toBe("green");
  });
});

describe("yellow", () => {
  it("flags many parties from five", () => {
    expect(grade({ partyCount: 4 }).grade).toBe("green");
    expect(grade({ partyCount: 5 })).toEqual({ grade: "yellow", reasons: ["当事人5人，涉及人数较多"] });
  });

  it("flags amounts from 50万元", () => {
    expect(grade({ amountFen: 49_999_999 }).grade).toBe("green");
    expect(grade({ amountFen: 50_000_000 })).toEqual({ grade: "yellow", reasons: ["争议金额50万元，数额较大"] });
    expect(grade({ amountFen: 123_456_789 }).reasons).toEqual(["争议金额123.46万元，数额较大"]);
  });

  it("flags a party from another city", () => {
    expect(grade({ partyRegions: ["530102", "530111"] }).grade).toBe("green"); // same city, other county
    expect(grade({ partyRegions: ["530102", "530302"] })).toEqual({
      grade: "yellow",
      reasons: ["当事人不在纠纷发生地所在的市（州），属跨区域纠纷"],
    });
    expect(grade({ partyRegions: [null, "110105"] }).grade).toBe("yellow");
  });

  it.each([
    ["征地拆迁", "征地拆迁纠纷涉及人数多、利益大，有引发群体性事件的风险"],
    ["环境污染", "环境污染纠纷往往涉及众多受影响群众，有引发群体性事件的风险"],
  ] as const)("flags %s for group risk", (category, reason) => {
    expect(grade({ category })).toEqual({ grade: "yellow", reasons: [reason] });
  });
});

describe("combining", () => {
  it("red wins over yellow, and every reason is kept, red first", () => {
    const r = grade({ texts: ["对方威胁我"], partyCount: 6, category: "征地拆迁" });
    expect(r.grade).toBe("red");
    expect(r.reasons).toHaveLength(3);
    expect(r.reasons[0]).toContain("威胁");
    expect(r.reasons.slice(1)).toEqual(["当事人6人，涉及人数较多", "征地拆迁纠纷涉及人数多、利益大，有引发群体性事件的风险"]);
  });
});

describe("isCrossRegion", () => {
  it("compares the city (first 4 digits) and ignores what it cannot read", () => {
    expect(isCrossRegion("530102", ["530102001", "5301"])).toBe(false);
    expect(isCrossRegion("530102", ["5303"])).toBe(true);
    expect(isCrossRegion("530102", ["", "53"])).toBe(false);
    expect(isCrossRegion("", ["110105"])).toBe(false);
    expect(isCrossRegion("530102", [])).toBe(false);
  });
});
