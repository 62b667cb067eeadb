// "哪种方式适合我的纠纷？" — the guide's rules. Pure: the /guide page and its tests call it; the
// filing wizard's routing (server/triage/routing.ts) still decides the actual organisation.
import { z } from "zod";
import { CATEGORIES, type Category } from "./categories";

export const ROUTE_IDS = [
  "call110",
  "people",
  "people_medical",
  "admin_traffic",
  "admin_consumer",
  "admin_medical",
  "admin_labour",
  "labour_arbitration",
  "commercial_arbitration",
  "judicial",
  "lawyer",
  "litigation",
] as const;
export type RouteId = (typeof ROUTE_IDS)[number];

export const YES_NO = ["yes", "no"] as const;
export const YES_NO_UNSURE = ["yes", "no", "unsure"] as const;

/** Query-string answers; the page is a GET form so it works without JavaScript. */
export const guideAnswersSchema = z.object({
  category: z.enum(CATEGORIES, { error: "请选择纠纷类别" }),
  willing: z.enum(YES_NO_UNSURE, { error: "请选择对方是否愿意协商" }),
  money: z.enum(YES_NO, { error: "请选择是否涉及钱款" }),
  courtFiled: z.enum(YES_NO, { error: "请选择是否已经向法院起诉" }),
  urgent: z.enum(YES_NO, { error: "请选择是否有打人、威胁等紧急情况" }),
  // Only matters for contract-type disputes; left empty it counts as "no".
  clause: z.enum(YES_NO_UNSURE).optional(),
});
export type GuideAnswers = z.infer<typeof guideAnswersSchema>;

export type Suggestion = { primary: RouteId; alternatives: RouteId[]; reasons: string[] };

/** Disputes over a contract, where the parties may have agreed to arbitrate (仲裁法: arbitration needs an agreement). */
export const CLAUSE_CATEGORIES: readonly Category[] = ["合同", "生产经营", "借贷", "物业"];

/** Statutory sector routes (domain.md "Routing"); everything else starts with people's mediation. */
const SECTOR_ROUTE: Partial<Record<Category, RouteId>> = {
  道路交通事故: "admin_traffic",
  消费: "admin_consumer",
  医疗: "people_medical",
  劳动争议: "admin_labour",
};

const SECTOR_REASON: Partial<Record<Category, string>> = {
  道路交通事故: "交通事故的赔偿争议，可以请交警调解（《道路交通安全法》第74条），也可以直接起诉。",
  消费: "消费纠纷可以找消费者协会或市场监管部门调解（《消费者权益保护法》第39条），也可拨打12315。",
  医疗: "医疗纠纷可以申请医疗纠纷人民调解委员会调解，不收费（《医疗纠纷预防和处理条例》第22条）。",
  劳动争议: "劳动争议要先经过劳动仲裁，才能到法院起诉；仲裁前可以先申请劳动争议调解。",
};

const CATEGORY_NOTES: Partial<Record<Category, string>> = {
  婚姻家庭: "婚姻家庭纠纷不能由律师调解（司发通〔2017〕105号）；离婚、亲子关系等身份问题，调解协议不能申请司法确认。",
  山林土地: "土地、山林的所有权或使用权争议，协商不成的由乡镇或县级人民政府处理（《土地管理法》第14条）。",
  征地拆迁: "对政府的征收补偿决定不服的，可以申请行政复议或提起行政诉讼；补偿款分配等民间纠纷可以调解。",
};

/** The ordinary route for a category, before the special answers are applied. */
function mediationRoute(category: Category): RouteId {
  return SECTOR_ROUTE[category] ?? "people";
}

function dedupe(primary: RouteId, list: RouteId[]): RouteId[] {
  return [...new Set(list)].filter((r) => r !== primary);
}

export function suggestRoute(answers: GuideAnswers): Suggestion {
  if (answers.urgent === "yes") return urgentFirst(answers);

  const { category } = answers;
  const reasons: string[] = [];
  const clause = answers.clause === "yes" && CLAUSE_CATEGORIES.includes(category);
  const labour = category === "劳动争议";
  const lawyerOk = answers.money === "yes" && category !== "婚姻家庭";
  const note = CATEGORY_NOTES[category];
  const sector = SECTOR_REASON[category];
  if (sector) reasons.push(sector);
  if (note) reasons.push(note);

  if (answers.courtFiled === "yes") {
    if (answers.willing === "no") {
      reasons.push("对方不愿调解，调解无法进行（《人民调解法》第17条），案件由法院继续审理。");
      return { primary: "litigation", alternatives: [], reasons };
    }
    reasons.push("案件已在法院立案：双方同意的，法院可以委托调解组织调解，不用另外申请。");
    return { primary: "judicial", alternatives: ["litigation"], reasons };
  }

  if (answers.clause === "unsure" && CLAUSE_CATEGORIES.includes(category))
    reasons.push("请翻看合同里有没有“提交某某仲裁委员会仲裁”的条款：有的话，调解不成要去仲裁，不能起诉。");

  if (answers.willing === "no") {
    reasons.push("调解必须双方自愿（《人民调解法》第3条）；对方明确拒绝的，调解无法进行。");
    if (labour) {
      reasons.push("对方不愿调解，可以直接申请劳动仲裁；对裁决不服的，再向法院起诉。");
      return { primary: "labour_arbitration", alternatives: ["litigation"], reasons };
    }
    if (clause) {
      reasons.push("合同约定了仲裁的，应向约定的仲裁委员会申请仲裁，法院一般不受理起诉。");
      return { primary: "commercial_arbitration", alternatives: [], reasons };
    }
    reasons.push("可以向法院起诉；对方以后愿意调解的，也可以再申请调解。");
    return { primary: "litigation", alternatives: [mediationRoute(category)], reasons };
  }

  if (answers.willing === "unsure") reasons.push("不确定对方是否愿意也可以先申请：平台会先征求对方同意，对方拒绝的会告诉您其他途径。");
  const primary = mediationRoute(category);
  const alternatives: RouteId[] = [];
  if (category === "医疗") alternatives.push("admin_medical");
  if (category === "道路交通事故" || category === "消费") alternatives.push("people");
  if (lawyerOk) alternatives.push("lawyer");
  if (labour) alternatives.push("labour_arbitration");
  else if (clause) {
    reasons.push("合同约定了仲裁：调解不成的，向约定的仲裁委员会申请仲裁，而不是起诉。");
    alternatives.push("commercial_arbitration");
  } else alternatives.push("litigation");
  if (primary === "people" || primary === "people_medical") reasons.push("人民调解不收费（《人民调解法》第4条），调解员就近上门或视频调解。");
  if (answers.money === "yes" && category !== "婚姻家庭")
    reasons.push("涉及钱款的调解协议，可以申请法院司法确认或赋强公证；对方不履行，可以申请强制执行。");
  if (lawyerOk) reasons.push("也可以选律师调解，可能收取少量费用，申请前会告诉您。");
  return { primary, alternatives: dedupe(primary, alternatives), reasons };
}

/** Safety first: the usual suggestion follows as what to do once everyone is safe. */
function urgentFirst(answers: GuideAnswers): Suggestion {
  const later = suggestRoute({ ...answers, urgent: "no" });
  const reasons = ["有打人、威胁或可能出事的情况，请先拨打110报警，保证人身安全。"];
  if (answers.category === "婚姻家庭")
    reasons.push("遭受家庭暴力的，可以向法院申请人身安全保护令（《反家庭暴力法》第23条），紧急情况下法院24小时内作出。");
  reasons.push("调解员发现纠纷可能激化的，必须报告（《人民调解法》第25条）；情况稳定后再按下面的途径解决纠纷。");
  return { primary: "call110", alternatives: dedupe("call110", [later.primary, ...later.alternatives]), reasons: [...reasons, ...later.reasons] };
}

export type RouteInfo = {
  /** 人民调解 / 行政调解 / 司法调解 / 律师调解 / 仲裁 / 诉讼 */
  kind: string;
  title: string;
  /** Two or three plain sentences: who does it and what happens next. */
  text: string;
  time: string;
  cost: string;
  /** Whether the platform's "申请调解" starts this route. */
  applyHere: boolean;
};

export const ROUTE_INFO: Record<RouteId, RouteInfo> = {
  call110: {
    kind: "报警",
    title: "先拨打110",
    text: "遇到打人、威胁、可能出事的情况，先报警，警察会马上处理。轻微的治安纠纷，派出所也可以调解（《治安管理处罚法》第9条）。",
    time: "立即",
    cost: "免费",
    applyHere: false,
  },
  people: {
    kind: "人民调解",
    title: "人民调解委员会调解",
    text: "村（社区）、乡镇（街道）的人民调解员帮双方坐下来商量，在线视频或当面都可以。谈成了签调解协议，可以申请法院司法确认，让协议能强制执行。",
    time: "调解员3个工作日内决定是否受理；多数纠纷一个月内有结果（全国在线调解平均约23天）。",
    cost: "不收费（《人民调解法》第4条）",
    applyHere: true,
  },
  people_medical: {
    kind: "人民调解",
    title: "医疗纠纷人民调解委员会调解",
    text: "医调委是专门调解医患纠纷的人民调解组织，会请医学、法律专家帮助分析责任。谈成了签调解协议，可以申请司法确认。",
    time: "一般在受理后30个工作日内调解完毕（《医疗纠纷预防和处理条例》第38条）。",
    cost: "不收费",
    applyHere: true,
  },
  admin_traffic: {
    kind: "行政调解",
    title: "交警调解交通事故赔偿",
    text: "交警认定事故责任后，双方都同意的，交警组织双方就赔偿金额协商（《道路交通安全法》第74条）。调解不成或一方不参加的，可以申请人民调解或到法院起诉。",
    time: "收到事故认定书后10日内，双方一起书面申请（《道路交通事故处理程序规定》第86条）。",
    cost: "不收费",
    applyHere: true,
  },
  admin_consumer: {
    kind: "行政调解",
    title: "消协或市场监管部门调解",
    text: "和商家协商不成的，可以请消费者协会或市场监管部门调解（《消费者权益保护法》第39条），也可以拨打12315投诉。调解不成的，可以仲裁或起诉。",
    time: "7个工作日内决定是否受理；受理后45个工作日内谈不拢的，调解终止（《市场监督管理投诉举报处理暂行办法》）。",
    cost: "不收费",
    applyHere: true,
  },
  admin_medical: {
    kind: "行政调解",
    title: "卫生健康部门调解",
    text: "也可以向医院所在地的卫生健康部门申请行政调解。已经申请医调委调解或已经起诉的，卫生健康部门不再受理。",
    time: "一般在受理后30个工作日内调解完毕。",
    cost: "不收费",
    applyHere: false,
  },
  admin_labour: {
    kind: "行政调解",
    title: "劳动争议调解",
    text: "企业劳动争议调解委员会或人社部门的调解中心帮劳动者和单位协商工资、加班费、赔偿等问题。谈不成的，再申请劳动仲裁。",
    time: "15天内没有达成协议的，就可以申请劳动仲裁（《劳动争议调解仲裁法》第14条）。",
    cost: "不收费",
    applyHere: true,
  },
  labour_arbitration: {
    kind: "仲裁",
    title: "劳动争议仲裁",
    text: "劳动争议必须先仲裁，法院才受理起诉。向劳动人事争议仲裁委员会提出申请，仲裁员开庭前还会先调解；对裁决不服的，可以在15日内起诉。",
    time: "知道权利受侵害后1年内申请；受理后45日内裁决，最多延长15日（《劳动争议调解仲裁法》第27、43条）。",
    cost: "不收费（《劳动争议调解仲裁法》第53条）",
    applyHere: false,
  },
  commercial_arbitration: {
    kind: "仲裁",
    title: "商事仲裁",
    text: "只有合同里约定了仲裁（仲裁条款），或事后双方书面同意仲裁，才能去仲裁委员会。仲裁裁决是终局的，不能再就同一纠纷起诉（一裁终局）。",
    time: "按仲裁委员会的规则，通常几个月。",
    cost: "按仲裁委员会的收费标准预交仲裁费",
    applyHere: false,
  },
  judicial: {
    kind: "司法调解",
    title: "法院委派或委托调解",
    text: "起诉前后，法院都可以请特邀调解组织先调解。谈成了由法院司法确认或出具调解书，和判决一样可以强制执行。",
    time: "立案前调解30日，立案后15日（简易程序7日），双方同意可以延长（《人民法院在线调解规则》第24条）。",
    cost: "调解和司法确认不收费",
    applyHere: true,
  },
  lawyer: {
    kind: "律师调解",
    title: "律师调解工作室调解",
    text: "由律师担任调解员，适合合同、借款、赔偿等钱款纠纷，不受理婚姻家庭纠纷。调过这个案件的律师，以后不能代理任何一方打这个官司。",
    time: "调解员3个工作日内决定是否受理，一般一个月内有结果。",
    cost: "可能收取少量费用，申请前会明示，由您决定是否同意",
    applyHere: true,
  },
  litigation: {
    kind: "诉讼",
    title: "向法院起诉",
    text: "向有管辖权的人民法院起诉，由法官审理判决。立案前，法院通常会先问您是否愿意诉前调解。",
    time: "简易程序一般3个月内审结，普通程序一般6个月内审结。",
    cost: "需交诉讼费，败诉方承担；困难的可以申请缓交、减交",
    applyHere: false,
  },
};
