// The whole pipeline as new users would do it, in five browsers: a citizen files (through the API,
// as the filing spec covers the wizard), the rules route the case, the mediator accepts on the case
// page, the respondent verifies the SMS invitation and consents, the session ends with agreement,
// the agreement is drafted and signed by the three of them; then both parties apply for 司法确认 —
// the court sees nothing until the second signature — the judge accepts and confirms, both parties
// download the 民事裁定书, and the public verify page confirms it is genuine.
import type { BrowserContext, Page } from "@playwright/test";
import {
  endSessionWithAgreement,
  expectAccessible,
  fileCase,
  fillAgreementEditor,
  lastSms,
  leakDispute,
  MEDIATOR_PHONES,
  newRespondent,
  scheduleSession,
  signedIn,
  signInTurn,
  signJointApplication,
} from "./agreement-steps";
import { test, expect, DEMO } from "./fixtures";

/** Signs one's part of the joint application on the 司法确认 page. */
const signApplication = (page: Page, phone: string) => signJointApplication(page, phone, { region: "签署司法确认申请", sms: "申请司法确认的申请", button: "确认签署申请" });

async function downloadRuling(page: Page): Promise<Buffer> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "下载民事裁定书" }).first().click()]);
  expect(download.suggestedFilename()).toMatch(/^民事裁定书-（\d{4}）云0102民特调确字第\d+号\.pdf$/);
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

test("pipeline: filed, routed, accepted, consented, agreement signed, 司法确认 applied for by both, accepted and confirmed, ruling downloaded and verified", async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const base = baseURL!;
  const seed = Date.now() + 4242;
  const respondent = newRespondent("周海涛", seed);
  const contexts: BrowserContext[] = [];
  try {
    // ---- 分: the citizen files; the rules route the case to a mediator.
    const applicant = await signedIn(browser, base, DEMO.party);
    contexts.push(applicant.context);
    const caseId = await fileCase(applicant, base, leakDispute(respondent));
    const a = applicant.page;
    await a.goto(`/cases/${caseId}`);
    const caseNo = (await a.getByRole("heading", { level: 1 }).innerText()).split(" ")[0].trim();
    const mediatorName = (await a.getByRole("region", { name: "调解组织" }).locator("dd").nth(1).innerText()).trim();
    const mediatorPhone = MEDIATOR_PHONES[mediatorName];
    expect(mediatorPhone, `routed to a known mediator, got ${mediatorName}`).toBeTruthy();

    // ---- The mediator accepts on the case page.
    const mediator = await signedIn(browser, base, mediatorPhone);
    contexts.push(mediator.context);
    const m = mediator.page;
    await m.goto(`/cases/${caseId}`);
    await m.getByRole("region", { name: "受理本案" }).getByRole("button", { name: "受理", exact: true }).click();
    await expect(m.getByText("已受理，系统已短信邀请对方当事人")).toBeVisible();

    // ---- The respondent follows the SMS link, verifies, consents.
    const respondentCtx = await browser.newContext({ baseURL: base, locale: "zh-CN" });
    contexts.push(respondentCtx);
    const r = await respondentCtx.newPage();
    const invite = await lastSms(respondentCtx.request, respondent.phone, "/invite/");
    await r.goto(new URL(/(http\S+\/invite\/[a-z2-7]+)/.exec(invite)![1]).pathname);
    await r.getByLabel("短信验证码").fill(/验证码 (\d{6})/.exec(invite)![1]);
    await r.getByLabel("您的姓名").fill(respondent.name);
    await r.getByLabel("您的身份证号码").fill(respondent.idNumber);
    await r.getByLabel("设置登录密码").fill(respondent.password);
    await r.getByRole("button", { name: "核验身份并查看" }).click();
    await expect(r).toHaveURL(new RegExp(`/cases/${caseId}$`));
    await r.getByRole("button", { name: "同意调解", exact: true }).click();
    await expect(r.getByText("您已同意调解")).toBeVisible();

    // ---- 调: a session ends with agreement reached (the forms the case page posts).
    await scheduleSession(mediator, base, caseId);
    await endSessionWithAgreement(mediator, base, caseId);

    // ---- The agreement: drafted in the editor, signed in three browsers.
    await m.goto(`/cases/${caseId}`);
    await m.getByRole("link", { name: "起草调解协议" }).click();
    await fillAgreementEditor(m, respondent.name);
    await signInTurn(caseId, [
      [a, DEMO.party],
      [r, respondent.phone],
      [m, mediatorPhone],
    ]);

    // ---- 裁: the applicant starts the 司法确认 application from the case page's countdown.
    await a.goto(`/cases/${caseId}`);
    const card = a.getByRole("region", { name: "司法确认" });
    // The day the agreement took effect is not counted: 30 days left, more when the 30th is a rest
    // day and the window runs to the next working day (民事诉讼法 Art 85).
    await expect(card).toContainText(/还剩 \d+ 天/);
    expect(Number(/还剩 (\d+) 天/.exec((await card.textContent()) ?? "")?.[1])).toBeGreaterThanOrEqual(30);
    await card.getByRole("link", { name: "申请司法确认" }).click();
    await expect(a.getByRole("heading", { level: 1 })).toContainText("司法确认");
    await a.getByRole("radio", { name: /昆明市五华区人民法院/ }).check();
    await a.getByRole("button", { name: "发起申请" }).click();
    await expect(a.getByText(/已发起司法确认申请/)).toBeVisible();
    await signApplication(a, DEMO.party);
    await expect(a.getByText("签署成功。待其他当事人签署后，申请将提交法院。")).toBeVisible();
    await expectAccessible(a);

    // One party alone: the court sees nothing yet.
    const judge = await signedIn(browser, base, DEMO.judge);
    contexts.push(judge.context);
    const j = judge.page;
    await j.goto("/court/confirmations");
    await expect(j.getByRole("heading", { name: "司法确认申请" })).toBeVisible();
    await expect(j.getByRole("link", { name: caseNo })).toHaveCount(0);
    expect((await j.request.get(`/cases/${caseId}`)).status()).toBe(404);

    // The respondent signs: the application goes to the court.
    await r.goto(`/cases/${caseId}`);
    await r.getByRole("region", { name: "司法确认" }).getByRole("link", { name: "签署司法确认申请" }).click();
    await signApplication(r, respondent.phone);
    await expect(r.getByText("签署成功。各方当事人均已签署，申请已提交法院。")).toBeVisible();

    // ---- The court: the inbox, the package, acceptance with a 调确字 number, the ruling.
    await j.reload();
    await j.getByRole("link", { name: caseNo }).click();
    await expect(j.getByRole("region", { name: "申请材料" })).toContainText("调解组织主持调解的证明");
    const applicationPdf = await j.request.get(`${new URL(j.url()).pathname}/application`);
    expect(applicationPdf.headers()["content-type"]).toBe("application/pdf");
    await expect(j.getByRole("region", { name: "申请人身份及联系方式" })).toContainText(respondent.idNumber);
    await j.getByRole("button", { name: "受理并编立案号" }).click();
    await expect(j.getByText(/已受理，案号 （\d{4}）云0102民特调确字第\d+号/)).toBeVisible();
    await expectAccessible(j);
    await j.getByRole("radio", { name: "裁定调解协议有效" }).check();
    await j.getByRole("button", { name: "作出裁定" }).click();
    const done = j.getByText(/已作出民事裁定书.*文书编号 CD\d{10}/);
    await expect(done).toBeVisible();
    const docNo = /CD\d{10}/.exec(await done.innerText())![0];

    // ---- Both parties download the ruling from their pages.
    await a.goto(`/cases/${caseId}/confirmation`);
    await expect(a.getByText("裁定调解协议有效").first()).toBeVisible();
    const fromApplicant = await downloadRuling(a);
    await r.goto(`/cases/${caseId}`);
    await expect(r.getByRole("region", { name: "司法确认" })).toContainText("已作出裁定");
    const fromRespondent = await downloadRuling(r);
    expect(fromApplicant.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(fromRespondent.equals(fromApplicant)).toBe(true);

    // ---- Anyone can check it on the public verify page.
    const visitorCtx = await browser.newContext({ baseURL: base, locale: "zh-CN" });
    contexts.push(visitorCtx);
    const visitor = await visitorCtx.newPage();
    await visitor.goto(`/verify/${docNo}`);
    await expect(visitor.getByText(/本平台确有此文书：民事裁定书/)).toBeVisible();
    await visitor.getByLabel("PDF 文件").setInputFiles({ name: "裁定书.pdf", mimeType: "application/pdf", buffer: fromRespondent });
    await visitor.getByRole("button", { name: "核验文件" }).click();
    await expect(visitor.getByText(/真实有效/)).toBeVisible();
  } finally {
    for (const c of contexts) await c.close();
  }
});
