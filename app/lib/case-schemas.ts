// Filing schemas: used by the wizard in the browser, by its actions, and by /api/v1 (and so by
// the OpenAPI document). Messages are Chinese and say what to fix.
import { z } from "zod";
import { CATEGORIES } from "./categories";
import { KIND_PREFERENCES, RISK_GRADES } from "./case-enums";
import { creditCodeField, mobileField, nameField, regionCodeField, residentIdField } from "./validation";

/** Longest free text we store; longer input is an error, never silently cut. */
export const MAX_FACTS = 5000;
export const MAX_CLAIMS = 2000;
/** 100 亿元: above any civil dispute a mediation portal will see; guards against 1e20 typos. */
export const MAX_AMOUNT_YUAN = 10_000_000_000;

const addressField = z
  .string({ error: "请填写送达地址" })
  .trim()
  .min(5, { error: "送达地址至少5个字，请写到门牌号" })
  .max(120, { error: "地址不能超过120个字" });

const regionOptional = z
  .string()
  .trim()
  .regex(/^[1-9]\d{5}$/, { error: "所在区县代码应为6位数字" })
  .optional();

export const personPartySchema = z.object({
  kind: z.literal("person"),
  name: nameField,
  idNumber: residentIdField,
  phone: mobileField,
  address: addressField,
  regionCode: regionOptional,
});

export const orgPartySchema = z.object({
  kind: z.literal("org"),
  name: z
    .string({ error: "请填写单位名称" })
    .trim()
    .min(4, { error: "单位名称至少4个字" })
    .max(60, { error: "单位名称不能超过60个字" }),
  idNumber: creditCodeField,
  legalRep: nameField,
  phone: mobileField,
  address: addressField,
  regionCode: regionOptional,
});

export const partySchema = z.discriminatedUnion("kind", [personPartySchema, orgPartySchema], {
  error: "请选择当事人类型（个人或单位）",
});
export type PartyInput = z.infer<typeof partySchema>;

export const amountYuanField = z.coerce
  .number({ error: "争议金额须为数字" })
  .refine((v) => Number.isFinite(v), { error: "争议金额须为数字" })
  .refine((v) => v > 0, { error: "争议金额须大于0；没有金额请留空" })
  .refine((v) => v <= MAX_AMOUNT_YUAN, { error: "争议金额超过100亿元，请核对" })
  .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, { error: "争议金额最多保留两位小数（到分）" });

export const disputeSchema = z.object({
  category: z.enum(CATEGORIES, { error: "请选择纠纷类别" }),
  regionCode: regionCodeField,
  // The region picker sends the deepest level chosen; stopping at the county means "no township".
  areaCode: z.preprocess(
    (v) => (typeof v === "string" && /^\d{0,6}$/.test(v.trim()) ? undefined : v),
    z
      .string()
      .trim()
      .regex(/^\d{9}$/, { error: "乡镇（街道）代码应为9位数字" })
      .optional(),
  ),
  address: z.string().trim().max(120, { error: "纠纷发生地不能超过120个字" }).optional(),
  facts: z
    .string({ error: "请简要说明纠纷经过" })
    .trim()
    .min(10, { error: "纠纷经过至少写10个字" })
    .max(MAX_FACTS, { error: `纠纷经过不能超过${MAX_FACTS}字` }),
  claims: z
    .string({ error: "请填写请求事项" })
    .trim()
    .min(4, { error: "请求事项至少写4个字" })
    .max(MAX_CLAIMS, { error: `请求事项不能超过${MAX_CLAIMS}字` }),
  amountYuan: amountYuanField.optional(),
  kindPreference: z.enum(KIND_PREFERENCES, { error: "请选择调解方式" }).default("auto"),
});

/**
 * Cross-field checks run even while other parts of the form are still invalid, so that the
 * wizard can report them on the step where they belong. Their callbacks read the raw input
 * defensively (a field may still be missing).
 */
const always = () => true;

const respondentsField = z
  .array(partySchema, { error: "请填写对方当事人" })
  .min(1, { error: "请至少填写一位对方当事人" })
  .max(10, { error: "对方当事人最多10位，人数更多请到线下窗口登记" });

/** A citizen files for themself: their identity comes from the account; they add an address. */
export const citizenFilingSchema = disputeSchema
  .extend({
    applicantAddress: addressField,
    applicantRegionCode: regionOptional,
    respondents: respondentsField,
  })
  .refine((v) => !(v.kindPreference === "lawyer" && v.category === "婚姻家庭"), {
    path: ["kindPreference"],
    error: "律师调解不受理婚姻家庭纠纷，请选择人民调解或由平台分派",
    when: always,
  })
  .refine((v) => !v.areaCode || typeof v.regionCode !== "string" || v.areaCode.startsWith(v.regionCode), {
    path: ["areaCode"],
    error: "乡镇（街道）须属于所选区县",
    when: always,
  });
export type CitizenFiling = z.infer<typeof citizenFilingSchema>;

/** A lawyer files for a client (律调对接): the client's identity plus a power of attorney. */
export const referralFilingSchema = disputeSchema
  .extend({
    client: partySchema,
    respondents: respondentsField,
  })
  .refine((v) => v.category !== "婚姻家庭", {
    path: ["category"],
    error: "律调对接不受理婚姻家庭纠纷（司发通〔2017〕105号），请当事人直接申请人民调解",
    when: always,
  })
  .refine((v) => !v.areaCode || typeof v.regionCode !== "string" || v.areaCode.startsWith(v.regionCode), {
    path: ["areaCode"],
    error: "乡镇（街道）须属于所选区县",
    when: always,
  });
export type ReferralFiling = z.infer<typeof referralFilingSchema>;

/** A court sends a case out: 委派 before filing, 委托 after, to an organisation it chooses. */
export const courtReferralSchema = disputeSchema
  .extend({
    mode: z.enum(["court_delegated", "court_entrusted"], { error: "请选择委派或委托" }),
    orgId: z.string({ error: "请选择调解组织" }).min(1, { error: "请选择调解组织" }),
    courtCaseNo: z.string().trim().max(40, { error: "法院案号不能超过40个字" }).optional(),
    applicant: partySchema,
    respondents: respondentsField,
  })
  .refine((v) => v.mode !== "court_entrusted" || v.courtCaseNo, {
    path: ["courtCaseNo"],
    error: "委托调解须填写法院立案案号",
    when: always,
  })
  .refine((v) => !v.areaCode || typeof v.regionCode !== "string" || v.areaCode.startsWith(v.regionCode), {
    path: ["areaCode"],
    error: "乡镇（街道）须属于所选区县",
    when: always,
  });
export type CourtReferral = z.infer<typeof courtReferralSchema>;

export const reasonField = z
  .string({ error: "请填写理由" })
  .trim()
  .min(2, { error: "请填写理由" })
  .max(500, { error: "理由不能超过500字" });

export const acceptSchema = z
  .object({
    conflict: z.enum(["none", "declare"], { error: "请声明是否存在利益冲突" }),
    conflictDetail: z.string().trim().max(500, { error: "说明不能超过500字" }).optional(),
  })
  .refine((v) => v.conflict === "none" || (v.conflictDetail && v.conflictDetail.length >= 4), {
    path: ["conflictDetail"],
    error: "请说明利益冲突的具体情况",
  });

export const declineSchema = z.object({ reason: reasonField });
export const assignSchema = z.object({
  orgId: z.string({ error: "请选择调解组织" }).min(1, { error: "请选择调解组织" }),
  mediatorId: z.string().optional(),
  reason: reasonField,
});
export const riskSchema = z.object({ risk: z.enum(RISK_GRADES, { error: "请选择风险等级" }), reason: reasonField });
export const refuseSchema = z.object({ reason: reasonField });
export const withdrawSchema = z.object({ reason: reasonField });
export const mediatorChangeSchema = z.object({ reason: reasonField });

export const inviteCodeSchema = z.object({
  code: z
    .string({ error: "请输入短信验证码" })
    .trim()
    .regex(/^\d{6}$/, { error: "验证码为6位数字" }),
});

export const lookupSchema = z.object({
  caseNo: z
    .string({ error: "请输入案件编号" })
    .trim()
    .transform((v) => v.toUpperCase())
    .pipe(z.string().regex(/^YJF\d{10}$/, { error: "案件编号格式为 YJF 加10位数字，如 YJF2026000123" })),
  phone: mobileField,
});
