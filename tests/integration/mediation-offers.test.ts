// Negotiation between sessions, through the real services and the case page's action: structured
// offers (make, accept, reject, counter; only the other side answers; one answer wins), the
// accepted terms the agreement starts from, and the case thread (who may post and read it, bad
// input answered in Chinese with nothing written, HTML kept as typed).
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { formatCaseNo } from "~/lib/case-format";
import { MAX_MESSAGE_CHARS } from "~/lib/room-protocol";
import { action, loader } from "~/routes/cases.$caseId._index";
import { getDb } from "../../db/client";
import { messages, offers } from "../../db/schema";
import { seed } from "../../db/seed";
import type { SessionUser } from "../../server/auth/session";
import { history, postMessage } from "../../server/mediation/messages";
import { acceptedTerms, listOffers, makeOffer, respondOffer } from "../../server/mediation/offers";
import { endSession, scheduleSession } from "../../server/mediation/sessions";
import { acceptCase } from "../../server/triage/decisions";
import { caseRow, citizenInput, cookieOf, eventsOf, fileCase, inMediation, newRespondent, notesOf, PHONE, rejects, snapshot, type Respondent, userByPhone } from "./triage-helpers";

const MIN = 60_000;

let liMing: SessionUser;
let cuihu: SessionUser;
let dispatcher: SessionUser;
let wangFang: SessionUser;

beforeAll(async () => {
  await seed();
  liMing = userByPhone(PHONE.liMing);
  cuihu = userByPhone(PHONE.cuihu);
  dispatcher = userByPhone(PHONE.dispatcher);
  wangFang = userByPhone(PHONE.wangFang);
});

type World = { caseId: string; caseNo: string; no: string; mediator: SessionUser; applicant: SessionUser; respondent: SessionUser; r: Respondent };

/** A neighbour case in 翠湖 (李桂芬), accepted and consented to: in mediation. */
async function world(): Promise<World> {
  const { caseId, caseNo, respondent, r } = await inMediation(liMing, cuihu);
  return { caseId, caseNo, no: formatCaseNo(caseNo), mediator: cuihu, applicant: liMing, respondent, r };
}

async function endWith(w: World, outcome: "agreement" | "failed") {
  const id = await scheduleSession(w.mediator, w.caseId, { scheduledAt: new Date(Date.now() + 3600_000), durationMin: 60, mode: "joint" });
  await endSession(w.mediator, w.caseId, id, outcome === "agreement" ? { outcome } : { outcome, failReason: "too_far_apart" });
}

const offersOf = (caseId: string) => getDb().select().from(offers).where(eq(offers.caseId, caseId)).all();
const threadOf = (caseId: string) => getDb().select().from(messages).where(eq(messages.caseId, caseId)).all();

type ActionReply = { data: { intent: string; error?: string; done?: string; fieldErrors?: Record<string, string[]> }; init: { status: number } };
async function post(u: SessionUser, caseId: string, fields: Record<string, string>): Promise<unknown> {
  return action({
    request: new Request(`http://localhost/cases/${caseId}`, { method: "POST", body: new URLSearchParams(fields), headers: { cookie: cookieOf(u) } }),
    params: { caseId },
    context: { nonce: "", ip: "127.0.0.1" },
  } as never);
}
async function load(u: SessionUser, caseId: string) {
  return (await loader({ request: new Request(`http://localhost/cases/${caseId}`, { headers: { cookie: cookieOf(u) } }), params: { caseId }, context: { nonce: "", ip: "127.0.0.1" } } as never)) as {
    mediation: { side: string | null; thread: { body: string; senderLabel: string }[] } | null;
  };
}
async function thrown(p: Promise<unknown>): Promise<Response> {
  try {
    await p;
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
  throw new Error("expected a thrown Response");
}

describe("making an offer", () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });

  it("a party offers: stored open, on the timeline, the other participants told", async () => {
    const at = new Date();
    const o = await makeOffer(w.applicant, w.caseId, { amountYuan: 5000, terms: "被申请人赔偿损失并书面道歉", payBy: "2026-12-31" }, at);
    expect(o).toMatchObject({ caseId: w.caseId, fromSide: "applicant", fromUserId: liMing.id, amountFen: 500000, terms: "被申请人赔偿损失并书面道歉", payBy: "2026-12-31", status: "open", parentId: null, respondedById: null, respondedAt: null, createdAt: at });
    expect(offersOf(w.caseId)).toEqual([o]);
    const described = "金额 ¥5,000.00；被申请人赔偿损失并书面道歉；履行期限 2026-12-31";
    expect(eventsOf(w.caseId).at(-1)).toMatchObject({ type: "offer_made", actorId: liMing.id, actorLabel: "李明（申请人）", summary: `申请人提出调解方案：${described}`, data: { offerId: o.id } });
    const note = { title: "收到新的调解方案", body: `${w.no}：${described}`, link: `/cases/${w.caseId}#offers` };
    expect(notesOf(w.respondent.id, w.caseId).at(-1)).toMatchObject(note);
    expect(notesOf(cuihu.id, w.caseId).at(-1)).toMatchObject(note);
    expect(notesOf(liMing.id, w.caseId).filter((n) => n.title === "收到新的调解方案")).toEqual([]);
  });

  it("without an amount, only the terms are described", async () => {
    const o = await makeOffer(w.respondent, w.caseId, { terms: "今后晚上十点后不再制造噪音" });
    expect(o).toMatchObject({ fromSide: "respondent", amountFen: null, payBy: null });
    expect(eventsOf(w.caseId).at(-1)!.summary).toBe("被申请人提出调解方案：今后晚上十点后不再制造噪音");
    expect(notesOf(liMing.id, w.caseId).at(-1)).toMatchObject({ title: "收到新的调解方案", body: `${w.no}：今后晚上十点后不再制造噪音` });
  });

  it("the mediator and outsiders cannot offer; refusals write nothing", async () => {
    const before = snapshot();
    const n = offersOf(w.caseId).length;
    await rejects(makeOffer(w.mediator, w.caseId, { terms: "调解员提出的方案" }), "FORBIDDEN", "只有当事人可以提出或答复方案");
    await rejects(makeOffer(dispatcher, w.caseId, { terms: "分流员提出的方案" }), "FORBIDDEN", "只有当事人可以提出或答复方案");
    await rejects(makeOffer(wangFang, w.caseId, { terms: "路人提出的方案" }), "NOT_FOUND");
    expect(snapshot()).toEqual(before);
    expect(offersOf(w.caseId)).toHaveLength(n);
  });

  it("only while mediating: not before consent, not after the mediation ended", async () => {
    const r = newRespondent();
    const { caseId } = await fileCase(liMing, citizenInput({}, r));
    await acceptCase(cuihu, caseId, { conflict: "none" });
    await rejects(makeOffer(liMing, caseId, { terms: "先给个方案" }), "CONFLICT", "案件在调解中才能提出方案");

    const done = await world();
    await endWith(done, "failed");
    const before = snapshot();
    await rejects(makeOffer(liMing, done.caseId, { amountYuan: 100, terms: "失败后再提方案" }), "CONFLICT", "案件在调解中才能提出方案");
    expect(snapshot()).toEqual(before);
    expect(offersOf(done.caseId)).toEqual([]);
  });

  it("through the case page: checked in Chinese, nothing written; then stored", async () => {
    const before = snapshot();
    const n = offersOf(w.caseId).length;
    const short = (await post(liMing, w.caseId, { intent: "offer", terms: "赔钱", amountYuan: "1000" })) as ActionReply;
    expect(short.init.status).toBe(400);
    expect(short.data).toMatchObject({ error: "请检查方案内容", fieldErrors: { terms: ["方案内容至少4个字"] } });
    const money = (await post(liMing, w.caseId, { intent: "offer", terms: "赔偿全部损失", amountYuan: "-5" })) as ActionReply;
    expect(money.init.status).toBe(400);
    expect(money.data.fieldErrors).toMatchObject({ amountYuan: ["争议金额须大于0；没有金额请留空"] });
    const date = (await post(liMing, w.caseId, { intent: "offer", terms: "赔偿全部损失", payBy: "年底前" })) as ActionReply;
    expect(date.data.fieldErrors).toMatchObject({ payBy: ["日期格式不正确"] });
    const byMediator = (await post(cuihu, w.caseId, { intent: "offer", terms: "调解员建议各让一步" })) as ActionReply;
    expect(byMediator.init.status).toBe(403);
    expect(byMediator.data.error).toBe("只有当事人可以提出或答复方案");
    expect(snapshot()).toEqual(before);
    expect(offersOf(w.caseId)).toHaveLength(n);

    expect(await post(liMing, w.caseId, { intent: "offer", terms: "赔偿全部损失", amountYuan: "1234.56", payBy: "2027-01-15" })).toEqual({ intent: "offer", done: "方案已提交，等待对方答复" });
    expect(listOffers(w.caseId)[0]).toMatchObject({ fromSide: "applicant", amountFen: 123456, terms: "赔偿全部损失", payBy: "2027-01-15", status: "open" });
  });
});

describe("answering an offer", () => {
  it("accept: only by the other side, once; the offerer and the mediator are told", async () => {
    const w = await world();
    const o = await makeOffer(w.applicant, w.caseId, { amountYuan: 3000, terms: "赔偿维修费用" });
    const before = snapshot();
    await rejects(respondOffer(w.applicant, w.caseId, o.id, { action: "accept" }), "FORBIDDEN", "不能答复己方提出的方案");
    await rejects(respondOffer(w.mediator, w.caseId, o.id, { action: "accept" }), "FORBIDDEN", "只有当事人可以提出或答复方案");
    await rejects(respondOffer(dispatcher, w.caseId, o.id, { action: "accept" }), "FORBIDDEN");
    await rejects(respondOffer(wangFang, w.caseId, o.id, { action: "accept" }), "NOT_FOUND");
    await rejects(respondOffer(w.respondent, w.caseId, "nosuchoffer", { action: "accept" }), "NOT_FOUND", "方案不存在");
    expect(snapshot()).toEqual(before);
    expect(offersOf(w.caseId)).toEqual([o]);

    const at = new Date();
    expect(await respondOffer(w.respondent, w.caseId, o.id, { action: "accept" }, at)).toEqual({ status: "accepted", counter: null });
    expect(offersOf(w.caseId)).toEqual([{ ...o, status: "accepted", respondedById: w.respondent.id, respondedAt: at }]);
    expect(eventsOf(w.caseId).at(-1)).toMatchObject({ type: "offer_accepted", actorId: w.respondent.id, actorLabel: `${w.r.name}（被申请人）`, summary: "被申请人接受了对方的方案：金额 ¥3,000.00；赔偿维修费用", data: { offerId: o.id } });
    const note = { title: "方案已被接受", body: `${w.no}：金额 ¥3,000.00；赔偿维修费用`, link: `/cases/${w.caseId}#offers` };
    expect(notesOf(liMing.id, w.caseId).at(-1)).toMatchObject(note);
    expect(notesOf(cuihu.id, w.caseId).at(-1)).toMatchObject(note);
    expect(notesOf(w.respondent.id, w.caseId).filter((n) => n.title === "方案已被接受")).toEqual([]);

    const after = snapshot();
    await rejects(respondOffer(w.respondent, w.caseId, o.id, { action: "reject" }), "CONFLICT", "该方案已被答复");
    expect(snapshot()).toEqual(after);
  });

  it("reject", async () => {
    const w = await world();
    const o = await makeOffer(w.respondent, w.caseId, { amountYuan: 500, terms: "一次性补偿" });
    expect(await respondOffer(w.applicant, w.caseId, o.id, { action: "reject" })).toEqual({ status: "rejected", counter: null });
    expect(offersOf(w.caseId)[0]).toMatchObject({ status: "rejected", respondedById: liMing.id });
    expect(eventsOf(w.caseId).at(-1)).toMatchObject({ type: "offer_rejected", actorLabel: "李明（申请人）", summary: "申请人拒绝了对方的方案：金额 ¥500.00；一次性补偿" });
    expect(notesOf(w.respondent.id, w.caseId).at(-1)).toMatchObject({ title: "方案已被拒绝", body: `${w.no}：金额 ¥500.00；一次性补偿` });
  });

  it("counter: the offer is countered and a new open offer from the answering side links back to it", async () => {
    const w = await world();
    const o = await makeOffer(w.applicant, w.caseId, { amountYuan: 8000, terms: "赔偿全部损失", payBy: "2026-12-31" });
    const at = new Date();
    const { status, counter } = await respondOffer(w.respondent, w.caseId, o.id, { action: "counter", counter: { amountYuan: 4000, terms: "赔偿一半损失", payBy: "2027-03-31" } }, at);
    expect(status).toBe("countered");
    expect(counter).toMatchObject({ caseId: w.caseId, fromSide: "respondent", fromUserId: w.respondent.id, amountFen: 400000, terms: "赔偿一半损失", payBy: "2027-03-31", status: "open", parentId: o.id, createdAt: at });
    const rows = offersOf(w.caseId);
    expect(rows).toHaveLength(2);
    expect(rows.find((x) => x.id === o.id)).toMatchObject({ status: "countered", respondedById: w.respondent.id, respondedAt: at });
    expect(eventsOf(w.caseId).slice(-2).map((e) => [e.type, e.summary, e.data])).toEqual([
      ["offer_countered", "被申请人还价了对方的方案：金额 ¥8,000.00；赔偿全部损失；履行期限 2026-12-31", { offerId: o.id }],
      ["offer_made", "被申请人提出新的方案：金额 ¥4,000.00；赔偿一半损失；履行期限 2027-03-31", { offerId: counter!.id }],
    ]);
    expect(notesOf(liMing.id, w.caseId).at(-1)).toMatchObject({ title: "方案已被还价" });

    // The counter belongs to the respondent's side: the applicant answers it, the respondent cannot.
    await rejects(respondOffer(w.respondent, w.caseId, counter!.id, { action: "accept" }), "FORBIDDEN", "不能答复己方提出的方案");
    expect((await respondOffer(w.applicant, w.caseId, counter!.id, { action: "accept" })).status).toBe("accepted");
    // The countered offer is settled: it cannot be accepted afterwards.
    await rejects(respondOffer(w.respondent, w.caseId, o.id, { action: "accept" }), "CONFLICT", "该方案已被答复");
  });

  it("two answers at once: one wins, the other is CONFLICT, and the loser writes nothing", async () => {
    const w = await world();
    const o = await makeOffer(w.applicant, w.caseId, { amountYuan: 2000, terms: "赔偿并道歉" });
    const events = eventsOf(w.caseId).length;
    const results = await Promise.allSettled([
      respondOffer(w.respondent, w.caseId, o.id, { action: "accept" }),
      respondOffer(w.respondent, w.caseId, o.id, { action: "counter", counter: { amountYuan: 1000, terms: "只赔一半" } }),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0].reason).toMatchObject({ code: "CONFLICT", message: "该方案已被答复" });
    const winner = (won[0] as PromiseFulfilledResult<{ status: string }>).value.status;
    const rows = offersOf(w.caseId);
    expect(rows.find((x) => x.id === o.id)!.status).toBe(winner);
    // A losing counter leaves no new offer behind.
    expect(rows).toHaveLength(winner === "countered" ? 2 : 1);
    expect(eventsOf(w.caseId)).toHaveLength(events + (winner === "countered" ? 2 : 1));
  });

  it("only while mediating", async () => {
    const w = await world();
    const o = await makeOffer(w.applicant, w.caseId, { terms: "互相谅解，不再追究" });
    await endWith(w, "failed");
    const before = snapshot();
    await rejects(respondOffer(w.respondent, w.caseId, o.id, { action: "accept" }), "CONFLICT", "案件在调解中才能答复方案");
    expect(snapshot()).toEqual(before);
    expect(offersOf(w.caseId)[0].status).toBe("open");
  });

  it("an offer of another case is NOT_FOUND", async () => {
    const a = await world();
    const b = await world();
    const o = await makeOffer(b.applicant, b.caseId, { terms: "另一案件的方案" });
    await rejects(respondOffer(a.respondent, a.caseId, o.id, { action: "accept" }), "NOT_FOUND", "方案不存在");
    expect(offersOf(b.caseId)[0].status).toBe("open");
  });

  it("through the case page: a counter needs its own terms; accept works", async () => {
    const w = await world();
    const o = await makeOffer(w.applicant, w.caseId, { amountYuan: 6000, terms: "赔偿全部损失" });
    const before = snapshot();
    const bad = (await post(w.respondent, w.caseId, { intent: "offer-respond", offerId: o.id, action: "counter", "counter.terms": "少" })) as ActionReply;
    expect(bad.init.status).toBe(400);
    expect(bad.data.error).toBe("请检查答复内容");
    expect(bad.data.fieldErrors).toMatchObject({ "counter.terms": ["方案内容至少4个字"] });
    const none = (await post(w.respondent, w.caseId, { intent: "offer-respond", offerId: o.id })) as ActionReply;
    expect(none.init.status).toBe(400);
    const own = (await post(w.applicant, w.caseId, { intent: "offer-respond", offerId: o.id, action: "accept" })) as ActionReply;
    expect(own.init.status).toBe(403);
    expect(own.data.error).toBe("不能答复己方提出的方案");
    expect(snapshot()).toEqual(before);
    expect(offersOf(w.caseId)).toEqual([o]);

    expect(await post(w.respondent, w.caseId, { intent: "offer-respond", offerId: o.id, action: "counter", "counter.terms": "赔偿一半损失", "counter.amountYuan": "3000" })).toEqual({ intent: "offer-respond", done: "已答复" });
    expect(listOffers(w.caseId)[0]).toMatchObject({ fromSide: "respondent", amountFen: 300000, terms: "赔偿一半损失", parentId: o.id, status: "open" });
    const again = (await post(w.respondent, w.caseId, { intent: "offer-respond", offerId: o.id, action: "accept" })) as ActionReply;
    expect(again.init.status).toBe(409);
    expect(again.data.error).toBe("该方案已被答复");
  });
});

describe("accepted terms", () => {
  it("are the accepted offers only, oldest first, whichever side made them", async () => {
    const w = await world();
    const t0 = Date.now();
    const at = (m: number) => new Date(t0 + m * MIN);
    const a = await makeOffer(w.applicant, w.caseId, { amountYuan: 3000, terms: "赔偿维修费用", payBy: "2026-12-31" }, at(0));
    const b = await makeOffer(w.respondent, w.caseId, { terms: "晚上十点后不再制造噪音" }, at(1));
    const c = await makeOffer(w.applicant, w.caseId, { terms: "被申请人书面道歉" }, at(2));
    const d = await makeOffer(w.applicant, w.caseId, { amountYuan: 1000, terms: "支付精神损害抚慰金" }, at(3));
    // Answered in another order than made.
    await respondOffer(w.respondent, w.caseId, c.id, { action: "accept" }, at(4));
    await respondOffer(w.respondent, w.caseId, d.id, { action: "reject" }, at(5));
    await respondOffer(w.applicant, w.caseId, b.id, { action: "accept" }, at(6));
    await respondOffer(w.respondent, w.caseId, a.id, { action: "accept" }, at(7));
    expect(acceptedTerms(w.caseId).map((o) => [o.id, o.fromSide, o.terms, o.amountFen])).toEqual([
      [a.id, "applicant", "赔偿维修费用", 300000],
      [b.id, "respondent", "晚上十点后不再制造噪音", null],
      [c.id, "applicant", "被申请人书面道歉", null],
    ]);
    expect(acceptedTerms(w.caseId).every((o) => o.status === "accepted")).toBe(true);
    // listOffers is newest first.
    expect(listOffers(w.caseId).map((o) => o.id)).toEqual([d.id, c.id, b.id, a.id]);
  });

  it("a case without accepted offers has none, and other cases' offers never appear", async () => {
    const w = await world();
    await makeOffer(w.applicant, w.caseId, { terms: "尚未答复的方案" });
    expect(acceptedTerms(w.caseId)).toEqual([]);
  });
});

describe("the case thread", () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });

  it("a party posts through the case page: stored with the sender's side, read back by both sides and the mediator", async () => {
    expect(await post(liMing, w.caseId, { intent: "thread-post", body: "  我方可以接受分期支付  " })).toEqual({ intent: "thread-post", done: "留言已发送" });
    const rows = threadOf(w.caseId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ caseId: w.caseId, sessionId: null, channel: "thread", senderId: liMing.id, senderLabel: "李明（申请人方）", body: "我方可以接受分期支付" });
    expect(rows[0].clientId.length).toBeGreaterThanOrEqual(8);
    for (const u of [liMing, w.respondent, cuihu]) expect(history(u, w.caseId, null, 0).map((m) => m.body)).toEqual(["我方可以接受分期支付"]);
    expect((await load(w.respondent, w.caseId)).mediation!.thread.map((m) => [m.senderLabel, m.body])).toEqual([["李明（申请人方）", "我方可以接受分期支付"]]);
  });

  it("HTML is stored as typed, not stripped or escaped", async () => {
    const body = `<img src=x onerror="alert('xss')"><b>请看</b> & "引号"`;
    expect(await post(w.respondent, w.caseId, { intent: "thread-post", body })).toEqual({ intent: "thread-post", done: "留言已发送" });
    expect(threadOf(w.caseId).at(-1)).toMatchObject({ body, senderId: w.respondent.id, senderLabel: `${w.r.name}（被申请人方）` });
    expect(history(liMing, w.caseId, null, 0).at(-1)!.body).toBe(body);
  });

  it("empty or over-long input is answered 400 in Chinese and writes nothing", async () => {
    const before = snapshot();
    const n = threadOf(w.caseId).length;
    for (const body of ["", "   \n  "]) {
      const r = (await post(liMing, w.caseId, { intent: "thread-post", body })) as ActionReply;
      expect(r.init.status).toBe(400);
      expect(r.data).toMatchObject({ intent: "thread-post", error: "请输入留言", fieldErrors: { body: ["请输入留言"] } });
    }
    const missing = (await post(liMing, w.caseId, { intent: "thread-post" })) as ActionReply;
    expect(missing.init.status).toBe(400);
    expect(missing.data.fieldErrors!.body).toHaveLength(1);

    expect(MAX_MESSAGE_CHARS).toBe(2000);
    const long = (await post(liMing, w.caseId, { intent: "thread-post", body: "调".repeat(2001) })) as ActionReply;
    expect(long.init.status).toBe(400);
    expect(long.data.fieldErrors).toEqual({ body: ["留言不能超过2000字"] });
    expect(snapshot()).toEqual(before);
    expect(threadOf(w.caseId)).toHaveLength(n);

    // Exactly 2000 is fine.
    expect(await post(liMing, w.caseId, { intent: "thread-post", body: "调".repeat(2000) })).toEqual({ intent: "thread-post", done: "留言已发送" });
    expect(threadOf(w.caseId).at(-1)!.body).toHaveLength(2000);
  });

  it("a double submit with the same clientId is stored once", async () => {
    const n = threadOf(w.caseId).length;
    const fields = { intent: "thread-post", body: "请调解员明天联系我", clientId: "thread-dup-0001" };
    expect(await post(w.respondent, w.caseId, fields)).toEqual({ intent: "thread-post", done: "留言已发送" });
    expect(await post(w.respondent, w.caseId, fields)).toEqual({ intent: "thread-post", done: "留言已发送" });
    expect(threadOf(w.caseId)).toHaveLength(n + 1);
    const first = postMessage(w.respondent, { caseId: w.caseId, sessionId: null, channel: "thread", body: "请调解员明天联系我", clientId: "thread-dup-0001" });
    expect(first.fresh).toBe(false);
    expect(first.message.id).toBe(threadOf(w.caseId).at(-1)!.id);
    await rejects(() => postMessage(w.respondent, { caseId: w.caseId, sessionId: null, channel: "thread", body: "换了内容", clientId: "thread-dup-0001" }), "CONFLICT", "消息编号重复");
    expect(threadOf(w.caseId)).toHaveLength(n + 1);
  });

  it("reading after an id gives only what is newer", async () => {
    const all = history(cuihu, w.caseId, null, 0);
    expect(all.length).toBeGreaterThan(2);
    expect(history(cuihu, w.caseId, null, all[1].id).map((m) => m.id)).toEqual(all.slice(2).map((m) => m.id));
  });

  it("a party of another case cannot post or read: 404, nothing written", async () => {
    const before = snapshot();
    const n = threadOf(w.caseId).length;
    const res = await thrown(post(wangFang, w.caseId, { intent: "thread-post", body: "我也想说两句" }) as Promise<unknown>);
    expect(res.status).toBe(404);
    await rejects(() => history(wangFang, w.caseId, null, 0), "NOT_FOUND", "案件不存在或您无权查看");
    expect((await thrown(load(wangFang, w.caseId))).status).toBe(404);
    // Not even through another case of their own: the thread id is the case id.
    await rejects(() => postMessage(wangFang, { caseId: w.caseId, sessionId: null, channel: "thread", body: "直接调用", clientId: "stranger-0001" }), "NOT_FOUND");
    expect(snapshot()).toEqual(before);
    expect(threadOf(w.caseId)).toHaveLength(n);
  });

  it("the dispatcher sees the case but is not in the mediation: cannot post, reads no thread", async () => {
    const before = snapshot();
    const n = threadOf(w.caseId).length;
    const r = (await post(dispatcher, w.caseId, { intent: "thread-post", body: "分流员插话" })) as ActionReply;
    expect(r.init.status).toBe(403);
    expect(r.data.error).toBe("您不是本案调解的参与人");
    await rejects(() => history(dispatcher, w.caseId, null, 0), "FORBIDDEN", "您不是本案调解的参与人");
    const page = await load(dispatcher, w.caseId);
    expect(page.mediation).toMatchObject({ side: null, thread: [] });
    expect(snapshot()).toEqual(before);
    expect(threadOf(w.caseId)).toHaveLength(n);
  });

  it("the thread is not a session's: a thread message with a session id is refused", async () => {
    const sid = await scheduleSession(cuihu, w.caseId, { scheduledAt: new Date(Date.now() + 3600_000), durationMin: 60, mode: "joint" });
    await rejects(() => postMessage(liMing, { caseId: w.caseId, sessionId: sid, channel: "thread", body: "放错地方", clientId: "thread-sess-0001" }), "BAD_INPUT", "案件留言不属于某次调解");
  });

  it("stays open once agreed, closes once failed", async () => {
    const agreed = await world();
    await endWith(agreed, "agreement");
    expect(caseRow(agreed.caseId).status).toBe("agreed");
    expect(await post(liMing, agreed.caseId, { intent: "thread-post", body: "协议什么时候可以签？" })).toEqual({ intent: "thread-post", done: "留言已发送" });

    const failed = await world();
    await endWith(failed, "failed");
    const before = snapshot();
    const r = (await post(liMing, failed.caseId, { intent: "thread-post", body: "还能再谈谈吗？" })) as ActionReply;
    expect(r.init.status).toBe(409);
    expect(r.data.error).toBe("案件不在调解阶段，不能留言");
    expect(snapshot()).toEqual(before);
    expect(threadOf(failed.caseId)).toEqual([]);
  });
});
