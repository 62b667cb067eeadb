// The room of one session, through the real services: the lobby and admission with the identity
// check on the timeline, sending a party away, caucus (背对背), recording consent (on only while
// every admitted participant consents, Art 22), the record (笔录) with its version check and the
// parties' confirmations, chat channels by side, and the address for service (Art 17).
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { action } from "~/routes/cases.$caseId._index";
import { loader as recordLoader } from "~/routes/cases.$caseId.sessions.$sessionId.record";
import { getDb } from "../../db/client";
import { admissions, mediationSessions, recordConfirmations, serviceAddresses } from "../../db/schema";
import { seed } from "../../db/seed";
import type { SessionUser } from "../../server/auth/session";
import { history, postMessage } from "../../server/mediation/messages";
import { recordConfirmationsOf } from "../../server/mediation/record-view";
import { admit, confirmRecord, confirmServiceAddress, joinRoom, saveRecord, sendAway, serviceAddressOf, setCaucus, setRecordingConsent } from "../../server/mediation/room";
import { endSession, scheduleSession } from "../../server/mediation/sessions";
import { cookieOf, eventsOf, inMediation, partiesOf, PHONE, rejects, snapshot, type Respondent, userByPhone } from "./triage-helpers";


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

type World = { caseId: string; caseNo: string; mediator: SessionUser; applicant: SessionUser; respondent: SessionUser; r: Respondent; sessionId: string };

/** A neighbour case in 翠湖 (李桂芬), in mediation, with one session scheduled for tomorrow. */
async function world(): Promise<World> {
  const { caseId, caseNo, respondent, r } = await inMediation(liMing, cuihu);
  const sessionId = await scheduleSession(cuihu, caseId, { scheduledAt: new Date(Date.now() + 24 * 3600_000), durationMin: 60, mode: "joint" });
  return { caseId, caseNo, mediator: cuihu, applicant: liMing, respondent, r, sessionId };
}

/** The mediator opens the room; both parties join and are admitted. */
function allIn(w: World) {
  joinRoom(w.mediator, w.caseId, w.sessionId);
  joinRoom(w.applicant, w.caseId, w.sessionId);
  joinRoom(w.respondent, w.caseId, w.sessionId);
  admit(w.mediator, w.caseId, w.sessionId, w.applicant.id);
  admit(w.mediator, w.caseId, w.sessionId, w.respondent.id);
}

function admissionOf(sessionId: string, userId: string) {
  return getDb().select().from(admissions).where(and(eq(admissions.sessionId, sessionId), eq(admissions.userId, userId))).get();
}

const sessionRow = (id: string) => getDb().select().from(mediationSessions).where(eq(mediationSessions.id, id)).get()!;

type ActionReply = { data: { intent: string; error?: string; done?: string; fieldErrors?: Record<string, string[]> }; init: { status: number } };
async function post(u: SessionUser, caseId: string, fields: Record<string, string>) {
  return (await action({
    request: new Request(`http://localhost/cases/${caseId}`, { method: "POST", body: new URLSearchParams(fields), headers: { cookie: cookieOf(u) } }),
    params: { caseId },
    context: { nonce: "", ip: "127.0.0.1" },
  } as never)) as unknown;
}

let clientSeq = 0;
const cid = () => `room-${Date.now().toString(36)}-${(clientSeq++).toString(36).padStart(4, "0")}`;

describe("the lobby", () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });

  it("a party who comes before the mediator waits in the lobby; admitting needs an open room", async () => {
    const out = joinRoom(w.applicant, w.caseId, w.sessionId);
    expect(out).toMatchObject({ side: "applicant", admitted: false });
    expect(admissionOf(w.sessionId, w.applicant.id)).toMatchObject({ side: "applicant", state: "waiting", identityCheckedAt: null, recordingConsent: null });
    expect(sessionRow(w.sessionId).status).toBe("scheduled");
    await rejects(() => admit(w.mediator, w.caseId, w.sessionId, w.applicant.id), "CONFLICT", "调解室未开启");
    expect(admissionOf(w.sessionId, w.applicant.id)!.state).toBe("waiting");
  });

  it("the mediator opens the room and is in at once; the timeline says so", () => {
    const at = new Date();
    const out = joinRoom(w.mediator, w.caseId, w.sessionId, at);
    expect(out).toMatchObject({ side: "mediator", admitted: true });
    expect(sessionRow(w.sessionId)).toMatchObject({ status: "open", startedAt: at });
    expect(admissionOf(w.sessionId, cuihu.id)).toMatchObject({ side: "mediator", state: "admitted", identityCheckedAt: at });
    expect(eventsOf(w.caseId).at(-1)).toMatchObject({ type: "session_opened", actorId: cuihu.id, actorLabel: "李桂芬（调解员）", summary: "调解员开启调解室", data: { sessionId: w.sessionId } });
    // Joining again does not open it twice.
    const n = eventsOf(w.caseId).length;
    joinRoom(w.mediator, w.caseId, w.sessionId);
    expect(eventsOf(w.caseId)).toHaveLength(n);
  });

  it("a waiting party cannot chat or consent to recording", async () => {
    const before = snapshot();
    await rejects(() => postMessage(w.applicant, { caseId: w.caseId, sessionId: w.sessionId, channel: "joint", body: "我到了", clientId: cid() }), "FORBIDDEN", "请等待调解员允许您进入调解室");
    await rejects(() => setRecordingConsent(w.applicant, w.caseId, w.sessionId, true), "FORBIDDEN", "请先进入调解室");
    expect(snapshot()).toEqual(before);
    expect(admissionOf(w.sessionId, w.applicant.id)!.recordingConsent).toBeNull();
  });

  it("the mediator admits after checking identity: the timeline names who was checked", () => {
    const at = new Date();
    expect(admit(w.mediator, w.caseId, w.sessionId, w.applicant.id, at)).toEqual({ userId: w.applicant.id, side: "applicant" });
    expect(admissionOf(w.sessionId, w.applicant.id)).toMatchObject({ state: "admitted", identityCheckedAt: at });
    expect(eventsOf(w.caseId).at(-1)).toMatchObject({
      type: "identity_checked",
      actorId: cuihu.id,
      actorLabel: "李桂芬（调解员）",
      summary: "核对申请人 李明 的身份后准许进入调解室",
      data: { sessionId: w.sessionId, userId: w.applicant.id },
    });
    // Back after a dropped connection: straight in.
    expect(joinRoom(w.applicant, w.caseId, w.sessionId).admitted).toBe(true);
  });

  it("the respondent too, by name", () => {
    expect(joinRoom(w.respondent, w.caseId, w.sessionId).admitted).toBe(false);
    admit(w.mediator, w.caseId, w.sessionId, w.respondent.id);
    expect(eventsOf(w.caseId).at(-1)!.summary).toBe(`核对被申请人 ${w.r.name} 的身份后准许进入调解室`);
  });

  it("only someone waiting can be admitted, and only by the mediator", async () => {
    const before = snapshot();
    await rejects(() => admit(w.mediator, w.caseId, w.sessionId, w.applicant.id), "CONFLICT", "该当事人不在等候区");
    await rejects(() => admit(w.mediator, w.caseId, w.sessionId, wangFang.id), "CONFLICT", "该当事人不在等候区");
    await rejects(() => admit(w.applicant, w.caseId, w.sessionId, w.respondent.id), "FORBIDDEN", "只有调解员可以准入");
    expect(snapshot()).toEqual(before);
  });

  it("a party sent away can come back, but to the lobby", async () => {
    sendAway(w.mediator, w.caseId, w.sessionId, w.respondent.id, "请暂时回避");
    expect(admissionOf(w.sessionId, w.respondent.id)!.state).toBe("sent_away");
    expect(eventsOf(w.caseId).at(-1)).toMatchObject({ type: "sent_away", summary: "请被申请人暂时离开调解室", reason: "请暂时回避", data: { sessionId: w.sessionId, userId: w.respondent.id } });
    await rejects(() => postMessage(w.respondent, { caseId: w.caseId, sessionId: w.sessionId, channel: "joint", body: "我还在", clientId: cid() }), "FORBIDDEN");

    expect(joinRoom(w.respondent, w.caseId, w.sessionId)).toMatchObject({ side: "respondent", admitted: false });
    expect(admissionOf(w.sessionId, w.respondent.id)!.state).toBe("waiting");
    admit(w.mediator, w.caseId, w.sessionId, w.respondent.id);
    expect(admissionOf(w.sessionId, w.respondent.id)!.state).toBe("admitted");
  });

  it("sending away needs the mediator, and someone in the room", async () => {
    const before = snapshot();
    await rejects(() => sendAway(w.applicant, w.caseId, w.sessionId, w.respondent.id), "FORBIDDEN", "只有调解员可以请当事人离开");
    await rejects(() => sendAway(w.mediator, w.caseId, w.sessionId, w.mediator.id), "CONFLICT", "该用户不在本调解室");
    await rejects(() => sendAway(w.mediator, w.caseId, w.sessionId, wangFang.id), "CONFLICT", "该用户不在本调解室");
    expect(snapshot()).toEqual(before);
  });

  it("outsiders cannot enter: another party is NOT_FOUND, the dispatcher is not a participant", async () => {
    const before = snapshot();
    await rejects(() => joinRoom(wangFang, w.caseId, w.sessionId), "NOT_FOUND", "案件不存在或您无权查看");
    await rejects(() => joinRoom(dispatcher, w.caseId, w.sessionId), "FORBIDDEN", "您不是本案调解的参与人");
    await rejects(() => joinRoom(userByPhone(PHONE.huashan), w.caseId, w.sessionId), "NOT_FOUND");
    expect(snapshot()).toEqual(before);
    expect(admissionOf(w.sessionId, dispatcher.id)).toBeUndefined();
  });

  it("a session of another case is NOT_FOUND; an ended one cannot be joined", async () => {
    const other = await world();
    await rejects(() => joinRoom(w.applicant, w.caseId, other.sessionId), "NOT_FOUND", "调解会议不存在");
    await endSession(other.mediator, other.caseId, other.sessionId, { outcome: "adjourned" });
    await rejects(() => joinRoom(other.applicant, other.caseId, other.sessionId), "CONFLICT", "本次调解已经结束");
  });
});

describe("caucus (背对背)", () => {
  it("opening and closing are on the timeline, and only the mediator may", async () => {
    const w = await world();
    await rejects(() => setCaucus(w.mediator, w.caseId, w.sessionId, "applicant"), "CONFLICT", "调解室未开启");
    allIn(w);
    expect(setCaucus(w.mediator, w.caseId, w.sessionId, "applicant")).toBe("applicant");
    expect(sessionRow(w.sessionId).caucusSide).toBe("applicant");
    expect(eventsOf(w.caseId).at(-1)).toMatchObject({ type: "caucus_opened", actorLabel: "李桂芬（调解员）", summary: "与申请人方单独沟通（背对背）", data: { sessionId: w.sessionId } });
    setCaucus(w.mediator, w.caseId, w.sessionId, "respondent");
    expect(sessionRow(w.sessionId).caucusSide).toBe("respondent");
    expect(eventsOf(w.caseId).at(-1)!.summary).toBe("与被申请人方单独沟通（背对背）");
    expect(setCaucus(w.mediator, w.caseId, w.sessionId, null)).toBeNull();
    expect(sessionRow(w.sessionId).caucusSide).toBeNull();
    expect(eventsOf(w.caseId).at(-1)).toMatchObject({ type: "caucus_closed", summary: "回到联合调解" });

    const before = snapshot();
    await rejects(() => setCaucus(w.applicant, w.caseId, w.sessionId, "applicant"), "FORBIDDEN", "只有调解员可以开启背对背");
    await rejects(() => setCaucus(w.respondent, w.caseId, w.sessionId, null), "FORBIDDEN");
    expect(snapshot()).toEqual(before);
  });

  it("a party writes only in joint, their own caucus and the thread, and never reads the other side's caucus or the notes", async () => {
    const w = await world();
    allIn(w);
    const send = (u: SessionUser, channel: "joint" | "caucus:applicant" | "caucus:respondent" | "notes", body: string) =>
      postMessage(u, { caseId: w.caseId, sessionId: w.sessionId, channel, body, clientId: cid() });
    send(w.mediator, "joint", "双方好，现在开始调解");
    send(w.mediator, "caucus:applicant", "您的底线是多少？");
    send(w.applicant, "caucus:applicant", "最少三千元");
    send(w.mediator, "caucus:respondent", "对方愿意让步");
    send(w.respondent, "caucus:respondent", "我最多出两千");
    send(w.mediator, "notes", "申请人底线三千");

    const before = snapshot();
    await rejects(() => send(w.applicant, "caucus:respondent", "偷听"), "FORBIDDEN", "您不能在该频道发言");
    await rejects(() => send(w.applicant, "notes", "笔记"), "FORBIDDEN", "您不能在该频道发言");
    await rejects(() => send(w.respondent, "caucus:applicant", "偷听"), "FORBIDDEN", "您不能在该频道发言");
    expect(snapshot()).toEqual(before);

    const read = (u: SessionUser) => history(u, w.caseId, w.sessionId, 0).map((m) => [m.channel, m.body]);
    expect(read(w.applicant)).toEqual([
      ["joint", "双方好，现在开始调解"],
      ["caucus:applicant", "您的底线是多少？"],
      ["caucus:applicant", "最少三千元"],
    ]);
    expect(read(w.respondent)).toEqual([
      ["joint", "双方好，现在开始调解"],
      ["caucus:respondent", "对方愿意让步"],
      ["caucus:respondent", "我最多出两千"],
    ]);
    expect(read(w.mediator)).toHaveLength(6);
    expect(history(w.applicant, w.caseId, w.sessionId, 0)[2]).toMatchObject({ senderId: liMing.id, senderLabel: "李明（申请人方）" });
    await rejects(() => history(dispatcher, w.caseId, w.sessionId, 0), "FORBIDDEN", "您不是本案调解的参与人");
    await rejects(() => history(wangFang, w.caseId, w.sessionId, 0), "NOT_FOUND");
  });
});

describe("recording consent (Art 22)", () => {
  it("turns on only once every admitted participant consents; any withdrawal turns it off; both on the timeline", async () => {
    const w = await world();
    allIn(w);
    const recordingEvents = () => eventsOf(w.caseId).filter((e) => e.type.startsWith("recording_"));

    expect(setRecordingConsent(w.mediator, w.caseId, w.sessionId, true)).toBe(false);
    expect(setRecordingConsent(w.applicant, w.caseId, w.sessionId, true)).toBe(false);
    expect(sessionRow(w.sessionId).recordingOn).toBe(false);
    expect(recordingEvents()).toEqual([]);

    expect(setRecordingConsent(w.respondent, w.caseId, w.sessionId, true)).toBe(true);
    expect(sessionRow(w.sessionId).recordingOn).toBe(true);
    expect(recordingEvents().map((e) => [e.type, e.actorId, e.summary])).toEqual([["recording_on", w.respondent.id, "全体参与人同意，开始录音录像"]]);
    expect([w.mediator, w.applicant, w.respondent].map((u) => admissionOf(w.sessionId, u.id)!.recordingConsent)).toEqual([true, true, true]);

    // Consenting again changes nothing and logs nothing.
    expect(setRecordingConsent(w.mediator, w.caseId, w.sessionId, true)).toBe(true);
    expect(recordingEvents()).toHaveLength(1);

    expect(setRecordingConsent(w.applicant, w.caseId, w.sessionId, false)).toBe(false);
    expect(sessionRow(w.sessionId).recordingOn).toBe(false);
    expect(recordingEvents().map((e) => [e.type, e.actorId, e.summary])).toEqual([
      ["recording_on", w.respondent.id, "全体参与人同意，开始录音录像"],
      ["recording_off", w.applicant.id, "有参与人未同意或撤回同意，录音录像已停止"],
    ]);

    // The mediator's consent counts like anyone's.
    expect(setRecordingConsent(w.applicant, w.caseId, w.sessionId, true)).toBe(true);
    expect(setRecordingConsent(w.mediator, w.caseId, w.sessionId, false)).toBe(false);
    expect(recordingEvents().map((e) => e.type)).toEqual(["recording_on", "recording_off", "recording_on", "recording_off"]);
  });

  it("the mediator alone cannot record", async () => {
    const w = await world();
    joinRoom(w.mediator, w.caseId, w.sessionId);
    expect(setRecordingConsent(w.mediator, w.caseId, w.sessionId, true)).toBe(false);
    expect(sessionRow(w.sessionId).recordingOn).toBe(false);
  });

  it("outsiders cannot vote", async () => {
    const w = await world();
    allIn(w);
    await rejects(() => setRecordingConsent(dispatcher, w.caseId, w.sessionId, true), "FORBIDDEN", "您不是本案调解的参与人");
    await rejects(() => setRecordingConsent(wangFang, w.caseId, w.sessionId, true), "NOT_FOUND");
  });

  // Regression guard (a bug found and fixed): server/mediation/room.ts admit() (~line 51) admits a participant without re-deciding
  // recording; recordingOn is only recomputed in setRecordingConsent. With the mediator and the
  // applicant consenting, recording is on; when the respondent is then admitted (no consent
  // given), recording stays on — the respondent is recorded without consent ("Recording is off
  // unless everyone consents", 在线调解规则 Art 22). Fix: in admit(), when s.recordingOn and the
  // admitted user's recordingConsent is not true, set recordingOn=false and log recording_off
  // (the same for joinRoom when an admitted party comes back).
  it("admitting someone who has not consented turns recording off", async () => {
    const w = await world();
    joinRoom(w.mediator, w.caseId, w.sessionId);
    joinRoom(w.applicant, w.caseId, w.sessionId);
    admit(w.mediator, w.caseId, w.sessionId, w.applicant.id);
    setRecordingConsent(w.mediator, w.caseId, w.sessionId, true);
    expect(setRecordingConsent(w.applicant, w.caseId, w.sessionId, true)).toBe(true);
    joinRoom(w.respondent, w.caseId, w.sessionId);
    admit(w.mediator, w.caseId, w.sessionId, w.respondent.id);
    expect(admissionOf(w.sessionId, w.respondent.id)!.recordingConsent).toBeNull();
    expect(sessionRow(w.sessionId).recordingOn).toBe(false);
  });

  it("ending the session stops recording and the caucus", async () => {
    const w = await world();
    allIn(w);
    for (const u of [w.mediator, w.applicant, w.respondent]) setRecordingConsent(u, w.caseId, w.sessionId, true);
    setCaucus(w.mediator, w.caseId, w.sessionId, "respondent");
    await endSession(w.mediator, w.caseId, w.sessionId, { outcome: "adjourned" });
    expect(sessionRow(w.sessionId)).toMatchObject({ status: "ended", recordingOn: false, caucusSide: null });
    await rejects(() => setRecordingConsent(w.applicant, w.caseId, w.sessionId, true), "CONFLICT", "调解室未开启");
  });
});

describe("the record (笔录)", () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
    allIn(w);
  });

  it("a party cannot confirm an empty record", async () => {
    const before = snapshot();
    await rejects(() => confirmRecord(w.applicant, w.caseId, w.sessionId, { confirmed: true }), "CONFLICT", "笔录尚未记录内容");
    expect(snapshot()).toEqual(before);
    expect(recordConfirmationsOf(w.sessionId)).toEqual([]);
  });

  it("the mediator saves against the version edited; a stale version is CONFLICT and changes nothing", async () => {
    expect(saveRecord(w.mediator, w.caseId, w.sessionId, "一、双方确认系上下楼邻居。", 0)).toEqual({ version: 1 });
    expect(saveRecord(w.mediator, w.caseId, w.sessionId, "一、双方确认系上下楼邻居。\n二、被申请人承认夜间有噪音。", 1)).toEqual({ version: 2 });
    await rejects(() => saveRecord(w.mediator, w.caseId, w.sessionId, "另一个窗口的旧稿", 1), "CONFLICT", "笔录已在别处更新，请刷新后再改");
    await rejects(() => saveRecord(w.mediator, w.caseId, w.sessionId, "更旧的稿", 0), "CONFLICT");
    await rejects(() => saveRecord(w.mediator, w.caseId, w.sessionId, "未来的稿", 7), "CONFLICT");
    expect(sessionRow(w.sessionId)).toMatchObject({ record: "一、双方确认系上下楼邻居。\n二、被申请人承认夜间有噪音。", recordVersion: 2 });
  });

  it("only the mediator writes it", async () => {
    await rejects(() => saveRecord(w.applicant, w.caseId, w.sessionId, "申请人改笔录", 2), "FORBIDDEN", "只有调解员可以记录笔录");
    await rejects(() => saveRecord(dispatcher, w.caseId, w.sessionId, "分流员改笔录", 2), "FORBIDDEN", "您不是本案调解的参与人");
    expect(sessionRow(w.sessionId)).toMatchObject({ recordVersion: 2 });
  });

  it("disputing needs the disputed content, and a refusal writes nothing", async () => {
    const before = snapshot();
    const e = await rejects(() => confirmRecord(w.respondent, w.caseId, w.sessionId, { confirmed: false }), "BAD_INPUT", "请写明有异议的内容");
    expect(e.field).toBe("disputed");
    await rejects(() => confirmRecord(w.respondent, w.caseId, w.sessionId, { confirmed: false, disputed: "   " }), "BAD_INPUT", "请写明有异议的内容");
    await rejects(() => confirmRecord(w.mediator, w.caseId, w.sessionId, { confirmed: true }), "FORBIDDEN", "笔录由当事人确认");
    await rejects(() => confirmRecord(dispatcher, w.caseId, w.sessionId, { confirmed: true }), "FORBIDDEN", "您不是本案调解的参与人");
    await rejects(() => confirmRecord(wangFang, w.caseId, w.sessionId, { confirmed: true }), "NOT_FOUND");
    expect(snapshot()).toEqual(before);
  });

  it("parties answer the record only once the session has ended", async () => {
    await rejects(() => confirmRecord(w.applicant, w.caseId, w.sessionId, { confirmed: true }), "CONFLICT", "调解结束后再确认笔录");
    expect(recordConfirmationsOf(w.sessionId)).toEqual([]);
    await endSession(w.mediator, w.caseId, w.sessionId, { outcome: "adjourned" });
  });

  it("the applicant confirms and the respondent disputes: each answer is kept, with the version it answered", () => {
    const t1 = new Date();
    confirmRecord(w.applicant, w.caseId, w.sessionId, { confirmed: true }, t1);
    expect(eventsOf(w.caseId).at(-1)).toMatchObject({ type: "record_confirmed", actorId: liMing.id, actorLabel: "李明（申请人）", summary: "确认笔录中无争议的事实", reason: null, data: { sessionId: w.sessionId, recordVersion: 2 } });

    confirmRecord(w.respondent, w.caseId, w.sessionId, { confirmed: false, disputed: "我没有承认噪音是我家发出的" });
    expect(eventsOf(w.caseId).at(-1)).toMatchObject({
      type: "record_confirmed",
      actorId: w.respondent.id,
      actorLabel: `${w.r.name}（被申请人）`,
      summary: "对笔录提出异议",
      reason: "我没有承认噪音是我家发出的",
      data: { sessionId: w.sessionId, recordVersion: 2 },
    });

    const byName = Object.fromEntries(recordConfirmationsOf(w.sessionId).map((c) => [c.name, c]));
    expect(Object.keys(byName).sort()).toEqual(["李明", w.r.name].sort());
    expect(byName["李明"]).toMatchObject({ userId: liMing.id, confirmed: true, disputed: null, recordVersion: 2, at: t1 });
    expect(byName[w.r.name]).toMatchObject({ userId: w.respondent.id, confirmed: false, disputed: "我没有承认噪音是我家发出的", recordVersion: 2 });
  });

  it("a later answer replaces the same party's earlier one, never the other side's; the answered record is fixed", async () => {
    // Once anyone has answered, the record cannot change under them.
    await rejects(() => saveRecord(w.mediator, w.caseId, w.sessionId, "一、双方确认系上下楼邻居。\n二、噪音来源待查。", 2), "CONFLICT", /笔录不能再修改/);
    confirmRecord(w.respondent, w.caseId, w.sessionId, { confirmed: true });
    const rows = getDb().select().from(recordConfirmations).where(eq(recordConfirmations.sessionId, w.sessionId)).all();
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.userId === w.respondent.id)).toMatchObject({ confirmed: true, disputed: null, recordVersion: 2 });
    expect(rows.find((r) => r.userId === liMing.id)).toMatchObject({ confirmed: true, recordVersion: 2 });
  });

  it("through the case page: a dispute without text is answered in Chinese and writes nothing", async () => {
    const before = snapshot();
    const r = (await post(w.applicant, w.caseId, { intent: "confirm-record", sessionId: w.sessionId, confirmed: "no", disputed: "" })) as ActionReply;
    expect(r.init.status).toBe(400);
    expect(r.data).toMatchObject({ error: "请确认笔录或写明异议", fieldErrors: { disputed: ["请写明有异议的内容"] } });
    expect(snapshot()).toEqual(before);
    const ok = await post(w.applicant, w.caseId, { intent: "confirm-record", sessionId: w.sessionId, confirmed: "no", disputed: "噪音时间记录有误" });
    expect(ok).toEqual({ intent: "confirm-record", done: "已提交对笔录的异议" });
    expect(recordConfirmationsOf(w.sessionId).find((c) => c.userId === liMing.id)).toMatchObject({ confirmed: false, disputed: "噪音时间记录有误", recordVersion: 2 });
  });
});

describe("a confirmation and the text it confirmed", () => {
  // Once a party has answered, the record is fixed (saveRecord refuses), so the download always
  // shows each confirmation beside the very text it confirmed.
  it("a party is never shown as confirming a text changed after they confirmed it", async () => {
    const w = await world();
    allIn(w);
    saveRecord(w.mediator, w.caseId, w.sessionId, "一、被申请人同意赔偿2000元。", 0);
    await endSession(w.mediator, w.caseId, w.sessionId, { outcome: "adjourned" });
    confirmRecord(w.applicant, w.caseId, w.sessionId, { confirmed: true });
    await rejects(() => saveRecord(w.mediator, w.caseId, w.sessionId, "一、被申请人同意赔偿200元。", 1), "CONFLICT", /笔录不能再修改/);
    const res = await recordLoader({
      request: new Request(`http://localhost/cases/${w.caseId}/sessions/${w.sessionId}/record`, { headers: { cookie: cookieOf(w.applicant) } }),
      params: { caseId: w.caseId, sessionId: w.sessionId },
      context: { nonce: "", ip: "127.0.0.1" },
    } as never);
    const text = await res.text();
    expect(text).toContain("赔偿2000元");
    expect(text).not.toContain("赔偿200元。");
    expect(text).toMatch(/^李明：确认无争议事实（[^）]*）$/m);
  });
});

describe("the address for service (送达地址确认书)", () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });

  it("a party confirms once: stored, the party's address updated, on the timeline", () => {
    const at = new Date();
    confirmServiceAddress(w.respondent, w.caseId, { address: "昆明市五华区青年路100号3栋502室", phone: "13712345678" }, at);
    const party = partiesOf(w.caseId).find((p) => p.side === "respondent")!;
    expect(party.address).toBe("昆明市五华区青年路100号3栋502室");
    expect(serviceAddressOf(w.caseId, w.respondent.id)).toEqual({ partyId: party.id, caseId: w.caseId, userId: w.respondent.id, address: "昆明市五华区青年路100号3栋502室", phone: "13712345678", confirmedAt: at });
    expect(eventsOf(w.caseId).at(-1)).toMatchObject({ type: "service_address_confirmed", actorLabel: `${w.r.name}（被申请人）`, summary: "签署送达地址确认书", data: { partyId: party.id } });
    // The applicant's has not been confirmed yet.
    expect(serviceAddressOf(w.caseId, liMing.id)).toBeNull();
  });

  it("a second confirmation is CONFLICT and changes nothing", async () => {
    const before = snapshot();
    await rejects(() => confirmServiceAddress(w.respondent, w.caseId, { address: "昆明市盘龙区北京路1号", phone: "13712345678" }), "CONFLICT", "送达地址已确认过");
    expect(snapshot()).toEqual(before);
    expect(partiesOf(w.caseId).find((p) => p.side === "respondent")!.address).toBe("昆明市五华区青年路100号3栋502室");
    expect(getDb().select().from(serviceAddresses).where(eq(serviceAddresses.caseId, w.caseId)).all()).toHaveLength(1);
  });

  it("the mediator and outsiders cannot confirm one", async () => {
    const before = snapshot();
    await rejects(() => confirmServiceAddress(w.mediator, w.caseId, { address: "昆明市五华区人民中路", phone: "13800000101" }), "FORBIDDEN", "送达地址由当事人确认");
    await rejects(() => confirmServiceAddress(dispatcher, w.caseId, { address: "昆明市五华区人民中路", phone: "13800000010" }), "FORBIDDEN", "您不是本案调解的参与人");
    await rejects(() => confirmServiceAddress(wangFang, w.caseId, { address: "昆明市五华区北京路88号", phone: PHONE.wangFang }), "NOT_FOUND");
    expect(snapshot()).toEqual(before);
  });

  it("through the case page: checked in Chinese, then confirmed once", async () => {
    const before = snapshot();
    const bad = (await post(w.applicant, w.caseId, { intent: "confirm-address", address: "五华", phone: "12345", agree: "on" })) as ActionReply;
    expect(bad.init.status).toBe(400);
    expect(bad.data.error).toBe("请检查送达地址");
    expect(bad.data.fieldErrors!.address).toEqual(["送达地址至少5个字"]);
    expect(bad.data.fieldErrors!.phone).toHaveLength(1);
    const unticked = (await post(w.applicant, w.caseId, { intent: "confirm-address", address: "昆明市五华区翠湖南路12号2单元301室", phone: PHONE.liMing })) as ActionReply;
    expect(unticked.init.status).toBe(400);
    expect(unticked.data.fieldErrors).toMatchObject({ agree: ["请勾选确认"] });
    expect(snapshot()).toEqual(before);

    const ok = await post(w.applicant, w.caseId, { intent: "confirm-address", address: "昆明市五华区翠湖南路12号2单元302室", phone: PHONE.liMing, agree: "on" });
    expect(ok).toEqual({ intent: "confirm-address", done: "送达地址已确认" });
    expect(partiesOf(w.caseId).find((p) => p.side === "applicant")!.address).toBe("昆明市五华区翠湖南路12号2单元302室");
    const again = (await post(w.applicant, w.caseId, { intent: "confirm-address", address: "昆明市五华区翠湖南路12号2单元303室", phone: PHONE.liMing, agree: "on" })) as ActionReply;
    expect(again.init.status).toBe(409);
    expect(again.data.error).toBe("送达地址已确认过");
    expect(partiesOf(w.caseId).find((p) => p.side === "applicant")!.address).toBe("昆明市五华区翠湖南路12号2单元302室");
  });
});

