// 调 sessions on the seeded demo world: scheduling by the case's mediator, ending with each
// outcome (Art 25 reasons), the mediation time limit per category and its extension (Art 24), and
// the sweep's session reminders and time-limit warnings. Cases reach "mediating" through the real
// services: filing, acceptance, the respondent's SMS verification and consent.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { courtReferralSchema } from "~/lib/case-schemas";
import { FAIL_REASON_LABELS, type FailReason } from "~/lib/case-enums";
import { formatCaseNo, formatDateTime } from "~/lib/case-format";
import { action } from "~/routes/cases.$caseId._index";
import { getDb } from "../../db/client";
import { users } from "../../db/schema";
import { seed } from "../../db/seed";
import type { SessionUser } from "../../server/auth/session";
import { createDraft, submitDraft } from "../../server/cases/filing";
import { runSweep } from "../../server/jobs/sweep";
import { endSession, extendDeadline, listSessions, scheduleSession } from "../../server/mediation/sessions";
import { consent, verifyInvitation } from "../../server/triage/consent";
import { acceptCase } from "../../server/triage/decisions";
import { caseRow, citizenInput, cookieOf, eventsOf, fileCase, idNumberOf, invitationSms, newRespondent, notesOf, ORG, orgId, PHONE, rejects, smsTo, snapshot, type Respondent, userByPhone } from "./triage-helpers";

const META = { ip: "127.0.0.1", userAgent: "vitest" };
const PASSWORD = "Huijie2026";
const HOUR = 3600_000;
const DAY = 24 * HOUR;
/** An instant given as China wall-clock time. */
const china = (s: string) => new Date(`${s}+08:00`);

let liMing: SessionUser;
let cuihu: SessionUser; // 李桂芬, 翠湖社区
let huashan: SessionUser; // 王建国: a mediator, but not of these cases
let dispatcher: SessionUser;
let wangFang: SessionUser; // a party of nothing here

beforeAll(async () => {
  await seed();
  liMing = userByPhone(PHONE.liMing);
  cuihu = userByPhone(PHONE.cuihu);
  huashan = userByPhone(PHONE.huashan);
  dispatcher = userByPhone(PHONE.dispatcher);
  wangFang = userByPhone(PHONE.wangFang);
});

function userById(id: string): SessionUser {
  return getDb().select({ id: users.id, name: users.name, role: users.role, phone: users.phone, active: users.active }).from(users).where(eq(users.id, id)).get()!;
}

type World = { caseId: string; caseNo: string; applicant: SessionUser; mediator: SessionUser; respondent: SessionUser; r: Respondent };

/** The respondent answers the invitation SMS and consents: the case enters mediation. */
async function verifyAndConsent(caseId: string, r: Respondent, at?: Date): Promise<SessionUser> {
  const { token, code } = invitationSms(r.phone);
  await verifyInvitation(token, { code, name: r.name, idNumber: r.idNumber, password: PASSWORD }, META, at);
  const respondent = userByPhone(r.phone);
  await consent(respondent, caseId, at);
  return respondent;
}

/** 李明 files (a neighbour case in 翠湖 unless `over` says otherwise); its mediator accepts at `acceptAt`. */
async function mediatingCase(over: Record<string, unknown> = {}, acceptAt?: Date): Promise<World> {
  const r = newRespondent();
  const filedAt = acceptAt ? new Date(acceptAt.getTime() - HOUR) : undefined;
  const { caseId, caseNo } = await fileCase(liMing, citizenInput(over, r), filedAt);
  const mediator = userById(caseRow(caseId).mediatorId!);
  await acceptCase(mediator, caseId, { conflict: "none" }, acceptAt);
  const respondent = await verifyAndConsent(caseId, r, acceptAt ? new Date(acceptAt.getTime() + HOUR) : undefined);
  expect(caseRow(caseId).status).toBe("mediating");
  return { caseId, caseNo, applicant: liMing, mediator, respondent, r };
}

const inFuture = (h = 48) => new Date(Math.ceil((Date.now() + h * HOUR) / 60_000) * 60_000);

/** A datetime-local value for an instant, in China time. */
const localChina = (d: Date) => new Date(d.getTime() + 8 * HOUR).toISOString().slice(0, 16);

type ActionReply = { data: { intent: string; error?: string; done?: string; fieldErrors?: Record<string, string[]> }; init: { status: number } };
async function post(u: SessionUser, caseId: string, fields: Record<string, string>): Promise<ActionReply | { intent: string; done: string }> {
  return (await action({
    request: new Request(`http://localhost/cases/${caseId}`, { method: "POST", body: new URLSearchParams(fields), headers: { cookie: cookieOf(u) } }),
    params: { caseId },
    context: { nonce: "", ip: "127.0.0.1" },
  } as never)) as ActionReply | { intent: string; done: string };
}
const failed = (r: unknown) => r as ActionReply;

describe("scheduling a session", () => {
  let w: World;
  beforeAll(async () => {
    w = await mediatingCase();
  });

  it("the case's mediator schedules: a session row, a timeline entry, the parties told in-app and by SMS", async () => {
    const at = inFuture(48);
    const when = formatDateTime(at);
    const no = formatCaseNo(w.caseNo);
    const smsBefore = { a: smsTo(PHONE.liMing).length, r: smsTo(w.r.phone).length };

    const id = await scheduleSession(w.mediator, w.caseId, { scheduledAt: at, durationMin: 90, mode: "joint", note: "请双方准备好相关票据" });

    expect(listSessions(w.caseId)).toHaveLength(1);
    expect(listSessions(w.caseId)[0]).toMatchObject({ id, caseId: w.caseId, scheduledAt: at, durationMin: 90, mode: "joint", status: "scheduled", createdById: cuihu.id, outcome: null, reminderSentAt: null, recordingOn: false, record: "", recordVersion: 0 });

    expect(eventsOf(w.caseId).at(-1)).toMatchObject({
      type: "session_scheduled",
      actorId: cuihu.id,
      actorLabel: "李桂芬（调解员）",
      summary: `安排联合调解：${when}，约90分钟`,
      reason: "请双方准备好相关票据",
      data: { sessionId: id },
      fromStatus: null,
      toStatus: null,
    });

    const note = { title: "调解已安排", body: `${no}：${when} 在线调解，请准时进入调解室`, link: `/cases/${w.caseId}/room/${id}` };
    expect(notesOf(liMing.id, w.caseId).at(-1)).toMatchObject(note);
    expect(notesOf(w.respondent.id, w.caseId).at(-1)).toMatchObject(note);
    expect(notesOf(cuihu.id, w.caseId).filter((n) => n.title === "调解已安排")).toEqual([]);

    const text = `【云解纷】您的纠纷（${w.caseNo}）已安排于 ${when} 在线调解，请登录平台进入调解室。`;
    expect(smsTo(PHONE.liMing).slice(smsBefore.a).map((s) => s.body)).toEqual([text]);
    expect(smsTo(w.r.phone).slice(smsBefore.r).map((s) => s.body)).toEqual([text]);
    expect(caseRow(w.caseId).status).toBe("mediating");
  });

  it("separate sessions say so", async () => {
    const at = inFuture(72);
    await scheduleSession(w.mediator, w.caseId, { scheduledAt: at, durationMin: 30, mode: "separate" });
    expect(eventsOf(w.caseId).at(-1)).toMatchObject({ type: "session_scheduled", summary: `安排分别调解：${formatDateTime(at)}，约30分钟`, reason: null });
  });

  it("nobody but the case's mediator may schedule, and refusals write nothing", async () => {
    const input = { scheduledAt: inFuture(24), durationMin: 60, mode: "joint" as const };
    const before = snapshot();
    await rejects(scheduleSession(liMing, w.caseId, input), "FORBIDDEN", "只有本案调解员可以安排调解");
    await rejects(scheduleSession(w.respondent, w.caseId, input), "FORBIDDEN", "只有本案调解员可以安排调解");
    await rejects(scheduleSession(dispatcher, w.caseId, input), "FORBIDDEN", "只有本案调解员可以安排调解");
    await rejects(scheduleSession(huashan, w.caseId, input), "NOT_FOUND", "案件不存在或您无权查看");
    await rejects(scheduleSession(wangFang, w.caseId, input), "NOT_FOUND");
    expect(snapshot()).toEqual(before);
    expect(listSessions(w.caseId)).toHaveLength(2);
  });

  it("a time in the past is refused", async () => {
    const before = snapshot();
    const e = await rejects(scheduleSession(w.mediator, w.caseId, { scheduledAt: new Date(Date.now() - HOUR), durationMin: 60, mode: "joint" }), "BAD_INPUT", "调解时间不能早于现在");
    expect(e.field).toBe("scheduledAt");
    // `now` is the service's reference: an hour before a fixed `now` is just as refused.
    const now = inFuture(5);
    await rejects(scheduleSession(w.mediator, w.caseId, { scheduledAt: new Date(now.getTime() - HOUR), durationMin: 60, mode: "joint" }, now), "BAD_INPUT");
    expect(snapshot()).toEqual(before);
    expect(listSessions(w.caseId)).toHaveLength(2);
  });

  it("only while mediating: not before the respondent consents", async () => {
    const r = newRespondent();
    const { caseId } = await fileCase(liMing, citizenInput({}, r));
    await acceptCase(cuihu, caseId, { conflict: "none" });
    expect(caseRow(caseId).status).toBe("awaiting_consent");
    const before = snapshot();
    await rejects(scheduleSession(cuihu, caseId, { scheduledAt: inFuture(), durationMin: 60, mode: "joint" }), "CONFLICT", "双方同意调解后才能安排调解");
    expect(snapshot()).toEqual(before);
    expect(listSessions(caseId)).toEqual([]);
  });

  it("through the case page: the datetime-local value is China time", async () => {
    const at = inFuture(30);
    const r = await post(w.mediator, w.caseId, { intent: "schedule", scheduledAt: localChina(at), durationMin: "45", mode: "joint" });
    expect(r).toEqual({ intent: "schedule", done: "已安排调解，并通知了当事人" });
    const s = listSessions(w.caseId).find((x) => x.durationMin === 45)!;
    expect(s.scheduledAt).toEqual(at);
    expect(eventsOf(w.caseId).at(-1)!.summary).toBe(`安排联合调解：${formatDateTime(at)}，约45分钟`);
    expect(formatDateTime(at)).toBe(localChina(at).replace(/-/g, "/").replace("T", " "));
  });

  it("through the case page: bad input is answered in Chinese with status 400 and writes nothing", async () => {
    const before = snapshot();
    const past = failed(await post(w.mediator, w.caseId, { intent: "schedule", scheduledAt: localChina(new Date(Date.now() - DAY)), durationMin: "60", mode: "joint" }));
    expect(past.init.status).toBe(400);
    expect(past.data).toMatchObject({ error: "调解时间不能早于现在", fieldErrors: { scheduledAt: ["调解时间不能早于现在"] } });
    const short = failed(await post(w.mediator, w.caseId, { intent: "schedule", scheduledAt: localChina(inFuture()), durationMin: "10", mode: "joint" }));
    expect(short.init.status).toBe(400);
    expect(short.data).toMatchObject({ error: "请检查调解安排", fieldErrors: { durationMin: ["时长至少15分钟"] } });
    const garbled = failed(await post(w.mediator, w.caseId, { intent: "schedule", scheduledAt: "明天下午", durationMin: "60", mode: "joint" }));
    expect(garbled.init.status).toBe(400);
    expect(garbled.data.fieldErrors).toMatchObject({ scheduledAt: ["时间格式不正确"] });
    const byParty = failed(await post(liMing, w.caseId, { intent: "schedule", scheduledAt: localChina(inFuture()), durationMin: "60", mode: "joint" }));
    expect(byParty.init.status).toBe(403);
    expect(byParty.data.error).toBe("只有本案调解员可以安排调解");
    expect(snapshot()).toEqual(before);
  });
});

describe("ending a session", () => {
  it("adjourned: the session ends, the case stays in mediation, the parties are told", async () => {
    const w = await mediatingCase();
    const id = await scheduleSession(w.mediator, w.caseId, { scheduledAt: inFuture(), durationMin: 60, mode: "joint" });
    const version = caseRow(w.caseId).version;
    const endedAt = inFuture(49);
    const nextAt = inFuture(24 * 7);
    const summary = await endSession(w.mediator, w.caseId, id, { outcome: "adjourned", nextAt, note: "双方需补充证据" }, endedAt);
    expect(summary).toBe(`本次调解结束，择期继续（拟定 ${formatDateTime(nextAt)}）`);
    expect(listSessions(w.caseId)[0]).toMatchObject({ status: "ended", endedAt, outcome: "adjourned", nextAt, failReason: null, outcomeNote: "双方需补充证据", caucusSide: null, recordingOn: false });
    expect(caseRow(w.caseId)).toMatchObject({ status: "mediating", version, failReason: null, endedAt: null });
    expect(eventsOf(w.caseId).at(-1)).toMatchObject({ type: "session_ended", actorLabel: "李桂芬（调解员）", summary, reason: "双方需补充证据", data: { sessionId: id }, fromStatus: null, toStatus: null });
    const note = { title: "调解结束", body: `${formatCaseNo(w.caseNo)}：${summary}`, link: `/cases/${w.caseId}` };
    expect(notesOf(liMing.id, w.caseId).at(-1)).toMatchObject(note);
    expect(notesOf(w.respondent.id, w.caseId).at(-1)).toMatchObject(note);

    // Mediation goes on: another session can be scheduled.
    await scheduleSession(w.mediator, w.caseId, { scheduledAt: nextAt, durationMin: 60, mode: "joint" });
    expect(listSessions(w.caseId).map((s) => s.status)).toEqual(["ended", "scheduled"]);
  });

  it("adjourned without a next date says only 择期继续", async () => {
    const w = await mediatingCase();
    const id = await scheduleSession(w.mediator, w.caseId, { scheduledAt: inFuture(), durationMin: 60, mode: "joint" });
    expect(await endSession(w.mediator, w.caseId, id, { outcome: "adjourned" })).toBe("本次调解结束，择期继续");
    expect(listSessions(w.caseId)[0]).toMatchObject({ outcome: "adjourned", nextAt: null, outcomeNote: null });
  });

  it("agreement: the case moves to agreed, with the transition on the timeline", async () => {
    const w = await mediatingCase();
    const id = await scheduleSession(w.mediator, w.caseId, { scheduledAt: inFuture(), durationMin: 60, mode: "joint" });
    const before = caseRow(w.caseId);
    const summary = await endSession(w.mediator, w.caseId, id, { outcome: "agreement", note: "赔偿5000元" });
    expect(summary).toBe("调解达成一致，进入调解协议起草与签署");
    expect(caseRow(w.caseId)).toMatchObject({ status: "agreed", version: before.version + 1, failReason: null });
    expect(listSessions(w.caseId)[0]).toMatchObject({ status: "ended", outcome: "agreement", failReason: null, outcomeNote: "赔偿5000元" });
    expect(eventsOf(w.caseId).at(-1)).toMatchObject({ type: "agreement_reached", summary, reason: "赔偿5000元", fromStatus: "mediating", toStatus: "agreed", data: { sessionId: id } });
    expect(notesOf(w.respondent.id, w.caseId).at(-1)).toMatchObject({ title: "调解结束", body: `${formatCaseNo(w.caseNo)}：${summary}` });
  });

  const reasons = Object.keys(FAIL_REASON_LABELS) as FailReason[];
  it("Art 25 lists seven ways mediation ends without agreement", () => {
    expect(reasons).toEqual(["settled_privately", "unreachable", "party_quits", "too_far_apart", "time_limit", "refuses_to_sign", "other"]);
  });

  it.each(reasons)("failed (%s): the case is failed, with the reason stored and endedAt set", async (reason) => {
    const w = await mediatingCase();
    const id = await scheduleSession(w.mediator, w.caseId, { scheduledAt: inFuture(), durationMin: 60, mode: "joint" });
    const endedAt = inFuture(49);
    const summary = await endSession(w.mediator, w.caseId, id, { outcome: "failed", failReason: reason, note: "见笔录" }, endedAt);
    expect(summary).toBe(`调解不成：${FAIL_REASON_LABELS[reason]}`);
    expect(caseRow(w.caseId)).toMatchObject({ status: "failed", failReason: reason, endedAt });
    expect(listSessions(w.caseId)[0]).toMatchObject({ status: "ended", outcome: "failed", failReason: reason, endedAt });
    expect(eventsOf(w.caseId).at(-1)).toMatchObject({
      type: "mediation_failed",
      summary,
      reason: "见笔录",
      fromStatus: "mediating",
      toStatus: "failed",
      data: { sessionId: id, failReason: reason },
    });
    expect(notesOf(liMing.id, w.caseId).at(-1)).toMatchObject({ title: "调解结束", body: `${formatCaseNo(w.caseNo)}：${summary}` });
  });

  it("ending twice is refused and writes nothing; so is ending another session of a closed case", async () => {
    const w = await mediatingCase();
    const a = await scheduleSession(w.mediator, w.caseId, { scheduledAt: inFuture(48), durationMin: 60, mode: "joint" });
    const b = await scheduleSession(w.mediator, w.caseId, { scheduledAt: inFuture(96), durationMin: 60, mode: "joint" });
    await endSession(w.mediator, w.caseId, a, { outcome: "agreement" });
    const before = snapshot();
    await rejects(endSession(w.mediator, w.caseId, a, { outcome: "agreement" }), "CONFLICT", "本次调解已经结束");
    await rejects(endSession(w.mediator, w.caseId, a, { outcome: "failed", failReason: "other" }), "CONFLICT", "本次调解已经结束");
    // The other session is still open, but the case has left mediation.
    // The case left mediation: its other scheduled session was cancelled with it.
    await rejects(endSession(w.mediator, w.caseId, b, { outcome: "failed", failReason: "party_quits" }), "CONFLICT", "本次调解已经结束");
    expect(snapshot()).toEqual(before);
    expect(caseRow(w.caseId)).toMatchObject({ status: "agreed", failReason: null });
    expect(listSessions(w.caseId).map((s) => [s.status, s.outcome])).toEqual([
      ["ended", "agreement"],
      ["cancelled", null],
    ]);
  });

  it("only the case's mediator may end; an unknown session is NOT_FOUND", async () => {
    const w = await mediatingCase();
    const id = await scheduleSession(w.mediator, w.caseId, { scheduledAt: inFuture(), durationMin: 60, mode: "joint" });
    const before = snapshot();
    await rejects(endSession(liMing, w.caseId, id, { outcome: "agreement" }), "FORBIDDEN", "只有本案调解员可以结束调解");
    await rejects(endSession(w.respondent, w.caseId, id, { outcome: "failed", failReason: "other" }), "FORBIDDEN", "只有本案调解员可以结束调解");
    await rejects(endSession(dispatcher, w.caseId, id, { outcome: "agreement" }), "FORBIDDEN");
    await rejects(endSession(huashan, w.caseId, id, { outcome: "agreement" }), "NOT_FOUND");
    await rejects(endSession(w.mediator, w.caseId, "nosuchsession", { outcome: "agreement" }), "NOT_FOUND", "调解会议不存在");
    expect(snapshot()).toEqual(before);
    expect(listSessions(w.caseId)[0].status).toBe("scheduled");
  });

  it("through the case page: a failed ending needs its reason", async () => {
    const w = await mediatingCase();
    const id = await scheduleSession(w.mediator, w.caseId, { scheduledAt: inFuture(), durationMin: 60, mode: "joint" });
    const before = snapshot();
    const r = failed(await post(w.mediator, w.caseId, { intent: "end-session", sessionId: id, outcome: "failed" }));
    expect(r.init.status).toBe(400);
    expect(r.data).toMatchObject({ error: "请选择本次调解的结果", fieldErrors: { failReason: ["请选择调解不成的原因"] } });
    expect(snapshot()).toEqual(before);
    const ok = await post(w.mediator, w.caseId, { intent: "end-session", sessionId: id, outcome: "failed", failReason: "too_far_apart" });
    expect(ok).toEqual({ intent: "end-session", done: "调解不成：双方分歧过大，无法达成协议" });
    expect(caseRow(w.caseId)).toMatchObject({ status: "failed", failReason: "too_far_apart" });
  });
});

describe("the mediation time limit", () => {
  it("邻里: 30 calendar days from acceptance, set when the case enters mediation", async () => {
    const acceptedAt = china("2026-03-02T10:00:00");
    const w = await mediatingCase({}, acceptedAt);
    const row = caseRow(w.caseId);
    expect(row.acceptedAt).toEqual(acceptedAt);
    expect(row.mediationDue).toEqual(china("2026-04-01T23:59:59.999"));
    expect(row.mediationDueRule).toBe("调解一般应当在30日内完成，经各方当事人同意可以延长（参照《人民法院在线调解规则》第24条）");
    expect(eventsOf(w.caseId).find((e) => e.type === "consented")!.summary).toBe(`被申请人同意调解，案件进入调解（调解期限至 2026-04-01，${row.mediationDueRule}）`);
  });

  it("no time limit while the respondent has not yet consented", async () => {
    const { caseId } = await fileCase(liMing, citizenInput());
    await acceptCase(cuihu, caseId, { conflict: "none" });
    expect(caseRow(caseId)).toMatchObject({ status: "awaiting_consent", mediationDue: null, mediationDueRule: null });
  });

  it("医疗: 30 working days, skipping the National Day holiday and counting its make-up Saturday and Sunday", async () => {
    // Accepted Mon 22 Sep 2025. Working days: 23–26 Sep (4), Sun 28 Sep 调休 (5), 29–30 Sep (7),
    // 1–8 Oct off, 9–10 Oct (9), Sat 11 Oct 调休 (10), 13–17 (15), 20–24 (20), 27–31 (25), 3–7 Nov (30).
    const acceptedAt = china("2025-09-22T10:00:00");
    const w = await mediatingCase({ category: "医疗", facts: "在医院手术后出现并发症，认为医院存在过错，要求赔偿。", claims: "请求医院赔偿医疗费及误工费" }, acceptedAt);
    const row = caseRow(w.caseId);
    expect(row.orgId).toBe(orgId("五华区医疗纠纷人民调解委员会"));
    expect(row.mediationDue).toEqual(china("2025-11-07T23:59:59.999"));
    expect(row.mediationDueRule).toBe("医疗纠纷调解应当自受理之日起30个工作日内完成，需要鉴定的，鉴定时间不计入调解期限（《医疗纠纷预防和处理条例》第38条）");
  });

  it("劳动争议: 15 days", async () => {
    const acceptedAt = china("2026-03-02T10:00:00");
    const w = await mediatingCase({ category: "劳动争议", facts: "公司拖欠三个月工资，多次催要未果。", claims: "请求公司支付拖欠工资" }, acceptedAt);
    const row = caseRow(w.caseId);
    expect(row.orgId).toBe(orgId("五华区劳动人事争议调解中心"));
    expect(row.mediationDue).toEqual(china("2026-03-17T23:59:59.999"));
    expect(row.mediationDueRule).toBe("劳动争议调解15日内未达成调解协议的，当事人可以依法申请仲裁（《劳动争议调解仲裁法》第14条）");
  });

  it("法院委托 (after filing): 15 days, whatever the category", async () => {
    const judge = userByPhone(PHONE.judge);
    const r = newRespondent();
    const data = courtReferralSchema.parse({
      mode: "court_entrusted",
      orgId: orgId(ORG.wuhua),
      courtCaseNo: "（2026）云0102民初2001号",
      category: "邻里",
      regionCode: "530102",
      facts: "原告与被告系上下楼邻居，因漏水损失赔偿发生争议。",
      claims: "请求被告赔偿漏水损失",
      applicant: { kind: "person", name: "赵大伟", idNumber: idNumberOf(PHONE.zhaoDawei), phone: PHONE.zhaoDawei, address: "昆明市五华区人民中路20号" },
      respondents: [r],
    });
    const acceptedAt = china("2026-03-02T10:00:00");
    const caseId = createDraft(judge);
    await submitDraft(judge, caseId, { source: "court_entrusted", data }, new Date(acceptedAt.getTime() - HOUR));
    const mediator = userById(caseRow(caseId).mediatorId!);
    await acceptCase(mediator, caseId, { conflict: "none" }, acceptedAt);
    await verifyAndConsent(caseId, r, new Date(acceptedAt.getTime() + HOUR));
    expect(caseRow(caseId)).toMatchObject({ status: "mediating", mediationDue: china("2026-03-17T23:59:59.999") });
    expect(caseRow(caseId).mediationDueRule).toMatch(/^法院委托（诉中）调解应当在15日内完成/);
  });

  describe("extension (Art 24)", () => {
    let w: World;
    beforeAll(async () => {
      w = await mediatingCase();
    });

    it("to a later date: the new date and its reason are stored, the timeline says so", async () => {
      const before = caseRow(w.caseId);
      const until = new Date(before.mediationDue!.getTime() + 10 * DAY);
      const row = await extendDeadline(w.mediator, w.caseId, { until, reason: "双方同意延长以便进行房屋鉴定" });
      expect(row).toMatchObject({ status: "mediating", version: before.version + 1, mediationDue: until, mediationDueRule: "经当事人同意延长：双方同意延长以便进行房屋鉴定", dueWarnedAt: null });
      expect(eventsOf(w.caseId).at(-1)).toMatchObject({
        type: "deadline_extended",
        actorLabel: "李桂芬（调解员）",
        summary: `经当事人同意，调解期限延长至 ${formatDateTime(until)}`,
        reason: "双方同意延长以便进行房屋鉴定",
        fromStatus: "mediating",
        toStatus: null,
      });
    });

    it("an earlier or equal date is refused and writes nothing", async () => {
      const current = caseRow(w.caseId).mediationDue!;
      const before = snapshot();
      const e = await rejects(extendDeadline(w.mediator, w.caseId, { until: new Date(current.getTime() - DAY), reason: "缩短期限" }), "BAD_INPUT", "新的期限须晚于当前期限");
      expect(e.field).toBe("until");
      await rejects(extendDeadline(w.mediator, w.caseId, { until: current, reason: "同一天" }), "BAD_INPUT", "新的期限须晚于当前期限");
      await rejects(extendDeadline(w.mediator, w.caseId, { until: new Date(Date.now() - DAY), reason: "过去的日期" }), "BAD_INPUT");
      expect(snapshot()).toEqual(before);
      expect(caseRow(w.caseId).mediationDue).toEqual(current);
    });

    it("only the mediator, and only while mediating", async () => {
      const until = new Date(caseRow(w.caseId).mediationDue!.getTime() + 30 * DAY);
      const before = snapshot();
      await rejects(extendDeadline(liMing, w.caseId, { until, reason: "申请人想延长" }), "FORBIDDEN", '您无权对本案进行"延长调解期限"操作');
      await rejects(extendDeadline(dispatcher, w.caseId, { until, reason: "分流员延长" }), "FORBIDDEN");
      expect(snapshot()).toEqual(before);

      const other = await mediatingCase();
      const id = await scheduleSession(other.mediator, other.caseId, { scheduledAt: inFuture(), durationMin: 60, mode: "joint" });
      await endSession(other.mediator, other.caseId, id, { outcome: "failed", failReason: "unreachable" });
      const after = snapshot();
      await rejects(extendDeadline(other.mediator, other.caseId, { until, reason: "已经失败了" }), "CONFLICT", '案件当前状态为"调解不成"，不能延长调解期限');
      expect(snapshot()).toEqual(after);
    });

    it("through the case page: the new date is China time", async () => {
      const until = new Date(caseRow(w.caseId).mediationDue!.getTime() + 5 * DAY);
      until.setUTCSeconds(0, 0);
      const r = await post(w.mediator, w.caseId, { intent: "extend", until: localChina(until), reason: "双方同意再延长五日" });
      expect(r).toEqual({ intent: "extend", done: "调解期限已延长" });
      expect(caseRow(w.caseId).mediationDue).toEqual(until);
      const bad = failed(await post(w.mediator, w.caseId, { intent: "extend", until: localChina(until), reason: "" }));
      expect(bad.init.status).toBe(400);
      expect(bad.data).toMatchObject({ error: "请填写新的期限和理由", fieldErrors: { reason: ["请填写理由"] } });
    });
  });
});

describe("the sweep", () => {
  it("reminds everyone of a session an hour before it starts, once", async () => {
    const w = await mediatingCase();
    const at = inFuture(50);
    const id = await scheduleSession(w.mediator, w.caseId, { scheduledAt: at, durationMin: 60, mode: "joint" });
    const titles = (u: SessionUser) => notesOf(u.id, w.caseId).filter((n) => n.title === "调解即将开始");
    const reminders = () => [...smsTo(PHONE.liMing), ...smsTo(w.r.phone)].filter((s) => s.body.startsWith("【云解纷】提醒：") && s.body.includes(w.caseNo));

    await runSweep(new Date(at.getTime() - 61 * 60_000));
    expect(titles(liMing)).toEqual([]);
    expect(reminders()).toEqual([]);
    expect(listSessions(w.caseId)[0].reminderSentAt).toBeNull();

    const now = new Date(at.getTime() - 45 * 60_000);
    const report = await runSweep(now);
    expect(report.sessionReminders).toBeGreaterThanOrEqual(1);
    expect(report.errors).toBe(0);
    const when = formatDateTime(at);
    const note = { title: "调解即将开始", body: `${formatCaseNo(w.caseNo)}：${when} 开始，请提前进入调解室`, link: `/cases/${w.caseId}/room/${id}` };
    for (const u of [liMing, w.respondent, w.mediator]) {
      expect(titles(u)).toHaveLength(1);
      expect(titles(u)[0]).toMatchObject(note);
    }
    const text = `【云解纷】提醒：您的纠纷（${w.caseNo}）将于 ${when} 在线调解，请提前登录平台进入调解室。`;
    expect(smsTo(PHONE.liMing).filter((s) => s.body === text)).toHaveLength(1);
    expect(smsTo(w.r.phone).filter((s) => s.body === text)).toHaveLength(1);
    expect(listSessions(w.caseId)[0].reminderSentAt).toEqual(now);

    // Later sweeps within the hour do not repeat it.
    await runSweep(new Date(at.getTime() - 30 * 60_000));
    await runSweep(new Date(at.getTime() - 60_000));
    for (const u of [liMing, w.respondent, w.mediator]) expect(titles(u)).toHaveLength(1);
    expect(reminders()).toHaveLength(2);
  });

  // Regression guard (a bug found and fixed): server/mediation/sessions.ts sessionsToRemind (~line 129) selects every session with
  // status "scheduled" whatever its case's status, and endSession never cancels the case's other
  // sessions. After a case has failed (or agreed), a session scheduled for later is still
  // "scheduled": the sweep texts and notifies both parties to join a mediation that no longer
  // exists (and joinRoom would refuse them: 案件不在调解阶段).
  it("sends no reminder for a session of a case that has left mediation", async () => {
    const w = await mediatingCase();
    const first = await scheduleSession(w.mediator, w.caseId, { scheduledAt: inFuture(20), durationMin: 60, mode: "joint" });
    const later = inFuture(70);
    await scheduleSession(w.mediator, w.caseId, { scheduledAt: later, durationMin: 60, mode: "joint" });
    await endSession(w.mediator, w.caseId, first, { outcome: "failed", failReason: "party_quits" });
    expect(caseRow(w.caseId).status).toBe("failed");
    const smsBefore = smsTo(w.r.phone).length;
    await runSweep(new Date(later.getTime() - 30 * 60_000));
    expect(notesOf(w.respondent.id, w.caseId).filter((n) => n.title === "调解即将开始")).toEqual([]);
    expect(smsTo(w.r.phone)).toHaveLength(smsBefore);
  });

  it("warns of the time limit 3 days before, once; again after an extension once the new date nears", async () => {
    const w = await mediatingCase();
    const due = caseRow(w.caseId).mediationDue!;
    const no = formatCaseNo(w.caseNo);
    const warnings = (u: SessionUser) => notesOf(u.id, w.caseId).filter((n) => n.title === "调解期限即将届满");

    await runSweep(new Date(due.getTime() - 3 * DAY - 60_000));
    expect(warnings(liMing)).toEqual([]);
    expect(caseRow(w.caseId).dueWarnedAt).toBeNull();

    const t1 = new Date(due.getTime() - 2 * DAY);
    await runSweep(t1);
    const body1 = `${no}：调解期限将于 ${formatDateTime(due)} 届满，如需延长请经双方同意后办理`;
    for (const u of [liMing, w.respondent, w.mediator]) expect(warnings(u).map((n) => [n.body, n.link])).toEqual([[body1, `/cases/${w.caseId}`]]);
    expect(caseRow(w.caseId).dueWarnedAt).toEqual(t1);

    await runSweep(new Date(due.getTime() - DAY));
    await runSweep(new Date(due.getTime() - HOUR));
    for (const u of [liMing, w.respondent, w.mediator]) expect(warnings(u)).toHaveLength(1);

    // The parties agree to ten more days: the warning is due again once the new date nears.
    const until = new Date(due.getTime() + 10 * DAY);
    await extendDeadline(w.mediator, w.caseId, { until, reason: "双方同意延长十日" }, new Date(due.getTime() - DAY));
    expect(caseRow(w.caseId).dueWarnedAt).toBeNull();
    await runSweep(new Date(due.getTime() - HOUR));
    await runSweep(new Date(until.getTime() - 4 * DAY));
    for (const u of [liMing, w.respondent, w.mediator]) expect(warnings(u)).toHaveLength(1);

    const t2 = new Date(until.getTime() - 2 * DAY);
    await runSweep(t2);
    await runSweep(new Date(until.getTime() - DAY));
    const body2 = `${no}：调解期限将于 ${formatDateTime(until)} 届满，如需延长请经双方同意后办理`;
    for (const u of [liMing, w.respondent, w.mediator]) expect(warnings(u).map((n) => n.body)).toEqual([body1, body2]);
    expect(caseRow(w.caseId).dueWarnedAt).toEqual(t2);
  });

  // Regression guard (a bug found and fixed): server/jobs/sweep.ts (~lines 116-135) reads the nearing cases once, before the loop, and
  // each case's transaction only checks dueWarnedAt IS NULL. The loop awaits between cases, so an
  // extension committed meanwhile (it resets dueWarnedAt to null) is overwritten: the sweep warns
  // with the *old* date and sets dueWarnedAt, and the new deadline is never warned of. Fix: re-read
  // the row inside the transaction and make the update conditional on the mediationDue it read
  // (and status = mediating), skipping the case when either changed.
  it("an extension made while the sweep is running is not lost", async () => {
    const a = await mediatingCase();
    const b = await mediatingCase();
    const due = caseRow(a.caseId).mediationDue!;
    expect(caseRow(b.caseId).mediationDue).toEqual(due);
    const now = new Date(due.getTime() - 2 * DAY);
    // Everything else the sweep would do by then (expired invitations…) is dealt with first, so
    // that the time-limit loop is the first to await.
    await runSweep(new Date(due.getTime() - 3 * DAY - 60_000));
    expect([a, b].map((x) => caseRow(x.caseId).dueWarnedAt)).toEqual([null, null]);

    const sweeping = runSweep(now); // warns the first nearing case at once, the others after awaits
    const waiting = [a, b].find((x) => caseRow(x.caseId).dueWarnedAt === null)!;
    expect(waiting).toBeDefined();
    const until = new Date(due.getTime() + 20 * DAY);
    await extendDeadline(waiting.mediator, waiting.caseId, { until, reason: "双方同意延长二十日" }, now);
    await sweeping;

    const warnings = () => notesOf(liMing.id, waiting.caseId).filter((n) => n.title === "调解期限即将届满").map((n) => n.body);
    expect(warnings().filter((b) => b.includes(formatDateTime(due)))).toEqual([]);
    await runSweep(new Date(until.getTime() - 2 * DAY));
    expect(warnings()).toEqual([`${formatCaseNo(waiting.caseNo)}：调解期限将于 ${formatDateTime(until)} 届满，如需延长请经双方同意后办理`]);
  });

  it("a time limit already passed is reported as passed, and cases out of mediation are left alone", async () => {
    const w = await mediatingCase();
    const due = caseRow(w.caseId).mediationDue!;
    const now = new Date(due.getTime() + DAY);
    await runSweep(now);
    expect(notesOf(liMing.id, w.caseId).filter((n) => n.title.startsWith("调解期限")).map((n) => [n.title, n.body])).toEqual([
      ["调解期限已届满", `${formatCaseNo(w.caseNo)}：调解期限已于 ${formatDateTime(due)} 届满`],
    ]);

    const agreed = await mediatingCase();
    const id = await scheduleSession(agreed.mediator, agreed.caseId, { scheduledAt: inFuture(), durationMin: 60, mode: "joint" });
    await endSession(agreed.mediator, agreed.caseId, id, { outcome: "agreement" });
    await runSweep(new Date(caseRow(agreed.caseId).mediationDue!.getTime() - DAY));
    expect(notesOf(liMing.id, agreed.caseId).filter((n) => n.title.startsWith("调解期限"))).toEqual([]);
    expect(caseRow(agreed.caseId).dueWarnedAt).toBeNull();
  });
});

