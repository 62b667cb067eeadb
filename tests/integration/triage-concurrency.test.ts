// Races on one case: two people (or one person twice) acting at once. Exactly one change may win,
// the loser gets a Chinese message saying why, and a stale write leaves no trace.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { assignments, caseEvents, users } from "../../db/schema";
import { seed } from "../../db/seed";
import type { SessionUser } from "../../server/auth/session";
import { SYSTEM } from "../../server/cases/actor";
import { createDraft, submitDraft } from "../../server/cases/filing";
import { transition } from "../../server/cases/timeline";
import { isAppError } from "../../server/lib/errors";
import { createId } from "../../server/lib/ids";
import { consent, openInvitation, refuse, verifyInvitation } from "../../server/triage/consent";
import { acceptCase, agreeToDisclosure, assignByHand, declineCase, setRisk, withdrawCase } from "../../server/triage/decisions";
import {
  assignmentsOf,
  caseRow,
  citizenInput,
  eventsOf,
  fileCase,
  invitationSms,
  invitationsOf,
  newRespondent,
  ORG,
  orgId,
  partiesOf,
  PHONE,
  smsTo,
  snapshot,
  userByPhone,
} from "./triage-helpers";

const META = { ip: "127.0.0.1" };
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

type Settled<T> = PromiseSettledResult<T>;

/** The one fulfilled result and the one rejection of a two-way race. */
function oneWins<T>(results: Settled<T>[]): { value: T; error: { code: string; message: string }; winner: number } {
  expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
  const winner = results.findIndex((r) => r.status === "fulfilled");
  const value = (results[winner] as PromiseFulfilledResult<T>).value;
  const reason = (results[1 - winner] as PromiseRejectedResult).reason as unknown;
  expect(isAppError(reason), `loser threw ${String(reason)}`).toBe(true);
  return { value, error: reason as { code: string; message: string }, winner };
}

const transitions = (caseId: string) => eventsOf(caseId).filter((e) => e.fromStatus !== null);

describe("the same mediator accepts twice at once (double click)", () => {
  it("exactly one acceptance; the other gets CONFLICT in Chinese; one invitation, one SMS", async () => {
    const respondent = newRespondent();
    const { caseId } = await fileCase(liMing, citizenInput({}, respondent));
    const results = await Promise.allSettled([acceptCase(cuihu, caseId, { conflict: "none" }), acceptCase(cuihu, caseId, { conflict: "none" })]);
    const { value, error } = oneWins(results);
    expect(value.status).toBe("awaiting_consent");
    expect(error).toMatchObject({ code: "CONFLICT", message: '案件当前状态为"待对方同意"，不能受理' });

    expect(caseRow(caseId)).toMatchObject({ status: "awaiting_consent", version: 2 });
    expect(eventsOf(caseId).map((e) => e.type)).toEqual(["draft_created", "submitted", "accepted", "invited"]);
    expect(invitationsOf(caseId)).toHaveLength(1);
    expect(smsTo(respondent.phone)).toHaveLength(1);
    expect(assignmentsOf(caseId).map((a) => a.state)).toEqual(["accepted"]);
  });

  it("accept and decline at once: one wins, the other is told the case has moved on", async () => {
    const { caseId } = await fileCase(liMing);
    const results = await Promise.allSettled([acceptCase(cuihu, caseId, { conflict: "none" }), declineCase(cuihu, caseId, "临时有事")]);
    const { error, winner } = oneWins(results);
    expect(winner).toBe(0);
    expect(error).toMatchObject({ code: "CONFLICT", message: '案件当前状态为"待对方同意"，不能不予受理' });
    expect(caseRow(caseId).version).toBe(2);
    expect(transitions(caseId).map((e) => e.type)).toEqual(["submitted", "accepted"]);
  });
});

describe("the dispatcher and the mediator act at once", () => {
  it("assignment first: the case is gone from the mediator, whose acceptance is refused and writes nothing", async () => {
    const { caseId } = await fileCase(liMing);
    const results = await Promise.allSettled([
      assignByHand(dispatcher, caseId, { orgId: orgId(ORG.huashan), reason: "社区调委会人手不足" }),
      acceptCase(cuihu, caseId, { conflict: "none" }),
    ]);
    const { value, error, winner } = oneWins(results);
    expect(winner).toBe(0);
    expect(value).toMatchObject({ status: "awaiting_acceptance", mediatorId: huashan.id });
    // She no longer has any standing on the case, so it is 404 for her, like any stranger.
    expect(error).toMatchObject({ code: "NOT_FOUND", message: "案件不存在或您无权查看" });
    expect(caseRow(caseId).version).toBe(2);
    expect(eventsOf(caseId).map((e) => e.type)).toEqual(["draft_created", "submitted", "assigned"]);
    expect(invitationsOf(caseId)).toEqual([]);
  });

  it("withdrawal first: the acceptance is refused with the status in words", async () => {
    const { caseId } = await fileCase(liMing);
    const results = await Promise.allSettled([withdrawCase(liMing, caseId, "已私下和解"), acceptCase(cuihu, caseId, { conflict: "none" })]);
    const { error } = oneWins(results);
    expect(error).toMatchObject({ code: "CONFLICT", message: '案件当前状态为"已撤回"，不能受理' });
    expect(caseRow(caseId)).toMatchObject({ status: "withdrawn", version: 2 });
    expect(invitationsOf(caseId)).toEqual([]);
  });

  // NOTE (reported as a design gap): the services take no "version I saw", so an assignment
  // decided on a page that still showed 待受理 is applied after the acceptance that beat it.
  // The state machine allows assign from awaiting_consent on purpose, so both calls succeed and
  // the acceptance (and the invitation SMS already sent) is undone. This pins today's behaviour.
  it("acceptance first: the dispatcher's assignment still goes through and restarts acceptance", async () => {
    const respondent = newRespondent();
    const { caseId } = await fileCase(liMing, citizenInput({}, respondent));
    const results = await Promise.allSettled([
      acceptCase(cuihu, caseId, { conflict: "none" }),
      assignByHand(dispatcher, caseId, { orgId: orgId(ORG.huashan), reason: "社区调委会人手不足" }),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled"]);
    expect(caseRow(caseId)).toMatchObject({ status: "awaiting_acceptance", mediatorId: huashan.id, acceptedAt: null, version: 3 });
    expect(transitions(caseId).map((e) => [e.type, e.fromStatus, e.toStatus])).toEqual([
      ["submitted", "draft", "awaiting_acceptance"],
      ["accepted", "awaiting_acceptance", "awaiting_consent"],
      ["assigned", "awaiting_consent", "awaiting_acceptance"],
    ]);
    expect(smsTo(respondent.phone)).toHaveLength(1);
    expect(openInvitation(invitationSms(respondent.phone).token).state).toBe("closed");
  });

  it("the respondent consents and refuses at once: one answer only", async () => {
    const respondent = newRespondent();
    const { caseId } = await fileCase(liMing, citizenInput({}, respondent));
    await acceptCase(cuihu, caseId, { conflict: "none" });
    const { token, code } = invitationSms(respondent.phone);
    await verifyInvitation(token, { code, name: respondent.name, idNumber: respondent.idNumber, password: "Huijie2026" }, META);
    const me = userByPhone(respondent.phone);
    const results = await Promise.allSettled([consent(me, caseId), refuse(me, caseId, "不同意")]);
    const { error, winner } = oneWins(results);
    expect(winner).toBe(0);
    expect(error).toMatchObject({ code: "CONFLICT", message: "您已答复过本案的调解邀请" });
    expect(caseRow(caseId)).toMatchObject({ status: "mediating", version: 3 });
    expect(partiesOf(caseId).find((p) => p.side === "respondent")).toMatchObject({ consent: "consented", refuseReason: null });
  });
});

describe("versions", () => {
  it("go up by exactly one per transition, with exactly one timeline row each", async () => {
    const respondent = newRespondent();
    const { caseId } = await fileCase(liMing, citizenInput({}, respondent));
    expect(caseRow(caseId).version).toBe(1);
    await acceptCase(cuihu, caseId, { conflict: "declare", conflictDetail: "本人曾与申请人同一单位工作" });
    expect(caseRow(caseId).version).toBe(2);
    const { token, code } = invitationSms(respondent.phone);
    await verifyInvitation(token, { code, name: respondent.name, idNumber: respondent.idNumber, password: "Huijie2026" }, META);
    expect(caseRow(caseId).version).toBe(2); // verification is not a status change
    await setRisk(cuihu, caseId, { risk: "yellow", reason: "双方情绪激动" });
    expect(caseRow(caseId)).toMatchObject({ version: 3, status: "awaiting_consent" });
    await consent(userByPhone(respondent.phone), caseId);
    // A disclosed conflict: mediation waits for the applicant's agreement too (Art 13).
    expect(caseRow(caseId)).toMatchObject({ version: 4, status: "awaiting_consent" });
    await agreeToDisclosure(liMing, caseId);
    const row = caseRow(caseId);
    expect(row).toMatchObject({ version: 5, status: "mediating", conflictDisclosure: "本人曾与申请人同一单位工作" });
    expect(transitions(caseId).map((e) => e.type)).toEqual(["submitted", "accepted", "risk_changed", "consented", "disclosure_agreed"]);
    expect(transitions(caseId)).toHaveLength(row.version);
  });

  it("a refused step does not bump the version", async () => {
    const { caseId } = await fileCase(liMing);
    await expect(consent(liMing, caseId)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(withdrawCase(cuihu, caseId, "越权")).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(setRisk(cuihu, caseId, { risk: "green", reason: "没变" })).rejects.toMatchObject({ code: "BAD_INPUT", message: "风险等级未变化" });
    expect(caseRow(caseId).version).toBe(1);
    expect(eventsOf(caseId)).toHaveLength(2);
  });
});

describe("a stale update", () => {
  it("writes nothing: no status, no patch, no timeline row, and the caller gets CONFLICT", async () => {
    const { caseId } = await fileCase(liMing);
    const stale = caseRow(caseId); // version 1, awaiting_acceptance
    await declineCase(cuihu, caseId, "需要回避"); // version 2, now with 王建国
    const before = snapshot();
    const eventsBefore = eventsOf(caseId).length;

    let thrown: unknown = null;
    try {
      getDb().transaction((tx) => {
        // Written first in the same transaction, as assignByHand does: must roll back too.
        tx.insert(assignments).values({ id: createId(), caseId, orgId: orgId(ORG.cuihu), mediatorId: cuihu.id }).run();
        transition(tx, stale, "accept", ["mediator"], SYSTEM, "awaiting_consent", { acceptedAt: new Date(), conflictDisclosure: "旧页面" }, { type: "accepted", summary: "调解员受理本案" });
      });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toMatchObject({ code: "CONFLICT", message: "案件刚刚已被他人处理，请刷新页面查看最新状态" });
    expect(snapshot()).toEqual(before);
    expect(eventsOf(caseId)).toHaveLength(eventsBefore);
    expect(caseRow(caseId)).toMatchObject({ version: 2, status: "awaiting_acceptance", mediatorId: huashan.id, acceptedAt: null, conflictDisclosure: null });
  });

  it("with a stale status the state machine refuses first", async () => {
    const { caseId } = await fileCase(liMing);
    await acceptCase(cuihu, caseId, { conflict: "none" });
    const row = caseRow(caseId);
    expect(() => getDb().transaction((tx) => transition(tx, row, "accept", ["mediator"], SYSTEM, "awaiting_consent", {}, { type: "accepted", summary: "再受理" }))).toThrow('案件当前状态为"待对方同意"，不能受理');
    expect(caseRow(caseId).version).toBe(2);
  });
});

describe("the respondent's invitation under parallel requests", () => {
  it("ten wrong codes sent at once still count to five and lock", async () => {
    const respondent = newRespondent();
    const { caseId } = await fileCase(liMing, citizenInput({}, respondent));
    await acceptCase(cuihu, caseId, { conflict: "none" });
    const { token, code } = invitationSms(respondent.phone);
    const bad = String((Number(code) + 7) % 1_000_000).padStart(6, "0");
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => verifyInvitation(token, { code: bad, name: respondent.name, idNumber: respondent.idNumber }, META)));
    const codes = results.map((r) => (r.status === "rejected" ? (r.reason as { code: string }).code : "ok"));
    expect(codes.filter((c) => c === "BAD_INPUT")).toHaveLength(5);
    expect(codes.filter((c) => c === "TOO_MANY")).toHaveLength(5);
    expect(invitationsOf(caseId)[0].attempts).toBe(5);
  });

  // Regression guard (a bug found and fixed): server/triage/consent.ts verifyInvitation looks for an existing account *before*
  // `await hashPassword(...)` and inserts the new one after it, outside any re-check. Two
  // verifications in flight (a double-tapped button on a phone) both see "no account"; the second
  // insert hits a unique index (users.id_number) and a raw SqliteError escapes (a 500) instead of an AppError.
  it("two verifications at once create one account; the second gets a clear answer or the same account", async () => {
    const respondent = newRespondent();
    const { caseId } = await fileCase(liMing, citizenInput({}, respondent));
    await acceptCase(cuihu, caseId, { conflict: "none" });
    const { token, code } = invitationSms(respondent.phone);
    const input = { code, name: respondent.name, idNumber: respondent.idNumber, password: "Huijie2026" };
    const results = await Promise.allSettled([verifyInvitation(token, input, META), verifyInvitation(token, input, META)]);
    for (const r of results) if (r.status === "rejected") expect(isAppError(r.reason), String(r.reason)).toBe(true);
    expect(results.some((r) => r.status === "fulfilled")).toBe(true);
    expect(getDb().select().from(users).where(eq(users.phone, respondent.phone)).all()).toHaveLength(1);
  });
});

describe("the same draft submitted twice at once", () => {
  // Regression (was a bug): both submissions in flight filed the draft — two case numbers, the
  // parties twice, two assignments. The status is now re-checked inside the transaction.
  it("files it once; the second submission gets CONFLICT", async () => {
    const draftId = createDraft(liMing);
    const input = citizenInput();
    const results = await Promise.allSettled([submitDraft(liMing, draftId, input), submitDraft(liMing, draftId, input)]);
    const { error, winner } = oneWins(results);
    expect(winner).toBe(0);
    expect(error).toMatchObject({ code: "CONFLICT", message: "申请已经提交过了，请勿重复提交" });
    expect(partiesOf(draftId)).toHaveLength(2);
    expect(eventsOf(draftId).filter((e) => e.type === "submitted")).toHaveLength(1);
    expect(getDb().select().from(caseEvents).where(eq(caseEvents.caseId, draftId)).all()).toHaveLength(2);
    expect(assignmentsOf(draftId)).toHaveLength(1);
  });
});
