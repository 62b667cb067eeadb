// Steps shared by the specs that take a case through mediation in several browsers
// (agreement.spec.ts, pipeline.spec.ts, notarisation.spec.ts, failed-transfer.spec.ts): signing in
// a browser context, reading the dev SMS outbox, filing, accepting, answering the invitation and
// consenting through the API (the filing and triage specs cover those pages), ending a session,
// filling in the agreement editor, signing with an SMS code and a signature drawn with the mouse,
// signing a joint application, and the accessibility check.
import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Browser, BrowserContext, Page } from "@playwright/test";
import { expect, DEMO, DEMO_PASSWORD, freshIdNumber, freshPhone } from "./fixtures";

export const MEDIATOR_PHONES: Record<string, string> = { 李桂芬: DEMO.mediator, 王建国: "13800000102", 张丽: "13800000103" };

/** A datetime-local value in China time. */
export function chinaLocal(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16);
}

export type SignedIn = { context: BrowserContext; page: Page; token: string };
export type Respondent = { name: string; phone: string; idNumber: string; password: string };

/** A respondent the system has never seen: invited by SMS, registered on answering. */
export function newRespondent(name: string, seed: number): Respondent {
  return { name, phone: freshPhone(seed), idNumber: freshIdNumber(seed), password: "Respond2026" };
}

export async function signedIn(browser: Browser, base: string, phone: string, password = DEMO_PASSWORD): Promise<SignedIn> {
  const context = await browser.newContext({ baseURL: base, locale: "zh-CN" });
  const res = await context.request.post("/api/v1/sessions", { data: { phone, password }, headers: { origin: base } });
  expect(res.status(), await res.text()).toBe(201);
  const { token } = (await res.json()) as { token: string };
  await context.addCookies([{ name: "yjf_session", value: token, url: base, httpOnly: true, sameSite: "Lax" }]);
  return { context, page: await context.newPage(), token };
}

export async function lastSms(request: APIRequestContext, phone: string, includes: string): Promise<string> {
  const res = await request.get(`/dev/outbox.json?to=${phone}`);
  const rows = ((await res.json()) as { rows: { body: string }[] }).rows.map((r) => r.body).filter((b) => b.includes(includes));
  expect(rows.length, `an SMS to ${phone} containing ${includes}`).toBeGreaterThan(0);
  return rows[0]; // newest first
}

/** No serious or critical WCAG 2.1 AA violations on the page as it stands. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

/** The neighbour dispute most specs file: a leaking bathroom upstairs, 3000 yuan and a repair. */
export function leakDispute(respondent: Respondent) {
  return {
    category: "邻里",
    regionCode: "530102",
    areaCode: "530102001",
    facts: "楼上住户装修期间多次漏水，导致我家卫生间吊顶损坏，协商多次未果。",
    claims: "赔偿维修费用3000元并修复防水层",
    applicantAddress: "昆明市五华区翠湖南路12号3单元",
    respondents: [{ kind: "person", name: respondent.name, idNumber: respondent.idNumber, phone: respondent.phone, address: "昆明市五华区翠湖南路12号4单元" }],
  };
}

/** Files a case through the API as `applicant`; the rules route it at once. */
export async function fileCase(applicant: SignedIn, base: string, data: object): Promise<string> {
  const filed = await applicant.context.request.post("/api/v1/cases", { headers: { authorization: `Bearer ${applicant.token}`, origin: base }, data });
  expect(filed.status(), await filed.text()).toBe(201);
  return ((await filed.json()) as { caseId: string }).caseId;
}

/** The phone of the demo mediator the rules chose, as the applicant's API sees the case. */
export async function routedMediatorPhone(applicant: SignedIn, caseId: string): Promise<string> {
  const detail = await applicant.context.request.get(`/api/v1/cases/${caseId}`, { headers: { authorization: `Bearer ${applicant.token}` } });
  const phone = MEDIATOR_PHONES[((await detail.json()) as { mediator: { name: string } | null }).mediator?.name ?? ""];
  expect(phone).toBeTruthy();
  return phone;
}

export async function acceptCase(mediator: SignedIn, base: string, caseId: string) {
  const accepted = await mediator.context.request.post(`/api/v1/cases/${caseId}/accept`, { headers: { authorization: `Bearer ${mediator.token}`, origin: base }, data: { conflict: "none" } });
  expect(accepted.status(), await accepted.text()).toBe(200);
}

/** The respondent follows the SMS invitation in a new browser, verifies who they are and consents. */
export async function answerInvitation(browser: Browser, base: string, respondent: Respondent, caseId: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: base, locale: "zh-CN" });
  const invite = await lastSms(context.request, respondent.phone, "/invite/");
  const verified = await context.request.post(new URL(/(http\S+\/invite\/[a-z2-7]+)/.exec(invite)![1]).pathname, {
    headers: { origin: base },
    form: { code: /验证码 (\d{6})/.exec(invite)![1], name: respondent.name, idNumber: respondent.idNumber, password: respondent.password },
  });
  expect(verified.ok(), await verified.text()).toBeTruthy();
  const consented = await context.request.post(`/api/v1/cases/${caseId}/consent`, { headers: { origin: base }, data: {} });
  expect(consented.status(), await consented.text()).toBe(200);
  return context;
}

/** A joint session two minutes from now (the form the case page posts). */
export async function scheduleSession(mediator: SignedIn, base: string, caseId: string) {
  const scheduled = await mediator.context.request.post(`/cases/${caseId}`, {
    headers: { origin: base },
    form: { intent: "schedule", scheduledAt: chinaLocal(new Date(Date.now() + 2 * 60_000)), durationMin: "60", mode: "joint" },
  });
  expect(scheduled.status()).toBe(200);
}

/** The scheduled session ends with agreement reached (the form the case page posts). */
export async function endSessionWithAgreement(mediator: SignedIn, base: string, caseId: string) {
  const sessionId = /name="sessionId" value="([^"]+)"/.exec(await (await mediator.context.request.get(`/cases/${caseId}`)).text())![1];
  const ended = await mediator.context.request.post(`/cases/${caseId}`, { headers: { origin: base }, form: { intent: "end-session", sessionId, outcome: "agreement" } });
  expect(ended.status(), await ended.text()).toBe(200);
}

/**
 * Filed by the demo applicant, accepted by the mediator (the routed one unless `mediatorPhone` is
 * given), answered and consented to by the respondent, a session scheduled: every browser context
 * opened is pushed onto `contexts` for the spec to close.
 */
export async function caseInMediation(browser: Browser, base: string, contexts: BrowserContext[], data: object, respondent: Respondent, mediatorPhone?: string) {
  const applicant = await signedIn(browser, base, DEMO.party);
  contexts.push(applicant.context);
  const caseId = await fileCase(applicant, base, data);
  const phone = mediatorPhone ?? (await routedMediatorPhone(applicant, caseId));
  const mediator = await signedIn(browser, base, phone);
  contexts.push(mediator.context);
  await acceptCase(mediator, base, caseId);
  const respondentCtx = await answerInvitation(browser, base, respondent, caseId);
  contexts.push(respondentCtx);
  await scheduleSession(mediator, base, caseId);
  return { caseId, applicant, mediator, mediatorPhone: phone, respondentCtx };
}

/** Gets the code, draws a signature with the mouse, signs. */
export async function sign(page: Page, phone: string) {
  const section = page.getByRole("region", { name: /签署调解协议/ });
  await section.getByRole("button", { name: "获取短信验证码" }).click();
  await expect(section.getByText(/验证码已发送至 \d{3}\*{4}\d{4}/)).toBeVisible();
  const sms = await lastSms(page.request, phone, "签署");
  const code = /验证码 (\d{6})/.exec(sms)![1];
  await section.getByLabel("短信验证码").fill(code);
  const canvas = section.locator("canvas.signature-box");
  await expect(section.getByRole("button", { name: "确认签署" })).toBeEnabled();
  // Submitting an empty pad is caught before it leaves the page.
  await section.getByRole("button", { name: "确认签署" }).click();
  await expect(section.getByText("请在签名框内手写签名")).toBeVisible();
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + 30, box.y + box.height * 0.6);
  await page.mouse.down();
  for (const [dx, dy] of [[60, -40], [100, 30], [150, -30], [200, 20], [260, -10]]) await page.mouse.move(box.x + 30 + dx, box.y + box.height * 0.5 + dy, { steps: 8 });
  await page.mouse.up();
  await section.getByRole("button", { name: "确认签署" }).click();
  await expect(page.getByText(/签署成功/)).toBeVisible();
}

/** What the mediator writes in the agreement editor. */
export type AgreementTerms = {
  dispute: string;
  liability: string;
  content: string;
  amount: string;
  /** Due date (yyyy-mm-dd) and amount of each instalment. */
  instalments: [string, string][];
  /** The debtor's acceptance of enforcement (公证法 Art 37), for 赋强公证. */
  enforcement?: boolean;
  method: string;
  place: string;
  deadline: string;
};

/** The leak dispute's agreement: repair plus 3000 yuan by 2027-01-31. */
export const LEAK_TERMS: AgreementTerms = {
  dispute: "楼上装修漏水造成的损失由谁承担、如何修复。",
  liability: "被申请人装修不当导致漏水，应承担主要责任。",
  content: "被申请人于2027年1月31日前修复卫生间防水层\n被申请人赔偿申请人吊顶维修费用3000元",
  amount: "3000",
  instalments: [["2027-01-31", "3000"]],
  method: "修复防水层并以银行转账支付维修费",
  place: "昆明市五华区翠湖南路12号",
  deadline: "2027-01-31",
};

/** The mediator completes the editor (the respondent pays the applicant 李明) and saves version 1. */
export async function fillAgreementEditor(m: Page, respondentName: string, terms: AgreementTerms = LEAK_TERMS) {
  const editor = m.locator("form.agreement-form");
  for (const field of await editor.getByLabel("民族").all()) await field.fill("汉族");
  for (const field of await editor.getByLabel("职业").all()) await field.fill("个体经营");
  await editor.getByLabel("争议事项").fill(terms.dispute);
  await editor.getByLabel("各方当事人的责任").fill(terms.liability);
  await editor.getByLabel("协议内容", { exact: true }).fill(terms.content);
  await editor.getByLabel("协议包含一方向另一方支付款项").check();
  await editor.getByLabel("付款方", { exact: true }).selectOption({ label: `${respondentName}（被申请人）` });
  await editor.getByLabel("收款方", { exact: true }).selectOption({ label: "李明（申请人）" });
  await editor.getByLabel("协议金额（元）").fill(terms.amount);
  for (const [i, [due, amount]] of terms.instalments.entries()) {
    await editor.getByLabel(`第${i + 1}期 履行期限`).fill(due);
    await editor.getByLabel(`第${i + 1}期 金额（元）`).fill(amount);
  }
  if (terms.enforcement) await editor.getByLabel(/自愿接受强制执行/).check();
  await editor.getByLabel("履行方式", { exact: true }).fill(terms.method);
  await editor.getByLabel("履行地点", { exact: true }).fill(terms.place);
  await editor.getByLabel("履行期限", { exact: true }).fill(terms.deadline);
  // A revalidation landing while the page hydrates can clear the first fields typed: check them.
  for (const [label, value] of [["民族", "汉族"], ["职业", "个体经营"]] as const)
    for (const field of await editor.getByLabel(label).all()) {
      if ((await field.inputValue()) === "") await field.fill(value);
      await expect(field).toHaveValue(value);
    }
  await m.getByRole("button", { name: "保存为第1版" }).click();
  await expect(m.getByText("已保存为第1版")).toBeVisible();
}

/** Each signer in turn opens the agreement page and signs; the last signature makes it effective. */
export async function signInTurn(caseId: string, signers: [Page, string][]) {
  for (const [page, phone] of signers) {
    await page.goto(`/cases/${caseId}/agreement`);
    await sign(page, phone);
  }
  await expect(signers[signers.length - 1][0].getByText("各方均已签署，调解协议已生效")).toBeVisible();
}

/** Signs one's part of a joint application (司法确认, 赋强公证) with the code sent by SMS. */
export async function signJointApplication(page: Page, phone: string, form: { region: string; sms: string; button: string }) {
  const section = page.getByRole("region", { name: form.region });
  await section.getByRole("button", { name: "获取短信验证码" }).click();
  await expect(section.getByText(/验证码已发送至 \d{3}\*{4}\d{4}/)).toBeVisible();
  const code = /验证码 (\d{6})/.exec(await lastSms(page.request, phone, form.sms))![1];
  await section.getByLabel("短信验证码").fill(code);
  await section.getByRole("button", { name: form.button }).click();
}
