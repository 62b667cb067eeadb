// The JSON API (/api/v1) on real SQLite with the demo world: bearer tokens, the forms' zod
// schemas, the same services as the pages, and no 500 for bad input.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as casesRoute from "~/routes/api.v1.cases";
import * as caseRoute from "~/routes/api.v1.cases.$caseId";
import * as stepRoute from "~/routes/api.v1.cases.$caseId.$action";
import * as openapiRoute from "~/routes/api.v1.openapi[.json]";
import * as unknownRoute from "~/routes/api.v1.$";
import { getDb } from "../../db/client";
import { caseEvents, caseParties, cases, outbox, users } from "../../db/schema";
import { DEMO_PASSWORD, DEMO_PEOPLE, demoIdNumber, seed } from "../../db/seed";
import { login } from "../../server/auth/accounts";
import { verifyInvitation } from "../../server/triage/consent";
import { ctx, idNumber, idNumberWithWrongCheck } from "./helpers";

// Evidence blobs (lawyer flow) go to a temporary directory; getEnv() reads this lazily.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "yjf-api-"));
process.env.DATA_DIR = dataDir;
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const PHONES = { liMing: "13900000001", wangFang: "13900000002", dispatcher: "13800000010", judge: "13800000301" } as const;
const tokens: Record<string, string> = {};

async function tokenFor(phone: string): Promise<string> {
  tokens[phone] ??= (await login(phone, DEMO_PASSWORD, { ip: "127.0.0.1" })).token;
  return tokens[phone];
}

beforeAll(async () => {
  await seed();
  for (const phone of Object.values(PHONES)) await tokenFor(phone);
});

type Handler = (args: { request: Request; params: Record<string, string>; context: ReturnType<typeof ctx> }) => Promise<Response>;

function req(method: string, url: string, token: string | null, body?: unknown): Request {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  const text = body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body);
  return new Request(`http://localhost${url}`, { method, headers, body: text });
}

/** Calls a loader or action as Remix would; a thrown Response (the guards') is returned too. */
async function send(handler: Handler, request: Request, params: Record<string, string> = {}): Promise<Response> {
  try {
    return await handler({ request, params, context: ctx() });
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
}

type ApiError = { error: { code: string; message: string; field?: string; issues?: { field: string; message: string }[] } };

let respondentSeq = 700;
function citizenBody(over: Record<string, unknown> = {}) {
  const seq = respondentSeq++;
  return {
    category: "邻里",
    regionCode: "530102",
    areaCode: "530102001",
    address: "昆明市五华区翠湖南路12号",
    facts: "楼上住户长期在夜间发出噪音，多次沟通无果，影响家人休息。",
    claims: "请求对方夜间停止噪音并赔礼道歉",
    applicantAddress: "昆明市五华区翠湖南路12号2单元301室",
    respondents: [{ kind: "person", name: "陈立新", idNumber: idNumber(seq), phone: `1370000${String(seq).padStart(4, "0")}`, address: "昆明市五华区翠湖南路12号2单元401室" }],
    ...over,
  };
}

async function file(body: unknown, phone: string = PHONES.liMing) {
  const res = await send(casesRoute.action, req("POST", "/api/v1/cases", await tokenFor(phone), body));
  return { res, json: (await res.json()) as Record<string, unknown> };
}

async function step(caseId: string, action: string, phone: string, body?: unknown): Promise<Response> {
  return send(stepRoute.action, req("POST", `/api/v1/cases/${caseId}/${action}`, await tokenFor(phone), body), { caseId, action });
}

async function detail(caseId: string, phone: string): Promise<Response> {
  return send(caseRoute.loader, req("GET", `/api/v1/cases/${caseId}`, await tokenFor(phone)), { caseId });
}

function phoneOf(userId: string): string {
  return getDb().select({ phone: users.phone }).from(users).where(eq(users.id, userId)).get()!.phone;
}

async function mediatorPhoneOf(caseId: string): Promise<string> {
  const d = (await (await detail(caseId, PHONES.liMing)).json()) as { mediator: { id: string } | null };
  return phoneOf(d.mediator!.id);
}

function rows() {
  const db = getDb();
  return [cases, caseParties, caseEvents].map((t) => db.select({ n: count() }).from(t).get()!.n);
}

describe("authentication", () => {
  it("answers 401 JSON without a token, or with a wrong one", async () => {
    for (const token of [null, "not-a-real-token"]) {
      const list = await send(casesRoute.loader, req("GET", "/api/v1/cases", token));
      expect(list.status).toBe(401);
      expect(((await list.json()) as ApiError).error.code).toBe("UNAUTHENTICATED");
      const before = rows();
      const filed = await send(casesRoute.action, req("POST", "/api/v1/cases", token, citizenBody()));
      expect(filed.status).toBe(401);
      expect(rows()).toEqual(before);
    }
  });
});

describe("filing by API", () => {
  it("files a 邻里 case for a citizen in one call: 201, a case number, routed to a mediator", async () => {
    const { res, json } = await file(citizenBody());
    expect(res.status).toBe(201);
    expect(json.caseNo).toMatch(/^YJF\d{10}$/);
    expect(json.status).toBe("awaiting_acceptance");
    expect(json.orgName).toEqual(expect.stringContaining("人民调解委员会"));
    expect(res.headers.get("location")).toBe(`/api/v1/cases/${json.caseId}`);
    expect(res.headers.get("cache-control")).toBe("no-store");

    const list = await send(casesRoute.loader, req("GET", "/api/v1/cases?status=awaiting_acceptance&category=邻里&page=1&q=", await tokenFor(PHONES.liMing)));
    expect(list.status).toBe(200);
    const page = (await list.json()) as { rows: { id: string }[]; scope: string };
    expect(page.scope).toBe("mine");
    expect(page.rows.map((r) => r.id)).toContain(json.caseId);
  });

  const bad: [string, () => unknown, string, RegExp][] = [
    ["a respondent's 身份证 with a wrong check digit", () => citizenBody({ respondents: [{ ...citizenBody().respondents[0], idNumber: idNumberWithWrongCheck(901) }] }), "respondents.0.idNumber", /校验/],
    ["an amount of -1", () => citizenBody({ amountYuan: -1 }), "amountYuan", /大于0/],
    ["an amount of 1e20", () => citizenBody({ amountYuan: 1e20 }), "amountYuan", /100亿/],
    ["50 000 characters of facts", () => citizenBody({ facts: "纠".repeat(50_000) }), "facts", /不能超过5000字/],
    ["an unknown category", () => citizenBody({ category: "外星人入侵" }), "category", /纠纷类别/],
    ["a county that does not exist", () => citizenBody({ regionCode: "530199", areaCode: undefined }), "regionCode", /区县不存在/],
    ["no respondents", () => citizenBody({ respondents: [] }), "respondents", /对方当事人/],
    ["a number where text belongs", () => citizenBody({ claims: 42 }), "claims", /[\u4e00-\u9fa5]/],
  ];
  it.each(bad)("refuses %s with 400, a Chinese message and no rows written", async (_what, body, field, message) => {
    const before = rows();
    const { res, json } = await file(body());
    expect(res.status).toBe(400);
    const { error } = json as ApiError;
    expect(error.code).toBe("BAD_INPUT");
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
    expect(rows()).toEqual(before);
  });

  it("refuses a body that is not JSON, or not an object, with 400", async () => {
    const before = rows();
    for (const [text, message] of [["{not json", "请求内容须为 JSON"], ["[1,2]", "请求内容须为 JSON 对象"], ["null", "请求内容须为 JSON 对象"]]) {
      const { res, json } = await file(text);
      expect(res.status).toBe(400);
      expect((json as ApiError).error.message).toBe(message);
    }
    expect(rows()).toEqual(before);
  });

  it("stores HTML in the facts exactly as typed, and answers JSON, never HTML", async () => {
    const facts = `对方在楼道张贴<script>alert("x")</script>和<img src=x onerror=alert(1)>等内容，&amp; 多次骚扰。`;
    const { res, json } = await file(citizenBody({ facts }));
    expect(res.status).toBe(201);
    const got = await detail(json.caseId as string, PHONES.liMing);
    expect(got.headers.get("content-type")).toMatch(/^application\/json/);
    const body = (await got.json()) as { case: { facts: string } };
    expect(body.case.facts).toBe(facts);
  });

  it("sends a lawyer to the draft → upload → submit flow before writing anything", async () => {
    const before = rows();
    const { res, json } = await file(citizenBody(), "13800000201");
    expect(res.status).toBe(400);
    expect((json as ApiError).error.field).toBe("powerOfAttorney");
    expect(rows()).toEqual(before);
  });

  it("refuses a mediator's filing with 403", async () => {
    const { res } = await file(citizenBody(), "13800000101");
    expect(res.status).toBe(403);
  });
});

describe("the case list's query string", () => {
  it.each([
    ["page=0", "page", /页码/],
    ["page=abc", "page", /页码/],
    ["status=closed", "status", /案件状态/],
    ["risk=purple", "risk", /风险等级/],
    ["scope=everything", "scope", /scope/],
  ])("?%s → 400", async (query, field, message) => {
    const res = await send(casesRoute.loader, req("GET", `/api/v1/cases?${query}`, await tokenFor(PHONES.liMing)));
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as ApiError;
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
  });
});

describe("access", () => {
  it("answers 404 to another party, for reading and for acting, and for ids that do not exist", async () => {
    const { json } = await file(citizenBody());
    const caseId = json.caseId as string;
    expect((await detail(caseId, PHONES.wangFang)).status).toBe(404);
    const withdraw = await step(caseId, "withdraw", PHONES.wangFang, { reason: "不想调了" });
    expect(withdraw.status).toBe(404);
    // Even with a bad body: the stranger learns nothing from validation.
    expect((await step(caseId, "withdraw", PHONES.wangFang, { reason: 1 })).status).toBe(404);
    expect((await detail("no-such-case", PHONES.liMing)).status).toBe(404);
    expect((await detail(caseId, PHONES.liMing)).status).toBe(200);
  });

  it("answers 404 for an action word the API does not have, and 405 for a wrong method", async () => {
    const { json } = await file(citizenBody());
    expect((await step(json.caseId as string, "delete-everything", PHONES.liMing, {})).status).toBe(404);
    const put = await send(stepRoute.action, req("PUT", `/api/v1/cases/${json.caseId}/withdraw`, await tokenFor(PHONES.liMing), { reason: "撤回" }), {
      caseId: json.caseId as string,
      action: "withdraw",
    });
    expect(put.status).toBe(405);
    expect(put.headers.get("allow")).toBe("POST");
    // GET on a POST-only route: the API's own 405, not Remix's English error.
    const get = await send(stepRoute.loader, req("GET", `/api/v1/cases/${json.caseId}/withdraw`, await tokenFor(PHONES.liMing)), { caseId: json.caseId as string, action: "withdraw" });
    expect(get.status).toBe(405);
    expect(((await get.json()) as ApiError).error.message).toMatch(/不支持 GET 请求/);
  });
});

describe("unknown paths", () => {
  it("answer 404 JSON pointing to the API description, for any method", async () => {
    for (const method of ["GET", "POST"]) {
      const res = await send(unknownRoute.loader, req(method, "/api/v1/casez", await tokenFor(PHONES.liMing), method === "POST" ? {} : undefined), { "*": "casez" });
      expect(res.status).toBe(404);
      expect(((await res.json()) as ApiError).error.message).toContain("/api/v1/openapi.json");
    }
  });
});

describe("workflow steps", () => {
  it("lets the assigned mediator accept; validates the body; a party may not accept", async () => {
    const { json } = await file(citizenBody());
    const caseId = json.caseId as string;
    const mediator = await mediatorPhoneOf(caseId);

    const noDetail = await step(caseId, "accept", mediator, { conflict: "declare" });
    expect(noDetail.status).toBe(400);
    expect(((await noDetail.json()) as ApiError).error).toMatchObject({ field: "conflictDetail", message: "请说明利益冲突的具体情况" });
    expect((await step(caseId, "accept", PHONES.liMing, { conflict: "none" })).status).toBe(403);

    const ok = await step(caseId, "accept", mediator, { conflict: "none" });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ id: caseId, status: "awaiting_consent", statusText: "待对方同意" });
  });

  it("when two accepts arrive at once, one wins and the other gets 409", async () => {
    const { json } = await file(citizenBody());
    const caseId = json.caseId as string;
    const mediator = await mediatorPhoneOf(caseId);
    const results = await Promise.all([step(caseId, "accept", mediator, { conflict: "none" }), step(caseId, "accept", mediator, { conflict: "none" })]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = results.find((r) => r.status === 409)!;
    expect(((await loser.json()) as ApiError).error.code).toBe("CONFLICT");
    const accepted = getDb().select({ n: count() }).from(caseEvents).where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.type, "accepted"))).get()!;
    expect(accepted.n).toBe(1);
  });

  it("takes a case from filing to mediation: the respondent verifies, then consents by API", async () => {
    const i = DEMO_PEOPLE.findIndex((p) => p.phone === PHONES.wangFang);
    const wang = DEMO_PEOPLE[i];
    const respondent = { kind: "person", name: wang.name, idNumber: demoIdNumber(wang.birth, i, wang.sex), phone: wang.phone, address: "昆明市五华区翠湖南路12号2单元401室" };
    const { json } = await file(citizenBody({ respondents: [respondent] }));
    const caseId = json.caseId as string;
    expect((await step(caseId, "accept", await mediatorPhoneOf(caseId), { conflict: "none" })).status).toBe(200);

    // The invitation SMS carries the link token and the code.
    const sms = getDb().select().from(outbox).where(eq(outbox.to, wang.phone)).all().at(-1)!;
    const token = /\/invite\/([a-z2-7]{32})/.exec(sms.body)![1];
    const code = /验证码\s*(\d{6})/.exec(sms.body)![1];
    await verifyInvitation(token, { code, name: respondent.name, idNumber: respondent.idNumber }, { ip: "127.0.0.1" });

    const seen = (await (await detail(caseId, PHONES.wangFang)).json()) as { roles: string[]; actions: string[]; case: { risk: unknown } };
    expect(seen.roles).toContain("respondent");
    expect(seen.actions).toEqual(expect.arrayContaining(["consent", "refuse"]));
    expect(seen.case.risk).toBeNull();

    const consented = await step(caseId, "consent", PHONES.wangFang);
    expect(consented.status).toBe(200);
    expect(await consented.json()).toMatchObject({ status: "mediating" });
    // Answering twice is a conflict, not a crash.
    expect((await step(caseId, "refuse", PHONES.wangFang, { reason: "改变主意" })).status).toBe(409);
  });

  it("lets the applicant withdraw; acting on a withdrawn case is a conflict", async () => {
    const { json } = await file(citizenBody());
    const caseId = json.caseId as string;
    expect((await step(caseId, "withdraw", PHONES.liMing, { reason: "" })).status).toBe(400);
    const res = await step(caseId, "withdraw", PHONES.liMing, { reason: "双方已自行和解" });
    expect(await res.json()).toMatchObject({ status: "withdrawn" });
    const late = await step(caseId, "accept", await mediatorPhoneOf(caseId), { conflict: "none" });
    expect(late.status).toBe(409);
    expect(((await late.json()) as ApiError).error.message).toMatch(/已撤回/);
  });
});

describe("GET /api/v1/openapi.json", () => {
  it("serves an OpenAPI 3.1 document with the case paths and bearer auth", async () => {
    const res = await openapiRoute.loader();
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, unknown>>; components: { securitySchemes: Record<string, unknown> } };
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    for (const p of ["/api/v1/cases", "/api/v1/cases/{caseId}", "/api/v1/cases/{caseId}/accept", "/api/v1/cases/{caseId}/evidence/{evidenceId}"])
      expect(doc.paths[p], p).toBeDefined();
    expect(doc.paths["/api/v1/cases"].post).toMatchObject({ summary: expect.stringMatching(/[\u4e00-\u9fa5]/) });
  });
});
