// 赋强公证 through the real services (公证法 Art 37): offered only for a monetary agreement with the
// debtor's acceptance of enforcement; a joint application signed by both parties with SMS codes;
// the notary of that office issues the sealed 公证书 or refuses; after a default the creditor asks
// for an 执行证书, which the notary issues after checking performance. Bad input changes nothing.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { cases, documents, handoffs } from "../../db/schema";
import { seed } from "../../db/seed";
import type { SessionUser } from "../../server/auth/session";
import { agreementOfCase } from "../../server/agreements/store";
import { loadCaseFor } from "../../server/cases/access";
import { blobPath } from "../../server/cases/evidence";
import { lookupDocument } from "../../server/documents/registry";
import { startNotarisation, withdrawNotarisation, signNotarisation } from "../../server/handoff/notarisation/apply";
import { issueExecCertificate, refuseExecCertificate, requestExecCertificate } from "../../server/handoff/notarisation/exec";
import { notaryInbox, notaryPackage } from "../../server/handoff/notarisation/inbox";
import { issueNotarialCertificate, refuseNotarisation } from "../../server/handoff/notarisation/notary";
import { notarisationPanel } from "../../server/handoff/notarisation/panel";
import { NO_ENFORCEMENT_CLAUSE, NOT_MONETARY } from "../../server/handoff/notarisation/rules";
import { chinaYear } from "../../server/lib/sequence";
import { performancePanel } from "../../server/handoff/performance/panel";
import { createId } from "../../server/lib/ids";
import { META } from "./agreement-helpers";
import { applyJointly, notarisationSnapshot, NOTARY_PHONE, OFFICE, otherOffice, signApplication } from "./notarisation-helpers";
import { DAY, effectiveCase } from "./performance-helpers";
import { caseRow, eventsOf, notesOf, orgId, PHONE, rejects, userByPhone } from "./triage-helpers";

let liMing: SessionUser;
let cuihu: SessionUser;
let wangFang: SessionUser;
let notary: SessionUser;
let stranger: SessionUser; // a notary of another office
const year = chinaYear(new Date());
const pdfText = (sha: string) => execFileSync("pdftotext", ["-raw", "-enc", "UTF-8", blobPath(sha), "-"], { encoding: "utf8" }).replace(/\s/g, "");

beforeAll(async () => {
  await seed();
  liMing = userByPhone(PHONE.liMing);
  cuihu = userByPhone(PHONE.cuihu);
  wangFang = userByPhone(PHONE.wangFang);
  notary = userByPhone(NOTARY_PHONE);
  stranger = userByPhone(otherOffice().notaryPhone);
});

describe("公证法 Art 37: only a monetary agreement with the debtor's acceptance of enforcement", () => {
  it("a non-monetary agreement is refused with the rule, in the panel and on applying; nothing is written", async () => {
    const w = await effectiveCase(liMing, cuihu, { payment: false });
    const panel = notarisationPanel(loadCaseFor(liMing, w.caseId))!;
    expect(panel).toMatchObject({ refusal: NOT_MONETARY, mayStart: false, offices: [] });
    expect(NOT_MONETARY).toBe("非给付金钱类协议不能办理赋强公证（公证法第三十七条）");
    const before = notarisationSnapshot();
    const events = eventsOf(w.caseId).length;
    await rejects(startNotarisation(liMing, w.caseId, orgId(OFFICE)), "CONFLICT", NOT_MONETARY);
    expect(notarisationSnapshot()).toEqual(before);
    expect(eventsOf(w.caseId)).toHaveLength(events);
  });

  it("a payment without the debtor's written acceptance of enforcement is refused too", async () => {
    const w = await effectiveCase(liMing, cuihu, { enforcementClause: false });
    expect(notarisationPanel(loadCaseFor(liMing, w.caseId))!.refusal).toBe(NO_ENFORCEMENT_CLAUSE);
    await rejects(startNotarisation(liMing, w.caseId, orgId(OFFICE)), "CONFLICT", NO_ENFORCEMENT_CLAUSE);
  });

  it("an eligible agreement is offered, with the active notary offices to choose from", async () => {
    const w = await effectiveCase(liMing, cuihu);
    const panel = notarisationPanel(loadCaseFor(w.respondent, w.caseId))!;
    expect(panel.refusal).toBeNull();
    expect(panel.mayStart).toBe(true);
    expect(panel.offices.map((o) => o.name)).toEqual(expect.arrayContaining([OFFICE, "昆明市明诚公证处"]));
    expect(notarisationPanel(loadCaseFor(cuihu, w.caseId))!.mayStart).toBe(false); // the mediator does not apply
  });
});

describe("the joint application: one starts, the other joins, each signs with an SMS code", () => {
  it("a party applying alone never reaches the notary; the second signature sends it", async () => {
    const w = await effectiveCase(liMing, cuihu);
    const office = orgId(OFFICE);
    const { handoffId } = await startNotarisation(liMing, w.caseId, office);
    expect(getDb().select().from(handoffs).where(eq(handoffs.id, handoffId)).get()).toMatchObject({ kind: "notarisation", status: "applying", targetOrgId: office, startedById: liMing.id });
    expect(notesOf(w.respondent.id, w.caseId).at(-1)?.title).toBe("请签署赋强公证申请");

    expect(await signApplication(liMing, w.caseId)).toEqual({ submitted: false });
    expect(caseRow(w.caseId)).toMatchObject({ status: "effective", handoffOrgId: null });
    await rejects(() => loadCaseFor(notary, w.caseId), "NOT_FOUND");
    expect(notaryInbox(notary).some((r) => r.id === handoffId)).toBe(false);
    await rejects(() => notaryPackage(notary, handoffId), "NOT_FOUND");
    await rejects(issueNotarialCertificate(notary, handoffId), "NOT_FOUND");
    expect(eventsOf(w.caseId).at(-1)).toMatchObject({ type: "notarisation_signed", summary: `李明签署了赋强公证申请，尚待${w.r.name}签署` });

    const panel = notarisationPanel(loadCaseFor(w.respondent, w.caseId))!;
    expect(panel.mySignOpen).toBe(true);
    expect(panel.current?.signers.map((s) => [s.name, !!s.signedAt])).toEqual([["李明", true], [w.r.name, false]]);

    expect(await signApplication(w.respondent, w.caseId)).toEqual({ submitted: true });
    expect(caseRow(w.caseId)).toMatchObject({ status: "notarising", handoffOrgId: office });
    expect(getDb().select().from(handoffs).where(eq(handoffs.id, handoffId)).get()?.status).toBe("submitted");
    expect(eventsOf(w.caseId).at(-1)).toMatchObject({ type: "notarisation_submitted", toStatus: "notarising" });
    expect(notesOf(notary.id, w.caseId).at(-1)).toMatchObject({ title: "新的赋强公证申请", link: `/notary/${handoffId}` });
    expect(notaryInbox(notary).find((r) => r.id === handoffId)?.todo).toBe("待审查出具公证书");
    // The package: agreement, identities and contacts, schedule, the clause.
    const pkg = notaryPackage(notary, handoffId);
    expect(pkg.file?.parties.map((p) => [p.name, p.role, !!p.signedAt, p.phone.length === 11])).toEqual([
      ["李明", "债权人（收款方）", true, true],
      [w.r.name, "债务人（付款方）", true, true],
    ]);
    expect(pkg.file?.payment?.lines.map((l) => [l.amountText, l.state])).toEqual([["¥1,000.00", "due"], ["¥2,000.00", "due"]]);
    expect(pkg.file?.clause).toBe(`${w.r.name}承诺：如未按本协议约定的期限足额履行给付义务，自愿接受人民法院依法强制执行。`);
    // Another office's notary sees nothing of it.
    await rejects(() => notaryPackage(stranger, handoffId), "NOT_FOUND", "未找到该公证申请，或该申请不是向您所在的公证处提出的");
    expect(notaryInbox(stranger).some((r) => r.id === handoffId)).toBe(false);
  });

  it("refuses bad input with the rule it breaks and writes nothing", async () => {
    const w = await effectiveCase(liMing, cuihu);
    const office = orgId(OFFICE);
    let before = notarisationSnapshot();
    await rejects(startNotarisation(liMing, w.caseId, "nosuchoffice"), "BAD_INPUT", "请从列表中选择公证处");
    await rejects(startNotarisation(liMing, w.caseId, orgId("翠湖社区人民调解委员会")), "BAD_INPUT"); // not a notary office
    await rejects(startNotarisation(cuihu, w.caseId, office), "FORBIDDEN");
    await rejects(startNotarisation(wangFang, w.caseId, office), "NOT_FOUND");
    await rejects(signNotarisation(liMing, w.caseId, "123456", META), "CONFLICT", "没有待签署的赋强公证申请");
    expect(notarisationSnapshot()).toEqual(before);

    await startNotarisation(liMing, w.caseId, office);
    await rejects(startNotarisation(w.respondent, w.caseId, office), "CONFLICT", "本案已有进行中的赋强公证申请，请在该申请上签署");
    before = notarisationSnapshot();
    await rejects(signNotarisation(w.respondent, w.caseId, "123456", META), "BAD_INPUT", "请先获取短信验证码");
    await rejects(signNotarisation(w.respondent, w.caseId, "12ab", META), "BAD_INPUT");
    expect(notarisationSnapshot()).toEqual(before);
    await signApplication(liMing, w.caseId);
    await rejects(signApplication(liMing, w.caseId), "CONFLICT", "您已签署本申请，等待对方签署");
    expect(caseRow(w.caseId).status).toBe("effective");
  });

  it("before everyone signed, a party may withdraw it and apply again", async () => {
    const w = await effectiveCase(liMing, cuihu);
    const { handoffId } = await startNotarisation(liMing, w.caseId, orgId(OFFICE));
    await signApplication(liMing, w.caseId);
    await withdrawNotarisation(w.respondent, w.caseId);
    expect(getDb().select().from(handoffs).where(eq(handoffs.id, handoffId)).get()?.status).toBe("closed");
    await rejects(signApplication(w.respondent, w.caseId), "CONFLICT", "没有待签署的赋强公证申请");
    const again = await startNotarisation(w.respondent, w.caseId, orgId("昆明市明诚公证处"));
    expect(again.handoffId).not.toBe(handoffId);
  });
});

describe("the notary issues the 公证书", () => {
  it("sealed, numbered, registered for verification, served to both parties; the agreement shows 已办理赋强公证", async () => {
    const w = await effectiveCase(liMing, cuihu);
    const handoffId = await applyJointly(liMing, w.respondent, w.caseId);
    const r = await issueNotarialCertificate(notary, handoffId);
    expect(r).toEqual({ refNo: `（${year}）云昆春证字第1号`, docNo: `GZ${year}000001` });
    expect(caseRow(w.caseId).status).toBe("notarised");
    expect(getDb().select().from(handoffs).where(eq(handoffs.id, handoffId)).get()).toMatchObject({ status: "decided", outcome: "issued", handlerId: notary.id, refNo: r.refNo });
    expect(eventsOf(w.caseId).at(-1)).toMatchObject({ type: "notarised", actorLabel: "吴敏（公证员）", summary: `${OFFICE}出具具有强制执行效力的债权文书公证书（${r.refNo}）` });
    const doc = lookupDocument(r.docNo);
    expect(doc).toMatchObject({ kindLabel: "公证书", issuer: OFFICE, status: "有效" });
    expect(lookupDocument(agreementOfCase(w.caseId)!.docNo).status).toBe("已办理赋强公证");
    for (const u of [liMing, w.respondent]) expect(notesOf(u.id, w.caseId).at(-1)?.title).toBe("公证书已出具");

    const text = pdfText(doc.sha256);
    for (const s of ["公证书", r.refNo, "公证事项：赋予债权文书强制执行效力", "申请人（债权人）：李明", `申请人（债务人）：${w.r.name}`, "《中华人民共和国公证法》第三十七条", "人民币叁仟元整", "公证员吴敏", r.docNo])
      expect(text).toContain(s.replace(/\s/g, ""));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "yjf-gz-"));
    fs.copyFileSync(blobPath(doc.sha256), path.join(dir, "gz.pdf"));
    let sig = "";
    try {
      sig = execFileSync("pdfsig", [path.join(dir, "gz.pdf")], { encoding: "utf8" });
    } catch (e) {
      sig = String((e as { stdout?: string }).stdout ?? "");
    }
    expect(sig).toContain("Signature Validation: Signature is Valid.");
    expect(sig).toContain(`Signer Certificate Common Name: ${OFFICE}`);
  });

  it("refuses issuing twice, a notary of another office and a party, changing nothing; the next one is 第2号", async () => {
    const w = await effectiveCase(liMing, cuihu);
    const handoffId = await applyJointly(liMing, w.respondent, w.caseId);
    const before = notarisationSnapshot();
    await rejects(issueNotarialCertificate(stranger, handoffId), "NOT_FOUND", "未找到该公证申请，或该申请不是向您所在的公证处提出的");
    await rejects(issueNotarialCertificate(liMing, handoffId), "NOT_FOUND");
    await rejects(refuseNotarisation(stranger, handoffId, "材料不全，不予办理"), "NOT_FOUND");
    expect(notarisationSnapshot()).toEqual(before);
    const r = await issueNotarialCertificate(notary, handoffId);
    expect(r).toEqual({ refNo: `（${year}）云昆春证字第2号`, docNo: `GZ${year}000002` }); // after the test above
    const after = notarisationSnapshot();
    await rejects(issueNotarialCertificate(notary, handoffId), "CONFLICT", "公证书已出具，不能重复出具");
    await rejects(refuseNotarisation(notary, handoffId, "重新考虑后不予办理"), "CONFLICT", "公证书已出具，不能再不予办理");
    expect(notarisationSnapshot()).toEqual(after);
    expect(caseRow(w.caseId).status).toBe("notarised");
  });

  it("a non-monetary agreement that somehow reached the notary is refused at issue too (公证法 Art 37)", async () => {
    const w = await effectiveCase(liMing, cuihu, { payment: false });
    const office = orgId(OFFICE);
    // Not reachable through the application (refused there): as if the data were older than the rule.
    const handoffId = createId();
    getDb()
      .insert(handoffs)
      .values({ id: handoffId, caseId: w.caseId, agreementId: agreementOfCase(w.caseId)!.id, kind: "notarisation", targetOrgId: office, basis: "test", status: "submitted", submittedAt: new Date(), startedById: liMing.id })
      .run();
    getDb().update(cases).set({ status: "notarising", handoffOrgId: office }).where(eq(cases.id, w.caseId)).run();
    const before = notarisationSnapshot();
    await rejects(issueNotarialCertificate(notary, handoffId), "CONFLICT", NOT_MONETARY);
    expect(notarisationSnapshot()).toEqual(before);
    expect(caseRow(w.caseId).status).toBe("notarising");
    expect(notaryPackage(notary, handoffId).file?.refusal).toBe(NOT_MONETARY);
  });
});

describe("the notary refuses", () => {
  it("needs a reason; hands the case back to the parties, who may apply again", async () => {
    const w = await effectiveCase(liMing, cuihu);
    const handoffId = await applyJointly(liMing, w.respondent, w.caseId);
    await rejects(refuseNotarisation(notary, handoffId, "  "), "BAD_INPUT", "请填写不予办理的理由（4至500字）");
    await refuseNotarisation(notary, handoffId, "债务人身份信息与身份证件不符");
    expect(caseRow(w.caseId)).toMatchObject({ status: "effective", handoffOrgId: null });
    expect(getDb().select().from(handoffs).where(eq(handoffs.id, handoffId)).get()).toMatchObject({ status: "decided", outcome: "refused", outcomeNote: "债务人身份信息与身份证件不符" });
    expect(eventsOf(w.caseId).at(-1)).toMatchObject({ type: "notarisation_refused", toStatus: "effective", reason: "债务人身份信息与身份证件不符" });
    expect(notesOf(liMing.id, w.caseId).at(-1)?.body).toContain("理由：债务人身份信息与身份证件不符");
    // The office no longer holds the case; its decision stays in its inbox.
    await rejects(() => loadCaseFor(notary, w.caseId), "NOT_FOUND");
    expect(notaryPackage(notary, handoffId)).toMatchObject({ outcome: "refused", file: null });
    const panel = notarisationPanel(loadCaseFor(liMing, w.caseId))!;
    expect(panel.current).toMatchObject({ outcome: "refused", outcomeNote: "债务人身份信息与身份证件不符" });
    expect(panel.mayStart).toBe(true);
  });
});

describe("执行证书 after a default (公证程序规则 Art 55)", () => {
  it("is refused without a default and for the debtor; requested by the creditor once the debtor defaults; issued by the notary", async () => {
    const w = await effectiveCase(liMing, cuihu);
    const handoffId = await applyJointly(liMing, w.respondent, w.caseId);
    await issueNotarialCertificate(notary, handoffId);
    const before = notarisationSnapshot();
    await rejects(requestExecCertificate(liMing, w.caseId), "CONFLICT", "债务人尚未违约，不能申请执行证书");
    await rejects(requestExecCertificate(w.respondent, w.caseId), "FORBIDDEN", "只有债权人（收款方）本人或其代理人可以申请出具执行证书");
    await rejects(requestExecCertificate(cuihu, w.caseId), "FORBIDDEN");
    await rejects(issueExecCertificate(notary, handoffId, ""), "CONFLICT", "债权人尚未申请出具执行证书");
    expect(notarisationSnapshot()).toEqual(before);
    expect(notarisationPanel(loadCaseFor(liMing, w.caseId))).toMatchObject({ mayRequestExec: true, hasDefault: false });

    // The first instalment was due in 2 days; 3 days on it is overdue.
    const later = new Date(Date.now() + 3 * DAY);
    expect(performancePanel(loadCaseFor(liMing, w.caseId), later)?.route).toMatchObject({ kind: "exec_cert", title: "申请执行证书" });
    await requestExecCertificate(liMing, w.caseId, later);
    expect(eventsOf(w.caseId).at(-1)).toMatchObject({ type: "exec_cert_requested", summary: "李明以债务人逾期未履行（第1期¥1,000.00）为由，申请公证处出具执行证书" });
    expect(notesOf(notary.id, w.caseId).at(-1)).toMatchObject({ title: "执行证书申请", link: `/notary/${handoffId}` });
    await rejects(requestExecCertificate(liMing, w.caseId, later), "CONFLICT", "已申请出具执行证书，请等待公证员核实");
    expect(notaryInbox(notary).find((r) => r.id === handoffId)?.todo).toBe("待核实出具执行证书");
    await rejects(issueExecCertificate(stranger, handoffId, ""), "NOT_FOUND");

    const r = await issueExecCertificate(notary, handoffId, "已电话联系债务人，其确认第1期款项尚未支付", later);
    expect(r).toEqual({ refNo: `（${year}）云昆春执字第1号`, docNo: `ZX${year}000001` });
    const doc = lookupDocument(r.docNo);
    expect(doc).toMatchObject({ kindLabel: "执行证书", issuer: OFFICE });
    const text = pdfText(doc.sha256);
    for (const s of ["执行证书", r.refNo, "申请执行人（债权人）：李明", `被执行人（债务人）：${w.r.name}`, "执行标的：¥1,000.00（大写：人民币壹仟元整）", "尚未到期的第2期款项", "已电话联系债务人", "被执行人住所地或者被执行的财产所在地人民法院"])
      expect(text).toContain(s.replace(/\s/g, ""));
    expect(notesOf(liMing.id, w.caseId).at(-1)).toMatchObject({ title: "执行证书已出具", body: expect.stringContaining("被执行人住所地或者被执行的财产所在地人民法院") });
    expect(performancePanel(loadCaseFor(liMing, w.caseId), later)?.route?.lines.join("")).toContain("执行证书已出具。请持公证书和执行证书向被执行人住所地或者被执行的财产所在地人民法院");
    const after = notarisationSnapshot();
    await rejects(issueExecCertificate(notary, handoffId, "", later), "CONFLICT", "执行证书已出具，不能重复出具");
    await rejects(requestExecCertificate(liMing, w.caseId, later), "CONFLICT", "执行证书已出具，可在案件页下载");
    expect(notarisationSnapshot()).toEqual(after);
    expect(getDb().select().from(documents).where(eq(documents.caseId, w.caseId)).all().map((d) => d.kind).sort()).toEqual(["agreement", "execution_certificate", "notarial_certificate"]);
  });

  it("the notary may refuse with a reason; the creditor may ask again", async () => {
    const w = await effectiveCase(liMing, cuihu);
    const handoffId = await applyJointly(liMing, w.respondent, w.caseId);
    await issueNotarialCertificate(notary, handoffId);
    const later = new Date(Date.now() + 3 * DAY);
    await requestExecCertificate(liMing, w.caseId, later);
    await rejects(refuseExecCertificate(notary, handoffId, ""), "BAD_INPUT");
    await refuseExecCertificate(notary, handoffId, "债务人提供了已付款的银行回单，需进一步核实", later);
    expect(eventsOf(w.caseId).at(-1)).toMatchObject({ type: "exec_cert_refused", reason: "债务人提供了已付款的银行回单，需进一步核实" });
    const panel = notarisationPanel(loadCaseFor(liMing, w.caseId), later)!;
    expect(panel.current?.exec).toMatchObject({ requestedAt: null, issuedAt: null, note: "不予出具：债务人提供了已付款的银行回单，需进一步核实" });
    expect(panel.mayRequestExec).toBe(true);
    await requestExecCertificate(liMing, w.caseId, later);
  });
});
