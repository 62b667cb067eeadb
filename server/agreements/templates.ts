// The first draft of a 调解协议书, prefilled from the case for the mediator's editor. Everything
// here is a starting point the mediator edits: texts are phrased as open questions or as the
// obligations the agreement itself creates, never as facts nobody has stated. What cannot be known
// from the case is left blank (party fields the schema then asks for) or marked with PLACEHOLDER,
// which the server refuses to save.
import {
  TEMPLATE_FOR_CATEGORY,
  type AgreementContent,
  type AgreementParty,
  type AgreementTemplate,
  type Instalment,
  type Payment,
} from "../../app/lib/agreement-schema";
import { fenToCapital } from "../../app/lib/amount";
import { formatFen } from "../../app/lib/case-format";
import type { Category } from "../../app/lib/categories";
import { checkResidentId } from "../../app/lib/id-checks";

type Side = "applicant" | "respondent";

export type DraftSource = {
  category: string | null; // one of CATEGORIES
  kind: "people" | "administrative" | "judicial" | "lawyer" | null;
  facts: string | null; // what the applicant wrote at filing
  claims: string | null; // 请求事项 at filing
  amountFen: number | null;
  parties: {
    id: string;
    side: Side;
    kind: "person" | "org";
    name: string;
    idNumber: string;
    legalRep: string | null;
    address: string;
  }[];
  /** Offers the other side accepted, oldest first. */
  acceptedOffers: { fromSide: Side; amountFen: number | null; terms: string; payBy: string | null }[];
  undisputedFacts: string | null; // facts both parties confirmed in the session record, if any
  today: string; // YYYY-MM-DD, China date
  /** The mediator's choice of template; by default the category's. */
  template?: AgreementTemplate;
};

type PersonParty = Extract<AgreementParty, { kind: "person" }>;
type OrgParty = Extract<AgreementParty, { kind: "org" }>;
/** A person as the case knows them: sex/age null when the ID number does not give them;
 *  ethnicity and occupation "" (the case never asks), so the schema makes the mediator fill them. */
export type DraftPerson = Omit<PersonParty, "sex" | "age"> & { sex: PersonParty["sex"] | null; age: number | null };
/** An organisation; legalRep is "" when the case does not record one. */
export type DraftOrg = OrgParty;
export type DraftParty = DraftPerson | DraftOrg;
/** AgreementContent with the party blanks above; it parses once the mediator has filled them. */
export type AgreementDraft = Omit<AgreementContent, "parties"> & { parties: DraftParty[] };

/** Marks text only the mediator can supply; a draft containing it cannot be saved. */
export const PLACEHOLDER = "（请调解员填写）";

const PAYMENT_METHOD = "银行转账至收款方指定账户";
const DEFAULT_DAYS_TO_PAY = 30;
const LOAN_INSTALMENTS = 3;

/**
 * Sex and age (周岁 on `today`, YYYY-MM-DD) from an 18-digit 居民身份证 number (GB 11643):
 * digits 7-14 are the birth date and digit 17 is odd for men. The age goes up on the birthday
 * itself; someone born on 29 February turns a year older on 1 March in common years. Null for
 * anything checkResidentId refuses (including the old 15-digit numbers) or a bad `today`.
 */
export function sexAndAgeFromIdNumber(idNumber: string, today: string): { sex: "男" | "女"; age: number } | null {
  const now = parseDate(today);
  if (!now) return null;
  const id = idNumber.trim().toUpperCase();
  if (!checkResidentId(id, now).ok) return null;
  const birthYear = Number(id.slice(6, 10));
  const birthMonthDay = id.slice(10, 14);
  const todayMonthDay = today.slice(5, 7) + today.slice(8, 10);
  const age = Number(today.slice(0, 4)) - birthYear - (todayMonthDay < birthMonthDay ? 1 : 0);
  return { sex: Number(id[16]) % 2 === 1 ? "男" : "女", age };
}

/** The agreement editor's starting point for a case (see the file comment). */
export function draftFromCase(src: DraftSource): AgreementDraft {
  const template = src.template ?? templateFor(src.category);
  const w = WORDING[template];
  const parties = draftParties(src);

  // The latest accepted offer that names an amount (or a deadline) is what the parties settled on;
  // a later offer without one (an apology, say) does not cancel it.
  const offers = src.acceptedOffers;
  const offerAmount = [...offers].reverse().find((o) => o.amountFen != null)?.amountFen ?? null;
  const payBy = [...offers].reverse().find((o) => o.payBy)?.payBy ?? null;
  const amountFen = positive(offerAmount) ?? positive(src.amountFen);

  // A non-monetary template still gets a payment when the parties accepted an offer with a sum
  // (a neighbour paying for repairs): the respondent pays unless the mediator swaps the sides.
  const payment = w.payer
    ? draftPayment(template, w.payer, parties, amountFen, payBy, src.today)
    : draftPayment(template, "respondent", parties, positive(offerAmount), payBy, src.today);
  const amountText = amountFen != null ? `${fenToCapital(amountFen)}（${formatFen(amountFen)}）` : `人民币${PLACEHOLDER}元`;
  const offerTerms = offers.map((o) => o.terms.trim()).filter((t) => t.length > 0);

  const claims = src.claims?.trim().replace(/[。；;，,.\s]+$/u, "");
  const last = payment?.instalments[payment.instalments.length - 1];

  return {
    template,
    parties,
    facts: src.undisputedFacts?.trim() || src.facts?.trim() || PLACEHOLDER,
    disputes: (claims ? `申请人的请求事项：${claims}。` : "") + `争议焦点：${w.dispute}`,
    responsibilities: w.responsibility,
    terms: offerTerms.length > 0 ? offerTerms : w.skeleton(amountText, payment),
    payment,
    performance: {
      manner: payment ? `${payment.instalments.length > 1 ? `分${payment.instalments.length}期` : "一次性"}支付，${PAYMENT_METHOD}` : w.manner,
      // 民法典 Art 511 ③: money is paid where the payee is.
      place: payment ? MONEY_PLACE : w.place,
      deadline: last?.dueDate ?? payBy ?? addDays(src.today, DEFAULT_DAYS_TO_PAY),
    },
    // The clause that lets the creditor go to 司法确认 or 赋强公证; loans are where it is asked for.
    enforcementClause: template === "loan" && payment !== null,
    // 婚姻家庭 matters cannot be e-signed (电子签名法 Art 3).
    personalStatus: template === "family",
  };
}

/** Chinese names of the fields that still contain PLACEHOLDER, in reading order. */
export function unfilledPlaceholders(content: AgreementDraft): string[] {
  const found: string[] = [];
  const check = (label: string, value: string | null | undefined) => {
    if (value?.includes(PLACEHOLDER)) found.push(label);
  };
  for (const p of content.parties) {
    const who = `${p.side === "applicant" ? "申请人" : "被申请人"}${p.name}`;
    check(`${who}的${p.kind === "person" ? "姓名" : "单位名称"}`, p.name);
    check(`${who}的${p.kind === "person" ? "住址" : "住所地"}`, p.address);
    if (p.kind === "person") {
      check(`${who}的民族`, p.ethnicity);
      check(`${who}的职业`, p.occupation);
    } else {
      check(`${who}的法定代表人`, p.legalRep);
      check(`${who}的法定代表人职务`, p.legalRepTitle);
    }
  }
  check("纠纷的主要事实", content.facts);
  check("争议事项", content.disputes);
  check("各方当事人的责任", content.responsibilities);
  content.terms.forEach((t, i) => check(`协议条款（第${i + 1}条）`, t));
  check("付款方式", content.payment?.method);
  check("履行方式", content.performance.manner);
  check("履行地点", content.performance.place);
  check("其他约定", content.other);
  return found;
}

// --- Template wording ----------------------------------------------------------------------

/**
 * Who pays in a monetary template: "respondent" (the claimant is the creditor or the injured
 * party), "org" (the employer or the business: labour and consumer disputes), "person" (the owner
 * pays the 物业服务企业). "org"/"person" fall back to the respondent when the party kinds do not
 * tell the sides apart. The mediator can swap payer and payee in the editor.
 */
type PayerRule = "respondent" | "org" | "person";

type Wording = {
  dispute: string; // 争议焦点, as open questions
  responsibility: string;
  payer: PayerRule | null; // null: not a monetary template, no payment prefilled
  manner: string; // 履行方式 when there is no payment
  place: string; // 履行地点 when there is no payment
  /** Default terms when no offer was accepted; `amount` is 大写 with figures, or a placeholder. */
  skeleton: (amount: string, payment: Payment | null) => string[];
};

const SELF_PERFORMED = "当事人按本协议约定自行履行";
const MONEY_MANNER = PAYMENT_METHOD;
const MONEY_PLACE = "收款方住所地";

const WORDING: Record<AgreementTemplate, Wording> = {
  loan: {
    dispute: "被申请人应否偿还申请人借款，以及还款的数额、方式和期限。",
    responsibility: "被申请人对所借款项负有偿还责任，应按本协议约定履行还款义务。",
    payer: "respondent",
    manner: MONEY_MANNER,
    place: MONEY_PLACE,
    skeleton: (amount, payment) => [
      `被申请人确认尚欠申请人借款本金${amount}。`,
      payment && payment.instalments.length > 1
        ? `被申请人按本协议约定的付款计划分${payment.instalments.length}期偿还上述借款。`
        : "被申请人于本协议约定的履行期限内偿还上述借款。",
      "申请人收到全部还款后向被申请人出具收条，双方就该笔借款再无其他争议。",
    ],
  },
  neighbour: {
    dispute: "双方在通行、采光、排水等相邻关系中的权利义务如何确定。",
    responsibility: "双方均应依法正确处理相邻关系；妨碍对方通行、采光、排水的，由造成妨碍的一方负责排除。",
    payer: null,
    manner: `${SELF_PERFORMED}，调解组织回访确认`,
    place: "双方相邻不动产所在地",
    skeleton: () => [
      `被申请人于本协议约定的履行期限内清除妨碍通行、采光、排水的${PLACEHOLDER}，恢复原状。`,
      // 民法典 Art 288's principle for neighbours.
      "双方今后应互谅互让、相互尊重，按照有利生产、方便生活、团结互助、公平合理的原则处理相邻关系。",
    ],
  },
  family: {
    dispute: "双方在赡养、抚养、家庭财产分割等方面的权利义务如何确定。",
    responsibility: "双方应依法履行赡养、抚养等家庭义务，尊重和保护家庭成员的合法权益。",
    payer: null,
    manner: SELF_PERFORMED,
    place: PLACEHOLDER,
    skeleton: () => [
      `赡养费或者抚养费的支付人、标准和支付期限：${PLACEHOLDER}。`,
      `家庭财产的分割：${PLACEHOLDER}。`,
      "双方今后应相互尊重、和睦相处，依法履行家庭义务。",
    ],
  },
  traffic: {
    dispute: "本次交通事故造成的各项损失的赔偿数额及支付方式。",
    // Fault is fixed by the police's 道路交通事故认定书, which only the mediator has read.
    responsibility: `本次事故的责任以公安机关交通管理部门出具的道路交通事故认定书为准：${PLACEHOLDER}。`,
    payer: "respondent",
    manner: MONEY_MANNER,
    place: MONEY_PLACE,
    skeleton: (amount) => [
      `被申请人赔偿申请人因本次事故产生的医疗费、误工费、护理费、交通费、财产损失等各项损失共计${amount}。`,
      "本次事故赔偿一次性了结，申请人收到上述款项后，不再就本次事故向被申请人主张其他赔偿。",
    ],
  },
  labour: {
    dispute: "用人单位应否支付劳动者工资、经济补偿及其数额，以及双方劳动关系如何处理。",
    responsibility: "用人单位应按本协议约定向劳动者支付劳动报酬和经济补偿，并依法办理解除劳动合同的相关手续；劳动者应按约定办理工作交接。",
    payer: "org",
    manner: MONEY_MANNER,
    place: MONEY_PLACE,
    skeleton: (amount) => [
      `用人单位向劳动者支付工资及解除劳动合同的经济补偿共计${amount}。`,
      // 劳动合同法 Art 50: the certificate, 15 days for the file and social insurance, the handover.
      `双方劳动关系于${PLACEHOLDER}解除。用人单位应出具解除劳动合同的证明，并在十五日内为劳动者办理档案和社会保险关系转移手续；劳动者应按双方约定办理工作交接。`,
      "本协议履行完毕后，双方就劳动关系存续期间的工资、经济补偿等事项再无其他争议。",
    ],
  },
  property: {
    dispute: "业主应否交纳物业费及其数额，物业服务企业是否按约定履行了服务义务。",
    responsibility: "业主应按约定交纳物业费；物业服务企业应按物业服务合同的约定提供服务。",
    payer: "person",
    manner: MONEY_MANNER,
    place: MONEY_PLACE,
    skeleton: (amount) => [
      `业主向物业服务企业交纳${PLACEHOLDER}期间的物业费共计${amount}。`,
      "物业服务企业应按物业服务合同的约定履行清洁、秩序维护、共用部位及共用设施设备维修养护等服务义务，及时处理业主反映的问题。",
      "本协议履行完毕后，双方就上述期间的物业费再无其他争议。",
    ],
  },
  consumer: {
    dispute: "经营者应否为消费者退货退款或者赔偿损失，以及退款或者赔偿的数额。",
    responsibility: "经营者应按本协议约定向消费者退还货款或者支付赔偿；需要退货的，消费者应配合退还商品。",
    payer: "org",
    manner: MONEY_MANNER,
    place: MONEY_PLACE,
    skeleton: (amount) => [
      `经营者向消费者退还货款或者支付赔偿共计${amount}。`,
      "需要退货的，消费者应将所购商品退还经营者。",
      "本协议履行完毕后，双方就本次消费纠纷再无其他争议。",
    ],
  },
  damages: {
    dispute: "被申请人应否承担赔偿责任，以及赔偿的项目和数额。",
    responsibility: `被申请人对申请人的损失承担${PLACEHOLDER}赔偿责任。`,
    payer: "respondent",
    manner: MONEY_MANNER,
    place: MONEY_PLACE,
    skeleton: (amount) => [
      `被申请人赔偿申请人各项损失共计${amount}，其中：${PLACEHOLDER}。`,
      "本纠纷一次性了结，申请人收到上述赔偿款后，不再就本纠纷向被申请人主张其他权利。",
    ],
  },
  general: {
    dispute: `${PLACEHOLDER}。`,
    responsibility: PLACEHOLDER,
    payer: null,
    manner: SELF_PERFORMED,
    place: PLACEHOLDER,
    skeleton: () => [PLACEHOLDER],
  },
};

// --- Helpers -------------------------------------------------------------------------------

function templateFor(category: string | null): AgreementTemplate {
  // hasOwn: a category such as "toString" must not reach Object.prototype.
  return category && Object.hasOwn(TEMPLATE_FOR_CATEGORY, category) ? TEMPLATE_FOR_CATEGORY[category as Category] : "general";
}

/** Applicants first, then respondents, each in the case's order. */
function draftParties(src: DraftSource): DraftParty[] {
  const ordered = [...src.parties.filter((p) => p.side === "applicant"), ...src.parties.filter((p) => p.side === "respondent")];
  return ordered.map((p): DraftParty => {
    const common = { partyId: p.id, side: p.side, name: p.name, idNumber: p.idNumber, address: p.address };
    if (p.kind === "org") return { ...common, kind: "org", legalRep: p.legalRep ?? "" };
    const derived = sexAndAgeFromIdNumber(p.idNumber, src.today);
    return { ...common, kind: "person", sex: derived?.sex ?? null, age: derived?.age ?? null, ethnicity: "", occupation: "" };
  });
}

function draftPayment(
  template: AgreementTemplate,
  rule: PayerRule,
  parties: DraftParty[],
  totalFen: number | null,
  payBy: string | null,
  today: string,
): Payment | null {
  if (totalFen == null) return null;
  const paySide = payingSide(rule, parties);
  const getSide = paySide === "applicant" ? "respondent" : "applicant";
  const payer = pick(parties, paySide, rule === "respondent" ? null : rule);
  const payee = pick(parties, getSide, rule === "respondent" ? null : rule === "org" ? "person" : "org");
  if (!payer || !payee) return null;
  return { payerPartyId: payer.partyId, payeePartyId: payee.partyId, totalFen, instalments: schedule(template, totalFen, payBy, today), method: PAYMENT_METHOD };
}

function payingSide(rule: PayerRule, parties: DraftParty[]): Side {
  if (rule === "respondent") return "respondent";
  const orgSides = new Set(parties.filter((p) => p.kind === "org").map((p) => p.side));
  if (orgSides.size !== 1) return "respondent";
  const [orgSide] = orgSides;
  if (rule === "org") return orgSide;
  return orgSide === "applicant" ? "respondent" : "applicant";
}

/** The first party on `side`, or its first of `kind` (the employer, the business, the owner). */
function pick(parties: DraftParty[], side: Side, kind: DraftParty["kind"] | null): DraftParty | undefined {
  const onSide = parties.filter((p) => p.side === side);
  return onSide.find((p) => p.kind === kind) ?? onSide[0];
}

/**
 * An accepted deadline is what the parties agreed, so the whole amount falls due then, loans
 * included. Without one, a loan gets 3 monthly instalments (the last takes what the division
 * leaves, so the sum is exact in 分) to start the mediator on the instalment path; anything else
 * one payment 30 days out.
 */
function schedule(template: AgreementTemplate, totalFen: number, payBy: string | null, today: string): Instalment[] {
  if (payBy) return [{ dueDate: payBy, amountFen: totalFen }];
  const each = Math.floor(totalFen / LOAN_INSTALMENTS);
  if (template !== "loan" || each === 0) return [{ dueDate: addDays(today, DEFAULT_DAYS_TO_PAY), amountFen: totalFen }];
  return Array.from({ length: LOAN_INSTALMENTS }, (_, i) => ({
    dueDate: addMonths(today, i + 1),
    amountFen: i === LOAN_INSTALMENTS - 1 ? totalFen - each * (LOAN_INSTALMENTS - 1) : each,
  }));
}

function positive(fen: number | null): number | null {
  return fen != null && Number.isSafeInteger(fen) && fen > 0 ? fen : null;
}

function parseDate(ymd: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(ymd)) return null;
  const d = new Date(`${ymd}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === ymd ? d : null;
}

function addDays(ymd: string, days: number): string {
  const d = new Date(`${ymd}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Same day of the month `months` later, or that month's last day (31 Jan + 1 → 28/29 Feb). */
function addMonths(ymd: string, months: number): string {
  const [y, m, d] = ymd.split("-").map(Number);
  const lastDay = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, lastDay))).toISOString().slice(0, 10);
}
