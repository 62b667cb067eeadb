// 律调对接 end to end: a law firm's referral goes to the 调解协会人民调解委员会, whose mediator (never the
// referring lawyer) takes it to an effective agreement. And the rule of 司发通〔2017〕105号 in every
// place a mediator is chosen or acts: the lawyer who represents a party may not mediate the case,
// and whoever mediated it may not represent a party in it.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { referralFilingSchema } from "~/lib/case-schemas";
import { getDb } from "../../db/client";
import { agreements, caseParties, cases, memberships, users } from "../../db/schema";
import { seed } from "../../db/seed";
import { addMember } from "../../server/admin/orgs";
import type { SessionUser } from "../../server/auth/session";
import { loadCaseFor } from "../../server/cases/access";
import { addEvidence } from "../../server/cases/case-evidence";
import { createDraft, submitDraft, type SubmitInput } from "../../server/cases/filing";
import { saveDraft } from "../../server/agreements/drafts";
import { REPRESENTS_PARTY } from "../../server/handoff/referrals/conflict";
import { transferCase } from "../../server/handoff/transfer/send";
import { endSession, scheduleSession } from "../../server/mediation/sessions";
import { consent, verifyInvitation } from "../../server/triage/consent";
import { acceptCase, assignByHand, declineCase } from "../../server/triage/decisions";
import { draftOf, reachAgreement, signAs } from "./agreement-helpers";
import { caseRow, fileCase, idNumberOf, inMediation, invitationSms, newRespondent, orgId, ORG, partiesOf, PHONE, rejects, snapshot, userByPhone } from "./triage-helpers";

const PNG = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000" + "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082", "hex");

let lawyer: SessionUser & { phone: string };
let association: SessionUser & { phone: string }; // 黄海, 调解协会人民调解委员会
let studio: SessionUser & { phone: string }; // 杨帆, mediator of the referring firm's 律师调解工作室
let wangFang: SessionUser & { phone: string };
let dispatcher: SessionUser;
let admin: SessionUser;

beforeAll(async () => {
  await seed();
  lawyer = userByPhone(PHONE.lawyer);
  association = userByPhone(PHONE.association);
  studio = userByPhone(PHONE.lawyerStudio);
  wangFang = userByPhone(PHONE.wangFang);
  dispatcher = userByPhone(PHONE.dispatcher);
  admin = userByPhone("13800000000");
});

function referral(respondent = newRespondent("吴国栋")): SubmitInput {
  return {
    source: "lawyer_referral",
    data: referralFilingSchema.parse({
      category: "合同",
      regionCode: "530102",
      areaCode: "530102001",
      facts: "委托人向对方供应建材，对方验收后拖欠货款至今未付，多次催收无果。",
      claims: "请求对方支付货款60000元，分三期付清",
      amountYuan: 60000,
      client: { kind: "person", name: "王芳", idNumber: idNumberOf(PHONE.wangFang), phone: PHONE.wangFang, address: "昆明市五华区北京路88号" },
      respondents: [respondent],
    }),
  };
}

/** The lawyer's referral, with the client's power of attorney, submitted. */
async function refer(respondent = newRespondent("吴国栋")) {
  const caseId = createDraft(lawyer);
  await addEvidence(lawyer, caseId, [{ name: "授权委托书.png", bytes: PNG }], "power_of_attorney");
  await submitDraft(lawyer, caseId, referral(respondent));
  return caseId;
}

describe("律调对接 end to end: referral → the committee presides, the firm's studio sends the mediator → an effective agreement", () => {
  it("runs from the lawyer's referral to an agreement every side signed, the referring lawyer never mediating", async () => {
    const r = newRespondent("吴国栋");
    const caseId = await refer(r);
    // The committee presides (its case, its seal); the referring firm's studio sends 杨帆 (domain.md, 律调对接).
    expect(caseRow(caseId)).toMatchObject({ source: "lawyer_referral", status: "awaiting_acceptance", orgId: orgId(ORG.association), mediatorId: studio.id, filedById: lawyer.id });
    expect(caseRow(caseId).routingReason).toMatch(/^律调对接：由调解协会人民调解委员会主持调解.*；云岭律师事务所律师调解工作室派调解员杨帆参与$/);
    const association = studio; // who mediates from here on
    await acceptCase(association, caseId, { conflict: "none" });
    const { token, code } = invitationSms(r.phone);
    await verifyInvitation(token, { code, name: r.name, idNumber: r.idNumber, password: "Huijie2026" }, { ip: "127.0.0.1", userAgent: "vitest" });
    const respondent = userByPhone(r.phone);
    await consent(respondent, caseId);
    expect(caseRow(caseId).status).toBe("mediating");

    await reachAgreement(association, caseId);
    await saveDraft(association, caseId, { content: draftOf(association, caseId), baseVersion: 0 });
    for (const u of [wangFang, respondent, association]) await signAs(u, caseId, 1);

    expect(caseRow(caseId)).toMatchObject({ status: "effective", mediatorId: association.id });
    const a = getDb().select().from(agreements).where(eq(agreements.caseId, caseId)).get()!;
    expect(a).toMatchObject({ status: "effective", orgId: orgId(ORG.association) });
    expect(a.effectiveAt).toBeInstanceOf(Date);
    // The lawyer follows the case as the client's agent and filer, never as its mediator.
    expect(loadCaseFor(lawyer, caseId).roles.sort()).toEqual(["applicant", "filer"]);
    expect(partiesOf(caseId).find((p) => p.side === "applicant")).toMatchObject({ userId: wangFang.id, agentUserId: lawyer.id });
  });

  it("a mediator's account cannot file a referral: the one who may mediate never represents (the accounts' roles)", async () => {
    await rejects(() => createDraft(association), "FORBIDDEN", "您的账号不能提交调解申请");
  });
});

describe("司发通〔2017〕105号 in every place a mediator is chosen or acts", () => {
  // A lawyer who is also on a committee's roster of mediators: the platform keeps one account per
  // person and role, so this is simulated by making the referring lawyer's account a mediator of the
  // 调解协会 committee — what an administrator could do when the firm's lawyers join the roster.
  beforeAll(() => {
    getDb().update(users).set({ role: "mediator" }).where(eq(users.id, lawyer.id)).run();
    getDb().insert(memberships).values({ id: "m-lawyer-assoc", userId: lawyer.id, orgId: orgId(ORG.association), role: "member" }).run();
  });
  afterAll(() => {
    getDb().delete(memberships).where(eq(memberships.id, "m-lawyer-assoc")).run();
    getDb().update(users).set({ role: "lawyer" }).where(eq(users.id, lawyer.id)).run();
  });
  const asMediator = (): SessionUser => ({ ...lawyer, role: "mediator" });

  let caseId = "";
  beforeAll(async () => {
    // Filed while the account was still a lawyer's.
    getDb().update(users).set({ role: "lawyer" }).where(eq(users.id, lawyer.id)).run();
    caseId = await refer();
    getDb().update(users).set({ role: "mediator" }).where(eq(users.id, lawyer.id)).run();
  });

  it("manual assignment (dispatcher or head): naming the referring lawyer is refused with the rule, nothing written", async () => {
    const before = snapshot();
    const e = await rejects(assignByHand(dispatcher, caseId, { orgId: orgId(ORG.association), mediatorId: lawyer.id, reason: "指派律师本人" }), "BAD_INPUT", REPRESENTS_PARTY);
    expect(e.field).toBe("orgId");
    expect(e.message).toContain("司发通〔2017〕105号");
    expect(snapshot()).toEqual(before);
  });

  it("manual assignment to the organisation: the least-loaded pick skips the lawyer, though he has no cases", async () => {
    await assignByHand(dispatcher, caseId, { orgId: orgId(ORG.association), reason: "重新指派" });
    expect(caseRow(caseId).mediatorId).toBe(association.id);
  });

  it("automatic routing after a decline: never the lawyer — the case goes to the dispatcher instead", async () => {
    await declineCase(association, caseId, "本人近期外出");
    expect(caseRow(caseId)).toMatchObject({ status: "unrouted", mediatorId: null });
  });

  it("accepting: a lawyer somehow named the mediator may not accept, whatever he declares", async () => {
    const id = await refer();
    getDb().update(cases).set({ mediatorId: lawyer.id }).where(eq(cases.id, id)).run();
    expect(loadCaseFor(asMediator(), id).roles).toContain("mediator");
    const before = snapshot();
    await rejects(acceptCase(asMediator(), id, { conflict: "declare", conflictDetail: "本人是申请人的代理律师" }), "FORBIDDEN", REPRESENTS_PARTY);
    await rejects(acceptCase(asMediator(), id, { conflict: "none" }), "FORBIDDEN", REPRESENTS_PARTY);
    expect(snapshot()).toEqual(before);
  });

  it("a party's agent in any case (not only referrals) is never chosen as its mediator", async () => {
    const huashan = userByPhone(PHONE.huashan);
    const { caseId: id } = await fileCase(userByPhone(PHONE.liMing));
    // 王建国 (a mediator of 华山街道) stands for the respondent in this dispute.
    getDb().update(caseParties).set({ agentUserId: huashan.id }).where(and(eq(caseParties.caseId, id), eq(caseParties.side, "respondent"))).run();
    await rejects(assignByHand(dispatcher, id, { orgId: orgId(ORG.huashan), mediatorId: huashan.id, reason: "就近指派" }), "BAD_INPUT", REPRESENTS_PARTY);
    await rejects(assignByHand(dispatcher, id, { orgId: orgId(ORG.huashan), reason: "就近指派" }), "BAD_INPUT", "该组织暂无可用调解员");
    await declineCase(userByPhone(PHONE.cuihu), id, "本人与申请人相识");
    expect(caseRow(id).mediatorId).not.toBe(huashan.id);
  });
});

describe("the organisation's member management cannot make the referring lawyer a mediator", () => {
  it("a lawyer's account added to the committee's roster is never picked: only mediator accounts mediate", async () => {
    addMember(admin.id, orgId(ORG.association), PHONE.lawyer, "member");
    expect(getDb().select().from(memberships).where(and(eq(memberships.userId, lawyer.id), eq(memberships.orgId, orgId(ORG.association)))).get()).toBeTruthy();
    const id = await refer();
    expect(caseRow(id).mediatorId).toBe(studio.id);
    await declineCase(studio, id, "本人近期外出");
    // The studio's mediator declined: the committee's own mediator takes it — still never the lawyer.
    expect(caseRow(id)).toMatchObject({ status: "awaiting_acceptance", orgId: orgId(ORG.association), mediatorId: association.id });
    await rejects(assignByHand(dispatcher, id, { orgId: orgId(ORG.association), mediatorId: lawyer.id, reason: "指派律师本人" }), "BAD_INPUT", "所选调解员不属于该组织或已停用");
    // A mediator of the referring firm's studio may be named by hand for the committee's case.
    await assignByHand(dispatcher, id, { orgId: orgId(ORG.association), mediatorId: studio.id, reason: "律所工作室派员参与调解" });
    expect(caseRow(id)).toMatchObject({ orgId: orgId(ORG.association), mediatorId: studio.id });
  });
});

describe("the other direction: whoever mediated the case may not represent a party when it moves on", () => {
  it("a transfer whose party agent mediated the case is refused with the rule, nothing written", async () => {
    const cuihu = userByPhone(PHONE.cuihu);
    const w = await inMediation(userByPhone(PHONE.liMing), cuihu);
    const sessionId = await scheduleSession(cuihu, w.caseId, { scheduledAt: new Date(Date.now() + 60_000), durationMin: 60, mode: "joint" });
    await endSession(cuihu, w.caseId, sessionId, { outcome: "failed", failReason: "too_far_apart" });
    // The mediator turns up as the respondent's representative.
    getDb().update(caseParties).set({ agentUserId: cuihu.id }).where(and(eq(caseParties.caseId, w.caseId), eq(caseParties.side, "respondent"))).run();
    const before = snapshot();
    await rejects(
      transferCase(userByPhone(PHONE.liMing), w.caseId, { kind: "litigation", orgId: orgId(ORG.court), arbitrationAgreement: false }),
      "BAD_INPUT",
      new RegExp(`代理人曾调解本案：.*司发通〔2017〕105号`),
    );
    expect(snapshot()).toEqual(before);
    expect(caseRow(w.caseId).status).toBe("failed");
  });
});
