// What courts will not confirm (民诉解释 Art 355), from the category and the agreement's terms.
import { describe, expect, it } from "vitest";
import { confirmationRefusal, type RefusalInput } from "../../server/handoff/confirmation/refusals";

const ok = (over: Partial<RefusalInput> = {}): RefusalInput => ({ category: "邻里", personalStatus: false, terms: ["被申请人于2027年1月31日前修复卫生间防水层"], other: null, ...over });

describe("民诉解释 Art 355 ③: personal status (marriage, parentage, adoption)", () => {
  it("a 婚姻家庭 case is refused, naming item 3", () => {
    const r = confirmationRefusal(ok({ category: "婚姻家庭", terms: ["双方自愿解除婚姻关系"] }));
    expect(r).toMatchObject({ item: 3, article: "《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第三百五十五条第三项" });
    expect(r?.reason).toContain("身份关系");
  });
  it("an agreement marked as concerning marriage, adoption or inheritance is refused whatever its category", () => {
    expect(confirmationRefusal(ok({ category: "其他", personalStatus: true }))?.item).toBe(3);
  });
});

describe("民诉解释 Art 355 ⑤: title to property or intellectual property", () => {
  it("a 房屋宅基地 agreement whose terms decide ownership is refused", () => {
    const r = confirmationRefusal(ok({ category: "房屋宅基地", terms: ["争议宅基地的使用权归申请人所有"] }));
    expect(r).toMatchObject({ item: 5, article: expect.stringContaining("第三百五十五条第五项") });
    expect(r?.reason).toContain("物权确权");
  });
  it("so is a 山林土地 agreement that speaks of 确权, 所有权 or 权属, in the terms or the other clauses", () => {
    expect(confirmationRefusal(ok({ category: "山林土地", terms: ["双方同意对争议林地进行确权"] }))?.item).toBe(5);
    expect(confirmationRefusal(ok({ category: "山林土地", terms: ["房屋所有权归被申请人"] }))?.item).toBe(5);
    expect(confirmationRefusal(ok({ category: "山林土地", terms: ["赔偿青苗损失2000元"], other: "争议山林的权属另行协商" }))?.item).toBe(5);
  });
  it("a 房屋宅基地 agreement about damage, not title, is confirmable: the category alone does not refuse", () => {
    expect(confirmationRefusal(ok({ category: "房屋宅基地", terms: ["被申请人赔偿围墙修缮费用5000元"] }))).toBeNull();
  });
  it("the same words in another category do not refuse (a loan agreement mentioning 所有权 of a car pledged)", () => {
    expect(confirmationRefusal(ok({ category: "借贷", terms: ["车辆所有权证书由申请人保管至还清借款"] }))).toBeNull();
  });
  it("an IP right together with 归属/确权/权属 in one term is refused in any category", () => {
    const r = confirmationRefusal(ok({ category: "合同", terms: ["涉案商标的归属确定为申请人"] }));
    expect(r).toMatchObject({ item: 5 });
    expect(r?.reason).toContain("知识产权确权");
    expect(confirmationRefusal(ok({ category: "其他", terms: ["该软件著作权权属归申请人"] }))?.item).toBe(5);
  });
  it("a licence fee for a patent is not a title question", () => {
    expect(confirmationRefusal(ok({ category: "合同", terms: ["被申请人支付专利许可使用费10000元"] }))).toBeNull();
  });
});

describe("民诉解释 Art 355 ①: outside the courts' civil jurisdiction", () => {
  it("征地拆迁 is refused, naming item 1 and the way that remains", () => {
    const r = confirmationRefusal(ok({ category: "征地拆迁", terms: ["补偿款50000元"] }));
    expect(r).toMatchObject({ item: 1, article: expect.stringContaining("第三百五十五条第一项") });
    expect(r?.reason).toContain("不属于人民法院受理民事案件的范围");
  });
});

describe("everything else may be confirmed", () => {
  it.each(["邻里", "合同", "借贷", "损害赔偿", "劳动争议", "消费", "物业", "道路交通事故", "医疗", null])("%s", (category) => {
    expect(confirmationRefusal(ok({ category }))).toBeNull();
  });
});
