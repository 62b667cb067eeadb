// Who sees a rating. The organisation's heads and the admin (on the mediator's record); the party
// who gave it (on the case page, their own only); the rated mediator only as a sum. Never the other
// party — not on a page, not in loader data, not through the API, a notice or the public lookup.
import { beforeAll, describe, expect, it } from "vitest";
import { loader as caseLoader } from "~/routes/cases.$caseId._index";
import { loader as apiCaseLoader } from "~/routes/api.v1.cases.$caseId";
import { loader as recordsLoader } from "~/routes/org.mediators._index";
import { loader as recordLoader } from "~/routes/org.mediators.$userId";
import { seed } from "../../db/seed";
import type { SessionUser } from "../../server/auth/session";
import { publicLookup } from "../../server/cases/queries";
import { endSession, scheduleSession } from "../../server/mediation/sessions";
import { rateCase } from "../../server/oversight/ratings/rate";
import { ctx, thrownResponse } from "./helpers";
import { caseRow, cookieOf, inMediation, notesOf, partiesOf, PHONE, userByPhone } from "./triage-helpers";

type U = SessionUser & { phone: string };
let liMing: U;
let cuihu: U; // 李桂芬, the mediator (and head of 翠湖, but it is her own rating)
let dispatcher: U;
let lawyer: U;
let judge: U;
let respondent: U;
let caseId = "";

// Unique strings: if they appear anywhere in a response, the rating leaked there.
const APPLICANT_SAYS = "申请人的留言-甲7f3c";
const RESPONDENT_SAYS = "被申请人的留言-乙91ab";

beforeAll(async () => {
  await seed();
  liMing = userByPhone(PHONE.liMing);
  cuihu = userByPhone(PHONE.cuihu);
  dispatcher = userByPhone(PHONE.dispatcher);
  lawyer = userByPhone(PHONE.lawyer);
  judge = userByPhone(PHONE.judge);
  const w = await inMediation(liMing, cuihu);
  caseId = w.caseId;
  respondent = w.respondent;
  const sessionId = await scheduleSession(cuihu, caseId, { scheduledAt: new Date(Date.now() + 60_000), durationMin: 60, mode: "joint" });
  await endSession(cuihu, caseId, sessionId, { outcome: "failed", failReason: "too_far_apart" });
  await rateCase(liMing, caseId, { mediatorScore: 1, processScore: 2, outcomeScore: 3, comment: APPLICANT_SAYS });
});

const get = (u: SessionUser, path: string) => ({ request: new Request(`http://localhost${path}`, { headers: { cookie: cookieOf(u) } }), context: ctx() });

async function casePage(u: SessionUser) {
  return caseLoader({ ...get(u, `/cases/${caseId}`), params: { caseId } } as never);
}

describe("the other party", () => {
  it("sees the rating form for their own side on the case page, and nothing of the applicant's rating in the loader data", async () => {
    const d = await casePage(respondent);
    const mine = partiesOf(caseId).find((p) => p.side === "respondent")!;
    expect(d.rating).toEqual({ caseId, commentMax: 500, several: false, entries: [{ partyId: mine.id, who: `被申请人${mine.name}`, rating: null, canRate: true }] });
    const json = JSON.stringify(d);
    expect(json).not.toContain(APPLICANT_SAYS);
    expect(json).not.toMatch(/mediatorScore|processScore|outcomeScore/);
    // The timeline tells them the applicant rated — that much is public on the case.
    expect(d.events.map((e) => e.summary)).toContain("申请人已评价调解服务");
  });

  it("after rating, sees their own rating and still not the applicant's", async () => {
    await rateCase(respondent, caseId, { mediatorScore: 5, processScore: 5, outcomeScore: 4, comment: RESPONDENT_SAYS });
    const d = await casePage(respondent);
    expect(d.rating?.entries).toEqual([expect.objectContaining({ rating: expect.objectContaining({ mediatorScore: 5, processScore: 5, outcomeScore: 4, comment: RESPONDENT_SAYS }), canRate: false })]);
    const json = JSON.stringify(d);
    expect(json).toContain(RESPONDENT_SAYS);
    expect(json).not.toContain(APPLICANT_SAYS);
    // And the applicant sees theirs, not the respondent's.
    const a = JSON.stringify(await casePage(liMing));
    expect(a).toContain(APPLICANT_SAYS);
    expect(a).not.toContain(RESPONDENT_SAYS);
  });

  it("gets nothing through the API's case detail", async () => {
    const res = (await apiCaseLoader({ ...get(respondent, `/api/v1/cases/${caseId}`), params: { caseId } } as never)) as Response;
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).not.toContain(APPLICANT_SAYS);
    expect(body).not.toMatch(/mediatorScore|outcomeScore/);
  });

  it("is refused the mediator records: 403 on the list and on the mediator's record", async () => {
    for (const u of [respondent, liMing]) {
      expect((await thrownResponse(() => recordsLoader(get(u, "/org/mediators") as never))).status).toBe(403);
      expect((await thrownResponse(() => recordLoader({ ...get(u, `/org/mediators/${cuihu.id}`), params: { userId: cuihu.id } } as never))).status).toBe(403);
    }
  });

  it("hears nothing about the rating, and the public progress lookup shows only that a side rated", async () => {
    for (const n of notesOf(respondent.id, caseId)) expect(`${n.title}${n.body}`).not.toMatch(/评价/);
    const found = publicLookup(caseRow(caseId).caseNo!, respondent.phone);
    const json = JSON.stringify(found);
    expect(json).not.toContain(APPLICANT_SAYS);
    expect(json).not.toContain(RESPONDENT_SAYS);
  });
});

describe("staff on the case page", () => {
  it("the mediator, the dispatcher: no rating panel and no rating in the loader data", async () => {
    for (const u of [cuihu, dispatcher]) {
      const d = await casePage(u);
      expect(d.rating).toBeNull();
      const json = JSON.stringify(d);
      expect(json).not.toContain(APPLICANT_SAYS);
      expect(json).not.toContain(RESPONDENT_SAYS);
    }
  });
});

describe("the rated mediator", () => {
  it("sees their own record with counts only: no comments, no single scores, and averages withheld below 3 ratings", async () => {
    const d = await recordLoader({ ...get(cuihu, `/org/mediators/${cuihu.id}`), params: { userId: cuihu.id } } as never);
    expect(d.self).toBe(true);
    expect(d.lines).toBeNull();
    expect(d.ratings).toEqual({ count: 2, mediatorScore: null, processScore: null, outcomeScore: null, withheld: true });
    const json = JSON.stringify(d);
    expect(json).not.toContain(APPLICANT_SAYS);
    expect(json).not.toContain(RESPONDENT_SAYS);
  });

  it("as the head of 翠湖 too, sees their own row in the list without averages, and is refused others' records outside their organisation", async () => {
    const list = await recordsLoader(get(cuihu, "/org/mediators") as never);
    const me = list.rows.find((r) => r.id === cuihu.id)!;
    expect(me).toMatchObject({ self: true, ratings: { count: 2, mediatorScore: null, withheld: true } });
    expect(JSON.stringify(list)).not.toContain(APPLICANT_SAYS);
    const outside = userByPhone(PHONE.huashan); // 王建国, 华山街道: not a member of 翠湖
    expect((await thrownResponse(() => recordLoader({ ...get(cuihu, `/org/mediators/${outside.id}`), params: { userId: outside.id } } as never))).status).toBe(404);
  });
});

describe("everyone else", () => {
  it("a lawyer, a judge, a dispatcher: 403 on the records", async () => {
    for (const u of [lawyer, judge, dispatcher]) {
      expect((await thrownResponse(() => recordsLoader(get(u, "/org/mediators") as never))).status).toBe(403);
      expect((await thrownResponse(() => recordLoader({ ...get(u, `/org/mediators/${cuihu.id}`), params: { userId: cuihu.id } } as never))).status).toBe(403);
    }
  });

  it("the platform admin sees every rating with its comment", async () => {
    const admin = userByPhone("13800000000");
    const d = await recordLoader({ ...get(admin, `/org/mediators/${cuihu.id}`), params: { userId: cuihu.id } } as never);
    expect(d.self).toBe(false);
    expect(d.lines?.rows.map((r) => r.comment).sort()).toEqual([APPLICANT_SAYS, RESPONDENT_SAYS].sort());
  });
});
