// 司法确认 as a browser uses it: the parties' page and its actions (bad input is 400 in Chinese with
// nothing written), the case page's card, the court's inbox and review page (another court's judge
// gets 404, a party 403), the ruling and application downloads, and the public verify page.
import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { action as pageAction, loader as pageLoader } from "~/routes/cases.$caseId.confirmation";
import { loader as caseLoader } from "~/routes/cases.$caseId._index";
import { loader as rulingLoader } from "~/routes/cases.$caseId.confirmation_.ruling.$handoffId";
import { loader as inboxLoader } from "~/routes/court.confirmations._index";
import { action as courtAction, loader as courtLoader } from "~/routes/court.confirmations.$handoffId";
import { loader as applicationLoader } from "~/routes/court.confirmations.$handoffId_.application";
import { loader as verifyLoader } from "~/routes/verify.$docNo";
import { getDb } from "../../db/client";
import { handoffApplicants, handoffs } from "../../db/schema";
import { seed } from "../../db/seed";
import type { SessionUser } from "../../server/auth/session";
import { openConfirmation } from "../../server/handoff/confirmation/store";
import { confirmationWindow } from "../../server/handoff/deadlines";
import { confirmationCode, effectiveCase, judge, JUDGE_PANLONG, pdfText } from "./confirmation-helpers";
import { ctx, thrownResponse } from "./helpers";
import { caseRow, cookieOf, eventsOf, orgId, PHONE, userByPhone } from "./triage-helpers";

let liMing: SessionUser & { phone: string };
let cuihu: SessionUser & { phone: string };
let linXiao: SessionUser;
let zhouLan: SessionUser;
let wuhuaCourt: string;

beforeAll(async () => {
  await seed();
  liMing = userByPhone(PHONE.liMing);
  cuihu = userByPhone(PHONE.cuihu);
  linXiao = judge();
  zhouLan = judge(JUDGE_PANLONG);
  wuhuaCourt = orgId("昆明市五华区人民法院");
});

type Reply = { data: { intent: string; error?: string; errors?: Record<string, string>; done?: string; sentTo?: string }; init: { status: number } | null };
const get = (u: SessionUser, url: string) => new Request(`http://localhost${url}`, { headers: { cookie: cookieOf(u) } });
const postReq = (u: SessionUser, url: string, fields: Record<string, string>) =>
  new Request(`http://localhost${url}`, { method: "POST", body: new URLSearchParams(fields), headers: { cookie: cookieOf(u), "user-agent": "vitest-browser" } });

async function partyPost(u: SessionUser, caseId: string, fields: Record<string, string>): Promise<Reply> {
  return (await pageAction({ request: postReq(u, `/cases/${caseId}/confirmation`, fields), params: { caseId }, context: ctx() } as never)) as Reply;
}
async function courtPost(u: SessionUser, handoffId: string, fields: Record<string, string>): Promise<Reply> {
  return (await courtAction({ request: postReq(u, `/court/confirmations/${handoffId}`, fields), params: { handoffId }, context: ctx() } as never)) as Reply;
}
function applicants(handoffId: string) {
  return getDb().select({ n: count() }).from(handoffApplicants).where(eq(handoffApplicants.handoffId, handoffId)).get()!.n;
}

/** Both parties apply through the page, as their browsers post it. */
async function appliedThroughPages() {
  const w = await effectiveCase(liMing, cuihu);
  expect((await partyPost(liMing, w.caseId, { intent: "start", courtId: wuhuaCourt })).data.done).toMatch(/已发起司法确认申请/);
  for (const u of [liMing, w.respondent]) {
    const sent = await partyPost(u, w.caseId, { intent: "send_code" });
    expect(sent.data.sentTo).toMatch(/^1\d{2}\*{4}\d{4}$/);
    const signed = await partyPost(u, w.caseId, { intent: "sign", code: confirmationCode(u.phone) });
    expect(signed.init).toBeNull();
  }
  const h = openConfirmation(w.caseId)!;
  return { ...w, handoffId: h.id };
}

describe("the parties' page", () => {
  it("shows the countdown and the competent court; the case page carries the card", async () => {
    const { caseId, respondent, effectiveAt } = await effectiveCase(liMing, cuihu);
    const page = (await pageLoader({ request: get(respondent, `/cases/${caseId}/confirmation`), params: { caseId }, context: ctx() } as never)) as {
      window: { open: boolean; daysLeft: number; endsAt: Date };
      competence: { courts: { name: string; bases: string[] }[] };
      can: { start: boolean };
    };
    // On the day it took effect: 30 days left, the day itself not counted — more when the 30th is a
    // rest day and the end moves to the next working day (民事诉讼法 Art 85; exact dates in
    // tests/unit/handoff-deadlines).
    const window = confirmationWindow(effectiveAt, new Date());
    expect(window.daysLeft).toBeGreaterThanOrEqual(30);
    expect(page.window).toMatchObject({ open: true, daysLeft: window.daysLeft, endsAt: window.endsAt });
    expect(page.competence.courts.map((c) => c.name)).toEqual(["昆明市五华区人民法院"]);
    expect(page.can.start).toBe(true);
    const detail = (await caseLoader({ request: get(liMing, `/cases/${caseId}`), params: { caseId }, context: ctx() } as never)) as { confirmation: { window: { daysLeft: number }; canStart: boolean } };
    expect(detail.confirmation).toMatchObject({ window: { daysLeft: window.daysLeft }, canStart: true });
    const stranger = userByPhone(PHONE.wangFang);
    expect((await thrownResponse(() => pageLoader({ request: get(stranger, `/cases/${caseId}/confirmation`), params: { caseId }, context: ctx() } as never))).status).toBe(404);
  });

  it("answers bad input with 400 and a Chinese message, writing nothing", async () => {
    const { caseId } = await effectiveCase(liMing, cuihu);
    const events = eventsOf(caseId).length;
    const noCourt = await partyPost(liMing, caseId, { intent: "start", courtId: "" });
    expect(noCourt.init?.status).toBe(400);
    expect(noCourt.data.errors?.courtId).toBe("请选择申请司法确认的人民法院");
    const elsewhere = await partyPost(liMing, caseId, { intent: "start", courtId: orgId("昆明市盘龙区人民法院") });
    expect(elsewhere.init?.status).toBe(400);
    expect(elsewhere.data.errors?.courtId).toMatch(/没有管辖权/);
    expect(openConfirmation(caseId)).toBeUndefined();
    expect((await partyPost(liMing, caseId, { intent: "sign", code: "12" })).data.errors?.code).toBe("请输入短信中的6位验证码");
    expect((await partyPost(liMing, caseId, { intent: "send_code" })).init?.status).toBe(409); // nothing to sign yet
    expect((await partyPost(liMing, caseId, { intent: "remediate", reason: "重来" })).init?.status).toBe(403);
    expect((await partyPost(liMing, caseId, { intent: "nope" })).init?.status).toBe(400);
    expect(eventsOf(caseId)).toHaveLength(events);
  });

  it("a wrong code through the page is refused with the attempts left; both parties' signatures submit it", async () => {
    const { caseId, respondent } = await effectiveCase(liMing, cuihu);
    await partyPost(respondent, caseId, { intent: "start", courtId: wuhuaCourt });
    const h = openConfirmation(caseId)!;
    await partyPost(liMing, caseId, { intent: "send_code" });
    const good = confirmationCode(liMing.phone);
    const wrong = await partyPost(liMing, caseId, { intent: "sign", code: good === "999999" ? "888888" : "999999" });
    expect(wrong.init?.status).toBe(400);
    expect(wrong.data.errors?.code).toBe("验证码不正确，还可尝试4次");
    expect(applicants(h.id)).toBe(0);
    expect((await partyPost(liMing, caseId, { intent: "sign", code: good })).data.done).toBe("签署成功。待其他当事人签署后，申请将提交法院。");
    expect(caseRow(caseId).status).toBe("effective");
    await partyPost(respondent, caseId, { intent: "send_code" });
    expect((await partyPost(respondent, caseId, { intent: "sign", code: confirmationCode(respondent.phone) })).data.done).toBe("签署成功。各方当事人均已签署，申请已提交法院。");
    expect(caseRow(caseId).status).toBe("confirming");
  });
});

describe("the court's pages", () => {
  it("the inbox lists it for the court's judges only; a party is refused the page", async () => {
    const { handoffId } = await appliedThroughPages();
    const inbox = (await inboxLoader({ request: get(linXiao, "/court/confirmations"), params: {}, context: ctx() } as never)) as { pending: { id: string; dueLabel: string }[] };
    expect(inbox.pending.find((p) => p.id === handoffId)).toMatchObject({ dueLabel: "受理期限" });
    const other = (await inboxLoader({ request: get(zhouLan, "/court/confirmations"), params: {}, context: ctx() } as never)) as { pending: { id: string }[] };
    expect(other.pending.find((p) => p.id === handoffId)).toBeUndefined();
    expect((await thrownResponse(() => inboxLoader({ request: get(liMing, "/court/confirmations"), params: {}, context: ctx() } as never))).status).toBe(403);
  });

  it("a judge of another court gets 404 for the page, its actions and the application PDF", async () => {
    const { handoffId } = await appliedThroughPages();
    expect((await thrownResponse(() => courtLoader({ request: get(zhouLan, `/court/confirmations/${handoffId}`), params: { handoffId }, context: ctx() } as never))).status).toBe(404);
    expect((await thrownResponse(() => courtPost(zhouLan, handoffId, { intent: "accept" }))).status).toBe(404);
    expect((await thrownResponse(() => applicationLoader({ request: get(zhouLan, `/court/confirmations/${handoffId}/application`), params: { handoffId }, context: ctx() } as never))).status).toBe(404);
    expect(getDb().select().from(handoffs).where(eq(handoffs.id, handoffId)).get()!.status).toBe("submitted");
  });

  it("the judge reads the package, accepts, rules; the parties download the ruling and the verify page knows it", async () => {
    const { caseId, handoffId, respondent } = await appliedThroughPages();
    const page = (await courtLoader({ request: get(linXiao, `/court/confirmations/${handoffId}`), params: { handoffId }, context: ctx() } as never)) as {
      package: { ready: boolean; application: string; agreement: { url: string } };
      parties: { name: string; idNumber: string; phone: string }[];
      can: { accept: boolean; rule: boolean };
    };
    expect(page.package.ready).toBe(true);
    expect(page.package.agreement.url).toBe(`/cases/${caseId}/agreement/pdf`);
    expect(page.parties.map((p) => p.name)).toEqual(["李明", respondent.name]);
    expect(page.parties[1].phone).not.toContain("*"); // the judge sees the full contact
    expect(page.can).toMatchObject({ accept: true, rule: false });

    const pdf = (await applicationLoader({ request: get(linXiao, page.package.application), params: { handoffId }, context: ctx() } as never)) as Response;
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdfText(new Uint8Array(await pdf.arrayBuffer()))).toContain("司法确认申请书");

    // Ruling before accepting, then bad input, each refused with nothing changed.
    expect((await courtPost(linXiao, handoffId, { intent: "rule", outcome: "valid" })).data.error).toMatch(/尚未受理/);
    const decline = await courtPost(linXiao, handoffId, { intent: "decline", reason: "" });
    expect(decline.init?.status).toBe(400);
    expect(decline.data.errors?.reason).toBe("请填写不予受理的理由");

    expect((await courtPost(linXiao, handoffId, { intent: "accept" })).data.done).toMatch(/已受理，案号 （\d{4}）云0102民特调确字第\d+号/);
    const noGround = await courtPost(linXiao, handoffId, { intent: "rule", outcome: "rejected", reason: "内容不明确无法执行" });
    expect(noGround.init?.status).toBe(400);
    expect(noGround.data.errors?.ground).toMatch(/第三百五十八条/);
    const inquiry = await courtPost(linXiao, handoffId, { intent: "inquire", at: "2020-01-01T09:00", place: "第三法庭" });
    expect(inquiry.data.errors?.at).toBe("询问时间不能早于现在");
    const ruled = await courtPost(linXiao, handoffId, { intent: "rule", outcome: "valid" });
    expect(ruled.data.done).toMatch(/已作出民事裁定书.*文书编号 CD\d{10}/);
    const docNo = /CD\d{10}/.exec(ruled.data.done!)![0];
    expect(caseRow(caseId).status).toBe("confirmed");
    expect((await courtPost(linXiao, handoffId, { intent: "rule", outcome: "valid" })).init?.status).toBe(409);

    for (const u of [liMing, respondent, linXiao]) {
      const res = (await rulingLoader({ request: get(u, `/cases/${caseId}/confirmation/ruling/${handoffId}`), params: { caseId, handoffId }, context: ctx() } as never)) as Response;
      expect(res.status).toBe(200);
      expect(res.headers.get("content-disposition")).toContain(encodeURIComponent("民事裁定书"));
      expect(pdfText(new Uint8Array(await res.arrayBuffer()))).toContain("裁定如下");
    }
    const stranger = userByPhone(PHONE.wangFang);
    expect((await thrownResponse(() => rulingLoader({ request: get(stranger, `/cases/${caseId}/confirmation/ruling/${handoffId}`), params: { caseId, handoffId }, context: ctx() } as never))).status).toBe(404);

    const verified = (await verifyLoader({ request: new Request(`http://localhost/verify/${docNo}`), params: { docNo }, context: ctx() } as never)) as { doc: { kindLabel: string; status: string; issuer: string } };
    expect(verified.doc).toMatchObject({ kindLabel: "民事裁定书", status: "已生效", issuer: "昆明市五华区人民法院" });
    const card = (await caseLoader({ request: get(respondent, `/cases/${caseId}`), params: { caseId }, context: ctx() } as never)) as { confirmation: { current: { ruling: { url: string } } } };
    expect(card.confirmation.current.ruling.url).toBe(`/cases/${caseId}/confirmation/ruling/${handoffId}`);
  });
});
