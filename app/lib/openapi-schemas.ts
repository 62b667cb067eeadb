// Request schemas the JSON API needs beyond the forms' own (case-schemas.ts): the list's query
// string, the upload's fields, and the map of case actions to their body schemas. Pure zod,
// client-safe; the OpenAPI document (openapi.ts) is generated from these.
import { z } from "zod";
import { CATEGORIES } from "./categories";
import { CASE_STATUSES, RISK_GRADES } from "./case-enums";
import {
  acceptSchema,
  assignSchema,
  citizenFilingSchema,
  courtReferralSchema,
  declineSchema,
  mediatorChangeSchema,
  referralFilingSchema,
  refuseSchema,
  riskSchema,
  withdrawSchema,
} from "./case-schemas";

/** The list scopes of server/cases/queries.ts SCOPES (a test keeps the two equal). */
export const CASE_LIST_SCOPES = ["mine", "to_accept", "org", "queue", "court"] as const;

export const caseListQuerySchema = z.object({
  scope: z
    .enum(CASE_LIST_SCOPES, { error: "scope 应为 mine、to_accept、org、queue 或 court 之一" })
    .optional()
    .meta({ description: "列表范围；省略时为该角色的默认范围，角色无权的范围按默认处理" }),
  status: z.enum(CASE_STATUSES, { error: "案件状态不正确" }).optional(),
  category: z.enum(CATEGORIES, { error: "纠纷类别不正确" }).optional(),
  risk: z.enum(RISK_GRADES, { error: "风险等级应为 green、yellow 或 red" }).optional(),
  q: z.string().trim().max(20, { error: "案件编号关键词不能超过20个字符" }).optional().meta({ description: "按案件编号模糊查找" }),
  page: z.coerce
    .number({ error: "页码须为数字" })
    .int({ error: "页码须为正整数" })
    .min(1, { error: "页码须为正整数" })
    .max(10_000, { error: "页码不能超过10000" })
    .default(1)
    .meta({ description: "页码，每页20条" }),
});

export const EVIDENCE_KINDS = ["evidence", "power_of_attorney"] as const;

/** The text fields of a multipart evidence upload; the files come in the field `files`. */
export const evidenceUploadSchema = z.object({
  kind: z
    .enum(EVIDENCE_KINDS, { error: "材料类型应为 evidence（证据）或 power_of_attorney（授权委托书）" })
    .default("evidence"),
  description: z.string().trim().max(200, { error: "材料说明不能超过200字" }).optional(),
});

/** For actions that take no fields: any JSON object, or an empty body. */
export const emptyBodySchema = z.object({}).meta({ description: "无需字段，可发送 {} 或空请求体" });

/** A filing body by the filer's source (sourceFor in server/cases/filing.ts). */
export const FILING_SCHEMAS = {
  citizen: citizenFilingSchema,
  lawyer_referral: referralFilingSchema,
  court: courtReferralSchema,
} as const;

type ActionSpec = { body: z.ZodType; summary: string; description: string };

/**
 * POST /api/v1/cases/{caseId}/{action}: the URL word, its body schema and its documentation.
 * The route dispatches by this map and the OpenAPI document lists every key, so neither can
 * gain an action the other lacks.
 */
export const CASE_ACTION_ENDPOINTS = {
  accept: {
    body: acceptSchema,
    summary: "受理案件",
    description: "被分派的调解员在3个工作日内受理，并声明是否存在利益冲突。受理后系统向被申请人发送调解邀请。",
  },
  decline: {
    body: declineSchema,
    summary: "不予受理",
    description: "被分派的调解员说明理由不予受理；案件自动改派其他调解员，或转矛调中心人工分流。",
  },
  assign: {
    body: assignSchema,
    summary: "人工指派",
    description: "分流员或调解组织负责人把案件指派给调解组织（及调解员）；已受理的案件重新进入待受理。",
  },
  risk: {
    body: riskSchema,
    summary: "调整风险等级",
    description: "调解员、分流员或调解组织调整案件风险等级（绿、黄、红），须说明理由。",
  },
  withdraw: {
    body: withdrawSchema,
    summary: "撤回申请",
    description: "申请人（或其代理律师）撤回调解申请，案件结束。",
  },
  consent: {
    body: emptyBodySchema,
    summary: "同意调解",
    description: "已核验身份的被申请人同意调解；全部被申请人同意后案件进入调解。",
  },
  refuse: {
    body: refuseSchema,
    summary: "拒绝调解",
    description: "被申请人拒绝调解（《人民调解法》第十七条），调解程序终止。",
  },
  "mediator-change": {
    body: mediatorChangeSchema,
    summary: "申请更换调解员",
    description: "当事人申请更换调解员（在线调解规则第十四条），由分流员决定。",
  },
  "disclosure-agree": {
    body: emptyBodySchema,
    summary: "同意在利益冲突披露后继续调解",
    description: "调解员披露利益冲突后，当事人确认知悉并同意继续由其调解（在线调解规则第十三条）。",
  },
} as const satisfies Record<string, ActionSpec>;

export type CaseActionEndpoint = keyof typeof CASE_ACTION_ENDPOINTS;

export function isCaseActionEndpoint(word: string): word is CaseActionEndpoint {
  return Object.hasOwn(CASE_ACTION_ENDPOINTS, word);
}
