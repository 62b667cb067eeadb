// The mediation agreement through the real services: drafting (who may, when, what is refused
// with nothing written), versions voiding signatures, signing with an SMS code and a drawn
// signature (wrong, expired and burnt codes; stale versions; outsiders; concurrent signers), the
// last signature making it effective with a sealed PDF, the marriage path, and verification.
import { count, eq } from "drizzle-orm";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { agreements, agreementSignatures, agreementVersions, signCodes, type CaseParty } from "../../db/schema";
import { seed } from "../../db/seed";
import type { SessionUser } from "../../server/auth/session";
import { commentOnDraft, saveDraft } from "../../server/agreements/drafts";
import { agreementPage } from "../../server/agreements/page";
import { uploadSignedScan } from "../../server/agreements/scans";
import { sendAgreementCode, signAgreement } from "../../server/agreements/signing";
import { CODE_LOCK_MS, CODE_RESEND_MS, CODE_TTL_MS } from "../../server/auth/sign-codes";
import { agreementOfCase, liveSignatures } from "../../server/agreements/store";
import { lookupDocument, verifyUpload } from "../../server/documents/registry";
import { blobPath } from "../../server/cases/evidence";
import { loadCaseFor } from "../../server/cases/access";
import { makeOffer, respondOffer } from "../../server/mediation/offers";
import { completeDraft, draftOf, latestSignCode, META, reachAgreement, signAs, signaturePng } from "./agreement-helpers";
import { caseRow, citizenInput, eventsOf, fileCase, inMediation, newRespondent, notesOf, PHONE, rejects, userByPhone } from "./triage-helpers";
import { draftFor } from "../../server/agreements/page";
import { acceptCase } from "../../server/triage/decisions";
import { consent, verifyInvitation } from "../../server/triage/consent";
import { invitationSms } from "./triage-helpers";

let liMing: SessionUser;
let cuihu: SessionUser;
let wangFang: SessionUser;

beforeAll(async () => {
  await seed();
  liMing = userByPhone(PHONE.liMing);
  cuihu = userByPhone(PHONE.cuihu);
  wangFang = userByPhone(PHONE.wangFang);
});

async function agreedCase() {
  const w = await inMediation(liMing, cuihu);
  await reachAgreement(cuihu, w.caseId);
  return w;
}

function counts() {
  const db = getDb();
  const n = (t: typeof agreements | typeof agreementVersions | typeof agreementSignatures) => db.select({ n: count() }).from(t).get()!.n;
  return { agreements: n(agreements), versions: n(agreementVersions), signatures: n(agreementSignatures) };
}

describe("drafting", () => {
  it("is the mediator's, once agreement was reached; the parties read it and comment", async () => {
    const { caseId, respondent } = await inMediation(liMing, cuihu);
    const content = draftOf(cuihu, caseId);
    // Still mediating and no accepted offer: nothing to draft from yet.
    await rejects(saveDraft(cuihu, caseId, { content, baseVersion: 0 }), "CONFLICT", /尚未有双方接受的调解方案/);
    await reachAgreement(cuihu, caseId);
    await rejects(saveDraft(liMing, caseId, { content, baseVersion: 0 }), "FORBIDDEN");
    await rejects(saveDraft(respondent, caseId, { content, baseVersion: 0 }), "FORBIDDEN");
    await rejects(saveDraft(wangFang, caseId, { content, baseVersion: 0 }), "NOT_FOUND");

    const r = await saveDraft(cuihu, caseId, { content, baseVersion: 0 });
    expect(r).toMatchObject({ version: 1, voided: 0, signMode: "electronic" });
    const a = agreementOfCase(caseId)!;
    expect(a.docNo).toMatch(/^XY\d{4}\d{6}$/);
    expect(eventsOf(caseId).at(-1)).toMatchObject({ type: "agreement_drafted", summary: "调解员起草了调解协议（第1版）" });
    expect(notesOf(respondent.id, caseId).at(-1)?.title).toBe("调解协议草稿已更新");

    await commentOnDraft(respondent, caseId, "第二条的期限希望延后一周");
    const page = agreementPage(loadCaseFor(liMing, caseId));
    expect(page.current?.content.facts).toBe(content.facts);
    expect(page.comments.map((c) => c.body)).toEqual(["第二条的期限希望延后一周"]);
    expect(page.draft).toBeNull(); // parties get no editor
    expect(notesOf(cuihu.id, caseId).at(-1)?.title).toBe("当事人对协议草稿提出了意见");
  });

  it("may start while mediating once an offer was accepted, and uses its terms and amount", async () => {
    const { caseId, respondent } = await inMediation(liMing, cuihu);
    const offer = await makeOffer(liMing, caseId, { amountYuan: 3000, terms: "被申请人赔偿申请人维修费3000元", payBy: "2027-01-15" });
    await respondOffer(respondent, caseId, offer.id, { action: "accept" });
    const draft = draftFor(loadCaseFor(cuihu, caseId));
    expect(draft.terms).toContain("被申请人赔偿申请人维修费3000元");
    expect(draft.payment?.totalFen).toBe(300_000);
    const r = await saveDraft(cuihu, caseId, { content: completeDraft(draft), baseVersion: 0 });
    expect(r.version).toBe(1);
    expect(caseRow(caseId).status).toBe("mediating");
    // Signing waits until the mediator confirms agreement was reached.
    await rejects(sendAgreementCode(liMing, caseId), "CONFLICT", /案件当前状态为"调解中"，不能签署调解协议/);
  });

  it("refuses bad drafts with a Chinese message and writes nothing", async () => {
    const { caseId } = await agreedCase();
    const good = draftOf(cuihu, caseId);
    const before = counts();
    const eventsBefore = eventsOf(caseId).length;
    const bad: [unknown, RegExp][] = [
      [{ ...good, facts: "" }, /请填写纠纷的主要事实/],
      [{ ...good, terms: [] }, /请至少写一条协议内容/],
      [{ ...good, performance: { ...good.performance, deadline: "2026-13-45" } }, /履行期限/],
      [{ ...good, enforcementClause: true, payment: null }, /只有含给付金钱内容的协议才能约定接受强制执行/],
      [{ ...good, parties: good.parties.slice(0, 1) }, /协议至少需要双方当事人|本案每一位当事人都必须列入调解协议/],
      [{ ...good, parties: good.parties.map((p, i) => (i === 0 ? { ...p, partyId: "someone-else" } : p)) }, /协议中的当事人与本案当事人不一致/],
      [{ ...good, terms: ["（请调解员填写）具体内容"] }, /以下内容尚待填写：协议条款/],
      [
        {
          ...good,
          payment: { payerPartyId: good.parties[1].partyId, payeePartyId: good.parties[0].partyId, totalFen: 100_000, instalments: [{ dueDate: "2027-01-01", amountFen: 60_000 }], method: "银行转账" },
        },
        /各期金额之和必须等于协议金额/,
      ],
    ];
    for (const [content, message] of bad) await rejects(saveDraft(cuihu, caseId, { content, baseVersion: 0 }), "BAD_INPUT", message);
    expect(counts()).toEqual(before);
    expect(eventsOf(caseId)).toHaveLength(eventsBefore);
  });

  it("keeps names and identity numbers from the case record, whatever the form says", async () => {
    const { caseId } = await agreedCase();
    const content = draftOf(cuihu, caseId);
    const forged = { ...content, parties: content.parties.map((p) => ({ ...p, name: "冒名者" })) };
    await saveDraft(cuihu, caseId, { content: forged, baseVersion: 0 });
    const stored = agreementPage(loadCaseFor(cuihu, caseId)).current!.content;
    expect(stored.parties.map((p) => p.name)).toEqual(content.parties.map((p) => p.name));
  });

  it("refuses a save based on an old version, and an unchanged one", async () => {
    const { caseId } = await agreedCase();
    const content = draftOf(cuihu, caseId);
    await saveDraft(cuihu, caseId, { content, baseVersion: 0 });
    await rejects(saveDraft(cuihu, caseId, { content: { ...content, other: "另一标签页" }, baseVersion: 0 }), "CONFLICT", /协议已被更新为第1版/);
    await rejects(saveDraft(cuihu, caseId, { content, baseVersion: 1 }), "BAD_INPUT", "协议内容没有变化，无需保存新版本");
  });
});

describe("signing", () => {
  it("a full round: both parties and the mediator sign; the last signature makes it effective and issues a sealed PDF", async () => {
    const { caseId, respondent } = await agreedCase();
    await saveDraft(cuihu, caseId, { content: draftOf(cuihu, caseId), baseVersion: 0 });

    const first = await signAs(liMing, caseId, 1);
    expect(first.effective).toBe(false);
    expect(eventsOf(caseId).at(-1)?.summary).toMatch(/^李明（申请人）签署了调解协议（第1版），尚待.+、李桂芬签署$/);
    await signAs(respondent, caseId, 1);
    expect(caseRow(caseId).status).toBe("agreed");
    const last = await signAs(cuihu, caseId, 1);
    expect(last.effective).toBe(true);

    expect(caseRow(caseId).status).toBe("effective");
    const a = agreementOfCase(caseId)!;
    expect(a.status).toBe("effective");
    expect(a.pdfSha256).toMatch(/^[0-9a-f]{64}$/);
    const sigs = liveSignatures(a.id);
    expect(sigs.map((s) => s.roleLabel).sort()).toEqual(["申请人", "被申请人", "调解员"].sort());
    for (const s of sigs) {
      expect(s).toMatchObject({ version: 1, method: "otp_handwritten", ip: META.ip, userAgent: META.userAgent });
      expect(s.contentSha256).toBe(a.contentSha256);
    }
    const types = eventsOf(caseId).map((e) => e.type);
    expect(types.filter((t) => t === "agreement_effective")).toHaveLength(1);
    expect(types.at(-1)).toBe("agreement_issued");
    for (const u of [liMing, respondent]) expect(notesOf(u.id, caseId).at(-1)?.title).toBe("调解协议已生效");

    // The issued file is what verification knows; one flipped byte is not.
    const pdf = fs.readFileSync(blobPath(a.pdfSha256!));
    expect(verifyUpload(pdf, a.docNo)).toMatchObject({ genuine: true });
    expect(verifyUpload(pdf, null)).toMatchObject({ genuine: true });
    const flipped = Buffer.from(pdf);
    flipped[Math.floor(flipped.length / 2)] ^= 0x01;
    expect(verifyUpload(flipped, a.docNo)).toMatchObject({ genuine: false });
    expect(verifyUpload(flipped, null)).toMatchObject({ genuine: false, expected: null });
    const doc = lookupDocument(a.docNo);
    expect(doc).toMatchObject({ status: "已生效", sha256: a.pdfSha256 });
    expect(doc.parties.map((p) => p.name)).toEqual(["李*", expect.stringMatching(/^.\*+$/)]);

    // pdftotext reads the parties and the organisation from the issued file.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "yjf-agr-"));
    fs.writeFileSync(path.join(dir, "a.pdf"), pdf);
    const text = execFileSync("pdftotext", ["-layout", path.join(dir, "a.pdf"), "-"], { encoding: "utf8" });
    expect(text).toContain("李明");
    expect(text).toContain(respondent.name);
    expect(text).toContain("翠湖社区人民调解委员会");
    fs.rmSync(dir, { recursive: true, force: true });

    // Effective: no more drafting or signing.
    await rejects(saveDraft(cuihu, caseId, { content: draftOf(cuihu, caseId), baseVersion: 1 }), "CONFLICT");
    await rejects(sendAgreementCode(liMing, caseId), "CONFLICT");
  });

  it("changing the draft after someone signed voids every signature and says so", async () => {
    const { caseId, respondent } = await agreedCase();
    const content = draftOf(cuihu, caseId);
    await saveDraft(cuihu, caseId, { content, baseVersion: 0 });
    await signAs(liMing, caseId, 1);
    await signAs(respondent, caseId, 1);
    const r = await saveDraft(cuihu, caseId, { content: { ...content, other: "双方互不追究其他责任" }, baseVersion: 1, note: "按被申请人意见补充" });
    expect(r).toMatchObject({ version: 2, voided: 2 });
    const a = agreementOfCase(caseId)!;
    expect(liveSignatures(a.id)).toEqual([]);
    expect(eventsOf(caseId).at(-1)).toMatchObject({ type: "agreement_drafted", summary: "调解员修改了调解协议（第2版），此前的2个签名已作废，需重新签署", reason: "按被申请人意见补充" });
    expect(notesOf(liMing.id, caseId).at(-1)?.title).toBe("调解协议已修改，您的签名已作废");
    const page = agreementPage(loadCaseFor(liMing, caseId));
    expect(page.voided.map((v) => v.voidReason)).toEqual(["协议内容已修改为第2版", "协议内容已修改为第2版"]);
    expect(page.mySlotsOpen).toEqual(["李明"]);

    // A signature for version 1 is now refused; version 2 signs fine.
    await sendAgreementCode(liMing, caseId, new Date(Date.now() + CODE_RESEND_MS));
    await rejects(
      signAgreement(liMing, caseId, { version: 1, code: latestSignCode(liMing.phone), signature: await signaturePng() }, META, new Date(Date.now() + CODE_RESEND_MS)),
      "CONFLICT",
      "协议已更新为第2版，请阅读新版本后再签署",
    );
    const ok = await signAgreement(liMing, caseId, { version: 2, code: latestSignCode(liMing.phone), signature: await signaturePng() }, META, new Date(Date.now() + CODE_RESEND_MS));
    expect(ok.effective).toBe(false);
  });

  it("wrong codes are counted; after five the code is burnt and a new one waits; expired codes are refused", async () => {
    const { caseId } = await agreedCase();
    await saveDraft(cuihu, caseId, { content: draftOf(cuihu, caseId), baseVersion: 0 });
    const t0 = new Date();
    const sig = await signaturePng();
    const sent = await sendAgreementCode(liMing, caseId, t0);
    expect(sent.sentTo).toBe("139****0001");
    await rejects(sendAgreementCode(liMing, caseId, new Date(t0.getTime() + 10_000)), "TOO_MANY", /秒后再重新获取/);
    const right = latestSignCode(liMing.phone);
    const wrong = right === "000000" ? "111111" : "000000";
    await rejects(signAgreement(liMing, caseId, { version: 1, code: "12345", signature: sig }, META, t0), "BAD_INPUT", "请输入短信中的6位验证码");
    for (let left = 4; left >= 1; left--) await rejects(signAgreement(liMing, caseId, { version: 1, code: wrong, signature: sig }, META, t0), "BAD_INPUT", `验证码不正确，还可尝试${left}次`);
    await rejects(signAgreement(liMing, caseId, { version: 1, code: wrong, signature: sig }, META, t0), "TOO_MANY", /验证码错误次数过多/);
    // Even the right code no longer works, and a new one must wait.
    await rejects(signAgreement(liMing, caseId, { version: 1, code: right, signature: sig }, META, t0), "TOO_MANY");
    await rejects(sendAgreementCode(liMing, caseId, new Date(t0.getTime() + 2 * 60_000)), "TOO_MANY", /分钟后再获取/);
    expect(liveSignatures(agreementOfCase(caseId)!.id)).toEqual([]);

    // After the wait: a new code, which expires if not used in time.
    const later = new Date(t0.getTime() + CODE_LOCK_MS + 1000);
    await sendAgreementCode(liMing, caseId, later);
    await rejects(
      signAgreement(liMing, caseId, { version: 1, code: latestSignCode(liMing.phone), signature: sig }, META, new Date(later.getTime() + CODE_TTL_MS + 1000)),
      "BAD_INPUT",
      "验证码已过期，请重新获取",
    );
    const codes = getDb().select().from(signCodes).where(eq(signCodes.agreementId, agreementOfCase(caseId)!.id)).all();
    expect(codes.every((c) => c.usedAt === null)).toBe(true);
  });

  it("the 15-minute lock runs from the guess that burnt the code, not from when the code was sent", async () => {
    const { caseId } = await agreedCase();
    await saveDraft(cuihu, caseId, { content: draftOf(cuihu, caseId), baseVersion: 0 });
    const t0 = new Date();
    const sig = await signaturePng();
    await sendAgreementCode(liMing, caseId, t0);
    const wrong = latestSignCode(liMing.phone) === "000000" ? "111111" : "000000";
    // The guesses come 9 minutes later, just before the code expires.
    const burntAt = new Date(t0.getTime() + 9 * 60_000);
    for (let i = 0; i < 4; i++) await rejects(signAgreement(liMing, caseId, { version: 1, code: wrong, signature: sig }, META, burntAt), "BAD_INPUT");
    await rejects(signAgreement(liMing, caseId, { version: 1, code: wrong, signature: sig }, META, burntAt), "TOO_MANY", "验证码错误次数过多，请15分钟后重新获取");
    // 16 minutes after sending (7 after the burn) a new code still waits, 8 more minutes.
    await rejects(sendAgreementCode(liMing, caseId, new Date(t0.getTime() + 16 * 60_000)), "TOO_MANY", "验证码错误次数过多，请8分钟后再获取");
    await rejects(sendAgreementCode(liMing, caseId, new Date(burntAt.getTime() + CODE_LOCK_MS - 1000)), "TOO_MANY", "验证码错误次数过多，请1分钟后再获取");
    expect((await sendAgreementCode(liMing, caseId, new Date(burntAt.getTime() + CODE_LOCK_MS + 1000))).sentTo).toBe("139****0001");
  });

  it("a save without the page's version number (missing or not a number) is refused as a stale page, writing nothing", async () => {
    const { caseId } = await agreedCase();
    const content = draftOf(cuihu, caseId);
    for (const baseVersion of [undefined, Number.NaN, -1, 1.5] as unknown as number[])
      await rejects(saveDraft(cuihu, caseId, { content, baseVersion }), "BAD_INPUT", "页面已过期，请刷新后重新编辑");
    // A version that does not exist yet is stale too, never "第undefined版".
    await rejects(saveDraft(cuihu, caseId, { content, baseVersion: 3 }), "CONFLICT", "页面已过期，请刷新后重新编辑");
    expect(agreementOfCase(caseId)).toBeUndefined();
  });

  it("refuses a missing or malformed signature, outsiders and people who already signed", async () => {
    const { caseId, respondent } = await agreedCase();
    await saveDraft(cuihu, caseId, { content: draftOf(cuihu, caseId), baseVersion: 0 });
    await sendAgreementCode(liMing, caseId);
    const code = latestSignCode(liMing.phone);
    for (const signature of ["", "data:image/jpeg;base64,AAAA", "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="])
      await rejects(signAgreement(liMing, caseId, { version: 1, code, signature }, META), "BAD_INPUT", /签名/);
    await rejects(sendAgreementCode(wangFang, caseId), "NOT_FOUND");
    await rejects(signAgreement(wangFang, caseId, { version: 1, code, signature: await signaturePng() }, META), "NOT_FOUND");
    // The dispatcher sees the case but is no signer.
    await rejects(sendAgreementCode(userByPhone(PHONE.dispatcher), caseId), "FORBIDDEN");
    await signAgreement(liMing, caseId, { version: 1, code, signature: await signaturePng() }, META);
    await rejects(sendAgreementCode(liMing, caseId), "CONFLICT", "您已签署本协议的当前版本");
    expect(liveSignatures(agreementOfCase(caseId)!.id)).toHaveLength(1);
    void respondent;
  });

  it("the same person signing twice at once counts once", async () => {
    const { caseId } = await agreedCase();
    await saveDraft(cuihu, caseId, { content: draftOf(cuihu, caseId), baseVersion: 0 });
    await sendAgreementCode(liMing, caseId);
    const input = { version: 1, code: latestSignCode(liMing.phone), signature: await signaturePng() };
    const results = await Promise.allSettled([signAgreement(liMing, caseId, input, META), signAgreement(liMing, caseId, input, META), signAgreement(liMing, caseId, input, META)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(liveSignatures(agreementOfCase(caseId)!.id)).toHaveLength(1);
  });

  it("everyone signing the same version at once: one effective agreement, one PDF", async () => {
    const { caseId, respondent } = await agreedCase();
    await saveDraft(cuihu, caseId, { content: draftOf(cuihu, caseId), baseVersion: 0 });
    const signers = [liMing, respondent, cuihu];
    for (const u of signers) await sendAgreementCode(u, caseId);
    const inputs = await Promise.all(signers.map(async (u) => ({ version: 1, code: latestSignCode(u.phone), signature: await signaturePng() })));
    const results = await Promise.all(signers.map((u, i) => signAgreement(u, caseId, inputs[i], META)));
    expect(results.filter((r) => r.effective)).toHaveLength(1);
    expect(caseRow(caseId).status).toBe("effective");
    expect(eventsOf(caseId).filter((e) => e.type === "agreement_effective")).toHaveLength(1);
    expect(eventsOf(caseId).filter((e) => e.type === "agreement_issued")).toHaveLength(1);
    expect(liveSignatures(agreementOfCase(caseId)!.id)).toHaveLength(3);
  });
});

describe("marriage, adoption, inheritance (电子签名法 Art 3)", () => {
  async function familyCase() {
    const r = newRespondent("周建华");
    const { caseId } = await fileCase(liMing, citizenInput({ category: "婚姻家庭", facts: "双方系夫妻，因家庭财产分割和子女抚养问题产生矛盾，协商未果。", claims: "请求调解分割共同财产" }, r));
    const mediator = userByPhone(PHONE.cuihu);
    expect(caseRow(caseId).mediatorId).toBe(mediator.id);
    await acceptCase(mediator, caseId, { conflict: "none" });
    const { token, code } = invitationSms(r.phone);
    await verifyInvitation(token, { code, name: r.name, idNumber: r.idNumber, password: "Huijie2026" }, META);
    const respondent = userByPhone(r.phone);
    await consent(respondent, caseId);
    await reachAgreement(mediator, caseId);
    return { caseId, respondent };
  }

  it("refuses e-signing and becomes effective with the uploaded wet-signed scan", async () => {
    const { caseId, respondent } = await familyCase();
    const draft = draftOf(cuihu, caseId);
    expect(draft.personalStatus).toBe(true);
    // Even with the box unticked, the category decides.
    const r = await saveDraft(cuihu, caseId, { content: { ...draft, personalStatus: false }, baseVersion: 0 });
    expect(r.signMode).toBe("wet");
    await rejects(sendAgreementCode(liMing, caseId), "CONFLICT", /《电子签名法》第三条不能电子签名/);
    await rejects(sendAgreementCode(respondent, caseId), "CONFLICT", /不能电子签名/);
    await rejects(signAgreement(liMing, caseId, { version: 1, code: "123456", signature: await signaturePng() }, META), "CONFLICT", /不能电子签名/);

    const png = Buffer.from((await signaturePng()).split(",")[1], "base64");
    await rejects(uploadSignedScan(liMing, caseId, 1, [{ bytes: png, name: "p1.png" }], META), "FORBIDDEN");
    await rejects(uploadSignedScan(cuihu, caseId, 1, [{ bytes: new TextEncoder().encode("%PDF-1.4 not an image"), name: "p1.pdf" }], META), "BAD_INPUT", "第1页不是JPG或PNG图片");
    await rejects(uploadSignedScan(cuihu, caseId, 1, [], META), "BAD_INPUT");
    expect(caseRow(caseId).status).toBe("agreed");

    await uploadSignedScan(cuihu, caseId, 1, [{ bytes: png, name: "p1.png" }, { bytes: png, name: "p2.png" }], META);
    expect(caseRow(caseId).status).toBe("effective");
    const a = agreementOfCase(caseId)!;
    expect(a.pdfSha256).toBeTruthy();
    const sigs = liveSignatures(a.id);
    expect(sigs.every((s) => s.method === "wet_scan")).toBe(true);
    expect(sigs).toHaveLength(3);
    expect(eventsOf(caseId).some((e) => e.type === "agreement_effective" && e.summary.includes("纸质协议扫描件（2页"))).toBe(true);
  });
});

describe("paper signing by choice", () => {
  it("a party who cannot sign on screen: the mediator marks paper signing and uploads the signed pages", async () => {
    const { caseId } = await agreedCase();
    const r = await saveDraft(cuihu, caseId, { content: { ...draftOf(cuihu, caseId), paperSigning: true }, baseVersion: 0 });
    expect(r.signMode).toBe("wet");
    await rejects(sendAgreementCode(liMing, caseId), "CONFLICT", "本协议约定线下签署：请在纸质协议上签字，由调解员上传扫描件");
    const png = Buffer.from((await signaturePng()).split(",")[1], "base64");
    await uploadSignedScan(cuihu, caseId, 1, [{ bytes: png, name: "signed.png" }], META);
    expect(caseRow(caseId).status).toBe("effective");
  });
});

describe("the signer list", () => {
  it("lists every party of the case and the mediator, and who may sign for whom", async () => {
    const { caseId, respondent } = await agreedCase();
    const view = loadCaseFor(liMing, caseId);
    const page = agreementPage(view);
    expect(page.slots.map((s) => `${s.roleLabel}${s.name}`)).toEqual(["申请人李明", `被申请人${respondent.name}`, "调解员李桂芬"]);
    const parties: CaseParty[] = view.parties;
    expect(parties).toHaveLength(2);
  });
});
