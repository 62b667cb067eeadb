import { describe, expect, it } from "vitest";
import {
  AGREEMENT_TEMPLATES,
  TEMPLATE_FOR_CATEGORY,
  agreementContentSchema,
  eSignForbidden,
  type AgreementContent,
  type AgreementTemplate,
} from "~/lib/agreement-schema";
import { CATEGORIES } from "~/lib/categories";
import { creditCodeCheckChar, residentIdCheckChar } from "~/lib/id-checks";
import {
  PLACEHOLDER,
  draftFromCase,
  sexAndAgeFromIdNumber,
  unfilledPlaceholders,
  type AgreementDraft,
  type DraftSource,
} from "../../server/agreements/templates";

const TODAY = "2026-03-15";
const MONETARY: AgreementTemplate[] = ["loan", "traffic", "labour", "property", "consumer", "damages"];

const residentId = (birth: string, seq: string) => {
  const first17 = `530102${birth}${seq}`;
  return first17 + residentIdCheckChar(first17);
};
const creditCode = (first17: string) => first17 + creditCodeCheckChar(first17);

const MAN = residentId("19800512", "013"); // 7th digit from the end odd: 男
const WOMAN = residentId("19920315", "024"); // even: 女, birthday on TODAY
const ORG = creditCode("91530100MA6K00001");

function categoryFor(template: AgreementTemplate): string {
  return CATEGORIES.find((c) => TEMPLATE_FOR_CATEGORY[c] === template)!;
}

function source(template: AgreementTemplate, over: Partial<DraftSource> = {}): DraftSource {
  return {
    category: categoryFor(template),
    kind: "people",
    facts: "申请人与被申请人因一笔款项发生纠纷，多次协商未果。",
    claims: "请求被申请人支付人民币10000元。",
    amountFen: 1_000_000,
    parties: [
      { id: "p-app", side: "applicant", kind: "person", name: "张三", idNumber: MAN, legalRep: null, address: "云南省昆明市五华区华山南路1号" },
      { id: "p-res", side: "respondent", kind: "person", name: "李四", idNumber: WOMAN, legalRep: null, address: "云南省昆明市盘龙区北京路2号" },
      { id: "p-org", side: "respondent", kind: "org", name: "昆明某某有限公司", idNumber: ORG, legalRep: "王五", address: "云南省昆明市官渡区春城路3号" },
    ],
    acceptedOffers: [],
    undisputedFacts: null,
    today: TODAY,
    ...over,
  };
}

/** What the mediator does in the editor: the blanks the case cannot know, and every placeholder. */
function fill(draft: AgreementDraft): AgreementContent {
  const filled = JSON.parse(JSON.stringify(draft).replaceAll(PLACEHOLDER, "双方当面确认的内容")) as AgreementDraft;
  return {
    ...filled,
    parties: filled.parties.map((p) =>
      p.kind === "person" ? { ...p, sex: p.sex ?? "男", age: p.age ?? 40, ethnicity: p.ethnicity || "汉族", occupation: p.occupation || "务农" } : { ...p, legalRep: p.legalRep || "赵六" },
    ),
  };
}

function issues(content: unknown): string[] {
  const r = agreementContentSchema.safeParse(content);
  return r.success ? [] : r.error.issues.map((i) => i.message);
}

const sum = (xs: { amountFen: number }[]) => xs.reduce((s, x) => s + x.amountFen, 0);

describe("draftFromCase, for every template", () => {
  const variants: [string, Partial<DraftSource>][] = [
    ["with the filed amount", {}],
    ["without an amount", { amountFen: null }],
    ["with accepted offers", { acceptedOffers: [{ fromSide: "respondent", amountFen: 800_000, terms: "被申请人分两次付清款项。", payBy: "2026-05-31" }] }],
  ];
  for (const template of AGREEMENT_TEMPLATES) {
    for (const [label, over] of variants) {
      it(`${template} ${label}: complete once filled, with every Art 29 field`, () => {
        const draft = draftFromCase(source(template, over));
        expect(draft.template).toBe(template);
        const content = fill(draft);
        expect(issues(content)).toEqual([]);
        expect(unfilledPlaceholders(content)).toEqual([]);

        // Art 29 ①: basic information of each party.
        expect(content.parties).toHaveLength(3);
        for (const p of content.parties) {
          expect(p.name).not.toBe("");
          expect(p.address).not.toBe("");
          if (p.kind === "person") {
            expect(["男", "女"]).toContain(p.sex);
            expect(p.age).toBeGreaterThan(0);
            expect(p.ethnicity).not.toBe("");
            expect(p.occupation).not.toBe("");
          } else {
            expect(p.legalRep).toBe("王五");
          }
        }
        // ② facts, points in dispute, responsibilities; ③ terms and how/where/when.
        for (const s of [content.facts, content.disputes, content.responsibilities, content.performance.manner, content.performance.place, content.performance.deadline]) {
          expect(s.trim()).not.toBe("");
        }
        expect(content.terms.length).toBeGreaterThan(0);
        expect(content.personalStatus).toBe(template === "family");
        expect(eSignForbidden(categoryFor(template), content)).toBe(template === "family");

        const offered = over.acceptedOffers?.[0].amountFen ?? null;
        const amount = offered ?? ("amountFen" in over ? over.amountFen : 1_000_000);
        // Monetary templates pay the agreed or filed amount; others only a sum both sides accepted.
        if ((MONETARY.includes(template) && amount != null) || offered != null) {
          expect(content.payment).not.toBeNull();
          expect(content.payment!.totalFen).toBe(amount);
          expect(sum(content.payment!.instalments)).toBe(amount);
          expect(content.performance.deadline).toBe(content.payment!.instalments.at(-1)!.dueDate);
          expect(content.payment!.method).toBe("银行转账至收款方指定账户");
        } else {
          expect(content.payment).toBeNull();
        }
        expect(content.enforcementClause).toBe(template === "loan" && content.payment !== null);
      });
    }
  }

  it("derives sex and age from the ID numbers and leaves ethnicity and occupation blank", () => {
    const draft = draftFromCase(source("loan"));
    expect(draft.parties.map((p) => p.partyId)).toEqual(["p-app", "p-res", "p-org"]);
    expect(draft.parties[0]).toMatchObject({ kind: "person", sex: "男", age: 45, ethnicity: "", occupation: "" });
    expect(draft.parties[1]).toMatchObject({ kind: "person", sex: "女", age: 34 }); // birthday today
    expect(draft.parties[2]).toMatchObject({ kind: "org", legalRep: "王五", idNumber: ORG });
    // Blanks are for the mediator: the unfilled draft does not pass.
    expect(issues(draft)).toEqual(expect.arrayContaining(["请填写民族", "请填写职业"]));
  });

  it("leaves sex and age empty when the ID number gives nothing, and a missing legal rep empty", () => {
    const src = source("general");
    src.parties[0] = { ...src.parties[0], idNumber: "530102800512013" }; // an old 15-digit number
    src.parties[2] = { ...src.parties[2], legalRep: null };
    const draft = draftFromCase(src);
    expect(draft.parties[0]).toMatchObject({ sex: null, age: null });
    expect(draft.parties[2]).toMatchObject({ legalRep: "" });
    expect(issues(draft)).toEqual(expect.arrayContaining(["请选择性别", "请填写年龄", "请填写法定代表人"]));
  });

  it("falls back to the general template for an unknown or missing category", () => {
    expect(draftFromCase(source("general", { category: null })).template).toBe("general");
    expect(draftFromCase(source("general", { category: "不存在的类别" })).template).toBe("general");
    expect(draftFromCase(source("general", { category: "toString" })).template).toBe("general");
    expect(draftFromCase(source("general", { category: "借贷" })).template).toBe("loan");
  });

  it("uses the template the mediator chose, with its wording", () => {
    const draft = draftFromCase(source("loan", { template: "traffic" }));
    expect(draft.template).toBe("traffic");
    expect(draft.terms.join("")).toContain("本次事故赔偿一次性了结");
  });
});

describe("payments", () => {
  it("loan: 3 monthly instalments in date order, the last taking the remainder (1000.00 → 333.33 ×2 + 333.34)", () => {
    const draft = draftFromCase(source("loan", { amountFen: 100_000 }));
    expect(draft.payment).toMatchObject({ payerPartyId: "p-res", payeePartyId: "p-app", totalFen: 100_000 });
    expect(draft.payment!.instalments).toEqual([
      { dueDate: "2026-04-15", amountFen: 33_333 },
      { dueDate: "2026-05-15", amountFen: 33_333 },
      { dueDate: "2026-06-15", amountFen: 33_334 },
    ]);
    expect(draft.performance.deadline).toBe("2026-06-15");
    expect(draft.performance.manner).toContain("分3期");
    expect(draft.enforcementClause).toBe(true);
    expect(draft.terms[0]).toContain("被申请人确认尚欠申请人借款本金人民币壹仟元整（¥1,000.00）");
  });

  it("loan: month ends are clamped (31 January → 28 February)", () => {
    const draft = draftFromCase(source("loan", { today: "2027-01-31", amountFen: 90_000 }));
    expect(draft.payment!.instalments.map((i) => i.dueDate)).toEqual(["2027-02-28", "2027-03-31", "2027-04-30"]);
  });

  it("loan: an amount too small to split stays one instalment", () => {
    const draft = draftFromCase(source("loan", { amountFen: 2 }));
    expect(draft.payment!.instalments).toEqual([{ dueDate: "2026-04-14", amountFen: 2 }]);
  });

  it("other monetary templates: one instalment 30 days out, respondent pays applicant", () => {
    for (const t of ["traffic", "damages"] as const) {
      const draft = draftFromCase(source(t));
      expect(draft.payment).toMatchObject({ payerPartyId: "p-res", payeePartyId: "p-app", instalments: [{ dueDate: "2026-04-14", amountFen: 1_000_000 }] });
      expect(draft.enforcementClause).toBe(false);
    }
  });

  it("labour and consumer: the organisation (employer, business) pays; property: the owner pays the 物业服务企业", () => {
    expect(draftFromCase(source("labour")).payment).toMatchObject({ payerPartyId: "p-org", payeePartyId: "p-app" });
    expect(draftFromCase(source("consumer")).payment).toMatchObject({ payerPartyId: "p-org", payeePartyId: "p-app" });
    expect(draftFromCase(source("property")).payment).toMatchObject({ payerPartyId: "p-app", payeePartyId: "p-org" });

    // The usual property case: the company applies against the owner.
    const company = { id: "p-co", side: "applicant" as const, kind: "org" as const, name: "某物业服务有限公司", idNumber: ORG, legalRep: "钱七", address: "云南省昆明市西山区滇池路4号" };
    const owner = { ...source("property").parties[1] };
    expect(draftFromCase(source("property", { parties: [company, owner] })).payment).toMatchObject({ payerPartyId: "p-res", payeePartyId: "p-co" });
    // The employer applying against the worker still pays under the labour default.
    expect(draftFromCase(source("labour", { parties: [company, owner] })).payment).toMatchObject({ payerPartyId: "p-co", payeePartyId: "p-res" });
    // Persons only: the respondent pays.
    const persons = source("consumer").parties.slice(0, 2);
    expect(draftFromCase(source("consumer", { parties: persons })).payment).toMatchObject({ payerPartyId: "p-res", payeePartyId: "p-app" });
  });

  it("no payment for non-monetary templates from the filed amount alone, nor for monetary ones without", () => {
    for (const t of ["neighbour", "family", "general"] as const) expect(draftFromCase(source(t)).payment).toBeNull();
    const draft = draftFromCase(source("loan", { amountFen: null }));
    expect(draft.payment).toBeNull();
    expect(draft.enforcementClause).toBe(false);
    expect(draft.performance.deadline).toBe("2026-04-14");
    expect(draft.terms[0]).toContain(PLACEHOLDER);
  });
});

describe("accepted offers and confirmed facts", () => {
  const offers: DraftSource["acceptedOffers"] = [
    { fromSide: "respondent", amountFen: 500_000, terms: "被申请人支付人民币5000元。", payBy: "2026-04-30" },
    { fromSide: "applicant", amountFen: 600_000, terms: "被申请人支付人民币6000元，申请人放弃利息。", payBy: "2026-05-20" },
    { fromSide: "respondent", amountFen: null, terms: "被申请人当面向申请人赔礼道歉。", payBy: null },
  ];

  it("the latest accepted amount overrides the filed amount; its payBy is the one deadline; every offer's terms are terms", () => {
    for (const t of ["loan", "traffic"] as const) {
      const draft = draftFromCase(source(t, { acceptedOffers: offers }));
      expect(draft.terms).toEqual(offers.map((o) => o.terms));
      expect(draft.payment).toMatchObject({ totalFen: 600_000, instalments: [{ dueDate: "2026-05-20", amountFen: 600_000 }] });
      expect(draft.performance.deadline).toBe("2026-05-20");
      expect(draft.performance.manner).toContain("一次性");
    }
  });

  it("an accepted offer without an amount keeps the filed amount", () => {
    const draft = draftFromCase(source("damages", { acceptedOffers: [offers[2]] }));
    expect(draft.terms).toEqual([offers[2].terms]);
    expect(draft.payment!.totalFen).toBe(1_000_000);
  });

  it("undisputed facts override the filed facts; the claims lead the points in dispute", () => {
    expect(draftFromCase(source("loan")).facts).toBe("申请人与被申请人因一笔款项发生纠纷，多次协商未果。");
    const draft = draftFromCase(source("loan", { undisputedFacts: "  双方确认：2025年1月被申请人向申请人借款10000元。 " }));
    expect(draft.facts).toBe("双方确认：2025年1月被申请人向申请人借款10000元。");
    expect(draft.disputes.startsWith("申请人的请求事项：请求被申请人支付人民币10000元。争议焦点：")).toBe(true);
    expect(draftFromCase(source("loan", { claims: null })).disputes.startsWith("争议焦点：")).toBe(true);
  });

  it("with no facts at all, the facts are a placeholder", () => {
    const draft = draftFromCase(source("loan", { facts: null, undisputedFacts: "  " }));
    expect(draft.facts).toBe(PLACEHOLDER);
    expect(unfilledPlaceholders(draft)).toContain("纠纷的主要事实");
  });
});

describe("template wording", () => {
  it("traffic lists the usual heads of loss and settles once and for all", () => {
    const terms = draftFromCase(source("traffic")).terms.join("");
    for (const head of ["医疗费", "误工费", "护理费", "交通费", "财产损失", "本次事故赔偿一次性了结"]) expect(terms).toContain(head);
  });
  it("labour covers wages, compensation and the end of the employment", () => {
    const terms = draftFromCase(source("labour")).terms.join("");
    for (const w of ["工资", "经济补偿", "解除"]) expect(terms).toContain(w);
  });
  it("property, consumer, neighbour and family carry their subjects", () => {
    expect(draftFromCase(source("property")).terms.join("")).toMatch(/物业费[\s\S]*服务义务/);
    expect(draftFromCase(source("consumer")).terms.join("")).toMatch(/退还货款|赔偿/);
    const neighbour = draftFromCase(source("neighbour")).terms.join("");
    for (const w of ["通行", "采光", "排水", "相互尊重"]) expect(neighbour).toContain(w);
    const family = draftFromCase(source("family"));
    for (const w of ["赡养", "抚养", "财产"]) expect(family.terms.join("")).toContain(w);
    expect(family.personalStatus).toBe(true);
  });
});

describe("unfilledPlaceholders", () => {
  it("names every field still holding the placeholder", () => {
    const draft = draftFromCase(source("general", { facts: null, claims: null }));
    expect(unfilledPlaceholders(draft)).toEqual(["纠纷的主要事实", "争议事项", "各方当事人的责任", "协议条款（第1条）", "履行地点"]);
  });
  it("finds it in party fields, payment method and other terms too", () => {
    const draft = draftFromCase(source("loan"));
    draft.parties[0] = { ...draft.parties[0], kind: "person", occupation: PLACEHOLDER } as AgreementDraft["parties"][number];
    draft.payment = { ...draft.payment!, method: `现金，${PLACEHOLDER}` };
    draft.other = PLACEHOLDER;
    expect(unfilledPlaceholders(draft)).toEqual(["申请人张三的职业", "付款方式", "其他约定"]);
  });
  it("is empty for a loan draft with an amount", () => {
    expect(unfilledPlaceholders(draftFromCase(source("loan")))).toEqual([]);
  });
});

describe("sexAndAgeFromIdNumber", () => {
  const id = residentId("19900316", "015");
  it("counts the birthday itself as the new age", () => {
    expect(sexAndAgeFromIdNumber(id, "2026-03-16")).toEqual({ sex: "男", age: 36 });
    expect(sexAndAgeFromIdNumber(id, "2026-03-15")).toEqual({ sex: "男", age: 35 }); // birthday tomorrow
    expect(sexAndAgeFromIdNumber(id, "2027-01-01")).toEqual({ sex: "男", age: 36 });
  });
  it("reads the sex from digit 17", () => {
    expect(sexAndAgeFromIdNumber(residentId("19900316", "016"), "2026-03-16")).toEqual({ sex: "女", age: 36 });
  });
  it("accepts an X check character, upper or lower case (GB 11643's own example)", () => {
    expect(sexAndAgeFromIdNumber("11010519491231002X", "2026-03-15")).toEqual({ sex: "女", age: 76 });
    expect(sexAndAgeFromIdNumber("11010519491231002x", "2026-03-15")).toEqual({ sex: "女", age: 76 });
  });
  it("handles 29 February births", () => {
    const leap = residentId("20000229", "011");
    expect(sexAndAgeFromIdNumber(leap, "2026-02-28")).toEqual({ sex: "男", age: 25 });
    expect(sexAndAgeFromIdNumber(leap, "2026-03-01")).toEqual({ sex: "男", age: 26 });
  });
  it("is null for invalid input", () => {
    expect(sexAndAgeFromIdNumber("", "2026-03-15")).toBeNull();
    expect(sexAndAgeFromIdNumber("110105194912310021", "2026-03-15")).toBeNull(); // wrong check digit
    expect(sexAndAgeFromIdNumber("110105491231002", "2026-03-15")).toBeNull(); // 15 digits
    expect(sexAndAgeFromIdNumber(residentId("19990230", "011"), "2026-03-15")).toBeNull(); // no such date
    expect(sexAndAgeFromIdNumber(residentId("20260316", "011"), "2026-03-15")).toBeNull(); // born tomorrow
    expect(sexAndAgeFromIdNumber(id, "2026-3-15")).toBeNull();
    expect(sexAndAgeFromIdNumber(id, "2026-02-30")).toBeNull();
  });
  it("gives age 0 on the day of birth", () => {
    expect(sexAndAgeFromIdNumber(residentId("20260315", "012"), "2026-03-15")).toEqual({ sex: "女", age: 0 });
  });
});

describe("agreementContentSchema refusals", () => {
  const valid = () => fill(draftFromCase(source("loan", { amountFen: 100_000 })));

  it("carries no phone number: not an Art 29 item, not printed, and the content reaches the other side", () => {
    expect(draftFromCase(source("loan")).parties.every((p) => !("phone" in p))).toBe(true);
    const posted = { ...valid(), parties: valid().parties.map((p) => ({ ...p, phone: "13800000001" })) };
    const parsed = agreementContentSchema.parse(posted);
    expect(parsed.parties.every((p) => !("phone" in p))).toBe(true);
  });

  it("accepts the base content", () => {
    expect(issues(valid())).toEqual([]);
  });
  it("instalments that do not add up to the total", () => {
    const c = valid();
    c.payment!.instalments[2].amountFen = 33_333;
    expect(issues(c)).toEqual(["各期金额之和必须等于协议金额"]);
  });
  it("instalments out of date order", () => {
    const c = valid();
    [c.payment!.instalments[0].dueDate, c.payment!.instalments[1].dueDate] = [c.payment!.instalments[1].dueDate, c.payment!.instalments[0].dueDate];
    expect(issues(c)).toEqual(["各期履行期限应按时间先后排列"]);
  });
  it("an enforcement clause without a payment", () => {
    const c = { ...valid(), payment: null, enforcementClause: true };
    expect(issues(c)).toEqual(["只有含给付金钱内容的协议才能约定接受强制执行"]);
  });
  it("payer and payee the same party", () => {
    const c = valid();
    c.payment!.payeePartyId = c.payment!.payerPartyId;
    expect(issues(c)).toEqual(["付款方与收款方不能是同一人"]);
  });
  it("no respondent", () => {
    const c = valid();
    c.parties = c.parties.map((p) => ({ ...p, side: "applicant" as const }));
    expect(issues(c)).toEqual(["协议必须包括申请人和被申请人"]);
  });
  it("empty facts", () => {
    // Blank says 请填写 first (then how long it must be); too short says only the length.
    expect(issues({ ...valid(), facts: "   " })).toEqual(["请填写纠纷的主要事实", "纠纷的主要事实至少10个字"]);
    expect(issues({ ...valid(), facts: "借款未还" })).toEqual(["纠纷的主要事实至少10个字"]);
    expect(issues({ ...valid(), facts: undefined })).toEqual(["请填写纠纷的主要事实"]);
  });
});
