import { describe, expect, it } from "vitest";
import { CATEGORIES, type Category } from "~/lib/categories";
import type { CaseSource, KindPreference, MediationKind, RiskGrade } from "~/lib/case-enums";
import type { OrgLevel, OrgType, Sector } from "~/lib/roles";
import {
  escalationTarget,
  kindOfOrg,
  route,
  type RoutableOrg,
  type RoutingDecision,
  type RoutingInput,
} from "../../server/triage/routing";

// ---------------------------------------------------------------------------------------------
// Fixture: the organisations of db/seed.ts (Kunming 五华 530102 / 盘龙 530103 / 官渡 530111), with
// the 调解协会 committee tagged for law-firm referrals and a roster and load for each.

type Spec = {
  name: string;
  type: OrgType;
  level?: OrgLevel;
  regionCode: string;
  areaCode?: string;
  parent?: string;
  categories?: Category[];
  sector?: Sector;
  tags?: string[];
  charges?: boolean;
  mediators?: number;
  open?: number;
};

const ALL_BUT_STATUS: Category[] = ["邻里", "房屋宅基地", "合同", "生产经营", "损害赔偿", "劳动争议", "消费", "物业", "借贷", "其他"];
const CUIHU_CATEGORIES: Category[] = ["邻里", "婚姻家庭", "物业", "房屋宅基地", "其他"];
const WENLIN_CATEGORIES: Category[] = ["邻里", "婚姻家庭", "物业", "其他"];

const WUHUA = "五华区人民调解委员会";
const XIEHUI = "五华区调解协会人民调解委员会";
const HUASHAN = "华山街道人民调解委员会";
const HUGUO = "护国街道人民调解委员会";
const CUIHU = "翠湖社区人民调解委员会";
const WENLIN = "文林社区人民调解委员会";
const WEIYUAN = "威远街社区人民调解委员会";
const PANLONG = "盘龙区人民调解委员会";
const TUODONG = "拓东街道人民调解委员会";
const GUANDU = "官渡区人民调解委员会";
const GUANSHANG = "关上街道人民调解委员会";
const MEDICAL = "五华区医疗纠纷人民调解委员会";
const TRAFFIC = "五华交警大队道路交通事故调解室";
const CONSUMER = "五华区市场监管局消费纠纷调解室";
const LABOUR = "五华区劳动人事争议调解中心";
const COURT_STUDIO = "五华区人民法院特邀调解工作室";
const YUNLING = "云岭律师事务所律师调解工作室";
const COURT = "昆明市五华区人民法院";
const ARBITRATION = "五华区劳动人事争议仲裁委员会";

const SPECS: Spec[] = [
  { name: WUHUA, type: "people_committee", level: "county", regionCode: "530102", mediators: 3, open: 6 },
  { name: XIEHUI, type: "people_committee", level: "county", regionCode: "530102", parent: WUHUA, tags: ["lawyer_referral"], mediators: 2 },
  { name: HUASHAN, type: "people_committee", level: "street", regionCode: "530102", areaCode: "530102001", parent: WUHUA, mediators: 2, open: 3 },
  { name: HUGUO, type: "people_committee", level: "street", regionCode: "530102", areaCode: "530102002", parent: WUHUA, mediators: 1 },
  { name: CUIHU, type: "people_committee", level: "village", regionCode: "530102", areaCode: "530102001007", parent: HUASHAN, categories: CUIHU_CATEGORIES, mediators: 2, open: 4 },
  { name: WENLIN, type: "people_committee", level: "village", regionCode: "530102", areaCode: "530102001013", parent: HUASHAN, categories: WENLIN_CATEGORIES, mediators: 1, open: 1 },
  { name: WEIYUAN, type: "people_committee", level: "village", regionCode: "530102", areaCode: "530102002001", parent: HUGUO, categories: WENLIN_CATEGORIES, mediators: 1 },
  { name: PANLONG, type: "people_committee", level: "county", regionCode: "530103", mediators: 2 },
  { name: TUODONG, type: "people_committee", level: "street", regionCode: "530103", areaCode: "530103001", parent: PANLONG, mediators: 1 },
  { name: GUANDU, type: "people_committee", level: "county", regionCode: "530111", mediators: 2 },
  { name: GUANSHANG, type: "people_committee", level: "street", regionCode: "530111", areaCode: "530111001", parent: GUANDU, mediators: 1 },
  { name: MEDICAL, type: "people_committee", level: "county", regionCode: "530102", sector: "medical", categories: ["医疗"], mediators: 1 },
  { name: TRAFFIC, type: "administrative", regionCode: "530102", sector: "traffic", categories: ["道路交通事故"], mediators: 1 },
  { name: CONSUMER, type: "administrative", regionCode: "530102", sector: "consumer", categories: ["消费"], mediators: 1 },
  { name: LABOUR, type: "administrative", regionCode: "530102", sector: "labour", categories: ["劳动争议"], mediators: 1 },
  { name: COURT_STUDIO, type: "court_invited", regionCode: "530102", parent: COURT, mediators: 1 },
  { name: YUNLING, type: "lawyer_studio", regionCode: "530102", categories: ALL_BUT_STATUS, charges: true, mediators: 1 },
  // Not mediation bodies: never chosen, even with people in them.
  { name: COURT, type: "court", regionCode: "530102", mediators: 1 },
  { name: "昆明市盘龙区人民法院", type: "court", regionCode: "530103", mediators: 1 },
  { name: "昆明市春城公证处", type: "notary_office", regionCode: "530102", mediators: 1 },
  { name: ARBITRATION, type: "arbitration", regionCode: "530102", sector: "labour", categories: ["劳动争议"], mediators: 1 },
  { name: "五华区社会治理综合服务中心（矛调中心）", type: "dispatch_center", regionCode: "530102", mediators: 1 },
];

/** Organisation ids are their names, which keeps expectations readable. */
function org(s: Spec): RoutableOrg {
  return {
    id: s.name,
    name: s.name,
    type: s.type,
    level: s.level ?? null,
    regionCode: s.regionCode,
    areaCode: s.areaCode ?? null,
    categories: s.categories ?? [],
    sector: s.sector ?? null,
    tags: s.tags ?? [],
    charges: s.charges ?? false,
    active: true,
    parentId: s.parent ?? null,
    mediatorCount: s.mediators ?? 1,
    openCases: s.open ?? 0,
  };
}

const ORGS: RoutableOrg[] = SPECS.map(org);

/** The fixture with some organisations changed. */
function withOrgs(changes: Record<string, Partial<RoutableOrg>>, extra: RoutableOrg[] = []): RoutableOrg[] {
  return [...ORGS.map((o) => (changes[o.id] ? { ...o, ...changes[o.id] } : o)), ...extra];
}

const BASE: RoutingInput = {
  category: "邻里",
  regionCode: "530102",
  areaCode: "530102001",
  source: "citizen",
  kindPreference: "auto",
  risk: "green",
  crossRegion: false,
};

const input = (over: Partial<RoutingInput>): RoutingInput => ({ ...BASE, ...over });

function chosen(d: RoutingDecision): string | null {
  return d.outcome === "routed" ? d.orgId : null;
}

// ---------------------------------------------------------------------------------------------
// The table: every category × where the case is × preference × source × how hard it is.

const REGIONS = {
  // 华山街道: two community committees (文林 lighter-loaded than 翠湖) → 华山街道 → 五华区.
  village: { regionCode: "530102", areaCode: "530102001" },
  // 拓东街道: a street committee, no community committees → 盘龙区.
  street: { regionCode: "530103", areaCode: "530103001" },
  // 官渡区 with no street given: only the county committee can be chosen.
  county: { regionCode: "530111", areaCode: null },
  // 西山区: same city, no organisations of its own.
  otherCounty: { regionCode: "530112", areaCode: "530112001" },
  // 曲靖市麒麟区: another city.
  otherCity: { regionCode: "530302", areaCode: "530302001" },
} as const;
type RegionKey = keyof typeof REGIONS;

const SOURCES: { label: string; source: CaseSource; chosenOrgId: string | null }[] = [
  { label: "citizen", source: "citizen", chosenOrgId: null },
  { label: "lawyer_referral", source: "lawyer_referral", chosenOrgId: null },
  { label: "court_delegated+chosen", source: "court_delegated", chosenOrgId: COURT_STUDIO },
  { label: "court_entrusted+chosen", source: "court_entrusted", chosenOrgId: COURT_STUDIO },
  { label: "court_delegated", source: "court_delegated", chosenOrgId: null },
  { label: "court_entrusted", source: "court_entrusted", chosenOrgId: null },
];
const PREFS: KindPreference[] = ["auto", "people", "lawyer"];
const HARDNESS: { label: string; risk: RiskGrade; crossRegion: boolean }[] = [
  { label: "green", risk: "green", crossRegion: false },
  { label: "green+cross", risk: "green", crossRegion: true },
  { label: "yellow", risk: "yellow", crossRegion: false },
  { label: "red", risk: "red", crossRegion: false },
];

type Expected = { org: string; kind: MediationKind } | null;

/** The statutory body for each sector category; all sit in 五华 and serve Kunming. */
const SECTOR_ORG: Partial<Record<Category, { org: string; kind: MediationKind }>> = {
  道路交通事故: { org: TRAFFIC, kind: "administrative" },
  消费: { org: CONSUMER, kind: "administrative" },
  医疗: { org: MEDICAL, kind: "people" },
  劳动争议: { org: LABOUR, kind: "administrative" },
};

/** People's mediation in the fixture, written out by hand for each place. */
function expectedPeople(region: RegionKey, category: Category, risk: RiskGrade, crossRegion: boolean): string | null {
  switch (region) {
    case "village":
      if (risk === "red") return WUHUA;
      if (risk === "yellow" || crossRegion) return HUASHAN;
      if (WENLIN_CATEGORIES.includes(category)) return WENLIN; // 文林 1件/人 beats 翠湖 2件/人
      if (CUIHU_CATEGORIES.includes(category)) return CUIHU;
      return HUASHAN; // no community committee takes this category
    case "street":
      return risk === "red" ? PANLONG : TUODONG;
    case "county":
      return GUANDU;
    case "otherCounty":
    case "otherCity":
      return null; // people's mediation is territorial: no committee here
  }
}

function expected(
  category: Category,
  region: RegionKey,
  pref: KindPreference,
  src: (typeof SOURCES)[number],
  hard: (typeof HARDNESS)[number],
): Expected {
  const inKunming = region !== "otherCity";
  // 1. A court's named organisation is followed wherever the case is.
  if (src.chosenOrgId) return { org: COURT_STUDIO, kind: "judicial" };
  // 2. Law-firm referrals go to the 调解协会 committee; Kunming has one, in 五华.
  if (src.source === "lawyer_referral") return inKunming ? { org: XIEHUI, kind: "people" } : null;
  // 3. Lawyer mediation where asked for, never for 婚姻家庭; 云岭 serves Kunming for its categories.
  if (pref === "lawyer" && category !== "婚姻家庭" && ALL_BUT_STATUS.includes(category) && inKunming)
    return { org: YUNLING, kind: "lawyer" };
  // 4. Statutory routes, Kunming-wide; asking for people's mediation keeps only the 医调委.
  const sector = SECTOR_ORG[category];
  if (sector && inKunming && (pref !== "people" || sector.kind === "people")) return sector;
  // 5. People's mediation, nearest first.
  const people = expectedPeople(region, category, hard.risk, hard.crossRegion);
  return people ? { org: people, kind: "people" } : null;
}

describe("route: every category × place × preference × source × risk", () => {
  const rows = CATEGORIES.flatMap((category) => (Object.keys(REGIONS) as RegionKey[]).map((region) => ({ category, region })));
  it.each(rows)("$category in $region", ({ category, region }) => {
    const mismatches: string[] = [];
    let count = 0;
    for (const pref of PREFS)
      for (const src of SOURCES)
        for (const hard of HARDNESS) {
          const d = route(
            {
              category,
              ...REGIONS[region],
              source: src.source,
              chosenOrgId: src.chosenOrgId,
              kindPreference: pref,
              risk: hard.risk,
              crossRegion: hard.crossRegion,
            },
            ORGS,
          );
          const want = expected(category, region, pref, src, hard);
          const got = d.outcome === "routed" ? { org: d.orgId, kind: d.kind } : null;
          count++;
          if (JSON.stringify(got) !== JSON.stringify(want))
            mismatches.push(`${pref}/${src.label}/${hard.label}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
          // Whatever happens, the reason is a sentence and the chosen one is among the candidates.
          expect(d.reason.length).toBeGreaterThan(8);
          if (d.outcome === "routed") {
            expect(d.reason).toContain(d.orgId);
            expect(d.candidates).toContainEqual({ orgId: d.orgId, name: d.orgId, why: "选中" });
          } else {
            expect(d.reason).toContain("人工分流");
            expect(d.candidates.some((c) => c.why === "选中")).toBe(false);
          }
        }
    expect(count).toBe(PREFS.length * SOURCES.length * HARDNESS.length);
    expect(mismatches).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------

describe("route: statutory routes", () => {
  it("sends a traffic accident to the traffic police, citing Art 74", () => {
    const d = route(input({ category: "道路交通事故" }), ORGS);
    expect(d).toMatchObject({ outcome: "routed", orgId: TRAFFIC, kind: "administrative" });
    expect(d.reason).toBe("道路交通事故赔偿纠纷依《道路交通安全法》第74条由交警调解：五华交警大队道路交通事故调解室（同区县）");
  });

  it("sends a labour dispute to labour mediation, not to the arbitration commission", () => {
    const d = route(input({ category: "劳动争议" }), ORGS);
    expect(d).toMatchObject({ outcome: "routed", orgId: LABOUR, kind: "administrative" });
    expect(d.reason).toContain("《劳动争议调解仲裁法》");
    expect(d.candidates.map((c) => c.orgId)).not.toContain(ARBITRATION);
  });

  it("sends a medical dispute to the medical committee as people's mediation", () => {
    const d = route(input({ category: "医疗" }), ORGS);
    expect(d).toMatchObject({ outcome: "routed", orgId: MEDICAL, kind: "people" });
    expect(d.reason).toContain("《医疗纠纷预防和处理条例》第22条");
  });

  it("sends a consumer dispute to the market regulator", () => {
    const d = route(input({ category: "消费" }), ORGS);
    expect(d).toMatchObject({ outcome: "routed", orgId: CONSUMER, kind: "administrative" });
    expect(d.reason).toContain("《消费者权益保护法》第39条");
  });

  it("uses a sector body elsewhere in the city when the county has none, and says so", () => {
    const d = route(input({ category: "道路交通事故", regionCode: "530103", areaCode: "530103001" }), ORGS);
    expect(d).toMatchObject({ outcome: "routed", orgId: TRAFFIC });
    expect(d.reason).toContain("（同市，本区县暂无）");
  });

  it("prefers the sector body of the case's own county", () => {
    const panlongTraffic = { ...org({ name: "盘龙交警大队道路交通事故调解室", type: "administrative", regionCode: "530103", sector: "traffic", categories: ["道路交通事故"] }) };
    const d = route(input({ category: "道路交通事故", regionCode: "530103", areaCode: "530103001" }), withOrgs({}, [panlongTraffic]));
    expect(chosen(d)).toBe(panlongTraffic.id);
  });

  it("falls back to people's mediation when no sector body exists, and says so", () => {
    const d = route(input({ category: "道路交通事故" }), withOrgs({ [TRAFFIC]: { active: false } }));
    expect(d).toMatchObject({ outcome: "routed", orgId: HUASHAN, kind: "people" });
    expect(d.reason).toContain("本地暂无可受理的交警道路交通事故调解机构，转人民调解");
    expect(d.candidates).toContainEqual({ orgId: TRAFFIC, name: TRAFFIC, why: "已停用" });
  });

  it("honours a preference for people's mediation over a government office", () => {
    const d = route(input({ category: "消费", kindPreference: "people" }), ORGS);
    expect(d).toMatchObject({ outcome: "routed", orgId: HUASHAN, kind: "people" });
    expect(d.reason).toMatch(/^当事人选择人民调解，/);
  });

  it("never gives a general case to a sector committee", () => {
    // Even with every ordinary committee gone, the 医调委 does not take a neighbour dispute.
    const off = { active: false };
    const d = route(input({ category: "邻里" }), withOrgs({ [WUHUA]: off, [HUASHAN]: off, [CUIHU]: off, [WENLIN]: off }));
    expect(d.outcome).toBe("unrouted");
    expect(d.candidates).toContainEqual({ orgId: MEDICAL, name: MEDICAL, why: "专业性调解委员会，不受理一般纠纷" });
    expect(d.candidates).toContainEqual({ orgId: XIEHUI, name: XIEHUI, why: "只受理律调对接案件" });
  });
});

describe("route: lawyer mediation", () => {
  it("sends a contract dispute to the lawyer studio when asked, mentioning the fee", () => {
    const d = route(input({ category: "合同", kindPreference: "lawyer" }), ORGS);
    expect(d).toMatchObject({ outcome: "routed", orgId: YUNLING, kind: "lawyer" });
    expect(d.reason).toBe(`当事人选择律师调解：${YUNLING}（同区县）；律师调解可能收费，费用在同意调解前告知`);
  });

  it("never takes marriage and family cases: people's committee with the reason in Chinese", () => {
    const everything = withOrgs({ [YUNLING]: { categories: [] } }); // even a studio that claims all categories
    const d = route(input({ category: "婚姻家庭", kindPreference: "lawyer" }), everything);
    expect(d).toMatchObject({ outcome: "routed", orgId: WENLIN, kind: "people" });
    expect(d.reason).toBe(`律师调解不受理婚姻家庭纠纷（司发通〔2017〕105号），转人民调解。人民调解就近受理：${WENLIN}（村(社区)级）`);
  });

  it("falls back to the ordinary route when no studio takes the category", () => {
    const d = route(input({ category: "道路交通事故", kindPreference: "lawyer" }), ORGS);
    expect(d).toMatchObject({ outcome: "routed", orgId: TRAFFIC });
    expect(d.reason).toMatch(/^本市暂无受理该类纠纷的律师调解组织，按一般规则分流。道路交通事故/);
  });
});

describe("route: people's mediation, fast and nearest", () => {
  it("picks a community committee in the case's street", () => {
    expect(chosen(route(input({ category: "房屋宅基地" }), ORGS))).toBe(CUIHU);
  });

  it("goes straight to the county on red risk", () => {
    const d = route(input({ risk: "red" }), ORGS);
    expect(chosen(d)).toBe(WUHUA);
    expect(d.reason).toBe(`红色预警纠纷直接由县级人民调解委员会调解。人民调解就近受理：${WUHUA}（县(区)级）`);
  });

  it("skips the community level on yellow risk", () => {
    const d = route(input({ risk: "yellow" }), ORGS);
    expect(chosen(d)).toBe(HUASHAN);
    expect(d.reason).toContain("黄色预警纠纷上提一级");
  });

  it("skips the community level for a cross-region case", () => {
    const d = route(input({ crossRegion: true }), ORGS);
    expect(chosen(d)).toBe(HUASHAN);
    expect(d.reason).toContain("跨区域纠纷上提一级");
  });

  it("names both causes when a yellow case is also cross-region", () => {
    expect(route(input({ risk: "yellow", crossRegion: true }), ORGS).reason).toBe(
      `黄色预警、跨区域纠纷上提一级。人民调解就近受理：${HUASHAN}（乡镇(街道)级）`,
    );
  });

  it("climbs a level when nobody below takes the category", () => {
    const d = route(input({ category: "借贷" }), ORGS);
    expect(chosen(d)).toBe(HUASHAN);
    expect(d.reason).toContain("逐级上提");
    expect(d.candidates).toContainEqual({ orgId: CUIHU, name: CUIHU, why: "不受理“借贷”类纠纷" });
  });

  it("goes to the county when the street has no committee", () => {
    expect(chosen(route(input({ areaCode: "530102003" }), ORGS))).toBe(WUHUA);
  });

  it("goes to the county when no street is given", () => {
    const d = route(input({ areaCode: null }), ORGS);
    expect(chosen(d)).toBe(WUHUA);
    expect(d.reason).toContain("未提供乡镇（街道）");
  });

  it("ignores an area code outside the case's county", () => {
    expect(chosen(route(input({ regionCode: "530103", areaCode: "530102001" }), ORGS))).toBe(PANLONG);
  });

  it("prefers the case's own community when a 12-digit code is given", () => {
    expect(chosen(route(input({ areaCode: "530102001007" }), ORGS))).toBe(CUIHU); // though 文林 is less loaded
    expect(chosen(route(input({ areaCode: "530102001099" }), ORGS))).toBe(WENLIN);
  });

  it("skips excluded organisations (a mediator declined or timed out)", () => {
    const d = route(input({ excludeOrgIds: [WENLIN] }), ORGS);
    expect(chosen(d)).toBe(CUIHU);
    expect(d.candidates).toContainEqual({ orgId: WENLIN, name: WENLIN, why: "调解员已拒绝或逾期未受理，本次排除" });
    expect(chosen(route(input({ excludeOrgIds: [WENLIN, CUIHU] }), ORGS))).toBe(HUASHAN);
  });

  it("skips an inactive organisation", () => {
    expect(chosen(route(input({}), withOrgs({ [WENLIN]: { active: false } })))).toBe(CUIHU);
  });

  it("skips an organisation without mediators", () => {
    const d = route(input({}), withOrgs({ [WENLIN]: { mediatorCount: 0, openCases: 0 } }));
    expect(chosen(d)).toBe(CUIHU);
    expect(d.candidates).toContainEqual({ orgId: WENLIN, name: WENLIN, why: "暂无调解员" });
  });

  it("breaks ties by load (open cases per mediator)", () => {
    // 文林 1/1 = 1 beats 翠湖 4/2 = 2 ...
    const d = route(input({}), ORGS);
    expect(chosen(d)).toBe(WENLIN);
    expect(d.candidates).toContainEqual({ orgId: CUIHU, name: CUIHU, why: "当前负荷较高（2件/人）" });
    // ... and loses once it carries more per head: 3/1 = 3 against 4/2 = 2.
    expect(chosen(route(input({}), withOrgs({ [WENLIN]: { openCases: 3 } })))).toBe(CUIHU);
    // Equal load (2 each): by name, whatever order the organisations come in (文 U+6587 < 翠 U+7FE0).
    const tie = withOrgs({ [WENLIN]: { openCases: 2 } });
    expect(chosen(route(input({}), tie))).toBe(WENLIN);
    expect(chosen(route(input({}), [...tie].reverse()))).toBe(WENLIN);
    expect(route(input({}), tie).candidates).toContainEqual({ orgId: CUIHU, name: CUIHU, why: "条件相同，按名称排序未选中" });
  });

  it("prefers a committee that lists the category over one that takes everything, whatever the load", () => {
    const family = org({ name: "华山街道婚姻家庭纠纷人民调解委员会", type: "people_committee", level: "street", regionCode: "530102", areaCode: "530102001", categories: ["婚姻家庭"], mediators: 1, open: 9 });
    const d = route(input({ category: "婚姻家庭", risk: "yellow" }), withOrgs({}, [family]));
    expect(chosen(d)).toBe(family.id);
    expect(d.candidates).toContainEqual({ orgId: HUASHAN, name: HUASHAN, why: "同级另有专门受理该类纠纷的机构" });
  });

  it("leaves an unknown region to the dispatcher", () => {
    const d = route(input({ regionCode: "999999", areaCode: null }), ORGS);
    expect(d).toEqual({ outcome: "unrouted", reason: expect.stringContaining("本区县暂无可受理该纠纷的人民调解委员会"), candidates: [] });
  });

  it("leaves a malformed region code to the dispatcher", () => {
    const d = route(input({ regionCode: "5301", areaCode: null }), ORGS);
    expect(d.outcome).toBe("unrouted");
    expect(d.reason).toContain("区县代码无效");
  });

  it("leaves the case unrouted when every committee is out", () => {
    const d = route(input({ regionCode: "530103", areaCode: "530103001" }), withOrgs({ [PANLONG]: { active: false }, [TUODONG]: { mediatorCount: 0 } }));
    expect(d.outcome).toBe("unrouted");
    expect(d.candidates).toEqual([
      { orgId: TUODONG, name: TUODONG, why: "暂无调解员" },
      { orgId: PANLONG, name: PANLONG, why: "已停用" },
    ]);
  });

  it("treats a committee with no level as county-level", () => {
    const d = route(input({ areaCode: null }), withOrgs({ [WUHUA]: { level: null } }));
    expect(chosen(d)).toBe(WUHUA);
  });
});

describe("route: court cases and referrals", () => {
  it("routes a court-delegated case to the organisation the court chose", () => {
    const d = route(input({ source: "court_delegated", chosenOrgId: COURT_STUDIO, category: "借贷" }), ORGS);
    expect(d).toMatchObject({ outcome: "routed", orgId: COURT_STUDIO, kind: "judicial" });
    expect(d.reason).toBe(`法院委派（诉前）调解：由法院指定的调解组织调解：${COURT_STUDIO}`);
  });

  it("follows the court's choice of a people's committee as people's mediation", () => {
    const d = route(input({ source: "court_entrusted", chosenOrgId: HUGUO }), ORGS);
    expect(d).toMatchObject({ outcome: "routed", orgId: HUGUO, kind: "people" });
    expect(d.reason).toMatch(/^法院委托（诉中）调解/);
  });

  it.each([
    [{ active: false }, "已停用"],
    [{ mediatorCount: 0 }, "暂无调解员"],
  ])("leaves it unrouted when the chosen organisation is unavailable (%o)", (change, why) => {
    const d = route(input({ source: "court_delegated", chosenOrgId: COURT_STUDIO }), withOrgs({ [COURT_STUDIO]: change }));
    expect(d.outcome).toBe("unrouted");
    expect(d.reason).toBe(`法院委派（诉前）调解：法院指定的调解组织“${COURT_STUDIO}”${why}，转分流员人工分流`);
  });

  it("leaves it unrouted when the chosen organisation declined, is unknown or does not mediate", () => {
    const declined = route(input({ source: "court_delegated", chosenOrgId: COURT_STUDIO, excludeOrgIds: [COURT_STUDIO] }), ORGS);
    expect(declined.reason).toContain("调解员已拒绝或逾期未受理");
    expect(route(input({ source: "court_entrusted", chosenOrgId: "nope" }), ORGS).reason).toContain("法院指定的调解组织不存在");
    expect(route(input({ source: "court_entrusted", chosenOrgId: COURT }), ORGS).reason).toContain("不是调解组织");
  });

  it("ignores a chosen organisation on a citizen's own filing", () => {
    expect(chosen(route(input({ chosenOrgId: COURT_STUDIO }), ORGS))).toBe(WENLIN);
  });

  it("sends a law-firm referral to the lawyer_referral committee as people's mediation, whatever the category", () => {
    for (const category of ["婚姻家庭", "合同", "道路交通事故"] as const) {
      const d = route(input({ source: "lawyer_referral", category, kindPreference: "lawyer" }), ORGS);
      expect(d).toMatchObject({ outcome: "routed", orgId: XIEHUI, kind: "people" });
      expect(d.reason).toMatch(/^律调对接：/);
    }
  });

  it("uses a referral committee elsewhere in the city, and leaves other cities unrouted", () => {
    expect(route(input({ source: "lawyer_referral", regionCode: "530111", areaCode: null }), ORGS).reason).toContain("同市，本区县暂无");
    const far = route(input({ source: "lawyer_referral", regionCode: "530302", areaCode: null }), ORGS);
    expect(far).toMatchObject({ outcome: "unrouted", reason: "律调对接：本市暂无受理律师转介的调解协会人民调解委员会，转分流员人工分流" });
  });
});

describe("kindOfOrg", () => {
  it.each([
    ["people_committee", "people"],
    ["administrative", "administrative"],
    ["court_invited", "judicial"],
    ["lawyer_studio", "lawyer"],
    ["court", null],
    ["notary_office", null],
    ["arbitration", null],
    ["dispatch_center", null],
  ] as const)("%s → %s", (type, kind) => {
    expect(kindOfOrg({ ...ORGS[0], type })).toBe(kind);
  });
});

describe("escalationTarget", () => {
  it("climbs village → street → county → nothing", () => {
    expect(escalationTarget(CUIHU, ORGS)?.id).toBe(HUASHAN);
    expect(escalationTarget(HUASHAN, ORGS)?.id).toBe(WUHUA);
    expect(escalationTarget(WUHUA, ORGS)).toBeNull();
  });

  it("finds the level above in the same area when no parent is recorded", () => {
    const orphans = ORGS.map((o) => ({ ...o, parentId: null }));
    expect(escalationTarget(WEIYUAN, orphans)?.id).toBe(HUGUO);
    expect(escalationTarget(TUODONG, orphans)?.id).toBe(PANLONG);
    // Never a sector or referral committee, though both are county-level in 五华.
    expect(escalationTarget(HUGUO, orphans)?.id).toBe(WUHUA);
  });

  it("skips a parent that cannot take cases, and a missing street level", () => {
    expect(escalationTarget(CUIHU, withOrgs({ [HUASHAN]: { active: false } }))?.id).toBe(WUHUA);
    expect(escalationTarget(CUIHU, withOrgs({ [HUASHAN]: { mediatorCount: 0 } }))?.id).toBe(WUHUA);
  });

  it("returns null where there is nothing above", () => {
    expect(escalationTarget(CUIHU, withOrgs({ [HUASHAN]: { active: false }, [WUHUA]: { active: false } }))).toBeNull();
    expect(escalationTarget(MEDICAL, ORGS)).toBeNull();
    expect(escalationTarget(XIEHUI, ORGS)).toBeNull();
    expect(escalationTarget(TRAFFIC, ORGS)).toBeNull();
    expect(escalationTarget("unknown", ORGS)).toBeNull();
  });
});
