// The API as law firms and courts use it: a lawyer's referral through draft → power of attorney
// → submit, evidence up- and download, a court's delegation, the organisation list, the lookup.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as casesRoute from "~/routes/api.v1.cases";
import * as draftsRoute from "~/routes/api.v1.cases.drafts";
import * as submitRoute from "~/routes/api.v1.cases.$caseId.submit";
import * as evidenceRoute from "~/routes/api.v1.cases.$caseId.evidence";
import * as fileRoute from "~/routes/api.v1.cases.$caseId.evidence.$evidenceId";
import * as orgsRoute from "~/routes/api.v1.mediation-orgs";
import * as lookupRoute from "~/routes/api.v1.lookup";
import { getDb } from "../../db/client";
import { caseParties, cases, evidence } from "../../db/schema";
import { DEMO_PASSWORD, seed } from "../../db/seed";
import { login } from "../../server/auth/accounts";
import { ctx, idNumber } from "./helpers";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "yjf-api-files-"));
process.env.DATA_DIR = dataDir;
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const PHONES = { lawyer: "13800000201", judge: "13800000301", party: "13900000001", other: "13900000003", mediator: "13800000101" } as const;
const tokens = {} as Record<keyof typeof PHONES, string>;

beforeAll(async () => {
  await seed();
  for (const [who, phone] of Object.entries(PHONES)) tokens[who as keyof typeof PHONES] = (await login(phone, DEMO_PASSWORD, { ip: "127.0.0.1" })).token;
});

type Handler = (args: { request: Request; params: Record<string, string>; context: ReturnType<typeof ctx> }) => Promise<Response>;
type ApiError = { error: { code: string; message: string; field?: string } };

async function send(handler: Handler, request: Request, params: Record<string, string> = {}): Promise<Response> {
  try {
    return await handler({ request, params, context: ctx() });
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
}

function jsonReq(method: string, url: string, token: string, body?: unknown): Request {
  return new Request(`http://localhost${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

function upload(caseId: string, token: string, files: [Uint8Array<ArrayBuffer>, string][], fields: Record<string, string> = {}): Request {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const [bytes, name] of files) form.append("files", new File([bytes], name));
  return new Request(`http://localhost/api/v1/cases/${caseId}/evidence`, { method: "POST", headers: { authorization: `Bearer ${token}` }, body: form });
}

const PDF = Uint8Array.from(Buffer.from("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n", "latin1"));
const EXE = (() => {
  const b = Buffer.alloc(256);
  b.write("MZ", 0, "latin1");
  b.writeUInt32LE(0x80, 0x3c);
  b.write("PE\0\0", 0x80, "latin1");
  return Uint8Array.from(b);
})();

const dispute = {
  category: "合同",
  regionCode: "530102",
  facts: "对方承接装修工程后拖延工期三个月，且部分材料与合同约定不符。",
  claims: "请求对方返还多收的工程款并按约支付违约金",
  amountYuan: 38_000.5,
};
const person = (seq: number, name: string) => ({ kind: "person", name, idNumber: idNumber(seq), phone: `1360000${String(seq).padStart(4, "0")}`, address: "昆明市五华区北京路100号" });
const referral = { ...dispute, client: person(801, "周晓梅"), respondents: [person(802, "吴国栋")] };

const countCases = () => getDb().select({ n: count() }).from(cases).get()!.n;

describe("a lawyer's referral (律调对接)", () => {
  let caseId = "";
  let poaId = "";

  it("creates a draft", async () => {
    const res = await send(draftsRoute.action, jsonReq("POST", "/api/v1/cases/drafts", tokens.lawyer));
    expect(res.status).toBe(201);
    caseId = ((await res.json()) as { caseId: string }).caseId;
    expect(res.headers.get("location")).toBe(`/api/v1/cases/${caseId}`);
  });

  it("cannot submit without a power of attorney", async () => {
    const res = await send(submitRoute.action, jsonReq("POST", `/api/v1/cases/${caseId}/submit`, tokens.lawyer, referral), { caseId });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ApiError).error.field).toBe("powerOfAttorney");
  });

  it("validates the referral with the wizard's schema: no 婚姻家庭 by referral", async () => {
    const res = await send(submitRoute.action, jsonReq("POST", `/api/v1/cases/${caseId}/submit`, tokens.lawyer, { ...referral, category: "婚姻家庭" }), { caseId });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ApiError).error).toMatchObject({ field: "category", message: expect.stringContaining("律调对接不受理婚姻家庭纠纷") });
  });

  it("refuses uploads that are not multipart, not allowed, or of an unknown kind", async () => {
    const notMultipart = await send(evidenceRoute.action, jsonReq("POST", `/api/v1/cases/${caseId}/evidence`, tokens.lawyer, { files: [] }), { caseId });
    expect(notMultipart.status).toBe(400);
    const exe = await send(evidenceRoute.action, upload(caseId, tokens.lawyer, [[EXE, "授权委托书.pdf"]], { kind: "power_of_attorney" }), { caseId });
    expect(exe.status).toBe(400);
    expect(((await exe.json()) as ApiError).error.message).toMatch(/不是允许的/);
    const kind = await send(evidenceRoute.action, upload(caseId, tokens.lawyer, [[PDF, "a.pdf"]], { kind: "contract" }), { caseId });
    expect(((await kind.json()) as ApiError).error.field).toBe("kind");
    const none = await send(evidenceRoute.action, upload(caseId, tokens.lawyer, [], { kind: "evidence" }), { caseId });
    expect(((await none.json()) as ApiError).error.field).toBe("files");
    expect(getDb().select({ n: count() }).from(evidence).get()!.n).toBe(0);
  });

  it("uploads the power of attorney, then submits: routed with a case number", async () => {
    const res = await send(evidenceRoute.action, upload(caseId, tokens.lawyer, [[PDF, "授权委托书（周晓梅）.pdf"]], { kind: "power_of_attorney", description: "当事人签字" }), { caseId });
    expect(res.status).toBe(201);
    const { items } = (await res.json()) as { items: { id: string; filename: string; mime: string; kind: string }[] };
    expect(items[0]).toMatchObject({ filename: "授权委托书（周晓梅）.pdf", mime: "application/pdf", kind: "power_of_attorney" });
    poaId = items[0].id;

    const submitted = await send(submitRoute.action, jsonReq("POST", `/api/v1/cases/${caseId}/submit`, tokens.lawyer, referral), { caseId });
    expect(submitted.status).toBe(200);
    const body = (await submitted.json()) as { caseNo: string; status: string };
    expect(body.caseNo).toMatch(/^YJF\d{10}$/);
    expect(["awaiting_acceptance", "unrouted"]).toContain(body.status);
    // Submitting twice is a conflict.
    const again = await send(submitRoute.action, jsonReq("POST", `/api/v1/cases/${caseId}/submit`, tokens.lawyer, referral), { caseId });
    expect(again.status).toBe(409);
  });

  it("lists and streams the file with its Chinese name in an RFC 5987 filename*", async () => {
    const list = await send(evidenceRoute.loader, jsonReq("GET", `/api/v1/cases/${caseId}/evidence`, tokens.lawyer), { caseId });
    expect(((await list.json()) as { items: { id: string }[] }).items.map((i) => i.id)).toEqual([poaId]);

    const res = await send(fileRoute.loader, jsonReq("GET", `/api/v1/cases/${caseId}/evidence/${poaId}`, tokens.lawyer), { caseId, evidenceId: poaId });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const disposition = res.headers.get("content-disposition")!;
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    expect(disposition).toContain("filename*=UTF-8''%E6%8E%88%E6%9D%83"); // 授权
    const star = /filename\*=UTF-8''(.+)$/.exec(disposition)![1];
    expect(decodeURIComponent(star)).toBe("授权委托书（周晓梅）.pdf");
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(PDF);
  });

  it("when two submits of one draft arrive at once, one files it and the other gets 409", async () => {
    const draft = await send(draftsRoute.action, jsonReq("POST", "/api/v1/cases/drafts", tokens.lawyer));
    const id = ((await draft.json()) as { caseId: string }).caseId;
    expect((await send(evidenceRoute.action, upload(id, tokens.lawyer, [[PDF, "poa.pdf"]], { kind: "power_of_attorney" }), { caseId: id })).status).toBe(201);
    const body = { ...referral, client: person(803, "郑红"), respondents: [person(804, "钱进")] };
    const both = await Promise.all([0, 1].map(() => send(submitRoute.action, jsonReq("POST", `/api/v1/cases/${id}/submit`, tokens.lawyer, body), { caseId: id })));
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const parties = getDb().select({ n: count() }).from(caseParties).where(eq(caseParties.caseId, id)).get()!.n;
    expect(parties).toBe(2);
  });

  it("answers 404 for the file to someone without standing on the case", async () => {
    const res = await send(fileRoute.loader, jsonReq("GET", `/api/v1/cases/${caseId}/evidence/${poaId}`, tokens.other), { caseId, evidenceId: poaId });
    expect(res.status).toBe(404);
    const missing = await send(fileRoute.loader, jsonReq("GET", `/api/v1/cases/${caseId}/evidence/nope`, tokens.lawyer), { caseId, evidenceId: "nope" });
    expect(missing.status).toBe(404);
  });
});

describe("a court's delegation (委派) and the organisation list", () => {
  it("lists mediation organisations to a judge, not to a party", async () => {
    expect((await send(orgsRoute.loader, jsonReq("GET", "/api/v1/mediation-orgs", tokens.party))).status).toBe(403);
    const res = await send(orgsRoute.loader, jsonReq("GET", "/api/v1/mediation-orgs", tokens.judge));
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as { items: { id: string; name: string; mediators: { id: string }[] }[] };
    const cuihu = items.find((o) => o.name === "翠湖社区人民调解委员会")!;
    expect(cuihu.mediators.length).toBeGreaterThan(0);
  });

  it("files a court-delegated case to the chosen organisation in one call", async () => {
    const orgs = (await (await send(orgsRoute.loader, jsonReq("GET", "/api/v1/mediation-orgs", tokens.judge))).json()) as { items: { id: string; name: string }[] };
    const chosen = orgs.items.find((o) => o.name === "五华区人民法院特邀调解工作室")!;
    const before = countCases();
    const missingNo = await send(casesRoute.action, jsonReq("POST", "/api/v1/cases", tokens.judge, { ...dispute, mode: "court_entrusted", orgId: chosen.id, applicant: person(811, "许文"), respondents: [person(812, "冯强")] }));
    expect(missingNo.status).toBe(400);
    expect(((await missingNo.json()) as ApiError).error.field).toBe("courtCaseNo");
    expect(countCases()).toBe(before);

    const res = await send(casesRoute.action, jsonReq("POST", "/api/v1/cases", tokens.judge, { ...dispute, mode: "court_delegated", orgId: chosen.id, applicant: person(811, "许文"), respondents: [person(812, "冯强")] }));
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ orgName: chosen.name, status: "awaiting_acceptance" });
  });
});

describe("POST /api/v1/lookup", () => {
  it("finds a case by number and a party's phone, masks names, and says 404 otherwise", async () => {
    const filed = await send(
      casesRoute.action,
      jsonReq("POST", "/api/v1/cases", tokens.party, {
        ...dispute,
        category: "邻里",
        applicantAddress: "昆明市五华区翠湖南路12号",
        respondents: [person(821, "孙德胜")],
      }),
    );
    const { caseNo } = (await filed.json()) as { caseNo: string };
    const found = await send(lookupRoute.action, jsonReq("POST", "/api/v1/lookup", tokens.other, { caseNo: caseNo.toLowerCase(), phone: person(821, "").phone }));
    expect(found.status).toBe(200);
    const body = (await found.json()) as { parties: { side: string; name: string }[]; statusText: string };
    expect(body.parties.find((p) => p.side === "respondent")!.name).not.toBe("孙德胜");
    expect(JSON.stringify(body)).not.toContain("孙德胜");

    const wrong = await send(lookupRoute.action, jsonReq("POST", "/api/v1/lookup", tokens.other, { caseNo, phone: "13912345678" }));
    expect(wrong.status).toBe(404);
    const bad = await send(lookupRoute.action, jsonReq("POST", "/api/v1/lookup", tokens.other, { caseNo: "12345", phone: "13912345678" }));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as ApiError).error.field).toBe("caseNo");
  });
});
