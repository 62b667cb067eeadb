// 满意度评价: when a party may rate (only once the mediation is over — the state machine's `rate`),
// who may (each party or their agent, once per party; never the mediator or an outsider), what a
// bad form gets (a Chinese message, nothing written), and what is written: the scores in `ratings`
// with the mediator and organisation frozen, a timeline row without the scores, a notice to the
// organisation's head — not to the rated mediator.
import { asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { referralFilingSchema } from "~/lib/case-schemas";
import { action as rateAction, loader as rateLoader } from "~/routes/cases.$caseId.rating";
import { loader as recordsLoader } from "~/routes/org.mediators._index";
import { loader as recordLoader } from "~/routes/org.mediators.$userId";
import { getDb } from "../../db/client";
import { notifications, ratings } from "../../db/schema";
import { seed } from "../../db/seed";
import type { SessionUser } from "../../server/auth/session";
import { addEvidence } from "../../server/cases/case-evidence";
import { createDraft, submitDraft } from "../../server/cases/filing";
import { endSession, scheduleSession } from "../../server/mediation/sessions";
import { rateCase } from "../../server/oversight/ratings/rate";
import { consent, verifyInvitation } from "../../server/triage/consent";
import { acceptCase } from "../../server/triage/decisions";
import { reachAgreement } from "./agreement-helpers";
import { ctx, rowCount } from "./helpers";
import { caseRow, cookieOf, eventsOf, idNumberOf, inMediation, invitationSms, newRespondent, notesOf, ORG, orgId, partiesOf, PHONE, rejects, snapshot, userByPhone } from "./triage-helpers";

type U = SessionUser & { phone: string };
let liMing: U;
let wangFang: U;
let cuihu: U; // 李桂芬: mediator and the only head of 翠湖社区人民调解委员会
let association: U; // 黄海: head of 五华区调解协会人民调解委员会
let studio: U; // 杨帆: the law firm studio's mediator, sent to mediate 律调对接 cases
let lawyer: U; // 何志远

beforeAll(async () => {
  await seed();
  liMing = userByPhone(PHONE.liMing);
  wangFang = userByPhone(PHONE.wangFang);
  cuihu = userByPhone(PHONE.cuihu);
  association = userByPhone(PHONE.association);
  studio = userByPhone(PHONE.lawyerStudio);
  lawyer = userByPhone(PHONE.lawyer);
});

const GOOD = { mediatorScore: 4, processScore: 5, outcomeScore: 3, comment: "调解员很耐心" };

/** A neighbour case that went through mediation and ended without agreement (在线调解规则 Art 25). */
async function failedCase(mediator: U = cuihu) {
  const w = await inMediation(liMing, mediator);
  const sessionId = await scheduleSession(mediator, w.caseId, { scheduledAt: new Date(Date.now() + 60_000), durationMin: 60, mode: "joint" });
  await endSession(mediator, w.caseId, sessionId, { outcome: "failed", failReason: "too_far_apart" });
  return w;
}

const PNG = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000" + "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082", "hex");

/** 律调对接: 何志远 refers his client 王芳's case; the committee presides and the firm's studio sends 杨帆; it fails. */
async function failedReferral() {
  const r = newRespondent("吴国栋");
  const caseId = createDraft(lawyer);
  await addEvidence(lawyer, caseId, [{ name: "授权委托书.png", bytes: PNG }], "power_of_attorney");
  await submitDraft(lawyer, caseId, {
    source: "lawyer_referral",
    data: referralFilingSchema.parse({
      category: "合同",
      regionCode: "530102",
      areaCode: "530102001",
      facts: "委托人向对方供应建材，对方验收后拖欠货款至今未付，多次催收无果。",
      claims: "请求对方支付货款60000元",
      amountYuan: 60000,
      client: { kind: "person", name: "王芳", idNumber: idNumberOf(PHONE.wangFang), phone: PHONE.wangFang, address: "昆明市五华区北京路88号" },
      respondents: [r],
    }),
  });
  await acceptCase(studio, caseId, { conflict: "none" });
  const { token, code } = invitationSms(r.phone);
  await verifyInvitation(token, { code, name: r.name, idNumber: r.idNumber, password: "Huijie2026" }, { ip: "127.0.0.1", userAgent: "vitest" });
  const respondent = userByPhone(r.phone);
  await consent(respondent, caseId);
  const sessionId = await scheduleSession(studio, caseId, { scheduledAt: new Date(Date.now() + 60_000), durationMin: 60, mode: "joint" });
  await endSession(studio, caseId, sessionId, { outcome: "failed", failReason: "party_quits" });
  return { caseId, respondent };
}

type Reply = { data: { ok: boolean; error?: string; fieldErrors?: Record<string, string>; done?: string }; init: { status: number } | null };

/** The rating panel's form as the browser posts it. */
async function post(u: SessionUser, fields: Record<string, string>): Promise<Reply> {
  return (await rateAction({
    request: new Request(`http://localhost/cases/${fields.caseId}/rating`, { method: "POST", body: new URLSearchParams(fields), headers: { cookie: cookieOf(u) } }),
    params: { caseId: fields.caseId ?? "" },
    context: ctx(),
  } as never)) as Reply;
}

const form = (caseId: string, over: Record<string, string | null> = {}) => {
  const f: Record<string, string> = { caseId, mediatorScore: "4", processScore: "5", outcomeScore: "3", comment: "调解员很耐心" };
  for (const [k, v] of Object.entries(over)) {
    if (v === null) delete f[k];
    else f[k] = v;
  }
  return f;
};

/** Everything a rating writes, to show that a refused one wrote nothing. */
const written = () => ({ ...snapshot(), ratings: rowCount(ratings) });
const ratingsOf = (caseId: string) => getDb().select().from(ratings).where(eq(ratings.caseId, caseId)).orderBy(asc(ratings.createdAt)).all();

describe("when: only once the mediation is over (the state machine's `rate`)", () => {
  it("refuses a rating while the case is still in mediation, and after agreement was reached but before the agreement took effect", async () => {
    const w = await inMediation(liMing, cuihu);
    let before = written();
    await rejects(rateCase(liMing, w.caseId, GOOD), "CONFLICT", "调解结束后才能评价调解服务（案件当前状态：调解中）");
    expect(written()).toEqual(before);

    await reachAgreement(cuihu, w.caseId);
    before = written();
    await rejects(rateCase(w.respondent, w.caseId, GOOD), "CONFLICT", "调解结束后才能评价调解服务（案件当前状态：已达成调解意向）");
    expect(written()).toEqual(before);
  });

  it("accepts it once the mediation failed (在线调解规则 Art 25): the panel shows the form to each party", async () => {
    const w = await failedCase();
    const r = await post(liMing, form(w.caseId));
    expect(r.init?.status ?? 200).toBe(200);
    expect(r.data).toMatchObject({ ok: true, done: expect.stringContaining("感谢您的评价") });
    expect(ratingsOf(w.caseId)).toHaveLength(1);
  });
});

describe("who: each party or their agent, once per party; never the mediator or an outsider", () => {
  it("the mediator of the case cannot rate it: 403 in Chinese, nothing written", async () => {
    const w = await failedCase();
    const before = written();
    const r = await post(cuihu, form(w.caseId));
    expect(r.init?.status).toBe(403);
    expect(r.data.error).toBe("只有本案当事人或其代理人可以评价调解服务");
    expect(written()).toEqual(before);
  });

  it("an outsider gets 404 — before any validation, so a bad form tells them nothing either", async () => {
    const w = await failedCase();
    const before = written();
    for (const fields of [form(w.caseId), form(w.caseId, { mediatorScore: "9" })]) {
      const r = await post(wangFang, fields);
      expect(r.init?.status).toBe(404);
      expect(r.data.error).toBe("案件不存在或您无权查看");
    }
    expect((await post(wangFang, form("no-such-case"))).init?.status).toBe(404);
    expect(written()).toEqual(before);
  });

  it("a second rating by the same party is refused (one per party), nothing written; the other side still rates once", async () => {
    const w = await failedCase();
    await rateCase(liMing, w.caseId, GOOD);
    const before = written();
    const r = await post(liMing, form(w.caseId, { mediatorScore: "1", comment: "改主意了" }));
    expect(r.init?.status).toBe(409);
    expect(r.data.error).toMatch(/^申请人李明已于.+评价过本案的调解服务，每方只能评价一次$/);
    expect(written()).toEqual(before);
    expect(ratingsOf(w.caseId)[0]).toMatchObject({ mediatorScore: 4, comment: "调解员很耐心" });

    await rateCase(w.respondent, w.caseId, { mediatorScore: 2, processScore: 2, outcomeScore: 1 });
    await rejects(rateCase(w.respondent, w.caseId, GOOD), "CONFLICT", /每方只能评价一次/);
    expect(ratingsOf(w.caseId).map((x) => [x.userId, x.mediatorScore])).toEqual([
      [liMing.id, 4],
      [w.respondent.id, 2],
    ]);
  });

  it("律调对接: the client's lawyer rates for the applicant, and then the client cannot rate the same party again", async () => {
    const { caseId } = await failedReferral();
    const applicant = partiesOf(caseId).find((p) => p.side === "applicant")!;
    expect(applicant).toMatchObject({ userId: wangFang.id, agentUserId: lawyer.id });
    await rateCase(lawyer, caseId, { mediatorScore: 5, processScore: 4, outcomeScore: 2, comment: "代委托人评价" });
    expect(ratingsOf(caseId)).toEqual([expect.objectContaining({ partyId: applicant.id, userId: lawyer.id })]);
    await rejects(rateCase(wangFang, caseId, GOOD), "CONFLICT", /^申请人王芳已于.+评价过本案的调解服务，每方只能评价一次$/);
  });
});

describe("what is written", () => {
  it("freezes the mediator and the organisation, says on the timeline which side rated without the scores, tells the organisation's head and not the rated mediator", async () => {
    const { caseId, respondent } = await failedReferral();
    const row = caseRow(caseId);
    expect(row).toMatchObject({ orgId: orgId(ORG.association), mediatorId: studio.id });
    const eventsBefore = eventsOf(caseId).length;
    await rateCase(respondent, caseId, { mediatorScore: 3, processScore: 2, outcomeScore: 1, comment: "对结果不满意" });

    expect(ratingsOf(caseId)).toEqual([
      expect.objectContaining({ mediatorId: studio.id, orgId: orgId(ORG.association), mediatorScore: 3, processScore: 2, outcomeScore: 1, comment: "对结果不满意", userId: respondent.id }),
    ]);
    const added = eventsOf(caseId).slice(eventsBefore);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ type: "rated", summary: "被申请人已评价调解服务", visibility: "all", actorId: respondent.id, data: null });
    expect(JSON.stringify(added[0])).not.toMatch(/对结果不满意|"(mediator|process|outcome)Score"/);

    // 黄海 heads the presiding committee; 杨帆, the rated mediator, hears nothing about it.
    const notice = notesOf(association.id, caseId).at(-1)!;
    expect(notice).toMatchObject({ title: "收到新的满意度评价", link: `/org/mediators/${studio.id}` });
    expect(notice.body).toContain("当事人对调解员杨帆的调解服务作出了评价");
    expect(notice.body).not.toMatch(/[1-5]分|不满意/);
    expect(notesOf(studio.id, caseId).filter((n) => n.title.includes("评价"))).toEqual([]);
    // Nor does the other side.
    for (const u of [wangFang, lawyer]) expect(notesOf(u.id, caseId).filter((n) => n.title.includes("评价"))).toEqual([]);
  });

  it("律调对接: the presiding committee's head opens the notice's link — the studio's mediator is on the committee's records though not its member", async () => {
    const { caseId, respondent } = await failedReferral();
    await rateCase(respondent, caseId, { mediatorScore: 4, processScore: 4, outcomeScore: 2, comment: "委员会主持的案件" });
    const link = notesOf(association.id, caseId).at(-1)!.link!;
    expect(link).toBe(`/org/mediators/${studio.id}`);
    const d = await recordLoader({ request: new Request(`http://localhost${link}`, { headers: { cookie: cookieOf(association) } }), params: { userId: studio.id }, context: ctx() } as never);
    expect(d.lines!.rows.map((r) => r.comment)).toContain("委员会主持的案件");
    // Only the committee's cases count there: 杨帆's work for other organisations stays out.
    expect(d.cases.total).toBe(d.cases.failed);
    const list = await recordsLoader({ request: new Request("http://localhost/org/mediators", { headers: { cookie: cookieOf(association) } }), context: ctx() } as never);
    expect(list.rows.find((r) => r.id === studio.id)).toMatchObject({ name: "杨帆", orgs: "云岭律师事务所律师调解工作室" });
  });

  it("a head who is the rated mediator is not notified either (翠湖: 李桂芬 heads it alone)", async () => {
    const w = await failedCase();
    const before = getDb().select().from(notifications).where(eq(notifications.userId, cuihu.id)).all().length;
    await rateCase(liMing, w.caseId, GOOD);
    expect(getDb().select().from(notifications).where(eq(notifications.userId, cuihu.id)).all().length).toBe(before);
  });

  it("keeps HTML in a comment exactly as typed (the pages escape it on output) and accepts exactly 500 characters", async () => {
    const w = await failedCase();
    const html = `<img src=x onerror="alert(1)"> & <b>谢谢</b>`;
    expect((await post(liMing, form(w.caseId, { comment: `  ${html}\n` }))).data.ok).toBe(true);
    expect(ratingsOf(w.caseId)[0].comment).toBe(html);
    const long = "好".repeat(500);
    expect((await post(w.respondent, form(w.caseId, { comment: long }))).data.ok).toBe(true);
    expect(ratingsOf(w.caseId)[1].comment).toBe(long);
  });

  it("an empty comment is stored as none", async () => {
    const w = await failedCase();
    expect((await post(liMing, form(w.caseId, { comment: "   " }))).data.ok).toBe(true);
    expect(ratingsOf(w.caseId)[0].comment).toBeNull();
  });
});

describe("bad input: 400 with a Chinese message beside the field, nothing written", () => {
  let caseId = "";
  beforeAll(async () => {
    ({ caseId } = await failedCase());
  });

  it.each([
    ["a score of 0", { mediatorScore: "0" }, "mediatorScore", "“调解员”的评分须为1至5分"],
    ["a score of 6", { processScore: "6" }, "processScore", "“调解过程”的评分须为1至5分"],
    ["a half score", { outcomeScore: "4.5" }, "outcomeScore", "“调解结果”的评分须为1至5分"],
    ["a score that is not a number", { mediatorScore: "五" }, "mediatorScore", "请为“调解员”打分（1至5分）"],
    ["a missing score (no radio checked)", { outcomeScore: null }, "outcomeScore", "请为“调解结果”打分（1至5分）"],
    ["an empty score", { processScore: "" }, "processScore", "请为“调解过程”打分（1至5分）"],
    ["a 2000-character comment", { comment: "很".repeat(2000) }, "comment", "留言不能超过500字"],
    ["a 501-character comment", { comment: "a".repeat(501) }, "comment", "留言不能超过500字"],
  ] as const)("refuses %s", async (_what, over, field, message) => {
    const before = written();
    const r = await post(liMing, form(caseId, over as Record<string, string | null>));
    expect(r.init?.status).toBe(400);
    expect(r.data.ok).toBe(false);
    expect(r.data.fieldErrors?.[field]).toBe(message);
    expect(r.data.error).toBe(message);
    expect(written()).toEqual(before);
  });

  it("names every missing score at once", async () => {
    const r = await post(liMing, { caseId });
    expect(r.init?.status).toBe(400);
    expect(r.data.fieldErrors).toEqual({
      mediatorScore: "请为“调解员”打分（1至5分）",
      processScore: "请为“调解过程”打分（1至5分）",
      outcomeScore: "请为“调解结果”打分（1至5分）",
    });
  });

  it("refuses a party id the user does not act for", async () => {
    const other = partiesOf(caseId).find((p) => p.side === "respondent")!;
    const before = written();
    const r = await post(liMing, form(caseId, { partyId: other.id }));
    expect(r.init?.status).toBe(400);
    expect(r.data.error).toBe("您不能代表该当事人评价");
    expect(written()).toEqual(before);
  });

  it("the rating address has no page of its own (GET is 404)", async () => {
    await expect(rateLoader()).rejects.toMatchObject({ status: 404 });
  });

  it("after all those refusals, the party still rates once", async () => {
    expect((await post(liMing, form(caseId))).data.ok).toBe(true);
    expect(ratingsOf(caseId)).toHaveLength(1);
  });
});
