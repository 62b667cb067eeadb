// GET /api/v1/cases/{caseId}/handoffs: what a court's or law firm's system reads about where a
// case went after mediation, checked step by step against a real case taken to a confirmed ruling
// (and one rejected, then sent to court; and one notarised). Same access as the case page.
// Deadlines are compared with what server/handoff/deadlines.ts returns, never with own arithmetic.
import { beforeAll, describe, expect, it } from "vitest";
import * as route from "~/routes/api.v1.cases.$caseId.handoffs";
import type { caseHandoffsSchema } from "~/lib/openapi-handoffs";
import type { z } from "zod";
import { seed } from "../../db/seed";
import { startSession } from "../../server/auth/accounts";
import type { SessionUser } from "../../server/auth/session";
import { lookupDocument } from "../../server/documents/registry";
import { startConfirmation } from "../../server/handoff/confirmation/apply";
import { acceptApplication } from "../../server/handoff/confirmation/court";
import { ruleOnApplication } from "../../server/handoff/confirmation/ruling";
import { confirmationWindow, courtAcceptDue, rulingDue } from "../../server/handoff/deadlines";
import { issueNotarialCertificate } from "../../server/handoff/notarisation/notary";
import { transferCase } from "../../server/handoff/transfer/send";
import { publicUrl } from "../../server/lib/urls";
import { effectiveCase, judge, JUDGE_PANLONG, signPart } from "./confirmation-helpers";
import { ctx } from "./helpers";
import { applyJointly, NOTARY_PHONE, OFFICE } from "./notarisation-helpers";
import { effectiveCase as monetaryCase } from "./performance-helpers";
import { orgId, PHONE, userByPhone } from "./triage-helpers";

type Body = z.output<typeof caseHandoffsSchema>;
type Json = { [K in keyof Body]: unknown } & { items: Record<string, unknown>[] };
const COURT = "昆明市五华区人民法院";
const DAY = 86_400_000;

let liMing: SessionUser & { phone: string };
let cuihu: SessionUser & { phone: string };
let wangFang: SessionUser;
let linXiao: SessionUser;
let zhouLan: SessionUser;

beforeAll(async () => {
  await seed();
  liMing = userByPhone(PHONE.liMing);
  cuihu = userByPhone(PHONE.cuihu);
  wangFang = userByPhone(PHONE.wangFang);
  linXiao = judge();
  zhouLan = judge(JUDGE_PANLONG);
});

const tokenOf = (u: SessionUser) => startSession(u.id, u.role, { ip: "127.0.0.1" }).token;

async function get(caseId: string, u: SessionUser | null, method = "GET"): Promise<Response> {
  const headers: Record<string, string> = u ? { authorization: `Bearer ${tokenOf(u)}` } : {};
  const request = new Request(`http://localhost/api/v1/cases/${caseId}/handoffs`, { method, headers });
  const handler = (method === "GET" ? route.loader : route.action) as (a: unknown) => Promise<Response>;
  try {
    return await handler({ request, params: { caseId }, context: ctx() });
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
}

async function read(caseId: string, u: SessionUser): Promise<Json> {
  const res = await get(caseId, u);
  expect(res.status).toBe(200);
  expect(res.headers.get("cache-control")).toBe("no-store");
  return (await res.json()) as Json;
}

const at = (v: unknown) => new Date(String(v)).getTime();

describe("a case taken to a confirmed ruling (人民调解法 Art 33, 民事诉讼法 Arts 205-206), read through the API at each step", () => {
  let w: Awaited<ReturnType<typeof effectiveCase>>;
  let handoffId = "";

  beforeAll(async () => {
    w = await effectiveCase(liMing, cuihu);
  });

  it("人民调解法第三十三条: an effective agreement with no application yet gives the 30-day window end at case level, and no items", async () => {
    const b = await read(w.caseId, liMing);
    expect(b).toMatchObject({ caseId: w.caseId, status: "effective", statusText: "调解协议已生效", items: [] });
    expect(b.agreement).toEqual({ docNo: w.agreement.docNo, docNoText: expect.stringMatching(/^云解纷协〔\d{4}〕\d{6}号$/), effectiveAt: w.effectiveAt.toISOString(), verifyUrl: publicUrl(`/verify/${w.agreement.docNo}`) });
    const window = confirmationWindow(w.effectiveAt, new Date());
    expect(b.confirmationWindow).toMatchObject({ effectiveAt: w.effectiveAt.toISOString(), endsAt: window.endsAt.toISOString(), open: true });
    // Loosely: about a month after the agreement took effect.
    expect(at((b.confirmationWindow as { endsAt: string }).endsAt) - w.effectiveAt.getTime()).toBeGreaterThan(29 * DAY);
    expect((b.confirmationWindow as { daysLeft: number }).daysLeft).toBeGreaterThanOrEqual(29);
  });

  it("one party's signed part: the application waits for the other, the window still runs", async () => {
    ({ handoffId } = await startConfirmation(liMing, w.caseId, { courtId: orgId(COURT) }));
    await signPart(liMing, w.caseId);
    const b = await read(w.caseId, w.respondent);
    expect(b.confirmationWindow).not.toBeNull();
    expect(b.items).toHaveLength(1);
    expect(b.items[0]).toMatchObject({
      id: handoffId,
      kind: "confirmation",
      kindText: "司法确认",
      status: "applying",
      statusText: "待各方当事人签署",
      org: { id: orgId(COURT), name: COURT, type: "court" },
      basis: expect.stringContaining("第二百零五条"),
      refNo: null,
      submittedAt: null,
      deadline: null,
      documents: [],
    });
    expect(b.items[0].applicants).toEqual([{ partyId: expect.any(String), side: "applicant", name: liMing.name, signedAt: expect.any(String) }]);
  });

  it("submitted: the court's 3-day acceptance deadline (法释〔2011〕5号 Art 4) as the deadline module gives it; the window is gone", async () => {
    await signPart(w.respondent, w.caseId);
    const b = await read(w.caseId, liMing);
    expect(b).toMatchObject({ status: "confirming", confirmationWindow: null });
    const item = b.items[0] as { status: string; submittedAt: string; deadline: { kind: string; label: string; due: string; tone: string }; applicants: unknown[] };
    expect(item.status).toBe("submitted");
    expect(item.applicants).toHaveLength(2);
    expect(item.deadline).toEqual({ kind: "accept", label: "受理期限", due: courtAcceptDue(new Date(item.submittedAt)).toISOString(), tone: "ok" });
    expect(at(item.deadline.due)).toBeGreaterThan(at(item.submittedAt) + 2 * DAY);
  });

  it("accepted: the 调确字 number and the ruling deadline (Art 5) as the deadline module gives it", async () => {
    const { refNo } = await acceptApplication(linXiao, handoffId);
    const b = await read(w.caseId, linXiao);
    const item = b.items[0] as { status: string; refNo: string; acceptedAt: string; deadline: { kind: string; due: string; tone: string } };
    expect(item).toMatchObject({ status: "accepted", statusText: "法院已受理，审查中", refNo });
    expect(refNo).toContain("调确");
    expect(item.deadline).toEqual({ kind: "ruling", label: "裁定期限", due: rulingDue(new Date(item.acceptedAt), false).toISOString(), tone: "ok" });
    expect(at(item.deadline.due)).toBeGreaterThan(at(item.acceptedAt) + 14 * DAY);
  });

  it("confirmed: the outcome, no deadline, the 民事裁定书 with its number and verify URL; parties, mediator and judge read the same list", async () => {
    const r = await ruleOnApplication(linXiao, handoffId, { outcome: "valid" });
    const b = await read(w.caseId, liMing);
    expect(b.status).toBe("confirmed");
    const item = b.items[0];
    expect(item).toMatchObject({ status: "decided", statusText: "法院已作出裁定", outcome: "valid", outcomeText: "裁定调解协议有效", outcomeGround: null, deadline: null, decidedAt: expect.any(String) });
    expect(item.documents).toEqual([
      { docNo: r.docNo, kind: "ruling", kindText: "民事裁定书", title: `民事裁定书（${item.refNo}）`, status: "已生效", issuedAt: expect.any(String), verifyUrl: publicUrl(`/verify/${r.docNo}`) },
    ]);
    expect(lookupDocument(r.docNo)).toMatchObject({ kindLabel: "民事裁定书", issuer: COURT });
    for (const u of [w.respondent, cuihu, linXiao]) expect(await read(w.caseId, u)).toEqual(b);
  });

  it("a party reads no identity number or phone of anyone, and nothing the case page masks", async () => {
    const text = JSON.stringify(await read(w.caseId, liMing));
    for (const secret of [w.r.phone, w.r.idNumber, liMing.phone]) expect(text).not.toContain(secret);
  });

  it("answers 404 to another citizen and to a judge of another court, 401 without a token, 405 to POST — all as JSON", async () => {
    for (const u of [wangFang, zhouLan]) {
      const res = await get(w.caseId, u);
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: { code: "NOT_FOUND", message: "案件不存在或您无权查看" } });
    }
    const missing = await get("no-such-case", liMing);
    expect(missing.status).toBe(404);
    const anon = await get(w.caseId, null);
    expect(anon.status).toBe(401);
    expect(((await anon.json()) as { error: { code: string } }).error.code).toBe("UNAUTHENTICATED");
    const post = await get(w.caseId, liMing, "POST");
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET");
  });
});

describe("a rejected confirmation (民诉解释第三百五十八条) then sent to court filing", () => {
  it("lists both: the rejection with its ground and ruling, then the transfer with the defendant's court and no deadline", async () => {
    const w = await effectiveCase(liMing, cuihu);
    const { handoffId } = await startConfirmation(liMing, w.caseId, { courtId: orgId(COURT) });
    await signPart(liMing, w.caseId);
    await signPart(w.respondent, w.caseId);
    await acceptApplication(linXiao, handoffId);
    await ruleOnApplication(linXiao, handoffId, { outcome: "rejected", ground: "unclear", reason: "履行期限约定不明" });
    await transferCase(w.respondent, w.caseId, { kind: "litigation", orgId: orgId(COURT), arbitrationAgreement: false });

    const b = await read(w.caseId, linXiao);
    expect(b.status).toBe("transferred");
    expect(b.items.map((i) => [i.kind, i.status])).toEqual([
      ["confirmation", "decided"],
      ["litigation", "submitted"],
    ]);
    expect(b.items[0]).toMatchObject({ outcome: "rejected", outcomeGround: "unclear", outcomeGroundText: "内容不明确", outcomeText: "裁定驳回申请：内容不明确", outcomeNote: "履行期限约定不明" });
    expect(b.items[0].documents).toEqual([expect.objectContaining({ kind: "ruling", verifyUrl: expect.stringMatching(/\/verify\/CD\d{10}$/) })]);
    expect(b.items[1]).toMatchObject({ kindText: "移送诉讼（立案）", statusText: "已移送，待人民法院确认收到", org: { name: COURT, type: "court" }, deadline: null, applicants: [], documents: [] });
  });
});

describe("赋强公证 (公证法 Art 37)", () => {
  it("lists the 公证书 with its number and verify URL under the notarisation", async () => {
    const w = await monetaryCase(liMing, cuihu);
    const handoffId = await applyJointly(liMing, w.respondent, w.caseId);
    const notary = userByPhone(NOTARY_PHONE);
    const r = await issueNotarialCertificate(notary, handoffId);
    const b = await read(w.caseId, w.respondent);
    expect(b.status).toBe("notarised");
    expect(b.confirmationWindow).toBeNull();
    expect(b.items).toHaveLength(1);
    expect(b.items[0]).toMatchObject({ kind: "notarisation", status: "decided", outcome: "issued", refNo: r.refNo, org: { name: OFFICE, type: "notary_office" }, deadline: null });
    expect(b.items[0].documents).toEqual([expect.objectContaining({ docNo: r.docNo, kind: "notarial_certificate", kindText: "公证书", verifyUrl: publicUrl(`/verify/${r.docNo}`) })]);
    expect(await read(w.caseId, notary)).toEqual(b);
  });
});
