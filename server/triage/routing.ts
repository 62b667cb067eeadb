// 分流规则 (domain.md "分 — intake and routing"; ADR 006). Pure: the caller loads the
// organisations with their mediator counts and open cases, and writes the decision down.
import type { Category } from "../../app/lib/categories";
import type { CaseSource, KindPreference, MediationKind, RiskGrade } from "../../app/lib/case-enums";
import { ORG_LEVEL_LABELS, type OrgLevel, type OrgType, type Sector } from "../../app/lib/roles";

export type RoutableOrg = {
  id: string;
  name: string;
  type: OrgType;
  level: OrgLevel | null;
  regionCode: string;
  areaCode: string | null;
  categories: string[];
  sector: Sector | null;
  tags: string[];
  charges: boolean;
  active: boolean;
  parentId: string | null;
  mediatorCount: number;
  openCases: number;
};

export type RoutingInput = {
  category: Category;
  regionCode: string;
  areaCode: string | null;
  source: CaseSource;
  kindPreference: KindPreference;
  risk: RiskGrade;
  crossRegion: boolean;
  /** The organisation a court named when delegating or entrusting; ignored for other sources. */
  chosenOrgId?: string | null;
  /** Organisations whose mediator declined or let the case time out. */
  excludeOrgIds?: string[];
};

export type RoutingCandidate = { orgId: string; name: string; why: string };

export type RoutingDecision =
  | { outcome: "routed"; orgId: string; kind: MediationKind; reason: string; candidates: RoutingCandidate[] }
  | { outcome: "unrouted"; reason: string; candidates: RoutingCandidate[] };

/** Tag of the 调解协会人民调解委员会 that receives law-firm referrals (律调对接). */
export const LAWYER_REFERRAL_TAG = "lawyer_referral";

const KIND_OF_TYPE: Partial<Record<OrgType, MediationKind>> = {
  people_committee: "people",
  administrative: "administrative",
  court_invited: "judicial",
  lawyer_studio: "lawyer",
};

export function kindOfOrg(org: Pick<RoutableOrg, "type">): MediationKind | null {
  return KIND_OF_TYPE[org.type] ?? null;
}

type Statute = { sector: Sector; lead: string; missing: string };

// Categories with a statutory route of their own. Each is a route the parties *may* take, so
// an explicit preference for people's or lawyer mediation is honoured (ADR 006).
const STATUTORY: Partial<Record<Category, Statute>> = {
  道路交通事故: {
    sector: "traffic",
    lead: "道路交通事故赔偿纠纷依《道路交通安全法》第74条由交警调解",
    missing: "交警道路交通事故调解机构",
  },
  消费: {
    sector: "consumer",
    lead: "消费纠纷依《消费者权益保护法》第39条由消费者协会或市场监管部门调解",
    missing: "消费纠纷调解机构",
  },
  医疗: {
    sector: "medical",
    lead: "医疗纠纷依《医疗纠纷预防和处理条例》第22条由医疗纠纷调解组织调解",
    missing: "医疗纠纷调解组织",
  },
  劳动争议: {
    sector: "labour",
    lead: "劳动争议依《劳动争议调解仲裁法》第10条由劳动争议调解组织调解",
    missing: "劳动争议调解组织",
  },
};

const SOURCE_LEAD: Record<"court_delegated" | "court_entrusted", string> = {
  court_delegated: "法院委派（诉前）调解",
  court_entrusted: "法院委托（诉中）调解",
};

const LEVEL_RANK: Record<OrgLevel, number> = { village: 0, street: 1, county: 2 };
const LEVELS_UP: OrgLevel[] = ["village", "street", "county"];

const isCounty = (code: string) => /^\d{6}$/.test(code);
const cityOf = (code: string) => code.slice(0, 4);

/** Why an organisation cannot take any case right now, or null if it can. */
function ineligibility(org: RoutableOrg, excluded: ReadonlySet<string>): string | null {
  if (!kindOfOrg(org)) return "不是调解组织";
  if (!org.active) return "已停用";
  if (org.mediatorCount <= 0) return "暂无调解员";
  if (excluded.has(org.id)) return "调解员已拒绝或逾期未受理，本次排除";
  return null;
}

const handles = (org: RoutableOrg, category: Category) => org.categories.length === 0 || org.categories.includes(category);
const load = (org: RoutableOrg) => org.openCases / org.mediatorCount;
const formatLoad = (org: RoutableOrg) => `${Number(load(org).toFixed(1))}件/人`;

/** Specialists before generalists, then the least loaded, then by name so ties are stable. */
function compare(category: Category | null) {
  return (a: RoutableOrg, b: RoutableOrg) => {
    if (category) {
      const sa = a.categories.includes(category) ? 0 : 1;
      const sb = b.categories.includes(category) ? 0 : 1;
      if (sa !== sb) return sa - sb;
    }
    const la = load(a);
    const lb = load(b);
    if (la !== lb) return la - lb;
    if (a.name !== b.name) return a.name < b.name ? -1 : 1;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };
}

/** Collects what was considered; the first note on an organisation wins, except the choice. */
class Ledger {
  private notes = new Map<string, RoutingCandidate>();
  constructor(private excluded: ReadonlySet<string>) {}

  note(org: RoutableOrg, why: string) {
    if (!this.notes.has(org.id)) this.notes.set(org.id, { orgId: org.id, name: org.name, why });
  }

  /**
   * The best eligible organisation of `pool`, or null. Ineligible and losing ones are noted;
   * the winner is not (the caller notes it with the reason it was chosen).
   */
  best(pool: RoutableOrg[], category: Category | null): RoutableOrg | null {
    const eligible: RoutableOrg[] = [];
    for (const org of pool) {
      const bad = ineligibility(org, this.excluded);
      if (bad) this.note(org, bad);
      else eligible.push(org);
    }
    if (eligible.length === 0) return null;
    const [winner, ...rest] = eligible.sort(compare(category));
    for (const org of rest) {
      if (category && winner.categories.includes(category) && !org.categories.includes(category))
        this.note(org, "同级另有专门受理该类纠纷的机构");
      else if (load(org) > load(winner)) this.note(org, `当前负荷较高（${formatLoad(org)}）`);
      else this.note(org, "条件相同，按名称排序未选中");
    }
    return winner;
  }

  chose(org: RoutableOrg, why = "选中") {
    this.notes.set(org.id, { orgId: org.id, name: org.name, why });
  }

  list(): RoutingCandidate[] {
    return [...this.notes.values()];
  }
}

type Ctx = { input: RoutingInput; orgs: RoutableOrg[]; ledger: Ledger };

function routed(ctx: Ctx, org: RoutableOrg, kind: MediationKind, reason: string): RoutingDecision {
  ctx.ledger.chose(org);
  return { outcome: "routed", orgId: org.id, kind, reason, candidates: ctx.ledger.list() };
}

function unrouted(ctx: Ctx, reason: string): RoutingDecision {
  return { outcome: "unrouted", reason, candidates: ctx.ledger.list() };
}

/** Same county first, then any county of the same city. */
function nearest(ctx: Ctx, pool: RoutableOrg[], category: Category | null): { org: RoutableOrg; where: string } | null {
  const { regionCode } = ctx.input;
  const county = pool.filter((o) => o.regionCode === regionCode);
  const inCounty = ctx.ledger.best(county, category);
  if (inCounty) return { org: inCounty, where: "同区县" };
  const city = pool.filter((o) => o.regionCode !== regionCode && cityOf(o.regionCode) === cityOf(regionCode));
  const inCity = ctx.ledger.best(city, category);
  return inCity ? { org: inCity, where: "同市，本区县暂无" } : null;
}

export function route(input: RoutingInput, all: RoutableOrg[]): RoutingDecision {
  // Courts, notaries and the like never take a case; a court's choice is checked on its own.
  const orgs = all.filter((o) => kindOfOrg(o) !== null);
  const excluded = new Set(input.excludeOrgIds ?? []);
  const ctx: Ctx = { input, orgs, ledger: new Ledger(excluded) };
  const { category, source } = input;

  if ((source === "court_delegated" || source === "court_entrusted") && input.chosenOrgId) {
    const lead = SOURCE_LEAD[source];
    const org = all.find((o) => o.id === input.chosenOrgId);
    if (!org) return unrouted(ctx, `${lead}：法院指定的调解组织不存在，转分流员人工分流`);
    const bad = ineligibility(org, excluded);
    if (bad) {
      ctx.ledger.note(org, bad);
      return unrouted(ctx, `${lead}：法院指定的调解组织“${org.name}”${bad}，转分流员人工分流`);
    }
    return routed(ctx, org, kindOfOrg(org)!, `${lead}：由法院指定的调解组织调解：${org.name}`);
  }

  if (!isCounty(input.regionCode)) return unrouted(ctx, "纠纷发生地的区县代码无效，无法按地域分流，转分流员人工分流");

  if (source === "lawyer_referral") {
    const pool = orgs.filter((o) => o.type === "people_committee" && o.tags.includes(LAWYER_REFERRAL_TAG) && handles(o, category));
    const hit = nearest(ctx, pool, category);
    if (!hit) return unrouted(ctx, "律调对接：本市暂无受理律师转介的调解协会人民调解委员会，转分流员人工分流");
    return routed(
      ctx,
      hit.org,
      "people",
      `律调对接：由调解协会人民调解委员会主持调解，律师调解工作室可派员参与：${hit.org.name}（${hit.where}）`,
    );
  }

  let prefix = "";
  if (input.kindPreference === "lawyer") {
    if (category === "婚姻家庭") {
      return peoplesMediation(ctx, "律师调解不受理婚姻家庭纠纷（司发通〔2017〕105号），转人民调解。");
    }
    const pool = orgs.filter((o) => o.type === "lawyer_studio" && handles(o, category));
    const hit = nearest(ctx, pool, category);
    if (hit) {
      const fee = hit.org.charges ? "；律师调解可能收费，费用在同意调解前告知" : "";
      return routed(ctx, hit.org, "lawyer", `当事人选择律师调解：${hit.org.name}（${hit.where}）${fee}`);
    }
    prefix = "本市暂无受理该类纠纷的律师调解组织，按一般规则分流。";
  }

  const statute = STATUTORY[category];
  if (statute) {
    // Someone who asked for people's mediation still gets a sector *people's* committee
    // (e.g. 医调委), but not a government office.
    const wantsPeople = input.kindPreference === "people";
    const pool = orgs.filter(
      (o) => o.sector === statute.sector && handles(o, category) && (!wantsPeople || o.type === "people_committee"),
    );
    const hit = nearest(ctx, pool, category);
    if (hit) return routed(ctx, hit.org, kindOfOrg(hit.org)!, `${prefix}${statute.lead}：${hit.org.name}（${hit.where}）`);
    prefix += wantsPeople ? "当事人选择人民调解，" : `本地暂无可受理的${statute.missing}，转人民调解。`;
  }

  return peoplesMediation(ctx, prefix);
}

/** "Fast and nearest": village/community → township/street → county, hard cases starting higher. */
function peoplesMediation(ctx: Ctx, prefix: string): RoutingDecision {
  const { input, orgs, ledger } = ctx;
  const { category, regionCode, risk, crossRegion } = input;
  // A finer code outside the case's county is inconsistent input: route by the county alone.
  const area = input.areaCode && input.areaCode.startsWith(regionCode) && /^\d{9}(\d{3})?$/.test(input.areaCode) ? input.areaCode : null;
  const street = area ? area.slice(0, 9) : null;

  let start: OrgLevel = "village";
  let why = "";
  if (risk === "red") {
    start = "county";
    why = "红色预警纠纷直接由县级人民调解委员会调解。";
  } else if (risk === "yellow" || crossRegion) {
    start = "street";
    why = `${[risk === "yellow" ? "黄色预警" : "", crossRegion ? "跨区域" : ""].filter(Boolean).join("、")}纠纷上提一级。`;
  }
  if (!street && start !== "county") {
    start = "county";
    why += "未提供乡镇（街道），由县级人民调解委员会受理。";
  }

  const atLevel: Record<OrgLevel, (o: RoutableOrg) => boolean> = {
    // A village committee in the case's street; the case's own village (12-digit code) first.
    village: (o) => o.level === "village" && !!street && !!o.areaCode && o.areaCode.length === 12 && o.areaCode.startsWith(street),
    street: (o) => o.level === "street" && !!street && o.areaCode === street,
    // A committee with no level recorded is treated as county-level: it serves the whole county.
    county: (o) => (o.level === "county" || o.level === null) && o.regionCode === regionCode,
  };
  const levels = LEVELS_UP.slice(LEVELS_UP.indexOf(start));
  const general: RoutableOrg[] = [];
  for (const o of orgs) {
    if (o.type !== "people_committee" || !levels.some((l) => atLevel[l](o))) continue;
    if (o.sector !== null) ledger.note(o, "专业性调解委员会，不受理一般纠纷");
    else if (o.tags.includes(LAWYER_REFERRAL_TAG)) ledger.note(o, "只受理律调对接案件");
    else if (!handles(o, category)) ledger.note(o, `不受理“${category}”类纠纷`);
    else general.push(o);
  }

  let climbed = false;
  for (const level of levels) {
    let pool = general.filter(atLevel[level]);
    if (level === "village" && area && area.length === 12) {
      const own = pool.filter((o) => o.areaCode === area);
      const chosen = ledger.best(own, category);
      if (chosen) return routed(ctx, chosen, "people", peopleReason(prefix, why, climbed, chosen));
      pool = pool.filter((o) => o.areaCode !== area);
    }
    const chosen = ledger.best(pool, category);
    if (chosen) return routed(ctx, chosen, "people", peopleReason(prefix, why, climbed, chosen));
    climbed = true;
  }
  return unrouted(ctx, `${prefix}${why}本区县暂无可受理该纠纷的人民调解委员会，转分流员人工分流`);
}

function peopleReason(prefix: string, why: string, climbed: boolean, org: RoutableOrg): string {
  const up = climbed ? "下级暂无可受理的调解委员会，逐级上提。" : "";
  const level = org.level ? ORG_LEVEL_LABELS[org.level] : ORG_LEVEL_LABELS.county;
  return `${prefix}${why}${up}人民调解就近受理：${org.name}（${level}）`;
}

/**
 * Where a people's mediation committee hands a case it cannot settle: its parent if that is a
 * higher-level committee able to take cases, else the best committee one level up in the same
 * area (or the level above that). Null for county level and for other kinds of organisation.
 */
export function escalationTarget(orgId: string, orgs: RoutableOrg[]): RoutableOrg | null {
  const org = orgs.find((o) => o.id === orgId);
  if (!org || org.type !== "people_committee" || !org.level || org.level === "county") return null;
  const none = new Set<string>();
  const higher = (o: RoutableOrg) => o.type === "people_committee" && !!o.level && LEVEL_RANK[o.level] > LEVEL_RANK[org.level!];

  const parent = org.parentId ? orgs.find((o) => o.id === org.parentId) : undefined;
  if (parent && higher(parent) && !ineligibility(parent, none)) return parent;

  const street = org.areaCode?.slice(0, 9) ?? null;
  const general = orgs.filter(
    (o) =>
      o.id !== org.id &&
      higher(o) &&
      o.sector === null &&
      !o.tags.includes(LAWYER_REFERRAL_TAG) &&
      o.regionCode === org.regionCode &&
      !ineligibility(o, none),
  );
  const byRank = compare(null);
  const streets = org.level === "village" && street ? general.filter((o) => o.level === "street" && o.areaCode === street) : [];
  if (streets.length) return streets.sort(byRank)[0];
  const counties = general.filter((o) => o.level === "county");
  return counties.length ? counties.sort(byRank)[0] : null;
}
