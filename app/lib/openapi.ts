// The OpenAPI 3.1 document of /api/v1, generated from the same zod schemas the routes parse
// with (case-schemas.ts, openapi-schemas.ts) and answer with (openapi-responses.ts). Every route
// file under app/routes/api.v1.* must appear here; tests/integration/api-openapi.test.ts checks it.
import { createDocument } from "zod-openapi";
import { amountYuanField, citizenFilingSchema, courtReferralSchema, orgPartySchema, partySchema, personPartySchema, referralFilingSchema } from "./case-schemas";
import { creditCodeField, mobileField, residentIdField } from "./validation";
import { API_PATHS, TAGS } from "./openapi-paths";
import { apiErrorSchema, caseActionResultSchema, caseDetailSchema, caseSummarySchema, evidenceItemSchema, submitResultSchema } from "./openapi-responses";

export { API_BASE } from "./openapi-paths";

/** The shared fields whose rules live in code (checksums, refinements) get them in words. */
const FIELD_NOTES = new Map<unknown, Record<string, unknown>>([
  [residentIdField, { description: "18位居民身份证号码，校验位须正确", pattern: "^\\d{17}[\\dXx]$" }],
  [creditCodeField, { description: "18位统一社会信用代码，校验位须正确" }],
  [mobileField, { description: "中国大陆11位手机号码", pattern: "^1\\d{10}$" }],
  [amountYuanField, { description: "争议金额（元）：大于0，不超过100亿，最多两位小数；无金额时省略" }],
]);

let cached: ReturnType<typeof createDocument> | null = null;

export function openApiDocument() {
  cached ??= dropUnusedOutputTwins(createDocument(
    {
      openapi: "3.1.0",
      info: {
        title: "云解纷 在线矛盾纠纷多元化解平台 API",
        version: "1.0.0",
        description:
          "供法院、律师事务所等机构系统对接。先 POST /api/v1/sessions 取得令牌，之后每个请求带 Authorization: Bearer <令牌>。请求和应答均为 JSON（上传材料为 multipart/form-data）；出错时应答 {error:{code,message,field}}，message 为可直接展示的中文说明。日期时间为 ISO 8601（UTC），金额 amountYuan 单位为元、amountFen 单位为分。",
      },
      tags: Object.values(TAGS).map((name) => ({ name })),
      security: [{ bearerAuth: [] }],
      paths: API_PATHS,
      components: {
        securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", description: "POST /api/v1/sessions 返回的令牌" } },
        schemas: {
          CitizenFiling: citizenFilingSchema,
          ReferralFiling: referralFilingSchema,
          CourtReferral: courtReferralSchema,
          Party: partySchema,
          PersonParty: personPartySchema,
          OrgParty: orgPartySchema,
          Error: apiErrorSchema,
          CaseSummary: caseSummarySchema,
          CaseDetail: caseDetailSchema,
          Evidence: evidenceItemSchema,
          CaseActionResult: caseActionResultSchema,
          SubmitResult: submitResultSchema,
        },
      },
    },
    {
      override: ({ jsonSchema, zodSchema, io }) => {
        const def = zodSchema._zod.def;
        Object.assign(jsonSchema, FIELD_NOTES.get(zodSchema));
        // Dates only occur in answers, where JSON.stringify makes them ISO 8601 strings.
        if (def.type === "date") {
          jsonSchema.type = "string";
          jsonSchema.format = "date-time";
        }
        // Clients must tolerate new fields in answers: adding one is not a breaking change.
        if (def.type === "object" && io === "output" && jsonSchema.additionalProperties === false) delete jsonSchema.additionalProperties;
        // z.number().int() says "a safe integer", which is noise in a reference.
        if (jsonSchema.type === "integer" && jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
        if (jsonSchema.type === "integer" && jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
      },
    },
  ));
  return cached;
}

/**
 * zod-openapi renders every named component for requests and for answers; where the two differ
 * (fields with transforms) it adds an "…Output" twin, used or not. Unused twins only confuse.
 */
function dropUnusedOutputTwins(doc: ReturnType<typeof createDocument>): ReturnType<typeof createDocument> {
  const schemas = doc.components?.schemas ?? {};
  let dropped = true;
  while (dropped) {
    dropped = false;
    for (const name of Object.keys(schemas).filter((n) => n.endsWith("Output"))) {
      const rest = JSON.stringify({ ...doc, components: { ...doc.components, schemas: { ...schemas, [name]: undefined } } });
      if (rest.includes(`"#/components/schemas/${name}"`)) continue;
      delete schemas[name];
      dropped = true;
    }
  }
  return doc;
}
