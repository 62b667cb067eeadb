// The minute sweep with `now` moved by hand: overdue acceptances reassigned (working days on the
// official calendar), invitation reminders once, expiry, and a sweep with nothing due.
import chineseDays from "chinese-days";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { formatCaseNo } from "~/lib/case-format";
import { getDb } from "../../db/client";
import { cases } from "../../db/schema";
import { seed } from "../../db/seed";
import type { SessionUser } from "../../server/auth/session";
import { runSweep } from "../../server/jobs/sweep";
import { openInvitation, verifyInvitation } from "../../server/triage/consent";
import { acceptCase, assignByHand, withdrawCase } from "../../server/triage/decisions";
import {
  assignmentsOf,
  caseRow,
  citizenInput,
  eventsOf,
  fileCase,
  invitationSms,
  invitationsOf,
  newRespondent,
  notesOf,
  ORG,
  orgId,
  PHONE,
  rejects,
  smsTo,
  snapshot,
  userByPhone,
} from "./triage-helpers";

const HOUR = 3600_000;
const NOTHING = { reassigned: 0, reminded: 0, expired: 0, sessionReminders: 0, deadlineWarnings: 0, sessionsDeleted: 0, errors: 0 };
/** An instant given as China wall-clock time. */
const china = (s: string) => new Date(`${s}+08:00`);

let liMing: SessionUser;
let cuihu: SessionUser;
let huashan: SessionUser;
let dispatcher: SessionUser;

beforeAll(async () => {
  await seed();
  liMing = userByPhone(PHONE.liMing);
  cuihu = userByPhone(PHONE.cuihu);
  huashan = userByPhone(PHONE.huashan);
  dispatcher = userByPhone(PHONE.dispatcher);
});

// Every sweep looks at the whole database: close what a test left open so the next starts clean.
afterEach(async () => {
  const open = getDb().select({ id: cases.id, status: cases.status }).from(cases).all().filter((c) => ["unrouted", "awaiting_acceptance", "awaiting_consent", "mediating"].includes(c.status));
  for (const c of open) await withdrawCase(liMing, c.id, "测试结束");
});

describe("acceptance deadline", () => {
  it("passes at the end of the third working day; the sweep then reassigns and tells everyone", async () => {
    const filedAt = china("2026-09-07T10:00:00"); // a Monday
    const { caseId, caseNo } = await fileCase(liMing, citizenInput(), filedAt);
    const no = formatCaseNo(caseNo);
    const deadline = china("2026-09-10T23:59:59.999"); // Tue, Wed, Thu
    expect(caseRow(caseId).acceptDeadline).toEqual(deadline);

    const before = snapshot();
    expect(await runSweep(deadline)).toEqual(NOTHING); // not yet past
    expect(snapshot()).toEqual(before);

    const now = new Date(deadline.getTime() + 1);
    expect(await runSweep(now)).toEqual({ ...NOTHING, reassigned: 1 });

    const row = caseRow(caseId);
    expect(row).toMatchObject({ status: "awaiting_acceptance", orgId: orgId(ORG.huashan), mediatorId: huashan.id, version: 2 });
    // Reassigned at 00:00 on Friday 11 Sep: Mon 14, Tue 15, Wed 16.
    expect(row.acceptDeadline).toEqual(china("2026-09-16T23:59:59.999"));

    expect(assignmentsOf(caseId).map((a) => [a.mediatorId, a.state, a.reason, a.decidedAt?.getTime() ?? null])).toEqual([
      [cuihu.id, "expired", "受理期限已过", now.getTime()],
      [huashan.id, "pending", null, null],
    ]);
    expect(assignmentsOf(caseId)[1]).toMatchObject({ assignedAt: now, deadline: china("2026-09-16T23:59:59.999") });

    expect(eventsOf(caseId).at(-1)).toMatchObject({
      type: "accept_timeout",
      actorId: null,
      actorLabel: "系统",
      summary: "调解员未在3个工作日内受理，系统自动改派；改派至华山街道人民调解委员会，调解员 王建国",
      fromStatus: "awaiting_acceptance",
      toStatus: "awaiting_acceptance",
    });
    expect(notesOf(liMing.id, caseId).at(-1)).toMatchObject({ title: "受理超时，案件已改派", body: `${no}：已改派至华山街道人民调解委员会` });
    expect(notesOf(cuihu.id, caseId).at(-1)).toMatchObject({ title: "案件已改派", body: `${no} 未在期限内受理，已改派他人` });
    expect(notesOf(huashan.id, caseId).map((n) => n.title)).toEqual(["新案件待受理"]);

    // The same minute again: nothing more to do.
    const after = snapshot();
    expect(await runSweep(now)).toEqual(NOTHING);
    expect(snapshot()).toEqual(after);
  });

  it("skips the National Day holiday: assigned on 30 Sep, due at the end of Sat 10 Oct (a make-up working day)", async () => {
    // The State Council's 2026 arrangement as bundled in chinese-days: 1–7 Oct off, Sat 10 Oct on.
    for (let d = 1; d <= 7; d++) expect(chineseDays.isWorkday(new Date(2026, 9, d, 12)), `10-0${d}`).toBe(false);
    expect(chineseDays.isWorkday(new Date(2026, 9, 10, 12))).toBe(true);

    const { caseId } = await fileCase(liMing, citizenInput(), china("2026-09-30T10:00:00"));
    const due = china("2026-10-10T23:59:59.999");
    expect(caseRow(caseId).acceptDeadline).toEqual(due);
    expect(assignmentsOf(caseId)[0].deadline).toEqual(due);

    // Three calendar days, or three weekdays ignoring the holiday, would already have passed.
    expect(await runSweep(china("2026-10-05T12:00:00"))).toEqual(NOTHING);
    expect(await runSweep(china("2026-10-09T12:00:00"))).toEqual(NOTHING);
    expect(await runSweep(due)).toEqual(NOTHING);
    expect(caseRow(caseId)).toMatchObject({ mediatorId: cuihu.id, version: 1 });

    expect(await runSweep(china("2026-10-11T00:00:00"))).toEqual({ ...NOTHING, reassigned: 1 });
    expect(caseRow(caseId).mediatorId).toBe(huashan.id);
    // Reassigned on Sunday 11 Oct: Mon 12, Tue 13, Wed 14.
    expect(caseRow(caseId).acceptDeadline).toEqual(china("2026-10-14T23:59:59.999"));
  });

  it("a case accepted in time is left alone", async () => {
    const { caseId } = await fileCase(liMing, citizenInput(), china("2026-09-07T10:00:00"));
    await acceptCase(cuihu, caseId, { conflict: "none" }, china("2026-09-10T18:00:00"));
    expect(await runSweep(china("2026-09-11T09:00:00"))).toEqual(NOTHING);
    expect(caseRow(caseId)).toMatchObject({ status: "awaiting_consent", mediatorId: cuihu.id, version: 2 });
  });

  it("when no one else can take it, the overdue case goes to the dispatcher", async () => {
    const { caseId, caseNo } = await fileCase(liMing, citizenInput({ regionCode: "530112", areaCode: undefined }), china("2026-09-07T10:00:00"));
    await assignByHand(dispatcher, caseId, { orgId: orgId(ORG.association), reason: "试点：由调解协会承接" }, china("2026-09-07T11:00:00"));
    expect(await runSweep(china("2026-09-11T00:00:00"))).toEqual({ ...NOTHING, reassigned: 1 });
    // 西山区 has no committee of its own: the rules cannot place it, so it is back in the queue.
    expect(caseRow(caseId)).toMatchObject({ status: "unrouted", orgId: null, mediatorId: null, acceptDeadline: null });
    expect(eventsOf(caseId).at(-1)!.summary).toBe("调解员未在3个工作日内受理，系统自动改派；转矛调中心人工分流");
    expect(notesOf(dispatcher.id, caseId).at(-1)).toMatchObject({ title: "待人工分流案件", body: `${formatCaseNo(caseNo)}（邻里）需要人工指派调解组织` });
    expect(notesOf(userByPhone(PHONE.association).id, caseId).at(-1)).toMatchObject({ title: "案件已改派" });
  });
});

describe("invitations", () => {
  it("get one reminder a day before they lapse, then expire: consent_expired, the applicant told", async () => {
    const respondent = newRespondent();
    const { caseId, caseNo } = await fileCase(liMing, citizenInput({}, respondent), china("2026-09-14T08:00:00"));
    const acceptedAt = china("2026-09-14T09:00:00");
    await acceptCase(cuihu, caseId, { conflict: "none" }, acceptedAt);
    const [inv] = invitationsOf(caseId);
    expect(inv.expiresAt).toEqual(new Date(acceptedAt.getTime() + 120 * HOUR));
    const at = (h: number) => new Date(acceptedAt.getTime() + h * HOUR);

    expect(await runSweep(at(95))).toEqual(NOTHING); // 25 hours left: too early
    expect(smsTo(respondent.phone)).toHaveLength(1); // the invitation itself

    expect(await runSweep(at(100))).toEqual({ ...NOTHING, reminded: 1 });
    const sms = smsTo(respondent.phone);
    expect(sms).toHaveLength(2);
    expect(sms[1].body).toBe(`【云解纷】提醒：案件 ${caseNo} 的调解邀请将于明天到期，请按此前短信中的链接查看并答复。不答复视为不同意调解。`);
    expect(invitationsOf(caseId)[0].remindedAt).toEqual(at(100));

    expect(await runSweep(at(101))).toEqual(NOTHING); // not twice
    expect(await runSweep(at(119))).toEqual(NOTHING);
    expect(smsTo(respondent.phone)).toHaveLength(2);
    expect(caseRow(caseId).status).toBe("awaiting_consent");

    // Past the expiry but before the sweep has run, the link already refuses.
    const { token, code } = invitationSms(respondent.phone);
    await rejects(verifyInvitation(token, { code, name: respondent.name, idNumber: respondent.idNumber, password: "Huijie2026" }, { ip: "127.0.0.1" }, at(121)), "CONFLICT", "邀请已过期，如仍愿意调解，请联系申请人重新申请");

    expect(await runSweep(at(120))).toEqual(NOTHING); // exactly at expiry: still valid
    const now = new Date(at(120).getTime() + 1);
    expect(await runSweep(now)).toEqual({ ...NOTHING, expired: 1 });

    const row = caseRow(caseId);
    expect(row).toMatchObject({ status: "consent_expired", version: 3, endedAt: now });
    // Closed, not answered: the respondent never replied.
    expect(invitationsOf(caseId)[0]).toMatchObject({ answeredAt: null, closedAt: now });
    expect(eventsOf(caseId).at(-1)).toMatchObject({
      type: "consent_expired",
      actorLabel: "系统",
      summary: "被申请人未在期限内答复调解邀请，视为不同意调解",
      fromStatus: "awaiting_consent",
      toStatus: "consent_expired",
    });
    const no = formatCaseNo(caseNo);
    expect(notesOf(liMing.id, caseId).at(-1)).toMatchObject({ title: "对方未答复调解邀请", body: `${no}：对方未在期限内答复。您可以查看其他解决途径` });
    expect(notesOf(cuihu.id, caseId).at(-1)).toMatchObject({ title: "调解邀请已过期", body: `${no} 已终止` });
    await rejects(verifyInvitation(token, { code, name: respondent.name, idNumber: respondent.idNumber, password: "Huijie2026" }, { ip: "127.0.0.1" }), "CONFLICT", "该邀请已答复或案件已结束");

    const after = snapshot();
    expect(await runSweep(new Date(now.getTime() + 24 * HOUR))).toEqual(NOTHING);
    expect(snapshot()).toEqual(after);
  });

  // Regression guard (a bug found and fixed): the sweep marks a lapsed invitation answeredAt = now (server/jobs/sweep.ts, the
  // "Expiry" block), and openInvitation (server/triage/consent.ts) checks answeredAt before
  // anything else, so the invitation page tells a respondent who never answered (and has no
  // account) "您已答复过该邀请，请登录查看案件。" instead of "该邀请已过期。". refuse() does the
  // same to the other respondents' invitations.
  it("after expiry the invitation page says expired (or closed), not answered", async () => {
    const respondent = newRespondent();
    const { caseId } = await fileCase(liMing, citizenInput({}, respondent), china("2026-09-14T08:00:00"));
    const acceptedAt = china("2026-09-14T09:00:00");
    await acceptCase(cuihu, caseId, { conflict: "none" }, acceptedAt);
    await runSweep(new Date(acceptedAt.getTime() + 121 * HOUR));
    expect(caseRow(caseId).status).toBe("consent_expired");
    // "expired" or "closed" (the case has ended) both tell the truth; "answered" does not.
    expect(["expired", "closed"]).toContain(openInvitation(invitationSms(respondent.phone).token).state);
  });

  it("are not reminded or expired once the case has been withdrawn", async () => {
    const respondent = newRespondent();
    const { caseId } = await fileCase(liMing, citizenInput({}, respondent), china("2026-09-14T08:00:00"));
    const acceptedAt = china("2026-09-14T09:00:00");
    await acceptCase(cuihu, caseId, { conflict: "none" }, acceptedAt);
    await withdrawCase(liMing, caseId, "已和解");
    expect(await runSweep(new Date(acceptedAt.getTime() + 100 * HOUR))).toEqual(NOTHING);
    expect(await runSweep(new Date(acceptedAt.getTime() + 130 * HOUR))).toEqual(NOTHING);
    expect(caseRow(caseId).status).toBe("withdrawn");
    expect(smsTo(respondent.phone)).toHaveLength(1);
  });

  // Regression guard (a bug found and fixed): an invitation sent before a reassignment stays live. assignByHand from awaiting_consent
  // (server/triage/decisions.ts) leaves the first invitation unanswered; when the new mediator
  // accepts, sendInvitations issues a second one, but the sweep (server/jobs/sweep.ts) reminds
  // and expires on *any* unanswered invitation of an awaiting_consent case. The old invitation's
  // expiry ends the case as consent_expired while the new one still has days to run (and its
  // reminder says "明天到期" days early). Fix: close (e.g. set a revoked/answered mark on) open
  // invitations when the case leaves awaiting_consent, or sweep only the latest per party.
  it("an invitation from before a reassignment does not expire the case accepted again", async () => {
    const respondent = newRespondent();
    const t0 = china("2026-09-21T09:00:00");
    const { caseId } = await fileCase(liMing, citizenInput({}, respondent), t0);
    await acceptCase(cuihu, caseId, { conflict: "none" }, t0);
    await assignByHand(dispatcher, caseId, { orgId: orgId(ORG.huashan), reason: "当事人申请更换调解员" }, new Date(t0.getTime() + HOUR));
    await acceptCase(huashan, caseId, { conflict: "none" }, new Date(t0.getTime() + 72 * HOUR));
    expect(invitationsOf(caseId)).toHaveLength(2);

    await runSweep(new Date(t0.getTime() + 121 * HOUR)); // first invitation lapsed, second valid for 3 more days
    expect(caseRow(caseId).status).toBe("awaiting_consent");
  });
});

describe("a sweep with nothing due", () => {
  it("changes nothing at all", async () => {
    const filedAt = china("2026-09-14T08:00:00");
    await fileCase(liMing, citizenInput(), filedAt); // awaiting acceptance, due Thu 17 Sep
    const { caseId } = await fileCase(liMing, citizenInput(), filedAt);
    await acceptCase(cuihu, caseId, { conflict: "none" }, filedAt); // invitation until Sat 19 Sep
    await fileCase(liMing, citizenInput({ regionCode: "530112", areaCode: undefined }), filedAt); // unrouted: no timer

    const before = snapshot();
    expect(await runSweep(china("2026-09-15T12:00:00"))).toEqual(NOTHING);
    expect(snapshot()).toEqual(before);
  });
});
