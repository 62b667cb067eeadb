// 司法确认 through the real services: the joint application (one party alone never reaches the
// court; codes; the 30-day window of 人民调解法 Art 33; competent courts and Art 355 refusals), the
// court's acceptance, questioning, extension and rulings (valid or rejected on an Art 358 ground),
// the ruling PDF and its verification, re-mediation, and the timers that never fire twice.
import { and, count, eq } from "drizzle-orm";
import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { agreements, caseEvents, cases, documents, handoffApplicants, handoffs } from "../../db/schema";
import { seed } from "../../db/seed";
import type { SessionUser } from "../../server/auth/session";
import { agreementOfCase } from "../../server/agreements/store";
import { loadCaseFor } from "../../server/cases/access";
import { blobPath } from "../../server/cases/evidence";
import { lookupDocument, verifyUpload } from "../../server/documents/registry";
import { sendConfirmationCode, signConfirmation, startConfirmation, withdrawConfirmation } from "../../server/handoff/confirmation/apply";
import { acceptApplication, courtApplication, declineApplication, extendReview, scheduleInquiry } from "../../server/handoff/confirmation/court";
import { issueApplicationOnce, manifestOf } from "../../server/handoff/confirmation/package";
import { confirmationPage, courtInbox } from "../../server/handoff/confirmation/pages";
import { courtAcceptDue, rulingDue } from "../../server/handoff/deadlines";
import { remediateAfterRejection } from "../../server/handoff/confirmation/remediate";
import { CONFIRMED_STATUS, REJECTED_STATUS, ruleOnApplication, rulingOf } from "../../server/handoff/confirmation/ruling";
import { sweepConfirmations } from "../../server/handoff/confirmation/sweep";
import { openConfirmation } from "../../server/handoff/confirmation/store";
import { after, confirmationCode, effectiveCase, judge, JUDGE_PANLONG, META, pdfSignatures, pdfText, setDomicile, signPart } from "./confirmation-helpers";
import { caseRow, eventsOf, notesOf, orgId, PHONE, rejects, smsTo, userByPhone } from "./triage-helpers";

let liMing: SessionUser & { phone: string };
let cuihu: SessionUser & { phone: string };
let linXiao: SessionUser;
let zhouLan: SessionUser;
let wuhuaCourt: string;
let panlongCourt: string;

beforeAll(async () => {
  await seed();
  liMing = userByPhone(PHONE.liMing);
  cuihu = userByPhone(PHONE.cuihu);
  linXiao = judge();
  zhouLan = judge(JUDGE_PANLONG);
  wuhuaCourt = orgId("昆明市五华区人民法院");
  panlongCourt = orgId("昆明市盘龙区人民法院");
});

function handoff(id: string) {
  return getDb().select().from(handoffs).where(eq(handoffs.id, id)).get()!;
}
function applicantRows(id: string) {
  return getDb().select({ n: count() }).from(handoffApplicants).where(eq(handoffApplicants.handoffId, id)).get()!.n;
}

/** Both parties apply to 五华 court: the application is with the court. */
async function submitted() {
  const w = await effectiveCase(liMing, cuihu);
  const { handoffId } = await startConfirmation(liMing, w.caseId, { courtId: wuhuaCourt });
  await signPart(liMing, w.caseId);
  await signPart(w.respondent, w.caseId);
  return { ...w, handoffId };
}

async function accepted() {
  const w = await submitted();
  const r = await acceptApplication(linXiao, w.handoffId);
  return { ...w, ...r };
}

/** An instant in China time, e.g. cst("2026-10-01 09:00"). */
const cst = (s: string) => new Date(`${s.replace(" ", "T")}:00+08:00`);
/** 24:00 (23:59:59.999) China time of a China date: where every period of days ends. */
const endOf = (day: string) => new Date(`${day}T23:59:59.999+08:00`);

/**
 * A case whose agreement took effect at a fixed instant, for the periods counted in calendar days
 * and rest days (民事诉讼法 Art 85): the services are given the clock, so the dates are known.
 */
async function effectiveOn(effectiveAt: Date) {
  const w = await effectiveCase(liMing, cuihu);
  getDb().update(agreements).set({ effectiveAt }).where(eq(agreements.id, w.agreement.id)).run();
  return { ...w, effectiveAt };
}

/** Both parties sign at `signedAt`: the application reaches 五华 court then. */
async function submittedOn(effectiveAt: Date, signedAt: Date) {
  const w = await effectiveOn(effectiveAt);
  const { handoffId } = await startConfirmation(liMing, w.caseId, { courtId: wuhuaCourt }, signedAt);
  await signPart(liMing, w.caseId, signedAt);
  await signPart(w.respondent, w.caseId, signedAt);
  return { ...w, handoffId };
}

describe("the joint application (人民调解法 Art 33: both parties apply)", () => {
  it("one party applying alone never reaches the court: the case stays effective and the court sees nothing", async () => {
    const { caseId, respondent } = await effectiveCase(liMing, cuihu);
    const { handoffId } = await startConfirmation(liMing, caseId, { courtId: wuhuaCourt });
    const r = await signPart(liMing, caseId);
    expect(r).toEqual({ submitted: false, handoffId });
    expect(handoff(handoffId)).toMatchObject({ status: "applying", submittedAt: null, acceptDue: null });
    expect(caseRow(caseId)).toMatchObject({ status: "effective", handoffOrgId: null });
    expect(courtInbox(linXiao).pending.find((p) => p.id === handoffId)).toBeUndefined();
    await rejects(() => courtApplication(linXiao, handoffId), "NOT_FOUND");
    await rejects(() => loadCaseFor(linXiao, caseId), "NOT_FOUND");
    // Each step is on the timeline; the status did not change.
    const steps = eventsOf(caseId).filter((e) => e.type.startsWith("confirmation_"));
    expect(steps.map((e) => [e.type, e.toStatus])).toEqual([
      ["confirmation_started", null],
      ["confirmation_signed", null],
    ]);
    expect(steps[1].summary).toContain(`尚待${respondent.name}签署`);
    expect(notesOf(respondent.id, caseId).at(-1)?.title).toBe("请签署司法确认申请");
    // Signing twice is refused, nothing more written.
    await rejects(sendConfirmationCode(liMing, caseId), "CONFLICT", "您已签署本申请，等待其他当事人签署");
    expect(applicantRows(handoffId)).toBe(1);
  });

  it("the last signature submits it: status, dates, the court's inbox, the case with the court, everyone told", async () => {
    const { caseId, respondent, handoffId } = await submitted();
    const h = handoff(handoffId);
    expect(h).toMatchObject({ status: "submitted", targetOrgId: wuhuaCourt });
    // The 3 days of 法释〔2011〕5号 Art 4, counted as the test below and tests/unit/handoff-deadlines show.
    expect(h.acceptDue).toEqual(courtAcceptDue(h.submittedAt!));
    expect(caseRow(caseId)).toMatchObject({ status: "confirming", handoffOrgId: wuhuaCourt });
    expect(courtInbox(linXiao).pending.find((p) => p.id === handoffId)).toMatchObject({ status: "submitted", dueLabel: "受理期限", tone: "ok" });
    expect(eventsOf(caseId).find((e) => e.type === "confirmation_submitted")).toMatchObject({ fromStatus: "effective", toStatus: "confirming" });
    expect(notesOf(linXiao.id, caseId).at(-1)).toMatchObject({ title: "新的司法确认申请", link: `/court/confirmations/${handoffId}` });
    expect(smsTo(respondent.phone).at(-1)?.body).toContain("司法确认申请已提交昆明市五华区人民法院");
    // The judge now sees the case (the court holds it).
    expect(loadCaseFor(linXiao, caseId).roles).toContain("court");
  });

  it("assembles the package: the application PDF with the proof of presiding and identities, the agreement, the manifest", async () => {
    const { caseId, handoffId, respondent, agreement, r } = await submitted();
    const manifest = manifestOf({ id: handoffId, caseId })!;
    expect(manifest.agreement).toMatchObject({ docNo: agreement.docNo, sha256: agreementOfCase(caseId)!.pdfSha256 });
    expect(await issueApplicationOnce(handoffId)).toEqual(manifest); // once: the same file again
    expect(eventsOf(caseId).filter((e) => e.type === "confirmation_package")).toHaveLength(1);
    const text = pdfText(fs.readFileSync(blobPath(manifest.application.sha256)));
    for (const s of ["司法确认申请书", "请求事项", "此致", "昆明市五华区人民法院", "调解组织主持调解的证明", "翠湖社区人民调解委员会", "李桂芬", "当事人身份及联系方式", "李明", respondent.name, r.idNumber, r.phone, "短信验证码电子签署"])
      expect(text, s).toContain(s);
  });

  it("a wrong code is refused with the attempts left, and nothing is written", async () => {
    const { caseId, respondent } = await effectiveCase(liMing, cuihu);
    const { handoffId } = await startConfirmation(respondent, caseId, { courtId: wuhuaCourt });
    await sendConfirmationCode(liMing, caseId);
    const good = confirmationCode(liMing.phone);
    const wrong = good === "000000" ? "111111" : "000000";
    await rejects(signConfirmation(liMing, caseId, { code: wrong }, META), "BAD_INPUT", "验证码不正确，还可尝试4次");
    await rejects(signConfirmation(liMing, caseId, { code: "12ab" }, META), "BAD_INPUT", "请输入短信中的6位验证码");
    expect(applicantRows(handoffId)).toBe(0);
    // A party who is not on the case cannot take part at all.
    await rejects(sendConfirmationCode(userByPhone(PHONE.wangFang), caseId), "NOT_FOUND");
    await signConfirmation(liMing, caseId, { code: good }, META);
    expect(applicantRows(handoffId)).toBe(1);
    // A used code does not sign again.
    await rejects(signConfirmation(liMing, caseId, { code: good }, META), "CONFLICT");
  });

  it("法释〔2011〕5号第四条 with 民事诉讼法第八十五条：an application reaching the court on a Wednesday must be accepted by Monday 24:00, its third day being a Saturday", async () => {
    // Agreement effective Mon 11-02 (window to Wed 12-02); signed by both on Wed 11-18 at 16:00.
    const { caseId, handoffId } = await submittedOn(cst("2026-11-02 10:00"), cst("2026-11-18 16:00"));
    expect(handoff(handoffId).acceptDue).toEqual(endOf("2026-11-23"));
    expect(eventsOf(caseId).find((e) => e.type === "confirmation_submitted")?.summary).toContain("法院应于2026/11/23 23:59前决定是否受理");
    // Saturday 16:00, 3×24 hours after: not late, and not yet within the day before the deadline.
    expect(courtInbox(linXiao, cst("2026-11-21 16:01")).pending.find((p) => p.id === handoffId)).toMatchObject({ dueLabel: "受理期限", tone: "ok" });
    expect(courtInbox(linXiao, cst("2026-11-23 09:00")).pending.find((p) => p.id === handoffId)).toMatchObject({ tone: "near" });
  });

  it("after the 30 days — to 24:00 of their last day, moved past National Day (民事诉讼法第八十五条) — the option closes and says why (人民调解法 Art 33), for starting and for signing", async () => {
    // Effective Tue 9-01: the 30th day is Thu 10-01, National Day; the holiday runs to 10-07, so the
    // window ends at 24:00 of Thu 10-08 (民事诉讼法 Art 85), not at 10:00 on 10-01.
    const { caseId, respondent, effectiveAt } = await effectiveOn(cst("2026-09-01 10:00"));
    const { handoffId } = await startConfirmation(liMing, caseId, { courtId: wuhuaCourt }, after(effectiveAt, 29));
    const holiday = after(effectiveAt, 30, 1);
    expect(confirmationPage(loadCaseFor(liMing, caseId), holiday).window).toEqual({ endsAt: endOf("2026-10-08"), open: true, daysLeft: 8 });
    await sendConfirmationCode(respondent, caseId, holiday);
    const late = cst("2026-10-09 00:00");
    await rejects(sendConfirmationCode(respondent, caseId, late), "CONFLICT", /已超过申请期限.*（2026\/10\/08 23:59前）.*《中华人民共和国人民调解法》第三十三条/);
    await rejects(signConfirmation(respondent, caseId, { code: "123456" }, META, late), "CONFLICT", /人民调解法》第三十三条/);
    await withdrawConfirmation(liMing, caseId, { reason: "改选法院" }, late);
    await rejects(startConfirmation(liMing, caseId, { courtId: wuhuaCourt }, late), "CONFLICT", /三十日内.*第三十三条/);
    expect(handoff(handoffId).status).toBe("closed");
    const page = confirmationPage(loadCaseFor(liMing, caseId), late);
    expect(page.window).toMatchObject({ open: false, daysLeft: 0 });
    expect(page.can.start).toBe(false);
  });

  it("only a competent court may be chosen (民事诉讼法 Art 205); a respondent in 盘龙区 makes 盘龙 court competent", async () => {
    const { caseId, respondent } = await effectiveCase(liMing, cuihu);
    await rejects(startConfirmation(liMing, caseId, { courtId: panlongCourt }), "BAD_INPUT", /所选法院对本案没有管辖权.*第二百零五条.*可选择：昆明市五华区人民法院/);
    expect(openConfirmation(caseId)).toBeUndefined();
    setDomicile(caseId, "respondent", "530103");
    const page = confirmationPage(loadCaseFor(respondent, caseId));
    expect(page.competence.courts.map((c) => c.name)).toEqual(["昆明市五华区人民法院", "昆明市盘龙区人民法院"]);
    expect(page.competence.courts[1].bases).toEqual([`当事人${respondent.name}住所地基层人民法院（《中华人民共和国民事诉讼法》第二百零五条第二项）`]);
    const { handoffId } = await startConfirmation(respondent, caseId, { courtId: panlongCourt });
    expect(handoff(handoffId).basis).toContain("住所地基层人民法院");
  });

  it("refuses what courts will not confirm (民诉解释 Art 355 ⑤: title to property), with the reason and the article", async () => {
    const { caseId } = await effectiveCase(liMing, cuihu, ["双方同意争议车位的所有权归申请人", "被申请人于2027年1月31日前腾退车位"]);
    // 邻里 is not a property-title category: the same words do not refuse it.
    expect(confirmationPage(loadCaseFor(liMing, caseId)).refusal).toBeNull();
    // The same agreement in a 房屋宅基地 case decides title to property.
    getDb().update(cases).set({ category: "房屋宅基地" }).where(eq(cases.id, caseId)).run();
    const page = confirmationPage(loadCaseFor(liMing, caseId));
    expect(page.refusal).toMatchObject({ item: 5 });
    expect(page.can.start).toBe(false);
    await rejects(startConfirmation(liMing, caseId, { courtId: wuhuaCourt }), "CONFLICT", /物权确权.*第三百五十五条第五项/);
    expect(openConfirmation(caseId)).toBeUndefined();
  });

  it("a party may withdraw an unsigned application and start again", async () => {
    const { caseId, respondent } = await effectiveCase(liMing, cuihu);
    const first = await startConfirmation(liMing, caseId, { courtId: wuhuaCourt });
    await rejects(startConfirmation(respondent, caseId, { courtId: wuhuaCourt }), "CONFLICT", "本案已有进行中的司法确认申请");
    await withdrawConfirmation(respondent, caseId, { reason: "想先与对方商量法院" });
    expect(handoff(first.handoffId)).toMatchObject({ status: "closed", outcome: "withdrawn" });
    const second = await startConfirmation(respondent, caseId, { courtId: wuhuaCourt });
    expect(second.handoffId).not.toBe(first.handoffId);
  });
});

describe("the court: acceptance within 3 days (司法确认程序规定 Art 4) and the 调确字 number", () => {
  it("a judge of another court gets 404 for the application and the case", async () => {
    const { caseId, handoffId } = await submitted();
    await rejects(() => courtApplication(zhouLan, handoffId), "NOT_FOUND");
    await rejects(acceptApplication(zhouLan, handoffId), "NOT_FOUND");
    await rejects(ruleOnApplication(zhouLan, handoffId, { outcome: "valid" }), "NOT_FOUND");
    await rejects(() => loadCaseFor(zhouLan, caseId), "NOT_FOUND");
    expect(courtInbox(zhouLan).pending.find((p) => p.id === handoffId)).toBeUndefined();
    // A party is no judge either.
    await rejects(acceptApplication(liMing, handoffId), "NOT_FOUND");
  });

  it("ruling before accepting is refused with the rule", async () => {
    const { handoffId } = await submitted();
    await rejects(ruleOnApplication(linXiao, handoffId, { outcome: "valid" }), "CONFLICT", /尚未受理.*调确字.*第四条/);
    await rejects(extendReview(linXiao, handoffId, { reason: "案情复杂需要核实" }), "CONFLICT", /尚未受理/);
    expect(handoff(handoffId).status).toBe("submitted");
  });

  it("accepting assigns the court's next number for the year and starts the 15 days (Art 5)", async () => {
    const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
    const a = await accepted();
    const b = await accepted();
    const n = (ref: string) => Number(/第(\d+)号$/.exec(ref)![1]);
    expect(a.refNo).toMatch(new RegExp(`^（${year}）云0102民特调确字第\\d+号$`));
    expect(n(b.refNo)).toBe(n(a.refNo) + 1);
    const h = handoff(a.handoffId);
    expect(h).toMatchObject({ status: "accepted", handlerId: linXiao.id, refNo: a.refNo });
    expect(h.decisionDue).toEqual(rulingDue(h.acceptedAt!, false));
    expect(caseRow(a.caseId).status).toBe("confirming");
    expect(notesOf(liMing.id, a.caseId).at(-1)?.body).toContain(a.refNo);
    await rejects(acceptApplication(linXiao, a.handoffId), "CONFLICT", /已受理/);
  });

  it("declining sends the case back to effective, clears the court, and tells the parties they may try another competent court", async () => {
    const { caseId, handoffId, respondent } = await submitted();
    const { window } = await declineApplication(linXiao, handoffId, { reason: "申请材料不齐全" });
    expect(window?.open).toBe(true);
    expect(handoff(handoffId)).toMatchObject({ status: "declined", outcome: "declined", outcomeNote: "申请材料不齐全" });
    expect(caseRow(caseId)).toMatchObject({ status: "effective", handoffOrgId: null });
    expect(notesOf(respondent.id, caseId).at(-1)?.body).toMatch(/不予受理.*申请材料不齐全.*前向其他有管辖权的人民法院共同申请/);
    await rejects(() => loadCaseFor(linXiao, caseId), "NOT_FOUND");
    // The court's inbox keeps it among the decided; the parties may apply again within the window.
    expect(courtInbox(linXiao).done.find((d) => d.id === handoffId)).toMatchObject({ outcomeText: "不予受理" });
    expect(confirmationPage(loadCaseFor(liMing, caseId)).can.start).toBe(true);
    await startConfirmation(liMing, caseId, { courtId: wuhuaCourt });
  });
});

describe("review: questioning (Art 6) and one extension (Art 5)", () => {
  it("calls the parties in: timeline, notices and SMS", async () => {
    const { caseId, handoffId, respondent } = await accepted();
    const at = after(new Date(), 2);
    await scheduleInquiry(linXiao, handoffId, { at, place: "五华区人民法院第三调解室", note: "请携带身份证原件" });
    const e = eventsOf(caseId).at(-1)!;
    expect(e).toMatchObject({ type: "confirmation_inquiry", reason: "请携带身份证原件" });
    expect(e.summary).toContain("五华区人民法院第三调解室");
    expect(notesOf(respondent.id, caseId).at(-1)?.title).toBe("法院通知到场询问");
    expect(smsTo(respondent.phone).at(-1)?.body).toContain("接受询问");
    expect(confirmationPage(loadCaseFor(liMing, caseId)).current?.inquiries).toHaveLength(1);
    await rejects(scheduleInquiry(linXiao, handoffId, { at: after(new Date(), -1), place: "法院" }), "BAD_INPUT", "询问时间不能早于现在");
  });

  it("法释〔2011〕5号第五条：extends once by 10 days, to the 25th day after acceptance, with a reason; a second extension is refused with the rule", async () => {
    const { handoffId } = await submittedOn(cst("2026-09-01 10:00"), cst("2026-09-15 10:00"));
    // Accepted Thu 9-17: the 15th day is Fri 10-02, in the National Day holiday, so Thu 10-08
    // (民事诉讼法 Art 85); extended, the 25th day is Mon 10-12 — the period is 25 days, not 10 days
    // after the moved end.
    const { decisionDue: first } = await acceptApplication(linXiao, handoffId, cst("2026-09-17 10:00"));
    expect(first).toEqual(endOf("2026-10-08"));
    const { decisionDue } = await extendReview(linXiao, handoffId, { reason: "需要核实案外人权益" }, cst("2026-09-30 15:00"));
    expect(decisionDue).toEqual(endOf("2026-10-12"));
    expect(handoff(handoffId)).toMatchObject({ extensionReason: "需要核实案外人权益", decisionDue });
    await rejects(extendReview(linXiao, handoffId, { reason: "仍需核实" }, cst("2026-10-09 09:00")), "CONFLICT", /只能延长一次.*第五条/);
    expect(handoff(handoffId).decisionDue).toEqual(decisionDue);
  });
});

describe("the ruling (民事诉讼法 Art 206)", () => {
  it("裁定调解协议有效: sealed 民事裁定书 registered, verifiable, served, the agreement's status changed; a second ruling is refused", async () => {
    const { caseId, handoffId, refNo, respondent, agreement } = await accepted();
    const r = await ruleOnApplication(linXiao, handoffId, { outcome: "valid" });
    expect(r.docNo).toMatch(/^CD\d{10}$/);
    expect(caseRow(caseId).status).toBe("confirmed");
    expect(handoff(handoffId)).toMatchObject({ status: "decided", outcome: "valid" });
    const doc = rulingOf({ caseId, refNo })!;
    expect(doc).toMatchObject({ docNo: r.docNo, kind: "ruling", title: `民事裁定书（${refNo}）`, status: "已生效", issuerOrgId: wuhuaCourt });
    expect(lookupDocument(r.docNo)).toMatchObject({ kindLabel: "民事裁定书", issuer: "昆明市五华区人民法院" });
    expect(lookupDocument(agreement.docNo).status).toBe(CONFIRMED_STATUS);

    const pdf = fs.readFileSync(blobPath(doc.pdfSha256));
    expect(verifyUpload(pdf, r.docNo)).toMatchObject({ genuine: true });
    const text = pdfText(pdf);
    for (const s of ["昆明市五华区人民法院", "民事裁定书", refNo, "裁定如下", "调解协议", "有效", "审判员", "林晓", "本裁定书自即日起发生法律效力", r.docNo, respondent.name]) expect(text, s).toContain(s);
    const sig = pdfSignatures(pdf);
    expect(sig).toContain("Signature Validation: Signature is Valid.");
    expect(sig).toContain("Signer Certificate Common Name: 昆明市五华区人民法院");

    expect(notesOf(respondent.id, caseId).at(-1)?.title).toBe("法院裁定调解协议有效");
    expect(smsTo(respondent.phone).at(-1)?.body).toContain(r.docNo);
    expect(confirmationPage(loadCaseFor(respondent, caseId)).current?.ruling).toMatchObject({ docNo: r.docNo, url: `/cases/${caseId}/confirmation/ruling/${handoffId}` });

    await rejects(ruleOnApplication(linXiao, handoffId, { outcome: "rejected", ground: "unclear", reason: "内容不明确" }), "CONFLICT", /已于.*作出裁定，不能再作出裁定/);
    expect(getDb().select({ n: count() }).from(documents).where(and(eq(documents.caseId, caseId), eq(documents.kind, "ruling"))).get()!.n).toBe(1);
  });

  it("裁定驳回申请 on one Art 358 ground; the parties may re-mediate: the old agreement is set aside", async () => {
    const { caseId, handoffId, respondent, agreement } = await accepted();
    await rejects(ruleOnApplication(linXiao, handoffId, { outcome: "rejected", ground: "nonsense" as never, reason: "x" }), "BAD_INPUT", /第三百五十八条/);
    const r = await ruleOnApplication(linXiao, handoffId, { outcome: "rejected", ground: "not_voluntary", reason: "被申请人到场陈述系受胁迫签署" });
    expect(caseRow(caseId).status).toBe("confirm_rejected");
    expect(handoff(handoffId)).toMatchObject({ outcome: "rejected", outcomeGround: "not_voluntary" });
    expect(lookupDocument(agreement.docNo).status).toBe(REJECTED_STATUS);
    const text = pdfText(fs.readFileSync(blobPath(rulingOf(handoff(handoffId))!.pdfSha256)));
    for (const s of ["驳回申请人", "违反自愿原则", "被申请人到场陈述系受胁迫签署", "第三百五十八条第四项", "可以通过调解方式变更原调解协议"]) expect(text, s).toContain(s);
    expect(r.docNo).toMatch(/^CD/);
    expect(notesOf(liMing.id, caseId).at(-1)?.body).toContain("重新调解");

    // The page offers re-mediation to the mediator only.
    expect(confirmationPage(loadCaseFor(cuihu, caseId)).can.remediate).toBe(true);
    expect(confirmationPage(loadCaseFor(respondent, caseId)).can.remediate).toBe(false);
    await rejects(remediateAfterRejection(respondent, caseId, { reason: "想重新调解" }), "FORBIDDEN");
    await remediateAfterRejection(cuihu, caseId, { reason: "双方同意重新调解" });
    expect(caseRow(caseId)).toMatchObject({ status: "mediating", handoffOrgId: null });
    expect(getDb().select().from(agreements).where(eq(agreements.id, agreement.id)).get()!.status).toBe("superseded");
    expect(agreementOfCase(caseId)).toBeUndefined();
  });
});

describe("timers: each fires once (sweepConfirmations)", () => {
  it("closes an application still being signed when the 30 days end (24:00 of the first working day after National Day), exactly once", async () => {
    // Effective Tue 9-01: the window ends at 24:00 of Thu 10-08 (民事诉讼法 Art 85), as above.
    const { caseId, respondent, effectiveAt } = await effectiveOn(cst("2026-09-01 10:00"));
    const { handoffId } = await startConfirmation(liMing, caseId, { courtId: wuhuaCourt }, after(effectiveAt, 1));
    await signPart(liMing, caseId, after(effectiveAt, 1));
    const report = { errors: 0 };
    const sms = smsTo(respondent.phone).length;
    const stillOpen = async (at: Date) => {
      await sweepConfirmations(at, report);
      expect(handoff(handoffId).status, at.toISOString()).toBe("applying");
    };
    await stillOpen(after(effectiveAt, 29));
    await stillOpen(after(effectiveAt, 30, 5));
    await stillOpen(cst("2026-10-08 23:59"));
    const first = await sweepConfirmations(cst("2026-10-09 00:00"), report);
    const again = await sweepConfirmations(cst("2026-10-09 00:01"), report);
    expect(first.closed).toBeGreaterThanOrEqual(1);
    expect(again.closed).toBe(0);
    expect(report.errors).toBe(0);
    expect(handoff(handoffId)).toMatchObject({ status: "closed", outcome: "expired" });
    expect(caseRow(caseId).status).toBe("effective");
    const expired = getDb().select().from(caseEvents).where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.type, "confirmation_expired"))).all();
    expect(expired).toHaveLength(1);
    expect(expired[0].summary).toContain("（2026/10/08 23:59届满）");
    expect(smsTo(respondent.phone).length).toBe(sms + 1);
    expect(notesOf(liMing.id, caseId).at(-1)?.title).toBe("司法确认申请期限已届满");
  });

  it("warns the judges a day before acceptance is due and when it passed, then the judge before the ruling deadline; once each", async () => {
    // Submitted Wed 11-18: acceptance due Mon 11-23, 24:00 (its third day is a Saturday).
    const { caseId, handoffId } = await submittedOn(cst("2026-11-02 10:00"), cst("2026-11-18 16:00"));
    const report = { errors: 0 };
    const warned = () => notesOf(linXiao.id, caseId).filter((n) => n.title.includes("期限"));
    await sweepConfirmations(cst("2026-11-21 16:01"), report); // 3×24 hours: nothing is due yet
    await sweepConfirmations(cst("2026-11-22 23:59"), report);
    expect(warned()).toHaveLength(0);
    await sweepConfirmations(cst("2026-11-23 00:30"), report);
    await sweepConfirmations(cst("2026-11-23 00:40"), report);
    expect(warned().map((n) => n.title)).toEqual(["受理期限即将届满"]);
    await sweepConfirmations(cst("2026-11-24 00:01"), report);
    await sweepConfirmations(cst("2026-11-24 00:02"), report);
    expect(warned().map((n) => n.title)).toEqual(["受理期限即将届满", "受理期限已届满"]);
    expect(warned()[1].body).toContain("已于2026/11/23 23:59届满");
    // Accepted Tue 11-24: the ruling is due at 24:00 of Wed 12-09, its 15th day.
    await acceptApplication(linXiao, handoffId, cst("2026-11-24 09:00"));
    await sweepConfirmations(cst("2026-12-08 23:59"), report);
    expect(warned()).toHaveLength(2);
    await sweepConfirmations(cst("2026-12-09 00:01"), report);
    await sweepConfirmations(cst("2026-12-09 00:02"), report);
    expect(warned().map((n) => n.title)).toEqual(["受理期限即将届满", "受理期限已届满", "裁定期限即将届满"]);
    expect(report.errors).toBe(0);
  });
});
