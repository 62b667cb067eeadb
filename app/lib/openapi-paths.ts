// Every operation of /api/v1: its path, parameters, body and answers, built from the zod schemas
// the routes use. openapi.ts turns this into the document.
import { z } from "zod";
import type { ZodOpenApiOperationObject, ZodOpenApiPathsObject, ZodOpenApiResponsesObject } from "zod-openapi";
import { citizenFilingSchema, courtReferralSchema, lookupSchema, referralFilingSchema } from "./case-schemas";
import { loginSchema } from "./validation";
import { CASE_ACTION_ENDPOINTS, caseListQuerySchema, emptyBodySchema, evidenceUploadSchema } from "./openapi-schemas";
import {
  apiErrorSchema,
  caseActionResultSchema,
  caseDetailSchema,
  caseListSchema,
  draftCreatedSchema,
  evidenceListSchema,
  evidenceUploadedSchema,
  lookupResultSchema,
  mediationOrgListSchema,
  meSchema,
  regionListSchema,
  sessionCreatedSchema,
  submitResultSchema,
} from "./openapi-responses";
import { caseHandoffsSchema } from "./openapi-handoffs";

export const API_BASE = "/api/v1";

export const TAGS = {
  auth: "会话与账号",
  cases: "案件",
  steps: "案件流程",
  files: "证据材料",
  reference: "查询与字典",
} as const;

const ERROR_TEXT: Record<number, string> = {
  400: "请求内容不符合要求（error.message 为中文说明，error.issues 列出全部问题）",
  401: "未登录或令牌已失效",
  403: "账号角色或在本案中的身份不允许此操作",
  404: "案件不存在或您无权查看（两者不作区分）",
  405: "不支持该请求方法",
  409: "案件当前状态不允许此操作，或已被他人同时处理；请重新获取案件后再试",
  429: "请求过于频繁",
};

function errors(...codes: number[]): ZodOpenApiResponsesObject {
  return Object.fromEntries(
    codes.map((c) => [String(c), { description: ERROR_TEXT[c], content: { "application/json": { schema: apiErrorSchema } } }]),
  );
}

function json(schema: z.ZodType, description: string) {
  return { description, content: { "application/json": { schema } } };
}

function body(schema: z.ZodType, description?: string) {
  return { required: true, description, content: { "application/json": { schema } } };
}

const caseIdParam = z.object({ caseId: z.string().meta({ description: "案件 ID（不是案件编号）" }) });
const PUBLIC = { security: [] };

function caseStep(word: keyof typeof CASE_ACTION_ENDPOINTS): ZodOpenApiOperationObject {
  const spec = CASE_ACTION_ENDPOINTS[word];
  const optionalBody = spec.body === emptyBodySchema;
  return {
    operationId: `case-${word}`,
    tags: [TAGS.steps],
    summary: spec.summary,
    description: spec.description,
    requestParams: { path: caseIdParam },
    requestBody: { ...body(spec.body), required: !optionalBody },
    responses: { "200": json(caseActionResultSchema, "操作成功，返回案件的新状态"), ...errors(400, 401, 403, 404, 409) },
  };
}

export const API_PATHS: ZodOpenApiPathsObject = {
  [`${API_BASE}/sessions`]: {
    post: {
      operationId: "session-create",
      tags: [TAGS.auth],
      summary: "登录，取得访问令牌",
      ...PUBLIC,
      requestBody: body(loginSchema.omit({ redirectTo: true })),
      responses: { "201": json(sessionCreatedSchema, "已登录"), ...errors(400, 403, 429) },
    },
    delete: {
      operationId: "session-delete",
      tags: [TAGS.auth],
      summary: "注销当前令牌",
      responses: { "204": { description: "已注销" }, ...errors(401) },
    },
  },
  [`${API_BASE}/me`]: {
    get: { operationId: "me", tags: [TAGS.auth], summary: "当前账号", responses: { "200": json(meSchema, "当前账号及所属机构"), ...errors(401) } },
  },
  [`${API_BASE}/regions`]: {
    get: {
      operationId: "regions",
      tags: [TAGS.reference],
      summary: "行政区划（省、市、区县、乡镇街道）",
      ...PUBLIC,
      requestParams: { query: z.object({ parent: z.string().optional().meta({ description: "上级代码（2、4、6或9位）；省略时返回各省" }) }) },
      responses: { "200": json(regionListSchema, "下级行政区划"), ...errors(400) },
    },
  },
  [`${API_BASE}/cases`]: {
    get: {
      operationId: "cases-list",
      tags: [TAGS.cases],
      summary: "案件列表",
      description: "按调用者身份限定范围：当事人和律师看到自己的案件，调解员看到待受理、本人和本组织的案件，分流员看到辖区队列，法官看到本院委派、委托的案件。",
      requestParams: { query: caseListQuerySchema },
      responses: { "200": json(caseListSchema, "一页案件（每页20条）"), ...errors(400, 401) },
    },
    post: {
      operationId: "cases-file",
      tags: [TAGS.cases],
      summary: "提交调解申请（一次完成）",
      description:
        "当事人提交 CitizenFiling，法官委派、委托提交 CourtReferral。内容先按表单同一套规则校验，不合格时不写入任何数据。律师代理（律调对接）须先上传授权委托书，请改用 /cases/drafts、/evidence、/submit 三步。",
      requestBody: body(z.union([citizenFilingSchema, courtReferralSchema]), "依账号角色选择其一"),
      responses: { "201": json(submitResultSchema, "已提交并分流"), ...errors(400, 401, 403) },
    },
  },
  [`${API_BASE}/cases/drafts`]: {
    post: {
      operationId: "cases-draft",
      tags: [TAGS.cases],
      summary: "创建申请草稿",
      description: "用于提交前须先上传材料的申请（律调对接须上传授权委托书）。",
      responses: { "201": json(draftCreatedSchema, "草稿已创建"), ...errors(401, 403) },
    },
  },
  [`${API_BASE}/cases/{caseId}`]: {
    get: {
      operationId: "case-get",
      tags: [TAGS.cases],
      summary: "案件详情",
      description: "按调用者在本案中的身份裁剪：对方当事人的证件号码、电话脱敏，风险等级仅工作人员可见。",
      requestParams: { path: caseIdParam },
      responses: { "200": json(caseDetailSchema, "案件详情"), ...errors(401, 404) },
    },
  },
  [`${API_BASE}/cases/{caseId}/submit`]: {
    post: {
      operationId: "case-submit",
      tags: [TAGS.cases],
      summary: "提交草稿",
      description: "律师提交 ReferralFiling（须已上传授权委托书），当事人提交 CitizenFiling，法官提交 CourtReferral。",
      requestParams: { path: caseIdParam },
      requestBody: body(z.union([citizenFilingSchema, referralFilingSchema, courtReferralSchema]), "依账号角色选择其一"),
      responses: { "200": json(submitResultSchema, "已提交并分流"), ...errors(400, 401, 403, 404, 409) },
    },
  },
  ...Object.fromEntries(
    (Object.keys(CASE_ACTION_ENDPOINTS) as (keyof typeof CASE_ACTION_ENDPOINTS)[]).map((w) => [`${API_BASE}/cases/{caseId}/${w}`, { post: caseStep(w) }]),
  ),
  [`${API_BASE}/cases/{caseId}/evidence`]: {
    get: {
      operationId: "evidence-list",
      tags: [TAGS.files],
      summary: "案件材料列表",
      requestParams: { path: caseIdParam },
      responses: { "200": json(evidenceListSchema, "材料列表"), ...errors(401, 404) },
    },
    post: {
      operationId: "evidence-upload",
      tags: [TAGS.files],
      summary: "上传证据材料或授权委托书",
      description: "一次最多5个文件，每个不超过10MB；文件类型按内容识别，仅接受图片、PDF和音频。",
      requestParams: { path: caseIdParam },
      requestBody: {
        required: true,
        content: {
          "multipart/form-data": {
            schema: evidenceUploadSchema.extend({
              files: z.array(z.string().meta({ override: { type: "string", contentMediaType: "application/octet-stream" } })).meta({ description: "文件，可重复" }),
            }),
          },
        },
      },
      responses: { "201": json(evidenceUploadedSchema, "已保存"), ...errors(400, 401, 403, 404, 409) },
    },
  },
  [`${API_BASE}/cases/{caseId}/evidence/{evidenceId}`]: {
    get: {
      operationId: "evidence-download",
      tags: [TAGS.files],
      summary: "下载材料文件",
      requestParams: { path: caseIdParam.extend({ evidenceId: z.string() }) },
      responses: {
        "200": {
          description: "文件内容；Content-Disposition 以 filename* 给出中文文件名",
          content: { "application/octet-stream": { schema: { type: "string", contentMediaType: "application/octet-stream" } } },
        },
        ...errors(401, 404),
      },
    },
  },
  [`${API_BASE}/cases/{caseId}/handoffs`]: {
    get: {
      operationId: "case-handoffs",
      tags: [TAGS.cases],
      summary: "案件的司法确认、赋强公证和移送情况",
      description:
        "调解之后案件去向的全部记录（按创建先后）：接收机构、管辖依据、调确字案号或公证书编号、提交、受理、决定日期，现在正在计算的法院期限（受理三日、裁定十五日或延长后二十五日），结果及驳回理由（民诉解释第三百五十八条），已出具文书的编号和核验地址；协议已生效而尚未提交申请时，另给出申请司法确认的三十日期限。与案件页同一查看权限，不含证件号码和电话。",
      requestParams: { path: caseIdParam },
      responses: { "200": json(caseHandoffsSchema, "案件的裁（司法确认、赋强公证、移送）情况"), ...errors(401, 404) },
    },
  },
  [`${API_BASE}/mediation-orgs`]: {
    get: {
      operationId: "mediation-orgs",
      tags: [TAGS.reference],
      summary: "调解组织及其调解员",
      description: "供法官委派、分流员和调解组织负责人指派时选择。",
      responses: { "200": json(mediationOrgListSchema, "调解组织列表"), ...errors(401, 403) },
    },
  },
  [`${API_BASE}/lookup`]: {
    post: {
      operationId: "lookup",
      tags: [TAGS.reference],
      summary: "凭案件编号和手机号码查询进度",
      description: "与公开查询页同一规则和次数限制；姓名脱敏；案件不存在与手机号不符返回同一个404。",
      requestBody: body(lookupSchema),
      responses: { "200": json(lookupResultSchema, "案件进度"), ...errors(400, 401, 404, 429) },
    },
  },
  [`${API_BASE}/openapi.json`]: {
    get: {
      operationId: "openapi",
      tags: [TAGS.reference],
      summary: "本接口说明（OpenAPI 3.1）",
      ...PUBLIC,
      responses: { "200": { description: "OpenAPI 文档", content: { "application/json": { schema: { type: "object" } } } } },
    },
  },
};
