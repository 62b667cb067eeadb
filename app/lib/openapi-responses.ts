// The shapes the JSON API answers with. Routes send their bodies through `reply(schema, body)`,
// which type-checks the service's result against these (and, under test, validates it at run
// time), so the OpenAPI document cannot describe fields the API does not send.
// Dates are Date objects here and ISO 8601 strings on the wire (JSON.stringify).
import { z } from "zod";
import { CASE_SOURCES, CASE_STATUSES, CONSENT_STATES, KIND_PREFERENCES, MEDIATION_KINDS, PARTY_KINDS, PARTY_SIDES, RISK_GRADES } from "./case-enums";
import { CASE_LIST_SCOPES, EVIDENCE_KINDS } from "./openapi-schemas";
import { ROLES } from "./roles";

const text = z.string();
const maybe = text.nullable();
const when = z.date().nullable();

export const ERROR_CODES = ["BAD_INPUT", "UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND", "CONFLICT", "TOO_MANY", "METHOD_NOT_ALLOWED"] as const;

export const apiErrorSchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: text.meta({ description: "可直接展示给用户的中文说明" }),
    field: text.optional().meta({ description: "出错的字段路径，如 respondents.0.idNumber" }),
    issues: z.array(z.object({ field: text, message: text })).optional().meta({ description: "全部校验问题（仅 400）" }),
  }),
});

export const sessionCreatedSchema = z.object({
  token: text.meta({ description: "以 Authorization: Bearer <token> 发送" }),
  expiresAt: text.meta({ format: "date-time" }),
  role: z.enum(ROLES),
});

export const meSchema = z.object({
  id: text,
  name: text,
  role: z.enum(ROLES),
  orgs: z.array(z.object({ id: text, name: text, type: text, role: text })),
});

export const regionListSchema = z.object({ items: z.array(z.object({ code: text, name: text })) });

export const caseSummarySchema = z.object({
  id: text,
  caseNo: maybe.meta({ description: "案件编号，如 YJF2026000123" }),
  caseNoText: text.meta({ description: "展示用案件编号，如 云解纷〔2026〕000123号" }),
  status: z.enum(CASE_STATUSES),
  statusText: text,
  category: maybe,
  risk: z.enum(RISK_GRADES).nullable().meta({ description: "仅调解组织、分流员、法院可见；当事人和律师看到 null" }),
  source: z.enum(CASE_SOURCES),
  submittedAt: when,
  acceptDeadline: when,
  orgName: maybe,
  mediatorName: maybe,
  applicant: maybe,
});

export const caseListSchema = z.object({
  rows: z.array(caseSummarySchema),
  total: z.number().int(),
  page: z.number().int(),
  pages: z.number().int(),
  scope: z.enum(CASE_LIST_SCOPES).nullable(),
  scopes: z.array(z.enum(CASE_LIST_SCOPES)),
});

const partyViewSchema = z.object({
  id: text,
  side: z.enum(PARTY_SIDES),
  kind: z.enum(PARTY_KINDS),
  name: text,
  idNumber: text.meta({ description: "对方当事人看到的是脱敏号码" }),
  legalRep: maybe,
  phone: text,
  address: text,
  consent: z.enum(CONSENT_STATES),
  refuseReason: maybe,
  own: z.boolean(),
  hasAgent: z.boolean(),
  linked: z.boolean(),
});

export const evidenceItemSchema = z.object({
  id: text,
  filename: text,
  mime: text,
  size: z.number().int(),
  kind: z.enum(EVIDENCE_KINDS),
  side: z.enum(PARTY_SIDES).nullable(),
  createdAt: z.date(),
  mine: z.boolean(),
});

export const caseDetailSchema = z.object({
  case: z.object({
    id: text,
    caseNo: maybe,
    caseNoText: text,
    status: z.enum(CASE_STATUSES),
    statusText: text,
    source: z.enum(CASE_SOURCES),
    kind: z.enum(MEDIATION_KINDS).nullable(),
    kindPreference: z.enum(KIND_PREFERENCES),
    category: maybe,
    regionCode: maybe,
    areaCode: maybe,
    address: maybe,
    facts: maybe.meta({ description: "按提交原文保存；展示时须按文本转义" }),
    claims: maybe,
    amountFen: z.number().int().nullable().meta({ description: "争议金额，单位：分" }),
    risk: z.enum(RISK_GRADES).nullable().meta({ description: "仅调解组织、分流员、法院可见" }),
    riskReasons: z.array(text),
    routingReason: maybe,
    acceptDeadline: when,
    acceptedAt: when,
    conflictDisclosure: maybe,
    courtCaseNo: maybe,
    submittedAt: when,
    endedAt: when,
    version: z.number().int(),
  }),
  parties: z.array(partyViewSchema),
  org: z
    .object({ id: text, name: text, type: text, charges: z.boolean(), feeNote: maybe, phone: maybe, address: maybe })
    .nullable(),
  mediator: z.object({ id: text, name: text }).nullable(),
  court: z.object({ name: text }).nullable(),
  events: z.array(
    z.object({ id: z.number().int(), at: z.date(), actor: text, summary: text, reason: maybe, visibility: z.enum(["all", "staff"]) }),
  ),
  evidence: z.array(evidenceItemSchema),
  invitations: z.array(z.object({ partyId: text, expiresAt: z.date(), verifiedAt: when, answeredAt: when, remindedAt: when })),
  roles: z.array(text).meta({ description: "您在本案中的身份，如 filer、applicant、respondent、mediator" }),
  staff: z.boolean(),
  actions: z.array(text).meta({ description: "您现在可以进行的操作" }),
});

export const draftCreatedSchema = z.object({ caseId: text });

export const submitResultSchema = z.object({
  caseId: text,
  caseNo: text,
  caseNoText: text,
  status: z.enum(CASE_STATUSES),
  orgName: maybe.meta({ description: "分派到的调解组织；规则无法确定时为 null（转人工分流）" }),
});

export const caseActionResultSchema = z.object({
  id: text,
  status: z.enum(CASE_STATUSES),
  statusText: text,
  version: z.number().int(),
});

export const evidenceListSchema = z.object({ items: z.array(evidenceItemSchema) });

export const evidenceUploadedSchema = z.object({
  items: z.array(
    z.object({
      id: text,
      filename: text.meta({ description: "清理后的文件名，扩展名与实际内容一致" }),
      mime: text.meta({ description: "按文件内容识别的类型" }),
      size: z.number().int(),
      sha256: text,
      kind: z.enum(EVIDENCE_KINDS),
      side: z.enum(PARTY_SIDES).nullable(),
      description: maybe,
    }),
  ),
});

export const mediationOrgListSchema = z.object({
  items: z.array(
    z.object({ id: text, name: text, type: text, regionCode: text, mediators: z.array(z.object({ id: text, name: text })) }),
  ),
});

export const lookupResultSchema = z.object({
  caseNoText: text,
  status: z.enum(CASE_STATUSES),
  statusText: text,
  category: maybe,
  orgName: maybe,
  submittedAt: when,
  parties: z.array(z.object({ side: z.enum(PARTY_SIDES), name: text.meta({ description: "脱敏姓名" }) })),
  events: z.array(z.object({ at: z.date(), summary: text })),
});
