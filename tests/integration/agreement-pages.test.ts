// The agreement's pages as a browser uses them: the editor's form (amounts in 元, one term per line,
// errors keyed by the input they are about, 4xx never 500, nothing written), the party's view, the
// scans upload, the PDF download, and the public verify pages (non-PDF, unknown numbers, masking).
import { beforeAll, describe, expect, it } from "vitest";
import { action as agreementAction, loader as agreementLoader } from "~/routes/cases.$caseId.agreement";
import { action as scansAction } from "~/routes/cases.$caseId.agreement_.scans";
import { loader as pdfLoader } from "~/routes/cases.$caseId.agreement_.pdf";
import { action as verifyAction, loader as verifyLoader } from "~/routes/verify.$docNo";
import { action as verifyIndexAction, loader as verifyIndexLoader } from "~/routes/verify._index";
import { and, eq } from "drizzle-orm";
import { getDb } from "../../db/client";
import { agreementVersions } from "../../db/schema";
import { seed } from "../../db/seed";
import type { SessionUser } from "../../server/auth/session";
import { agreementOfCase } from "../../server/agreements/store";
import { draftOf, reachAgreement, signAs } from "./agreement-helpers";
import { ctx, rowCount, thrownResponse } from "./helpers";
import { cookieOf, eventsOf, inMediation, PHONE, userByPhone } from "./triage-helpers";

let liMing: SessionUser;
let cuihu: SessionUser;

beforeAll(async () => {
  await seed();
  liMing = userByPhone(PHONE.liMing);
  cuihu = userByPhone(PHONE.cuihu);
});

type Reply = { data: { intent: string; error?: string; errors?: Record<string, string>; done?: string }; init: { status: number } | null };

async function post(u: SessionUser, caseId: string, body: URLSearchParams | FormData): Promise<Reply> {
  return (await agreementAction({
    request: new Request(`http://localhost/cases/${caseId}/agreement`, { method: "POST", body, headers: { cookie: cookieOf(u) } }),
    params: { caseId },
    context: ctx(),
  } as never)) as Reply;
}

/** The editor's fields for a complete draft, as the form posts them. */
function formOf(caseId: string, over: Record<string, string | null> = {}): URLSearchParams {
  const c = draftOf(cuihu, caseId);
  const f = new URLSearchParams({ intent: "save", baseVersion: "0", template: c.template });
  c.parties.forEach((p, i) => {
    for (const [k, v] of Object.entries(p)) if (v !== undefined && v !== null) f.set(`parties.${i}.${k}`, String(v));
  });
  f.set("facts", c.facts);
  f.set("disputes", c.disputes);
  f.set("responsibilities", c.responsibilities);
  f.set("terms", c.terms.join("\n"));
  f.set("performance.manner", c.performance.manner);
  f.set("performance.place", c.performance.place);
  f.set("performance.deadline", c.performance.deadline);
  for (const [k, v] of Object.entries(over)) {
    if (v === null) f.delete(k);
    else f.set(k, v);
  }
  return f;
}

async function agreedCase() {
  const w = await inMediation(liMing, cuihu);
  await reachAgreement(cuihu, w.caseId);
  return w;
}

describe("the editor's form", () => {
  it("saves a complete draft: amounts typed in 元, one term per line, numbering stripped", async () => {
    const { caseId } = await agreedCase();
    const form = formOf(caseId, {
      terms: "1、被申请人修复防水层\n\n2. 被申请人赔偿维修费",
      hasPayment: "on",
      "payment.payerPartyId": draftOf(cuihu, caseId).parties[1].partyId,
      "payment.payeePartyId": draftOf(cuihu, caseId).parties[0].partyId,
      "payment.totalYuan": "3,000.5",
      "payment.method": "银行转账",
      "payment.instalments.0.dueDate": "2027-01-15",
      "payment.instalments.0.amountYuan": "1000.25",
      "payment.instalments.1.dueDate": "2027-02-15",
      "payment.instalments.1.amountYuan": "2000.25",
      "payment.instalments.2.dueDate": "",
      "payment.instalments.2.amountYuan": "",
      enforcementClause: "on",
    });
    const r = await post(cuihu, caseId, form);
    expect(r.data.done).toBe("已保存为第1版，当事人可以查看并提出意见。");
    const page = (await agreementLoader({ request: new Request(`http://localhost/cases/${caseId}/agreement`, { headers: { cookie: cookieOf(liMing) } }), params: { caseId }, context: ctx() } as never)) as {
      current: { content: { terms: string[]; payment: { totalFen: number; instalments: { amountFen: number }[] }; enforcementClause: boolean } };
      draft: unknown;
    };
    expect(page.current.content.terms).toEqual(["被申请人修复防水层", "被申请人赔偿维修费"]);
    expect(page.current.content.payment.totalFen).toBe(300_050);
    expect(page.current.content.payment.instalments.map((i) => i.amountFen)).toEqual([100_025, 200_025]);
    expect(page.current.content.enforcementClause).toBe(true);
    expect(page.draft).toBeNull(); // the applicant gets no editor
  });

  it("answers bad input with 400 and Chinese messages keyed by input name, and writes nothing", async () => {
    const { caseId } = await agreedCase();
    const before = rowCount(agreementVersions);
    const events = eventsOf(caseId).length;
    const cases: [Record<string, string | null>, string, RegExp][] = [
      [{ "parties.0.ethnicity": "" }, "parties.0.ethnicity", /请填写民族/],
      [{ "parties.1.age": "abc" }, "parties.1.age", /请填写年龄/],
      [{ facts: "<script>alert(1)</script>" + "x".repeat(6000) }, "facts", /纠纷的主要事实不能超过5000个字/],
      [{ terms: "" }, "terms", /请至少写一条协议内容/],
      [{ "performance.deadline": "明年" }, "performance.deadline", /履行期限格式应为/],
      [{ hasPayment: "on", "payment.totalYuan": "-1" }, "payment.totalYuan", /协议金额应为金额数字/],
      [{ hasPayment: "on", "payment.totalYuan": "1e20" }, "payment.totalYuan", /协议金额应为金额数字/],
      [{ hasPayment: "on", "payment.totalYuan": "99999999999" }, "payment.totalYuan", /协议金额不能超过10亿元/],
      [{ enforcementClause: "on" }, "enforcementClause", /只有含给付金钱内容的协议才能约定接受强制执行/],
    ];
    for (const [over, field, message] of cases) {
      const r = await post(cuihu, caseId, formOf(caseId, over));
      expect(r.init?.status, field).toBe(400);
      expect(r.data.error).toBe("协议内容有误，请按提示修改后再保存");
      expect(r.data.errors?.[field], field).toMatch(message);
    }
    expect(rowCount(agreementVersions)).toBe(before);
    expect(eventsOf(caseId)).toHaveLength(events);
  });

  it("keeps text as typed (HTML included) and refuses the editor to a party", async () => {
    const { caseId } = await agreedCase();
    const html = '<img src=x onerror="alert(1)">双方同意互相谅解';
    expect((await post(cuihu, caseId, formOf(caseId, { other: html }))).data.done).toMatch(/已保存为第1版/);
    const r = await post(liMing, caseId, formOf(caseId, { baseVersion: "1", other: "申请人自己改的" }));
    expect(r.init?.status).toBe(403);
    const a = agreementOfCase(caseId)!;
    expect(a.currentVersion).toBe(1);
  });

  it("never hands a party's full phone number to the other side through the agreement (not an Art 29 item)", async () => {
    const { caseId, respondent, r } = await agreedCase();
    // A posted phone is dropped; the draft the editor gets has none either.
    expect((await post(cuihu, caseId, formOf(caseId, { "parties.0.phone": PHONE.liMing, "parties.1.phone": r.phone }))).data.done).toMatch(/已保存为第1版/);
    const a = agreementOfCase(caseId)!;
    const stored = () => getDb().select().from(agreementVersions).where(and(eq(agreementVersions.agreementId, a.id), eq(agreementVersions.version, 1))).get()!;
    expect(JSON.stringify(stored().content)).not.toContain(PHONE.liMing);
    const load = async (u: SessionUser) =>
      JSON.stringify(await agreementLoader({ request: new Request(`http://localhost/cases/${caseId}/agreement`, { headers: { cookie: cookieOf(u) } }), params: { caseId }, context: ctx() } as never));
    expect(await load(cuihu)).not.toContain(PHONE.liMing);
    // A version saved before the phone left the schema still holds it: the page strips it.
    const legacy = { ...stored().content, parties: stored().content.parties.map((p, i) => ({ ...p, phone: i === 0 ? PHONE.liMing : r.phone })) };
    getDb().update(agreementVersions).set({ content: legacy }).where(eq(agreementVersions.id, stored().id)).run();
    expect(await load(respondent)).not.toContain(PHONE.liMing);
    expect(await load(liMing)).not.toContain(r.phone);
    expect(await load(cuihu)).not.toContain(PHONE.liMing);
  });

  it("a save whose page lost its version number is a stale page (400), not \"第undefined版\"", async () => {
    const { caseId } = await agreedCase();
    for (const baseVersion of [null, "", "abc", "-1"]) {
      const r = await post(cuihu, caseId, formOf(caseId, { baseVersion }));
      expect(r.init?.status, String(baseVersion)).toBe(400);
      expect(r.data.error).toBe("页面已过期，请刷新后重新编辑");
    }
    expect(agreementOfCase(caseId)).toBeUndefined();
  });

  it("unknown intents and outsiders", async () => {
    const { caseId } = await agreedCase();
    expect((await post(cuihu, caseId, new URLSearchParams({ intent: "drop-table" }))).init?.status).toBe(400);
    const stranger = userByPhone(PHONE.wangFang);
    const res = await thrownResponse(() => post(stranger, caseId, formOf(caseId)));
    expect(res.status).toBe(404);
  });
});

describe("downloads and the scans upload", () => {
  it("the PDF is 404 until effective, then a PDF to the parties only", async () => {
    const { caseId, respondent } = await agreedCase();
    const get = (u: SessionUser) => pdfLoader({ request: new Request(`http://localhost/cases/${caseId}/agreement/pdf`, { headers: { cookie: cookieOf(u) } }), params: { caseId }, context: ctx() } as never);
    expect((await thrownResponse(() => get(liMing))).status).toBe(404);
    await post(cuihu, caseId, formOf(caseId));
    for (const u of [liMing, respondent, cuihu]) await signAs(u, caseId, 1);
    const res = (await get(respondent)) as Response;
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toContain(encodeURIComponent("调解协议书-云解纷协"));
    expect(Buffer.from(await res.arrayBuffer()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect((await thrownResponse(() => get(userByPhone(PHONE.wangFang)))).status).toBe(404);
  });

  it("a scan upload on an e-signed agreement is refused with the reason in the redirect", async () => {
    const { caseId } = await agreedCase();
    await post(cuihu, caseId, formOf(caseId));
    const fd = new FormData();
    fd.set("version", "1");
    fd.append("scans", new File([Buffer.from("not an image")], "scan.jpg", { type: "image/jpeg" }));
    const res = (await scansAction({ request: new Request(`http://localhost/cases/${caseId}/agreement/scans`, { method: "POST", body: fd, headers: { cookie: cookieOf(cuihu) } }), params: { caseId }, context: ctx() } as never)) as Response;
    expect(res.status).toBe(302);
    expect(decodeURIComponent(res.headers.get("location")!)).toContain("第1页不是JPG或PNG图片");
    expect(agreementOfCase(caseId)!.status).toBe("drafting");
  });

  it("an outsider's upload is 404 and a party's is refused before the upload is read", async () => {
    const { caseId } = await agreedCase();
    await post(cuihu, caseId, formOf(caseId));
    const request = (u: SessionUser) => {
      const fd = new FormData();
      fd.set("version", "1");
      fd.append("scans", new File([Buffer.alloc(1024)], "scan.jpg", { type: "image/jpeg" }));
      return new Request(`http://localhost/cases/${caseId}/agreement/scans`, { method: "POST", body: fd, headers: { cookie: cookieOf(u) } });
    };
    const outsider = request(userByPhone(PHONE.wangFang));
    expect((await thrownResponse(() => scansAction({ request: outsider, params: { caseId }, context: ctx() } as never))).status).toBe(404);
    expect(outsider.bodyUsed).toBe(false);
    const party = request(liMing);
    const res = (await scansAction({ request: party, params: { caseId }, context: ctx() } as never)) as Response;
    expect(res.status).toBe(302);
    expect(decodeURIComponent(res.headers.get("location")!)).toContain("只有本案调解员可以上传纸质签署件");
    expect(party.bodyUsed).toBe(false);
    expect(agreementOfCase(caseId)!.status).toBe("drafting");
  });
});

describe("the public verify pages", () => {
  const upload = (url: string, file: File | null) => {
    const fd = new FormData();
    if (file) fd.set("file", file);
    return new Request(url, { method: "POST", body: fd });
  };

  it("an unknown or draft number is 404; a typed number redirects to its page", async () => {
    const { caseId } = await agreedCase();
    await post(cuihu, caseId, formOf(caseId));
    const docNo = agreementOfCase(caseId)!.docNo;
    // Drafts are not public: nobody was given their number yet.
    expect((await thrownResponse(() => verifyLoader({ params: { docNo } } as never))).status).toBe(404);
    expect((await thrownResponse(() => verifyLoader({ params: { docNo: "XY2099999999" } } as never))).status).toBe(404);
    const typed = await thrownResponse(() => verifyIndexLoader({ request: new Request(`http://localhost/verify?docNo=${encodeURIComponent("云解纷协〔2026〕000001号")}`) }));
    expect(typed.headers.get("location")).toBe("/verify/XY2026000001");
  });

  it("uploads: a non-PDF and an empty form are 400; an unknown PDF is not genuine", async () => {
    const bad = (await verifyIndexAction({ request: upload("http://localhost/verify", new File([Buffer.from("MZ executable")], "a.pdf", { type: "application/pdf" })), params: {}, context: ctx() } as never)) as unknown as Reply;
    expect(bad.init?.status).toBe(400);
    expect((bad.data as { error?: string }).error).toBe("请上传PDF文件：所选文件不是PDF格式");
    const empty = (await verifyIndexAction({ request: upload("http://localhost/verify", null), params: {}, context: ctx() } as never)) as unknown as Reply;
    expect(empty.init?.status).toBe(400);
    const unknown = (await verifyIndexAction({ request: upload("http://localhost/verify", new File([Buffer.from("%PDF-1.7 something else")], "x.pdf")), params: {}, context: ctx() } as never)) as {
      data: { verdict: { genuine: boolean } };
    };
    expect(unknown.data.verdict.genuine).toBe(false);
  });

  it("an effective agreement's page shows masked names and the file hash, and compares uploads", async () => {
    const { caseId, respondent } = await agreedCase();
    await post(cuihu, caseId, formOf(caseId));
    for (const u of [liMing, respondent, cuihu]) await signAs(u, caseId, 1);
    const a = agreementOfCase(caseId)!;
    const page = (await verifyLoader({ params: { docNo: a.docNo } } as never)) as { doc: { parties: { name: string }[]; sha256: string; status: string } };
    expect(JSON.stringify(page.doc)).not.toContain("李明");
    expect(JSON.stringify(page.doc)).not.toContain(respondent.name);
    expect(page.doc.sha256).toBe(a.pdfSha256);
    const wrong = (await verifyAction({ request: upload(`http://localhost/verify/${a.docNo}`, new File([Buffer.from("%PDF-1.7 forged")], "x.pdf")), params: { docNo: a.docNo }, context: ctx() } as never)) as {
      data: { verdict: { genuine: boolean; expected: { docNo: string } } };
    };
    expect(wrong.data.verdict).toMatchObject({ genuine: false, expected: { docNo: a.docNo } });
  });
});
