// 在线调解规则 Art 18: what a party conceded to settle cannot be used against them later. When a
// case moves to a body that decides on it (an arbitration commission after a transfer, a court
// for 司法确认), that body's people open the case page and the agreement page: they must find no
// offer, no unsigned draft, no comment and no session note in what the pages send — while the
// parties and the mediator still see all of it.
import { beforeAll, describe, expect, it } from "vitest";
import { loader as caseLoader } from "~/routes/cases.$caseId._index";
import { action as agreementAction, loader as agreementLoader } from "~/routes/cases.$caseId.agreement";
import { seed } from "../../db/seed";
import type { SessionUser } from "../../server/auth/session";
import { commentOnDraft, saveDraft } from "../../server/agreements/drafts";
import { agreementOfCase } from "../../server/agreements/store";
import { startConfirmation } from "../../server/handoff/confirmation/apply";
import { transferCase } from "../../server/handoff/transfer/send";
import { makeOffer, respondOffer } from "../../server/mediation/offers";
import { saveRecord } from "../../server/mediation/room";
import { endSession, scheduleSession } from "../../server/mediation/sessions";
import { consent, verifyInvitation } from "../../server/triage/consent";
import { acceptCase } from "../../server/triage/decisions";
import { draftOf, reachAgreement, signAs } from "./agreement-helpers";
import { judge, signPart } from "./confirmation-helpers";
import { ctx } from "./helpers";
import { caseRow, citizenInput, cookieOf, fileCase, inMediation, invitationSms, newRespondent, orgId, PHONE, userById, userByPhone } from "./triage-helpers";

const LABOUR_BOARD = "五华区劳动人事争议仲裁委员会";
// Distinctive words, so that finding them anywhere in a page's data is a leak.
const CONCESSION = "申请人让步只要求七千七百元";
const COUNTER = "被申请人反提议支付六千六百元";
const DRAFT_TERM = "草稿独有条款：分十二期付清";
const COMMENT = "意见：第二期能否推迟到春节后";
const SESSION_NOTE = "备注：申请人曾表示可降到五千元";
// Why it failed is no concession: the transfer file carries it too (ADR 015).
const FAIL_NOTE = "双方对加班费数额分歧过大";
const RECORD = "笔录：被申请人承认拖欠两个月工资";

let liMing: SessionUser & { phone: string };
let cuihu: SessionUser & { phone: string };
let zhengTao: SessionUser; // 仲裁员, 五华区劳动人事争议仲裁委员会
let dispatcher: SessionUser;

beforeAll(async () => {
  await seed();
  liMing = userByPhone(PHONE.liMing);
  cuihu = userByPhone(PHONE.cuihu);
  zhengTao = userByPhone("13800000501");
  dispatcher = userByPhone(PHONE.dispatcher);
});


async function casePage(u: SessionUser, caseId: string) {
  return caseLoader({ request: new Request(`http://localhost/cases/${caseId}`, { headers: { cookie: cookieOf(u) } }), params: { caseId }, context: ctx() } as never);
}
async function agreementPageOf(u: SessionUser, caseId: string) {
  return (await agreementLoader({ request: new Request(`http://localhost/cases/${caseId}/agreement`, { headers: { cookie: cookieOf(u) } }), params: { caseId }, context: ctx() } as never)) as Awaited<
    ReturnType<typeof agreementLoader>
  >;
}

/** Every distinctive word found in the page data. */
function leaks(data: unknown, words: string[]): string[] {
  const text = JSON.stringify(data);
  return words.filter((w) => text.includes(w));
}

/** Offers (one countered, the counter accepted), a draft with a comment, a session with a record and a note. */
async function negotiated(applicant: SessionUser, caseId: string, respondent: SessionUser, mediator: SessionUser) {
  const first = await makeOffer(applicant, caseId, { amountYuan: 7700, terms: CONCESSION });
  const { counter } = await respondOffer(respondent, caseId, first.id, { action: "counter", counter: { amountYuan: 6600, terms: COUNTER } });
  await respondOffer(applicant, caseId, counter!.id, { action: "accept" });
  const content = draftOf(mediator, caseId);
  await saveDraft(mediator, caseId, { content: { ...content, terms: [...content.terms, DRAFT_TERM] }, baseVersion: 0, note: "按双方接受的方案起草" });
  await commentOnDraft(respondent, caseId, COMMENT);
  const sessionId = await scheduleSession(mediator, caseId, { scheduledAt: new Date(Date.now() + 60_000), durationMin: 60, mode: "joint" });
  saveRecord(mediator, caseId, sessionId, RECORD, 0);
  await endSession(mediator, caseId, sessionId, { outcome: "adjourned", note: SESSION_NOTE });
}

describe("after a transfer to arbitration, the commission reads the steps, not the negotiation (Art 18, ADR 015)", () => {
  let caseId = "";
  let respondent: SessionUser;
  let mediator: SessionUser;

  beforeAll(async () => {
    const r = newRespondent("钱海");
    ({ caseId } = await fileCase(liMing, citizenInput({ category: "劳动争议" }, r)));
    mediator = userById(caseRow(caseId).mediatorId!);
    await acceptCase(mediator, caseId, { conflict: "none" });
    const { token, code } = invitationSms(r.phone);
    await verifyInvitation(token, { code, name: r.name, idNumber: r.idNumber, password: "Huijie2026" }, { ip: "127.0.0.1", userAgent: "vitest" });
    respondent = userByPhone(r.phone);
    await consent(respondent, caseId);
    await negotiated(liMing, caseId, respondent, mediator);
    const last = await scheduleSession(mediator, caseId, { scheduledAt: new Date(Date.now() + 120_000), durationMin: 60, mode: "joint" });
    await endSession(mediator, caseId, last, { outcome: "failed", failReason: "too_far_apart", note: FAIL_NOTE });
    await transferCase(liMing, caseId, { kind: "arbitration", orgId: orgId(LABOUR_BOARD), arbitrationAgreement: false });
    expect(caseRow(caseId).status).toBe("transferred");
  });

  it("the case page sends the arbitrator no offer, thread, record, comment or session note — only when sessions were held and how they ended", async () => {
    const page = await casePage(zhengTao, caseId);
    expect(page.roles).toEqual(["arbitrator"]);
    expect(leaks(page, [CONCESSION, COUNTER, DRAFT_TERM, COMMENT, SESSION_NOTE, RECORD, "七千七百", "770000", "7,700", "660000", "6,600", "提出调解方案", "还价", "接受了对方的方案"])).toEqual([]);
    expect(page.mediation).toMatchObject({ side: null, offers: [], thread: [] });
    expect(page.mediation!.sessions.map((x) => [x.status, x.outcome, x.record, x.hasRecord, x.confirmations])).toEqual([
      ["ended", "adjourned", null, false, []],
      ["ended", "failed", null, false, []],
    ]);
    // The drafting agreement is not even announced to the commission.
    expect(page.agreement).toBeNull();
    // The steps are there: sessions, the failure and why (the transfer file carries it too).
    expect(page.events.map((e) => e.summary)).toEqual(expect.arrayContaining([expect.stringContaining("择期继续"), expect.stringContaining("调解协议（第1版）")]));
    expect(page.events.find((e) => e.summary.startsWith("调解不成"))?.reason).toBe(FAIL_NOTE);
  });

  it("the agreement page sends the arbitrator no draft, version list or comment", async () => {
    const page = await agreementPageOf(zhengTao, caseId);
    expect(leaks(page, [CONCESSION, COUNTER, DRAFT_TERM, COMMENT, "按双方接受的方案起草"])).toEqual([]);
    expect(page).toMatchObject({ agreement: null, current: null, versions: [], comments: [], voided: [], mayComment: false, draft: null, draftsHidden: true });
  });

  it("the parties and the mediator still see the offers, the draft, the comments and the record", async () => {
    for (const u of [liMing, respondent, mediator]) {
      const page = await casePage(u, caseId);
      expect(leaks(page, [CONCESSION, COUNTER, RECORD, SESSION_NOTE]), u.name).toEqual([CONCESSION, COUNTER, RECORD, SESSION_NOTE]);
      expect(page.mediation!.offers).toHaveLength(2);
      const agreement = await agreementPageOf(u, caseId);
      expect(leaks(agreement, [DRAFT_TERM, COMMENT]), u.name).toEqual([DRAFT_TERM, COMMENT]);
      expect(agreement.versions).toHaveLength(1);
    }
  });
});

describe("a court holding an effective agreement reads its text, not its drafts (Art 18)", () => {
  let caseId = "";
  let respondent: SessionUser & { phone: string };

  beforeAll(async () => {
    const w = await inMediation(liMing, cuihu);
    caseId = w.caseId;
    respondent = w.respondent;
    await negotiated(liMing, caseId, respondent, cuihu);
    await reachAgreement(cuihu, caseId);
    // 李明 signs version 1; version 2 (without the draft's own term) voids that signature.
    await signAs(liMing, caseId, 1);
    await saveDraft(cuihu, caseId, { content: draftOf(cuihu, caseId), baseVersion: 1, note: "删去分期条款" });
    const later = new Date(Date.now() + 61_000); // past the resend wait for 李明's second code
    for (const u of [liMing, respondent, cuihu]) await signAs(u, caseId, 2, later);
    expect(agreementOfCase(caseId)!.status).toBe("effective");
    await startConfirmation(liMing, caseId, { courtId: orgId("昆明市五华区人民法院") });
    await signPart(liMing, caseId);
    await signPart(respondent, caseId);
  });

  it("the judge gets the effective text and the download, but no earlier version, voided signature, comment or offer", async () => {
    const linXiao = judge();
    const page = await agreementPageOf(linXiao, caseId);
    expect(page.agreement).toMatchObject({ status: "effective", currentVersion: 2 });
    expect(page.current!.version).toBe(2);
    expect(page).toMatchObject({ versions: [], voided: [], comments: [], mayComment: false, draftsHidden: false });
    expect(leaks(page, [DRAFT_TERM, COMMENT, CONCESSION, "删去分期条款", "按双方接受的方案起草"])).toEqual([]);
    const casePageData = await casePage(linXiao, caseId);
    expect(casePageData.agreement).toMatchObject({ status: "effective" });
    expect(leaks(casePageData, [CONCESSION, COUNTER, DRAFT_TERM, COMMENT, RECORD, "提出调解方案"])).toEqual([]);
  });

  it("the dispatcher sees the effective agreement only, too; the parties keep the history", async () => {
    const page = await agreementPageOf(dispatcher, caseId);
    expect(page).toMatchObject({ versions: [], voided: [], comments: [] });
    expect(page.current!.version).toBe(2);
    const mine = await agreementPageOf(liMing, caseId);
    expect(mine.versions).toHaveLength(2);
    expect(mine.voided).toHaveLength(1);
    expect(leaks(mine, [COMMENT])).toEqual([COMMENT]);
  });
});

describe("the comment reply says who reads it", () => {
  it("tells the party that the mediator and the other side see the comment", async () => {
    const w = await inMediation(liMing, cuihu);
    await reachAgreement(cuihu, w.caseId);
    await saveDraft(cuihu, w.caseId, { content: draftOf(cuihu, w.caseId), baseVersion: 0 });
    const res = (await agreementAction({
      request: new Request(`http://localhost/cases/${w.caseId}/agreement`, { method: "POST", body: new URLSearchParams({ intent: "comment", body: "请写明付款账户" }), headers: { cookie: cookieOf(liMing) } }),
      params: { caseId: w.caseId },
      context: ctx(),
    } as never)) as { data: { done?: string } };
    expect(res.data.done).toBe("意见已提交，调解员和对方当事人都会看到。");
    const other = await agreementPageOf(w.respondent, w.caseId);
    expect(other.comments.map((c) => c.body)).toEqual(["请写明付款账户"]);
  });
});
