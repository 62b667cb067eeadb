// Where a failed case may go: each rule of competence against the article it comes from.
import { describe, expect, it } from "vitest";
import {
  AGREEMENT_EXCLUDES_COURT,
  checkChoice,
  competentBodies,
  LABOUR_ARBITRATION_FIRST,
  NO_ARBITRATION_AGREEMENT,
  type BodyOrg,
  type TransferFacts,
} from "../../server/handoff/transfer/competence";

const WUHUA = "530102";
const PANLONG = "530103";
const GUANDU = "530111";

const ORGS: BodyOrg[] = [
  { id: "court-wh", name: "昆明市五华区人民法院", type: "court", regionCode: WUHUA, sector: null, active: true },
  { id: "court-pl", name: "昆明市盘龙区人民法院", type: "court", regionCode: PANLONG, sector: null, active: true },
  { id: "court-gd", name: "昆明市官渡区人民法院（停用）", type: "court", regionCode: GUANDU, sector: null, active: false },
  { id: "lab-wh", name: "五华区劳动人事争议仲裁委员会", type: "arbitration", regionCode: WUHUA, sector: "labour", active: true },
  { id: "lab-pl", name: "盘龙区劳动人事争议仲裁委员会", type: "arbitration", regionCode: PANLONG, sector: "labour", active: true },
  { id: "km-arb", name: "昆明仲裁委员会", type: "arbitration", regionCode: WUHUA, sector: null, active: true },
  { id: "notary", name: "昆明市春城公证处", type: "notary_office", regionCode: WUHUA, sector: null, active: true },
];

function facts(over: Partial<TransferFacts> = {}): TransferFacts {
  return {
    category: "合同",
    disputeRegion: WUHUA,
    parties: [
      { side: "applicant", kind: "person", regionCode: WUHUA },
      { side: "respondent", kind: "person", regionCode: PANLONG },
    ],
    plaintiff: "applicant",
    arbitrationAgreement: false,
    source: "citizen",
    courtId: null,
    ...over,
  };
}

const ids = (f: TransferFacts) => competentBodies(f, ORGS).options.map((o) => `${o.kind}:${o.orgId}`);

describe("劳动争议调解仲裁法 Art 5: labour disputes go to arbitration before any court", () => {
  const labour = facts({ category: "劳动争议", parties: [{ side: "applicant", kind: "person", regionCode: WUHUA }, { side: "respondent", kind: "org", regionCode: PANLONG }] });

  it("offers no court at all, and says why", () => {
    const c = competentBodies(labour, ORGS);
    expect(c.options.every((o) => o.kind === "arbitration")).toBe(true);
    expect(c.refusals).toContainEqual({ kind: "litigation", reason: LABOUR_ARBITRATION_FIRST });
    expect(LABOUR_ARBITRATION_FIRST).toContain("第五条");
  });

  it("refuses a chosen court with the Art 5 rule", () => {
    expect(checkChoice(labour, ORGS, "litigation", "court-wh")).toEqual({ ok: false, reason: LABOUR_ARBITRATION_FIRST });
  });

  it("even when the parties claim an arbitration clause, a labour case never goes to a commercial commission (仲裁法 Art 77)", () => {
    const c = competentBodies({ ...labour, arbitrationAgreement: true }, ORGS);
    expect(c.options.map((o) => o.orgId)).not.toContain("km-arb");
    expect(checkChoice(labour, ORGS, "arbitration", "km-arb")).toMatchObject({ ok: false, reason: expect.stringContaining("劳动人事争议仲裁委员会") });
  });
});

describe("劳动争议调解仲裁法 Art 21: the commission where the contract is performed or where the employer is", () => {
  it("offers the commission of the place of performance and of the employer's seat, each with its basis", () => {
    const c = competentBodies(facts({ category: "劳动争议", parties: [{ side: "applicant", kind: "person", regionCode: GUANDU }, { side: "respondent", kind: "org", regionCode: PANLONG }] }), ORGS);
    expect(c.options).toEqual([
      { kind: "arbitration", orgId: "lab-wh", name: "五华区劳动人事争议仲裁委员会", basis: expect.stringMatching(/^劳动合同履行地.*第二十一条/) },
      { kind: "arbitration", orgId: "lab-pl", name: "盘龙区劳动人事争议仲裁委员会", basis: expect.stringMatching(/^用人单位所在地.*第二十一条/) },
    ]);
  });

  it("does not treat the worker's own home as a ground", () => {
    const c = competentBodies(facts({ category: "劳动争议", parties: [{ side: "applicant", kind: "person", regionCode: PANLONG }, { side: "respondent", kind: "person", regionCode: PANLONG }] }), ORGS);
    expect(c.options.map((o) => o.orgId)).toEqual(["lab-wh"]);
  });

  it("refuses a commission of another place, naming the one that is competent", () => {
    const f = facts({ category: "劳动争议" });
    expect(checkChoice(f, ORGS, "arbitration", "lab-pl")).toEqual({ ok: false, reason: "盘龙区劳动人事争议仲裁委员会对本案没有管辖权；可以移送：五华区劳动人事争议仲裁委员会" });
  });

  it("says so when no competent commission is on the platform", () => {
    const c = competentBodies(facts({ category: "劳动争议", disputeRegion: GUANDU, parties: [] }), ORGS);
    expect(c.options).toEqual([]);
    expect(c.refusals.map((r) => r.kind)).toEqual(["arbitration", "litigation"]);
  });
});

describe("仲裁法 Arts 4-6: commercial arbitration needs an agreement, and then excludes the courts", () => {
  it("Art 4: without an arbitration agreement the commission is not offered", () => {
    const c = competentBodies(facts(), ORGS);
    expect(c.options.map((o) => o.orgId)).not.toContain("km-arb");
    expect(c.refusals).toContainEqual({ kind: "arbitration", reason: NO_ARBITRATION_AGREEMENT });
    expect(checkChoice(facts(), ORGS, "arbitration", "km-arb")).toEqual({ ok: false, reason: NO_ARBITRATION_AGREEMENT });
  });

  it("Art 6: with one, any commercial commission the parties chose, wherever it sits — but not a labour commission", () => {
    const f = facts({ arbitrationAgreement: true, disputeRegion: GUANDU, parties: [] });
    expect(ids(f)).toEqual(["arbitration:km-arb"]);
    expect(competentBodies(f, ORGS).options[0].basis).toContain("第六条");
    expect(checkChoice(f, ORGS, "arbitration", "lab-wh")).toMatchObject({ ok: false, reason: expect.stringContaining("只受理劳动人事争议") });
  });

  it("Art 5: with an agreement the courts will not take the suit", () => {
    const f = facts({ arbitrationAgreement: true });
    expect(competentBodies(f, ORGS).refusals).toContainEqual({ kind: "litigation", reason: AGREEMENT_EXCLUDES_COURT });
    expect(checkChoice(f, ORGS, "litigation", "court-pl")).toEqual({ ok: false, reason: AGREEMENT_EXCLUDES_COURT });
  });

  it.each([
    ["婚姻家庭", "第三条"],
    ["山林土地", "第三条"],
    ["征地拆迁", "第三条"],
  ])("Art 3: %s cannot be arbitrated, agreement or not, and still goes to court", (category, article) => {
    const c = competentBodies(facts({ category, arbitrationAgreement: true }), ORGS);
    expect(c.options.some((o) => o.kind === "arbitration")).toBe(false);
    expect(c.refusals.find((r) => r.kind === "arbitration")!.reason).toContain(article);
    expect(c.options.some((o) => o.kind === "litigation")).toBe(true);
  });
});

describe("民事诉讼法: which basic court", () => {
  it("Art 22: the court where the respondent (defendant) lives", () => {
    const c = competentBodies(facts({ category: "婚姻家庭" }), ORGS);
    expect(c.options).toEqual([{ kind: "litigation", orgId: "court-pl", name: "昆明市盘龙区人民法院", basis: "被告（被申请人）住所地人民法院（《民事诉讼法》第二十二条）" }]);
  });

  it("Art 24: a contract dispute also where the contract is performed", () => {
    const c = competentBodies(facts({ category: "借贷" }), ORGS);
    expect(c.options.map((o) => [o.orgId, o.basis])).toEqual([
      ["court-wh", "合同履行地人民法院（《民事诉讼法》第二十四条）"],
      ["court-pl", "被告（被申请人）住所地人民法院（《民事诉讼法》第二十二条）"],
    ]);
  });

  it("Art 29: a tort also where the wrong was done; both bases are listed when one court has both", () => {
    const c = competentBodies(facts({ category: "损害赔偿", parties: [{ side: "respondent", kind: "person", regionCode: WUHUA }] }), ORGS);
    expect(c.options).toEqual([
      { kind: "litigation", orgId: "court-wh", name: "昆明市五华区人民法院", basis: "被告（被申请人）住所地人民法院（《民事诉讼法》第二十二条）；侵权行为地人民法院（《民事诉讼法》第二十九条）" },
    ]);
  });

  it("Arts 29 and 34 (民诉解释 Art 28): a neighbour dispute also where the homes are", () => {
    const c = competentBodies(facts({ category: "邻里", parties: [{ side: "respondent", kind: "person", regionCode: null }] }), ORGS);
    expect(c.options.map((o) => o.orgId)).toEqual(["court-wh"]);
    expect(c.options[0].basis).toMatch(/第三十四条.*第二十九条/);
  });

  it("Art 34: a dispute over a house or land only where it lies, not where the respondent lives", () => {
    expect(ids(facts({ category: "房屋宅基地" }))).toEqual(["litigation:court-wh"]);
    expect(checkChoice(facts({ category: "房屋宅基地" }), ORGS, "litigation", "court-pl")).toMatchObject({ ok: false, reason: expect.stringContaining("没有管辖权") });
  });

  it("an inactive court is never offered, and choosing it is refused", () => {
    const f = facts({ parties: [{ side: "respondent", kind: "person", regionCode: GUANDU }] });
    expect(ids(f)).toEqual(["litigation:court-wh"]);
    expect(checkChoice(f, ORGS, "litigation", "court-gd")).toEqual({ ok: false, reason: "所选机构不存在或已停用" });
  });

  it("with no competent court on the platform it says why (e.g. the respondent's county is unknown)", () => {
    const c = competentBodies(facts({ category: "其他", parties: [{ side: "respondent", kind: "person", regionCode: null }] }), ORGS);
    expect(c.options).toEqual([]);
    expect(c.refusals.find((r) => r.kind === "litigation")!.reason).toContain("第二十二条");
  });

  it("委派 before filing: the delegating court is offered besides the competent ones", () => {
    const c = competentBodies(facts({ category: "其他", source: "court_delegated", courtId: "court-wh" }), ORGS);
    expect(c.options.map((o) => [o.orgId, o.basis.split("：")[0].split("（")[0]])).toEqual([
      ["court-wh", "委派调解的人民法院"],
      ["court-pl", "被告"],
    ]);
  });

  it("委托 after filing: the case goes back to the court that already has it, and only there", () => {
    const c = competentBodies(facts({ source: "court_entrusted", courtId: "court-pl" }), ORGS);
    expect(c.options).toEqual([{ kind: "litigation", orgId: "court-pl", name: "昆明市盘龙区人民法院", basis: expect.stringContaining("继续审理") }]);
  });
});

describe("民事诉讼法第二十二条: the defendant is whoever does not sue — the applicant, when the respondent goes to court", () => {
  // 李 (applicant) lives in 五华, 王 (respondent) in 盘龙; the dispute arose in 官渡, whose court is inactive.
  const split = (over: Partial<TransferFacts> = {}) => facts({ category: "其他", disputeRegion: GUANDU, ...over });

  it("民事诉讼法第二十二条: the applicant suing gets the court where the respondent lives", () => {
    expect(competentBodies(split(), ORGS).options).toEqual([{ kind: "litigation", orgId: "court-pl", name: "昆明市盘龙区人民法院", basis: "被告（被申请人）住所地人民法院（《民事诉讼法》第二十二条）" }]);
  });

  it("民事诉讼法第二十二条: the respondent suing gets the court where the applicant lives, and not their own", () => {
    const f = split({ plaintiff: "respondent" });
    expect(competentBodies(f, ORGS).options).toEqual([{ kind: "litigation", orgId: "court-wh", name: "昆明市五华区人民法院", basis: "被告（申请人）住所地人民法院（《民事诉讼法》第二十二条）" }]);
    expect(checkChoice(f, ORGS, "litigation", "court-pl")).toEqual({ ok: false, reason: "昆明市盘龙区人民法院对本案没有管辖权；可以移送：昆明市五华区人民法院" });
  });

  it("民事诉讼法第二十二条: with several defendants, the court of each one's domicile", () => {
    const f = split({
      plaintiff: "respondent",
      parties: [
        { side: "applicant", kind: "person", regionCode: WUHUA },
        { side: "applicant", kind: "org", regionCode: PANLONG },
        { side: "respondent", kind: "person", regionCode: PANLONG },
      ],
    });
    expect(ids(f)).toEqual(["litigation:court-wh", "litigation:court-pl"]);
  });

  it("民事诉讼法第二十二条: an applicant with no county registered leaves the respondent no domicile court, and the reason names the applicant", () => {
    const c = competentBodies(split({ plaintiff: "respondent", parties: [{ side: "applicant", kind: "person", regionCode: null }, { side: "respondent", kind: "person", regionCode: PANLONG }] }), ORGS);
    expect(c.options).toEqual([]);
    expect(c.refusals).toEqual([
      { kind: "arbitration", reason: NO_ARBITRATION_AGREEMENT },
      { kind: "litigation", reason: expect.stringMatching(/^本平台暂无被告（申请人）住所地.*第二十二条.*；申请人未登记住所地区县的/) },
    ]);
  });

  it.each([
    ["借贷", "合同履行地人民法院（《民事诉讼法》第二十四条）"],
    ["损害赔偿", "侵权行为地人民法院（《民事诉讼法》第二十九条）"],
  ])("民事诉讼法第二十四条、第二十九条: a %s dispute keeps the court of the place whoever sues, beside the defendant's", (category, placeBasis) => {
    for (const plaintiff of ["applicant", "respondent"] as const) {
      const c = competentBodies(facts({ category, disputeRegion: GUANDU, plaintiff, parties: [{ side: "applicant", kind: "person", regionCode: WUHUA }, { side: "respondent", kind: "person", regionCode: WUHUA }] }), [
        ...ORGS,
        { id: "court-gd2", name: "昆明市官渡区人民法院", type: "court", regionCode: GUANDU, sector: null, active: true },
      ]);
      expect(c.options.map((o) => [o.orgId, o.basis])).toEqual([
        ["court-wh", `被告（${plaintiff === "applicant" ? "被申请人" : "申请人"}）住所地人民法院（《民事诉讼法》第二十二条）`],
        ["court-gd2", placeBasis],
      ]);
    }
  });

  it("民事诉讼法第三十四条: a house or land dispute goes only where it lies, whoever sues", () => {
    expect(ids(facts({ category: "房屋宅基地", plaintiff: "respondent" }))).toEqual(["litigation:court-wh"]);
    expect(ids(facts({ category: "房屋宅基地", disputeRegion: PANLONG, plaintiff: "respondent" }))).toEqual(["litigation:court-pl"]);
  });

  it("委托 after filing: the entrusting court goes on with the case whoever takes it on", () => {
    expect(ids(facts({ source: "court_entrusted", courtId: "court-pl", plaintiff: "respondent" }))).toEqual(["litigation:court-pl"]);
  });

  it("劳动争议调解仲裁法第二十一条: the labour commission does not depend on who applies — performance place or employer, on either side", () => {
    const employerApplies = facts({ category: "劳动争议", disputeRegion: GUANDU, plaintiff: "applicant", parties: [{ side: "applicant", kind: "org", regionCode: PANLONG }, { side: "respondent", kind: "person", regionCode: WUHUA }] });
    const workerApplies = { ...employerApplies, plaintiff: "respondent" as const };
    expect(competentBodies(employerApplies, ORGS)).toEqual(competentBodies(workerApplies, ORGS));
    expect(ids(workerApplies)).toEqual(["arbitration:lab-pl"]);
    // The worker's own home (五华) is no ground, even when the employer is the one applying.
    expect(ids(employerApplies)).not.toContain("arbitration:lab-wh");
  });
});

describe("the right kind of body", () => {
  it("refuses arbitration at a court, filing at a commission, and anything at a notary office", () => {
    expect(checkChoice(facts(), ORGS, "arbitration", "court-wh")).toEqual({ ok: false, reason: "昆明市五华区人民法院不是仲裁委员会，不能移送仲裁" });
    expect(checkChoice(facts({ arbitrationAgreement: true }), ORGS, "litigation", "km-arb")).toEqual({ ok: false, reason: "昆明仲裁委员会不是人民法院，不能移送立案" });
    expect(checkChoice(facts(), ORGS, "litigation", "notary")).toEqual({ ok: false, reason: "昆明市春城公证处不是人民法院，不能移送立案" });
    expect(checkChoice(facts(), ORGS, "litigation", "nope")).toEqual({ ok: false, reason: "所选机构不存在或已停用" });
  });

  it("accepts a competent choice with its basis", () => {
    expect(checkChoice(facts(), ORGS, "litigation", "court-pl")).toEqual({ ok: true, option: { kind: "litigation", orgId: "court-pl", name: "昆明市盘龙区人民法院", basis: "被告（被申请人）住所地人民法院（《民事诉讼法》第二十二条）" } });
  });
});
