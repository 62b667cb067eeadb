// Where a failed case may go next: the competent arbitration commissions and courts, each with the
// rule that makes it competent (domain.md "裁 — handoff"; ADR 015). Pure: the caller loads the
// organisations and the case, and writes the choice down.
import type { CaseSource } from "../../../app/lib/case-enums";
import type { OrgType } from "../../../app/lib/roles";

export type TransferKind = "arbitration" | "litigation";
export type Side = "applicant" | "respondent";

export const SIDE_WORD: Record<Side, string> = { applicant: "申请人", respondent: "被申请人" };
const otherSide = (s: Side): Side => (s === "applicant" ? "respondent" : "applicant");

export type BodyOrg = { id: string; name: string; type: OrgType; regionCode: string; sector: string | null; active: boolean };

export type TransferFacts = {
  category: string | null;
  /** 6-digit county where the dispute arose (for a labour dispute: where the contract is performed). */
  disputeRegion: string | null;
  parties: { side: Side; kind: "person" | "org"; regionCode: string | null }[];
  /**
   * The side that goes on — sues, or applies for arbitration. Either party may take a failed case
   * on (the state machine's `transfer`), and the plaintiff's opponent is the defendant whose
   * domicile gives a court (民事诉讼法 Art 22).
   */
  plaintiff: Side;
  /** The parties have a written arbitration agreement (a clause in their contract or one made later). */
  arbitrationAgreement: boolean;
  source: CaseSource;
  /** The court that delegated (委派) or entrusted (委托) the mediation, if any. */
  courtId: string | null;
};

export type TransferOption = { kind: TransferKind; orgId: string; name: string; basis: string };
export type TransferRefusal = { kind: TransferKind; reason: string };
export type Competence = { options: TransferOption[]; refusals: TransferRefusal[] };

export const LABOUR_CATEGORY = "劳动争议";

// 劳动争议调解仲裁法 Art 5: arbitration before litigation.
export const LABOUR_ARBITRATION_FIRST = "劳动争议须先申请劳动争议仲裁，对仲裁裁决不服的，才可以向人民法院提起诉讼（《劳动争议调解仲裁法》第五条），不能直接移送法院立案";
// 仲裁法 Art 4: no agreement, no arbitration.
export const NO_ARBITRATION_AGREEMENT = "当事人没有仲裁协议的，仲裁委员会不予受理（《仲裁法》第四条）";
// 仲裁法 Art 5: an arbitration agreement keeps the case out of court.
export const AGREEMENT_EXCLUDES_COURT = "当事人订有仲裁协议的，一方向人民法院起诉，人民法院不予受理（《仲裁法》第五条），请向约定的仲裁委员会申请仲裁";

/** 仲裁法 Art 3 (marriage, adoption, guardianship, support, inheritance; disputes for the government to decide) and Art 77 (labour). */
const NOT_ARBITRABLE: Record<string, string> = {
  婚姻家庭: "婚姻、收养、监护、扶养、继承纠纷不能仲裁（《仲裁法》第三条）",
  山林土地: "土地、山林权属争议依法由人民政府处理，不能仲裁（《仲裁法》第三条，《土地管理法》第十四条）",
  征地拆迁: "征收补偿等依法应当由行政机关处理的争议不能仲裁（《仲裁法》第三条）",
};

/** Disputes over immovable property: only the court where it lies (民事诉讼法 Art 34; 民诉解释 Art 28). */
const IMMOVABLE = new Set(["房屋宅基地", "山林土地"]);
/** Contract disputes: also the place of performance (民事诉讼法 Art 24). */
const CONTRACT = new Set(["合同", "生产经营", "借贷", "物业", "消费"]);
/** Torts: also where the wrong was done (民事诉讼法 Art 29). */
const TORT = new Set(["损害赔偿", "道路交通事故", "医疗", "环境污染"]);
/** Neighbour disputes: where the homes are — the property for 相邻关系 (Art 34; 民诉解释 Art 28), the wrong for nuisance (Art 29). */
const NEIGHBOUR = "邻里";

const county = (code: string | null): string | null => (code && /^\d{6}/.test(code) ? code.slice(0, 6) : null);
const uniq = (xs: (string | null)[]) => [...new Set(xs.filter((x): x is string => !!x))];

export function isLabour(category: string | null): boolean {
  return category === LABOUR_CATEGORY;
}

/** Whether the category may go to commercial arbitration at all; null when it may (given an agreement). */
export function notArbitrable(category: string | null): string | null {
  if (isLabour(category)) return "劳动争议由劳动人事争议仲裁委员会仲裁，不适用商事仲裁（《仲裁法》第七十七条）";
  return (category && NOT_ARBITRABLE[category]) ?? null;
}

/** Whether the parties should be asked about an arbitration agreement (it changes where the case may go). */
export function asksAboutAgreement(category: string | null): boolean {
  return !notArbitrable(category);
}

function labourArbitration(f: TransferFacts, orgs: BodyOrg[]): Competence {
  // Art 21: the commission where the labour contract is performed, or where the employer is. The
  // employer is the organisation among the parties, on whichever side it stands and whoever applies
  // (the employer may be the one going on); without one only the place of performance counts.
  const performance = county(f.disputeRegion);
  const employer = uniq(f.parties.filter((p) => p.kind === "org").map((p) => county(p.regionCode)));
  const options: TransferOption[] = [];
  for (const o of orgs) {
    if (o.type !== "arbitration" || o.sector !== "labour") continue;
    if (o.regionCode === performance)
      options.push({ kind: "arbitration", orgId: o.id, name: o.name, basis: "劳动合同履行地的劳动人事争议仲裁委员会（《劳动争议调解仲裁法》第二十一条）" });
    else if (employer.includes(o.regionCode))
      options.push({
        kind: "arbitration",
        orgId: o.id,
        name: o.name,
        basis: "用人单位所在地的劳动人事争议仲裁委员会（《劳动争议调解仲裁法》第二十一条；双方分别申请的，由劳动合同履行地的仲裁委员会管辖）",
      });
  }
  const refusals: TransferRefusal[] = [{ kind: "litigation", reason: LABOUR_ARBITRATION_FIRST }];
  if (options.length === 0)
    refusals.unshift({ kind: "arbitration", reason: "本平台暂无劳动合同履行地或用人单位所在地的劳动人事争议仲裁委员会（《劳动争议调解仲裁法》第二十一条），请当事人自行向有管辖权的仲裁委员会申请" });
  return { options, refusals };
}

function commercialArbitration(f: TransferFacts, orgs: BodyOrg[]): Competence {
  const excluded = notArbitrable(f.category);
  if (excluded) return { options: [], refusals: [{ kind: "arbitration", reason: excluded }] };
  if (!f.arbitrationAgreement) return { options: [], refusals: [{ kind: "arbitration", reason: NO_ARBITRATION_AGREEMENT }] };
  // Art 6: the parties choose the commission in their agreement; there is no territorial or level
  // jurisdiction, so every commercial commission on the platform is a possible choice.
  const options = orgs
    .filter((o) => o.type === "arbitration" && o.sector !== "labour")
    .map((o) => ({
      kind: "arbitration" as const,
      orgId: o.id,
      name: o.name,
      basis: "当事人在仲裁协议中选定的仲裁委员会（《仲裁法》第四条、第六条：仲裁不实行级别管辖和地域管辖），请选择仲裁协议约定的仲裁委员会",
    }));
  if (options.length === 0) return { options, refusals: [{ kind: "arbitration", reason: "本平台暂无可接收的商事仲裁委员会，请当事人向仲裁协议约定的仲裁委员会申请" }] };
  return { options, refusals: [] };
}

function courts(f: TransferFacts, orgs: BodyOrg[]): Competence {
  if (f.arbitrationAgreement && !notArbitrable(f.category)) return { options: [], refusals: [{ kind: "litigation", reason: AGREEMENT_EXCLUDES_COURT }] };
  const all = orgs.filter((o) => o.type === "court");
  const bases = new Map<string, string[]>();
  const add = (orgId: string, basis: string) => bases.set(orgId, [...(bases.get(orgId) ?? []), basis]);

  // 委托 (after filing): the court already has the case on its docket and simply goes on with it.
  if (f.source === "court_entrusted" && f.courtId) {
    const o = all.find((c) => c.id === f.courtId);
    if (o) return { options: [{ kind: "litigation", orgId: o.id, name: o.name, basis: "委托调解的人民法院：本案已由该院立案，委托调解不成的，由该院继续审理" }], refusals: [] };
  }
  if (f.source === "court_delegated" && f.courtId) add(f.courtId, "委派调解的人民法院：诉前委派调解不成的，由该院依法登记立案");

  const place = county(f.disputeRegion);
  const category = f.category ?? "";
  if (IMMOVABLE.has(category)) {
    for (const o of all) if (o.regionCode === place) add(o.id, "不动产所在地人民法院专属管辖（《民事诉讼法》第三十四条）");
  } else {
    // Art 22: the defendant's domicile — the side opposite the one that sues, which is the applicant
    // side when the respondent takes the case to court.
    const defendant = otherSide(f.plaintiff);
    const domiciles = uniq(f.parties.filter((p) => p.side === defendant).map((p) => county(p.regionCode)));
    for (const o of all) {
      if (domiciles.includes(o.regionCode)) add(o.id, `被告（${SIDE_WORD[defendant]}）住所地人民法院（《民事诉讼法》第二十二条）`);
      if (o.regionCode === place && CONTRACT.has(category)) add(o.id, "合同履行地人民法院（《民事诉讼法》第二十四条）");
      if (o.regionCode === place && TORT.has(category)) add(o.id, "侵权行为地人民法院（《民事诉讼法》第二十九条）");
      if (o.regionCode === place && category === NEIGHBOUR)
        add(o.id, "纠纷发生地人民法院（相邻关系纠纷由不动产所在地法院管辖，《民事诉讼法》第三十四条、民诉解释第二十八条；其他邻里侵权纠纷为侵权行为地，第二十九条）");
    }
  }
  const options = all.filter((o) => bases.has(o.id)).map((o) => ({ kind: "litigation" as const, orgId: o.id, name: o.name, basis: bases.get(o.id)!.join("；") }));
  if (options.length === 0) {
    const why = IMMOVABLE.has(category)
      ? "本平台暂无不动产所在地的人民法院（《民事诉讼法》第三十四条）"
      : `本平台暂无被告（${SIDE_WORD[otherSide(f.plaintiff)]}）住所地或纠纷发生地的人民法院（《民事诉讼法》第二十二条、第二十四条、第二十九条）；${SIDE_WORD[otherSide(f.plaintiff)]}未登记住所地区县的，请当事人自行向有管辖权的法院起诉`;
    return { options, refusals: [{ kind: "litigation", reason: why }] };
  }
  return { options, refusals: [] };
}

/**
 * Every body the case may be sent to, with the basis of each, and why a route is closed.
 * Labour disputes go to labour arbitration only (劳动争议调解仲裁法 Arts 5, 21); other disputes go to
 * a commercial arbitration commission when the parties agreed to arbitrate (仲裁法 Arts 4-6),
 * otherwise to a competent basic court (民事诉讼法 Arts 22, 24, 29, 34), the defendant being the side
 * opposite `f.plaintiff`.
 */
export function competentBodies(f: TransferFacts, orgs: BodyOrg[]): Competence {
  const live = orgs.filter((o) => o.active);
  if (isLabour(f.category)) return labourArbitration(f, live);
  const a = commercialArbitration(f, live);
  const c = courts(f, live);
  return { options: [...a.options, ...c.options], refusals: [...a.refusals, ...c.refusals] };
}

export type Choice = { ok: true; option: TransferOption } | { ok: false; reason: string };

/** Checks one choice against the rules: the right kind of body, and a competent one. */
export function checkChoice(f: TransferFacts, orgs: BodyOrg[], kind: TransferKind, orgId: string): Choice {
  const org = orgs.find((o) => o.id === orgId);
  if (!org || !org.active) return { ok: false, reason: "所选机构不存在或已停用" };
  if (kind === "arbitration" && org.type !== "arbitration") return { ok: false, reason: `${org.name}不是仲裁委员会，不能移送仲裁` };
  if (kind === "litigation" && org.type !== "court") return { ok: false, reason: `${org.name}不是人民法院，不能移送立案` };
  const { options, refusals } = competentBodies(f, orgs);
  const hit = options.find((o) => o.kind === kind && o.orgId === orgId);
  if (hit) return { ok: true, option: hit };
  const closed = refusals.find((r) => r.kind === kind);
  if (closed) return { ok: false, reason: closed.reason };
  if (kind === "arbitration" && isLabour(f.category) && org.sector !== "labour")
    return { ok: false, reason: `劳动争议应由劳动人事争议仲裁委员会仲裁（《劳动争议调解仲裁法》第二十一条），${org.name}不受理劳动争议` };
  if (kind === "arbitration" && !isLabour(f.category) && org.sector === "labour")
    return { ok: false, reason: `${org.name}只受理劳动人事争议（《劳动争议调解仲裁法》第二条），本案不是劳动争议` };
  const competent = options.filter((o) => o.kind === kind).map((o) => o.name);
  return { ok: false, reason: `${org.name}对本案没有管辖权${competent.length ? `；可以移送：${competent.join("、")}` : ""}` };
}
