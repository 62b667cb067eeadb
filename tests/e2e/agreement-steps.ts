// Steps shared by the specs that take a case to an effective agreement in several browsers
// (agreement.spec.ts, pipeline.spec.ts): signing in a browser context, reading the dev SMS outbox,
// filling in the agreement editor, and signing with an SMS code and a signature drawn with the mouse.
import type { APIRequestContext, Browser, BrowserContext, Page } from "@playwright/test";
import { expect, DEMO, DEMO_PASSWORD } from "./fixtures";

export const MEDIATOR_PHONES: Record<string, string> = { 李桂芬: DEMO.mediator, 王建国: "13800000102", 张丽: "13800000103" };

/** A datetime-local value in China time. */
export function chinaLocal(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16);
}

export async function signedIn(browser: Browser, base: string, phone: string, password = DEMO_PASSWORD): Promise<{ context: BrowserContext; page: Page; token: string }> {
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

/** The mediator completes the editor of a neighbour case (repair plus 3000 yuan) and saves version 1. */
export async function fillAgreementEditor(m: Page, respondentName: string) {
  const editor = m.locator("form.agreement-form");
  for (const field of await editor.getByLabel("民族").all()) await field.fill("汉族");
  for (const field of await editor.getByLabel("职业").all()) await field.fill("个体经营");
  await editor.getByLabel("争议事项").fill("楼上装修漏水造成的损失由谁承担、如何修复。");
  await editor.getByLabel("各方当事人的责任").fill("被申请人装修不当导致漏水，应承担主要责任。");
  await editor.getByLabel("协议内容", { exact: true }).fill("被申请人于2027年1月31日前修复卫生间防水层\n被申请人赔偿申请人吊顶维修费用3000元");
  await editor.getByLabel("协议包含一方向另一方支付款项").check();
  await editor.getByLabel("付款方", { exact: true }).selectOption({ label: `${respondentName}（被申请人）` });
  await editor.getByLabel("收款方", { exact: true }).selectOption({ label: "李明（申请人）" });
  await editor.getByLabel("协议金额（元）").fill("3000");
  await editor.getByLabel("第1期 履行期限").fill("2027-01-31");
  await editor.getByLabel("第1期 金额（元）").fill("3000");
  await editor.getByLabel("履行方式", { exact: true }).fill("修复防水层并以银行转账支付维修费");
  await editor.getByLabel("履行地点", { exact: true }).fill("昆明市五华区翠湖南路12号");
  await editor.getByLabel("履行期限", { exact: true }).fill("2027-01-31");
  // A revalidation landing while the page hydrates can clear the first fields typed: check them.
  for (const [label, value] of [["民族", "汉族"], ["职业", "个体经营"]] as const)
    for (const field of await editor.getByLabel(label).all()) {
      if ((await field.inputValue()) === "") await field.fill(value);
      await expect(field).toHaveValue(value);
    }
  await m.getByRole("button", { name: "保存为第1版" }).click();
  await expect(m.getByText("已保存为第1版")).toBeVisible();
}
