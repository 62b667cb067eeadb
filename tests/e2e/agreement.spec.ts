// The mediation agreement with three browsers: the mediator drafts it, the applicant watches the
// draft arrive live and comments, then the two parties and the mediator each sign with an SMS
// code and a signature drawn with the mouse. The last signature makes it effective; the sealed
// PDF downloads, and the public verify page accepts it and refuses anything else.
import type { BrowserContext } from "@playwright/test";
import { caseInMediation, endSessionWithAgreement, expectAccessible, fillAgreementEditor, leakDispute, newRespondent, sign, signedIn } from "./agreement-steps";
import { test, expect, DEMO } from "./fixtures";

test("agreement: draft, live view and comment, three drawn signatures, sealed PDF, verification", async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const base = baseURL!;
  const seed = Date.now();
  const respondent = newRespondent("孙海燕", seed);
  const contexts: BrowserContext[] = [];
  try {
    // ---- Up to "agreement reached", through the API and the forms the pages post.
    const { caseId, applicant, mediator, mediatorPhone, respondentCtx } = await caseInMediation(browser, base, contexts, leakDispute(respondent), respondent);
    const respondentPage = await respondentCtx.newPage();
    await endSessionWithAgreement(mediator, base, caseId);

    // ---- Drafting, watched live by the applicant.
    await applicant.page.goto(`/cases/${caseId}/agreement`);
    await expect(applicant.page.getByText("调解员尚未起草调解协议")).toBeVisible();

    const m = mediator.page;
    await m.goto(`/cases/${caseId}`);
    await m.getByRole("link", { name: "起草调解协议" }).click();
    await expect(m.getByRole("heading", { name: "起草调解协议" })).toBeVisible();
    await test.step("an incomplete draft is refused with Chinese messages beside the fields", async () => {
      await m.getByRole("button", { name: "保存为第1版" }).click();
      await expect(m.getByRole("alert").filter({ hasText: "协议内容有误" })).toBeVisible();
      await expect(m.getByText("请填写民族").first()).toBeVisible();
    });
    await fillAgreementEditor(m, respondent.name);

    // The applicant's open page updates by itself and shows 大写.
    const draft = applicant.page.getByRole("article", { name: "调解协议书（第1版）" });
    await expect(draft).toBeVisible();
    await expect(draft).toContainText("人民币叁仟元整");
    await expect(draft).toContainText("被申请人赔偿申请人吊顶维修费用3000元");

    await test.step("the applicant comments; the mediator sees it", async () => {
      await applicant.page.getByLabel("我的意见").fill(`COMMENT-${seed} 希望写明维修后的验收方式`);
      await applicant.page.getByRole("button", { name: "提交意见" }).click();
      await expect(applicant.page.getByText("意见已提交")).toBeVisible();
      await expect(m.getByText(`COMMENT-${seed}`)).toBeVisible();
    });

    await test.step("the agreement page passes an accessibility check", () => expectAccessible(applicant.page));

    // ---- Three signatures.
    await sign(applicant.page, DEMO.party);
    await respondentPage.goto(`/cases/${caseId}/agreement`);
    await sign(respondentPage, respondent.phone);
    await expect(m.getByText(/李明：已签署/)).toBeVisible();
    await m.reload();
    await sign(m, mediatorPhone);
    await expect(m.getByText("各方均已签署，调解协议已生效")).toBeVisible();
    await expect(applicant.page.getByRole("heading", { name: "协议已生效", exact: true })).toBeVisible();

    // ---- The sealed PDF and its verification.
    const download = await applicant.page.request.get(`/cases/${caseId}/agreement/pdf`);
    expect(download.status()).toBe(200);
    expect(download.headers()["content-type"]).toBe("application/pdf");
    const pdf = await download.body();
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const stranger = await signedIn(browser, base, "13900000003");
    contexts.push(stranger.context);
    expect((await stranger.context.request.get(`/cases/${caseId}/agreement/pdf`)).status()).toBe(404);

    // The verify page is public: a visitor with no account opens what the QR code links to.
    const verifyHref = (await applicant.page.getByRole("link", { name: "核验页面" }).getAttribute("href"))!;
    const visitorCtx = await browser.newContext({ baseURL: base, locale: "zh-CN" });
    contexts.push(visitorCtx);
    const visitor = await visitorCtx.newPage();
    await visitor.goto(verifyHref);
    await expect(visitor.getByText(/本平台确有此文书/)).toBeVisible();
    await expect(visitor.getByText(/申请人 李\*/)).toBeVisible();
    await expect(visitor.locator("main")).not.toContainText("李明");
    await expect(visitor.locator("main")).not.toContainText(respondent.name);
    await visitor.getByLabel("PDF 文件").setInputFiles({ name: "协议.pdf", mimeType: "application/pdf", buffer: pdf });
    await visitor.getByRole("button", { name: "核验文件" }).click();
    await expect(visitor.getByText(/真实有效/)).toBeVisible();
    const tampered = Buffer.from(pdf);
    tampered[Math.floor(tampered.length / 3)] ^= 0x01;
    await visitor.getByLabel("PDF 文件").setInputFiles({ name: "协议.pdf", mimeType: "application/pdf", buffer: tampered });
    await visitor.getByRole("button", { name: "核验文件" }).click();
    await expect(visitor.getByText(/不一致/)).toBeVisible();
    await visitor.getByLabel("PDF 文件").setInputFiles({ name: "photo.png", mimeType: "image/png", buffer: Buffer.from("not a pdf at all") });
    await visitor.getByRole("button", { name: "核验文件" }).click();
    await expect(visitor.getByText("请上传PDF文件：所选文件不是PDF格式")).toBeVisible();
  } finally {
    for (const c of contexts) await c.close();
  }
});
