// The content of a 调解协议书 draft (人民调解法 Art 29), shared by the editor and the server.
// Amounts are whole 分 (cents). A version stores exactly this object as JSON.
import { z } from "zod";
import type { Category } from "./categories";

export const AGREEMENT_TEMPLATES = [
  "loan", // 借贷/合同: repayment, with instalments
  "neighbour", // 邻里
  "family", // 婚姻家庭 (never e-signed: 电子签名法 Art 3)
  "traffic", // 道路交通事故
  "labour", // 劳动争议
  "property", // 物业
  "consumer", // 消费
  "damages", // 损害赔偿
  "general", // everything else
] as const;
export type AgreementTemplate = (typeof AGREEMENT_TEMPLATES)[number];

export const TEMPLATE_LABELS: Record<AgreementTemplate, string> = {
  loan: "借贷/合同纠纷（含分期履行）",
  neighbour: "邻里纠纷",
  family: "婚姻家庭纠纷",
  traffic: "道路交通事故纠纷",
  labour: "劳动争议",
  property: "物业纠纷",
  consumer: "消费纠纷",
  damages: "损害赔偿纠纷",
  general: "通用",
};

export const TEMPLATE_FOR_CATEGORY: Record<Category, AgreementTemplate> = {
  婚姻家庭: "family",
  邻里: "neighbour",
  房屋宅基地: "neighbour",
  合同: "loan",
  生产经营: "loan",
  损害赔偿: "damages",
  山林土地: "general",
  征地拆迁: "general",
  环境污染: "damages",
  劳动争议: "labour",
  消费: "consumer",
  医疗: "damages",
  道路交通事故: "traffic",
  物业: "property",
  借贷: "loan",
  其他: "general",
};

/** 电子签名法 Art 3: documents on marriage, adoption or inheritance cannot be e-signed. */
export function eSignForbidden(category: string | null, content: Pick<AgreementContent, "personalStatus">): boolean {
  return category === "婚姻家庭" || content.personalStatus;
}

// A blank field says "请填写…" first; one that is too short says how long it must be.
const text = (label: string, min: number, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, { error: `请填写${label}` })
    .min(min, { error: `${label}至少${min}个字` })
    .max(max, { error: `${label}不能超过${max}个字` });

const dateField = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${label}格式应为 年-月-日` })
    // A day that exists: new Date() rolls 2026-02-30 over to 2 March, so the date must read back the
    // same. (A badly formed one was already told 年-月-日 above.)
    .refine((v) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return true;
      const d = new Date(`${v}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
    }, { error: `${label}不是有效日期` });

const fen = (label: string) =>
  z
    .number({ error: `请填写${label}` })
    .int({ error: `${label}最多精确到分` })
    .positive({ error: `${label}必须大于0` })
    .max(100_000_000_000, { error: `${label}不能超过10亿元` });

/**
 * One party's basic information (Art 29 ①). Prefilled from the case; the mediator completes it.
 * No phone number: Art 29 does not ask for it, the agreement does not print it, and the content
 * goes to everyone on the case — the other side must not get a party's full number this way.
 * (Zod drops unknown keys, so a posted or stored `phone` never survives a parse.)
 */
export const agreementPartySchema = z.discriminatedUnion("kind", [
  z.object({
    partyId: z.string().min(1),
    side: z.enum(["applicant", "respondent"]),
    kind: z.literal("person"),
    name: text("姓名", 1, 40),
    idNumber: text("身份证号码", 15, 18),
    sex: z.enum(["男", "女"], { error: "请选择性别" }),
    age: z.number({ error: "请填写年龄" }).int().min(0, { error: "年龄不正确" }).max(150, { error: "年龄不正确" }),
    ethnicity: text("民族", 1, 10),
    occupation: text("职业", 1, 40),
    address: text("住址", 5, 120),
  }),
  z.object({
    partyId: z.string().min(1),
    side: z.enum(["applicant", "respondent"]),
    kind: z.literal("org"),
    name: text("单位名称", 2, 80),
    idNumber: text("统一社会信用代码", 18, 18),
    legalRep: text("法定代表人", 1, 40),
    legalRepTitle: z.string().trim().max(20).optional(), // 职务, e.g. 总经理
    address: text("住所地", 5, 120),
  }),
]);
export type AgreementParty = z.infer<typeof agreementPartySchema>;

export const instalmentSchema = z.object({ dueDate: dateField("履行期限"), amountFen: fen("分期金额") });
export type Instalment = z.infer<typeof instalmentSchema>;

/** A sum one party pays another, in one or more instalments that add up to the total. */
export const paymentSchema = z
  .object({
    payerPartyId: z.string({ error: "请选择付款方" }).min(1, { error: "请选择付款方" }),
    payeePartyId: z.string({ error: "请选择收款方" }).min(1, { error: "请选择收款方" }),
    totalFen: fen("协议金额"),
    instalments: z.array(instalmentSchema).min(1, { error: "请至少填写一期付款" }).max(60, { error: "分期不能超过60期" }),
    method: text("付款方式", 2, 100), // e.g. 银行转账至收款方名下账户
  })
  .refine((p) => p.payerPartyId !== p.payeePartyId, { path: ["payeePartyId"], error: "付款方与收款方不能是同一人" })
  .refine((p) => p.instalments.reduce((s, i) => s + i.amountFen, 0) === p.totalFen, {
    path: ["instalments"],
    error: "各期金额之和必须等于协议金额",
  })
  .refine((p) => p.instalments.every((x, i, all) => i === 0 || all[i - 1].dueDate <= x.dueDate), {
    path: ["instalments"],
    error: "各期履行期限应按时间先后排列",
  });
export type Payment = z.infer<typeof paymentSchema>;

export const agreementContentSchema = z
  .object({
    template: z.enum(AGREEMENT_TEMPLATES, { error: "请选择协议模板" }),
    parties: z.array(agreementPartySchema).min(2, { error: "协议至少需要双方当事人" }).max(20),
    facts: text("纠纷的主要事实", 10, 5000), // Art 29 ②
    disputes: text("争议事项", 4, 3000), // Art 29 ②
    responsibilities: text("各方当事人的责任", 4, 3000), // Art 29 ②
    terms: z.array(text("协议条款", 4, 2000)).min(1, { error: "请至少写一条协议内容" }).max(30, { error: "协议条款不能超过30条" }), // Art 29 ③
    payment: paymentSchema.nullable(),
    // Art 29 ③: 履行方式、地点、期限 (for every agreement, not only monetary ones).
    performance: z.object({
      manner: text("履行方式", 2, 300),
      place: text("履行地点", 2, 120),
      deadline: dateField("履行期限"),
    }),
    // The debtor accepts compulsory enforcement on default (for 司法确认 or 赋强公证); needs a payment.
    enforcementClause: z.boolean(),
    // Concerns marriage, adoption or inheritance: must be wet-signed (电子签名法 Art 3).
    personalStatus: z.boolean(),
    // The parties chose to sign on paper (e.g. someone cannot draw a signature on screen, or has no
    // account): the mediator uploads the signed pages, as for Art 3 matters.
    paperSigning: z.boolean().optional(),
    other: z.string().trim().max(2000, { error: "其他约定不能超过2000个字" }).optional(),
  })
  .refine((c) => !c.enforcementClause || c.payment !== null, { path: ["enforcementClause"], error: "只有含给付金钱内容的协议才能约定接受强制执行" })
  .refine((c) => !c.payment || (c.parties.some((p) => p.partyId === c.payment!.payerPartyId) && c.parties.some((p) => p.partyId === c.payment!.payeePartyId)), {
    path: ["payment", "payerPartyId"],
    error: "付款方和收款方必须是本协议的当事人",
  })
  .refine((c) => c.parties.some((p) => p.side === "applicant") && c.parties.some((p) => p.side === "respondent"), {
    path: ["parties"],
    error: "协议必须包括申请人和被申请人",
  });
export type AgreementContent = z.infer<typeof agreementContentSchema>;

/** The sentence of the enforcement clause, printed in the agreement. */
export function enforcementSentence(payerName: string): string {
  return `${payerName}承诺：如未按本协议约定的期限足额履行给付义务，自愿接受人民法院依法强制执行。`;
}
