// 赋强公证 with a default and an 执行证书, as new users would do it: a loan-style agreement with two
// instalments (the first already due yesterday: the server clock cannot be moved, and the agreement
// form checks dates only by format) and the debtor's acceptance of enforcement takes effect; both
// parties apply jointly with SMS codes; the notary issues the 公证书; the creditor sees the default
// and asks for an 执行证书; the notary issues it; the creditor downloads it and the public verify
// page confirms it.
import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Browser, BrowserContext, Page } from "@playwright/test";
import { test, expect, DEMO, DEMO_PASSWORD, freshIdNumber, freshPhone } from "./fixtures";

const MEDIATOR_PHONES: Record<string, string> = { 李桂芬: DEMO.mediator, 王建国: "13800000102", 张丽: "13800000103" };
const OFFICE = "昆明市春城公证处";

function chinaLocal(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16);
}
function chinaDay(offsetDays: number): string {
  return new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

async function signedIn(browser: Browser, base: string, phone: string, password = DEMO_PASSWORD): Promise<{ context: BrowserContext; page: Page; token: string }> {
  const context = await browser.newContext({ baseURL: base, locale: "zh-CN" });
  const res = await context.request.post("/api/v1/sessions", { data: { phone, password }, headers: { origin: base } });
  expect(res.status(), await res.text()).toBe(201);
  const { token } = (await res.json()) as { token: string };
  await context.addCookies([{ name: "yjf_session", value: token, url: base, httpOnly: true, sameSite: "Lax" }]);
  return { context, page: await context.newPage(), token };
}

async function lastSms(request: APIRequestContext, phone: string, includes: string): Promise<string> {
  const res = await request.get(`/dev/outbox.json?to=${phone}`);
  const rows = ((await res.json()) as { rows: { body: string }[] }).rows.map((r) => r.body).filter((b) => b.includes(includes));
  expect(rows.length, `an SMS to ${phone} containing ${includes}`).toBeGreaterThan(0);
  return rows[0]; // newest first
}

/** Signs the agreement: code by SMS, a signature drawn with the mouse. */
async function signAgreement(page: Page, phone: string) {
  const section = page.getByRole("region", { name: /签署调解协议/ });
  await section.getByRole("button", { name: "获取短信验证码" }).click();
  await expect(section.getByText(/验证码已发送至/)).toBeVisible();
  const code = /验证码 (\d{6})/.exec(await lastSms(page.request, phone, "签署"))![1];
  await section.getByLabel("短信验证码").fill(code);
  const box = (await section.locator("canvas.signature-box").boundingBox())!;
  await page.mouse.move(box.x + 30, box.y + box.height * 0.6);
  await page.mouse.down();
  for (const [dx, dy] of [[60, -40], [100, 30], [150, -30], [200, 20]]) await page.mouse.move(box.x + 30 + dx, box.y + box.height * 0.5 + dy, { steps: 6 });
  await page.mouse.up();
  await section.getByRole("button", { name: "确认签署" }).click();
  await expect(page.getByText(/签署成功/)).toBeVisible();
}

/** Signs one's part of the joint 赋强公证 application on the case page. */
async function signApplication(page: Page, phone: string) {
  const section = page.getByRole("region", { name: "签署赋强公证申请" });
  await section.getByRole("button", { name: "获取短信验证码" }).click();
  await expect(section.getByText(/验证码已发送至 \d{3}\*{4}\d{4}/)).toBeVisible();
  const code = /验证码 (\d{6})/.exec(await lastSms(page.request, phone, "赋强公证"))![1];
  await section.getByLabel("短信验证码").fill(code);
  await section.getByRole("button", { name: "签署申请" }).click();
}

test("赋强公证: joint application, the notary's 公证书, a default, the 执行证书 and its verification", async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const base = baseURL!;
  const seed = Date.now() + 4242;
  const respondent = { name: "周建华", phone: freshPhone(seed), idNumber: freshIdNumber(seed), password: "Respond2026" };
  const contexts: BrowserContext[] = [];
  try {
    // ---- Up to "agreement reached", through the API and the forms the pages post.
    const applicant = await signedIn(browser, base, DEMO.party);
    contexts.push(applicant.context);
    const filed = await applicant.context.request.post("/api/v1/cases", {
      headers: { authorization: `Bearer ${applicant.token}`, origin: base },
      data: {
        category: "邻里",
        regionCode: "530102",
        areaCode: "530102001",
        facts: "邻居装修时损坏了我家的围墙和花台，答应赔偿后一直拖延，多次协商未果。",
        claims: "赔偿围墙和花台修复费用3000元",
        applicantAddress: "昆明市五华区翠湖南路12号3单元",
        respondents: [{ kind: "person", name: respondent.name, idNumber: respondent.idNumber, phone: respondent.phone, address: "昆明市五华区翠湖南路14号1单元" }],
      },
    });
    expect(filed.status(), await filed.text()).toBe(201);
    const { caseId } = (await filed.json()) as { caseId: string };
    const detail = await applicant.context.request.get(`/api/v1/cases/${caseId}`, { headers: { authorization: `Bearer ${applicant.token}` } });
    const mediatorPhone = MEDIATOR_PHONES[((await detail.json()) as { mediator: { name: string } | null }).mediator?.name ?? ""];
    expect(mediatorPhone).toBeTruthy();

    const mediator = await signedIn(browser, base, mediatorPhone);
    contexts.push(mediator.context);
    const accepted = await mediator.context.request.post(`/api/v1/cases/${caseId}/accept`, { headers: { authorization: `Bearer ${mediator.token}`, origin: base }, data: { conflict: "none" } });
    expect(accepted.status(), await accepted.text()).toBe(200);

    const respondentCtx = await browser.newContext({ baseURL: base, locale: "zh-CN" });
    contexts.push(respondentCtx);
    const invite = await lastSms(respondentCtx.request, respondent.phone, "/invite/");
    const verified = await respondentCtx.request.post(new URL(/(http\S+\/invite\/[a-z2-7]+)/.exec(invite)![1]).pathname, {
      headers: { origin: base },
      form: { code: /验证码 (\d{6})/.exec(invite)![1], name: respondent.name, idNumber: respondent.idNumber, password: respondent.password },
    });
    expect(verified.ok(), await verified.text()).toBeTruthy();
    const consented = await respondentCtx.request.post(`/api/v1/cases/${caseId}/consent`, { headers: { origin: base }, data: {} });
    expect(consented.status(), await consented.text()).toBe(200);
    const debtor = await respondentCtx.newPage();

    const scheduled = await mediator.context.request.post(`/cases/${caseId}`, {
      headers: { origin: base },
      form: { intent: "schedule", scheduledAt: chinaLocal(new Date(Date.now() + 2 * 60_000)), durationMin: "60", mode: "joint" },
    });
    expect(scheduled.status()).toBe(200);
    const sessionId = /name="sessionId" value="([^"]+)"/.exec(await (await mediator.context.request.get(`/cases/${caseId}`)).text())![1];
    const ended = await mediator.context.request.post(`/cases/${caseId}`, { headers: { origin: base }, form: { intent: "end-session", sessionId, outcome: "agreement" } });
    expect(ended.status(), await ended.text()).toBe(200);

    // ---- The mediator drafts a payment in two instalments with the enforcement clause.
    const m = mediator.page;
    await m.goto(`/cases/${caseId}/agreement`);
    const editor = m.locator("form.agreement-form");
    for (const field of await editor.getByLabel("民族").all()) await field.fill("汉族");
    for (const field of await editor.getByLabel("职业").all()) await field.fill("个体经营");
    await editor.getByLabel("争议事项").fill("装修损坏围墙和花台的修复费用由谁承担、如何支付。");
    await editor.getByLabel("各方当事人的责任").fill("被申请人装修施工不当损坏围墙和花台，应承担修复费用。");
    await editor.getByLabel("协议内容", { exact: true }).fill(`被申请人赔偿申请人围墙和花台修复费用3000元，分两期支付`);
    await editor.getByLabel("协议包含一方向另一方支付款项").check();
    await editor.getByLabel("付款方", { exact: true }).selectOption({ label: `${respondent.name}（被申请人）` });
    await editor.getByLabel("收款方", { exact: true }).selectOption({ label: "李明（申请人）" });
    await editor.getByLabel("协议金额（元）").fill("3000");
    await editor.getByLabel("第1期 履行期限").fill(chinaDay(-1)); // already due: the default to come
    await editor.getByLabel("第1期 金额（元）").fill("1000");
    await editor.getByLabel("第2期 履行期限").fill(chinaDay(60));
    await editor.getByLabel("第2期 金额（元）").fill("2000");
    await editor.getByLabel(/自愿接受强制执行/).check();
    await editor.getByLabel("履行方式", { exact: true }).fill("分两期银行转账");
    await editor.getByLabel("履行地点", { exact: true }).fill("昆明市五华区翠湖南路12号");
    await editor.getByLabel("履行期限", { exact: true }).fill(chinaDay(60));
    await m.getByRole("button", { name: "保存为第1版" }).click();
    await expect(m.getByText("已保存为第1版")).toBeVisible();

    // ---- Three signatures: the agreement takes effect with its payment schedule.
    await applicant.page.goto(`/cases/${caseId}/agreement`);
    await signAgreement(applicant.page, DEMO.party);
    await debtor.goto(`/cases/${caseId}/agreement`);
    await signAgreement(debtor, respondent.phone);
    await m.reload();
    await signAgreement(m, mediatorPhone);
    await expect(m.getByText("各方均已签署，调解协议已生效")).toBeVisible();

    // ---- The case page: the schedule (first instalment overdue) and the routes a default opens.
    const a = applicant.page;
    await a.goto(`/cases/${caseId}`);
    const performance = a.getByRole("region", { name: "协议履行" });
    await expect(performance.getByRole("row", { name: "第1期" })).toContainText("逾期");
    await expect(performance.getByRole("row", { name: "第1期" })).toContainText("人民币壹仟元整");
    await expect(performance.getByRole("row", { name: "第2期" })).toContainText("待履行");
    await expect(performance.getByRole("region", { name: "对方未按期履行，您可以这样做" })).toContainText("申请赋强公证");

    // ---- 赋强公证: the creditor starts, both sign with codes; alone it goes nowhere.
    const notarisation = a.getByRole("region", { name: "赋强公证" });
    await notarisation.getByLabel("公证处").selectOption({ label: OFFICE });
    await notarisation.getByRole("button", { name: "申请赋强公证" }).click();
    await expect(notarisation.getByText("已发起赋强公证申请")).toBeVisible();
    await signApplication(a, DEMO.party);
    await expect(notarisation.getByText("签署成功，等待对方签署后提交公证处。")).toBeVisible();
    await expect(notarisation.getByText(/李明：已签署/)).toBeVisible();

    await debtor.goto(`/cases/${caseId}`);
    const debtorPanel = debtor.getByRole("region", { name: "赋强公证" });
    await expect(debtorPanel.getByText(/您在协议中承诺：未按期足额付款的，自愿接受强制执行/)).toBeVisible();
    await signApplication(debtor, respondent.phone);
    await expect(debtorPanel.getByText("签署成功。各方均已签署，申请已提交公证处。")).toBeVisible();
    await expect(notarisation.getByText(/公证员正在审查/)).toBeVisible(); // the creditor's page updates by itself

    await test.step("the case page with its panels passes an accessibility check", async () => {
      const results = await new AxeBuilder({ page: a }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    });

    // ---- The notary checks the package and issues the 公证书.
    const notary = await signedIn(browser, base, DEMO.notary);
    contexts.push(notary.context);
    const n = notary.page;
    await n.goto("/notary");
    await n.getByRole("row", { name: new RegExp(respondent.name) }).getByRole("link").click();
    await expect(n.getByRole("heading", { name: "债务人接受强制执行的承诺" })).toBeVisible();
    await expect(n.getByText(`${respondent.name}承诺：如未按本协议约定的期限足额履行给付义务，自愿接受人民法院依法强制执行。`)).toBeVisible();
    await expect(n.getByRole("region", { name: "当事人身份及联系方式" })).toContainText(respondent.phone);
    await n.getByRole("button", { name: "出具公证书" }).click(); // the box is not ticked: the browser stops it
    await expect(n.getByText(/已出具公证书/)).toHaveCount(0);
    await n.getByLabel(/我已核对调解协议/).check();
    await n.getByRole("button", { name: "出具公证书" }).click();
    await expect(n.getByText(/已出具公证书 （\d{4}）云昆春证字第\d+号，已送达双方当事人/)).toBeVisible();

    // ---- The creditor sees it, the default, and asks for an 执行证书; the debtor cannot.
    await expect(notarisation.getByRole("link", { name: "下载公证书" })).toBeVisible();
    await expect(performance.getByRole("region", { name: "申请执行证书" })).toBeVisible();
    await debtor.reload();
    await expect(debtor.getByRole("region", { name: "赋强公证" }).getByRole("link", { name: "下载公证书" })).toBeVisible();
    await expect(debtor.getByRole("button", { name: "申请出具执行证书" })).toHaveCount(0);
    await notarisation.getByRole("button", { name: "申请出具执行证书" }).click();
    await expect(notarisation.getByText("已申请出具执行证书，公证员核实履行情况后出具").first()).toBeVisible();

    // ---- The notary checks performance and issues the 执行证书.
    await n.reload();
    await expect(n.getByRole("region", { name: "给付内容及履行情况" }).getByText("逾期")).toBeVisible();
    await n.getByLabel("核实情况（写入执行证书）").fill("已电话联系债务人，其确认第1期款项尚未支付");
    await n.getByRole("button", { name: "出具执行证书", exact: true }).click();
    await expect(n.getByText(/已出具执行证书 （\d{4}）云昆春执字第\d+号/)).toBeVisible();

    // ---- The creditor downloads it; the public verify page confirms it.
    const link = notarisation.getByRole("link", { name: "下载执行证书" });
    await expect(link).toBeVisible();
    await expect(performance).toContainText("被执行人住所地或者被执行的财产所在地人民法院");
    const download = await a.request.get((await link.getAttribute("href"))!);
    expect(download.status()).toBe(200);
    expect(download.headers()["content-type"]).toBe("application/pdf");
    const pdf = await download.body();
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const stranger = await signedIn(browser, base, "13900000003");
    contexts.push(stranger.context);
    expect((await stranger.context.request.get((await link.getAttribute("href"))!)).status()).toBe(404);

    const verifyHref = (await notarisation.getByRole("link", { name: "核验执行证书" }).getAttribute("href"))!;
    expect(verifyHref).toMatch(/^\/verify\/ZX\d{10}$/);
    const visitorCtx = await browser.newContext({ baseURL: base, locale: "zh-CN" });
    contexts.push(visitorCtx);
    const visitor = await visitorCtx.newPage();
    await visitor.goto(verifyHref);
    await expect(visitor.getByText(/本平台确有此文书：执行证书/)).toBeVisible();
    await expect(visitor.locator("main")).toContainText(OFFICE);
    await expect(visitor.locator("main")).not.toContainText(respondent.name);
    await visitor.getByLabel("PDF 文件").setInputFiles({ name: "执行证书.pdf", mimeType: "application/pdf", buffer: pdf });
    await visitor.getByRole("button", { name: "核验文件" }).click();
    await expect(visitor.getByText(/真实有效/)).toBeVisible();
  } finally {
    for (const c of contexts) await c.close();
  }
});
