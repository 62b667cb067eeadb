import type { Page } from "@playwright/test";
import { test, expect, DEMO, DEMO_PASSWORD, freshIdNumber, freshPhone } from "./fixtures";

async function pickRegion(page: Page, legend: string, chain: string[]) {
  const group = page.getByRole("group", { name: legend });
  const levels = ["省", "市", "区县", "乡镇/街道"];
  for (let i = 0; i < chain.length; i++) {
    const select = group.getByLabel(levels[i], { exact: true });
    await expect(select).toBeEnabled();
    await expect(select.locator("option", { hasText: chain[i] })).toHaveCount(1);
    await select.selectOption({ label: chain[i] });
  }
}

async function logout(page: Page) {
  await page.context().clearCookies();
}

async function outboxFor(page: Page, phone: string): Promise<string[]> {
  const res = await page.request.get(`/dev/outbox.json?to=${phone}`);
  expect(res.ok()).toBeTruthy();
  const body = (await res.json()) as { rows: { body: string }[] };
  return body.rows.map((r) => r.body);
}

test("citizen files a neighbour dispute → the community mediator accepts → the respondent consents", async ({ page, loginAs }) => {
  test.setTimeout(90_000);
  const seed = Date.now();
  const respondentPhone = freshPhone(seed);
  const respondentId = freshIdNumber(seed);

  // 1. The citizen files, step by step, saving a draft on the way.
  await loginAs(DEMO.party);
  await page.goto("/cases");
  await page.getByRole("button", { name: "申请调解" }).click();
  await expect(page.getByRole("heading", { name: /第 1 步/ })).toBeVisible();
  await page.getByLabel("您的送达地址").fill("昆明市五华区翠湖南路12号3单元");
  await page.getByRole("button", { name: "下一步" }).click();

  await expect(page.getByRole("heading", { name: /第 2 步/ })).toBeVisible();
  await page.getByLabel("姓名", { exact: true }).fill("周建华");
  await page.getByLabel("身份证号码").fill(respondentId.slice(0, 17) + (respondentId.endsWith("1") ? "2" : "1"));
  await page.getByLabel("手机号码").fill(respondentPhone);
  await page.getByLabel("送达地址").fill("昆明市五华区翠湖南路12号4单元");
  await page.getByRole("button", { name: "下一步" }).click();
  // A wrong check digit stops the step with a clear message.
  await expect(page.getByText("身份证号码校验位不正确")).toBeVisible();
  await page.getByLabel("身份证号码").fill(respondentId);
  await page.getByRole("button", { name: "保存草稿" }).click();
  await expect(page).toHaveURL(/saved=1/);
  await page.getByRole("button", { name: "下一步" }).click();

  await expect(page.getByRole("heading", { name: /第 3 步/ })).toBeVisible();
  await page.getByLabel("纠纷类别").selectOption("邻里");
  await pickRegion(page, "纠纷发生地", ["云南省", "昆明市", "五华区", "华山街道"]);
  await page.getByLabel("纠纷经过").fill("楼上住户装修期间多次漏水，导致我家卫生间吊顶损坏，协商多次未果。<script>alert(1)</script>");
  await page.getByLabel("请求事项").fill("赔偿维修费用3000元并修复防水层");
  await page.getByLabel("争议金额（元，选填）").fill("3000");
  await page.getByRole("button", { name: "下一步" }).click();

  await expect(page.getByRole("heading", { name: /第 4 步/ })).toBeVisible();
  await page.getByLabel("选择文件").setInputFiles({ name: "现场照片.png", mimeType: "image/png", buffer: Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000" + "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082", "hex") });
  await page.getByRole("button", { name: "上传" }).click();
  await expect(page.getByRole("link", { name: "现场照片.png" })).toBeVisible();
  await page.getByRole("button", { name: "下一步" }).click();

  await expect(page.getByRole("heading", { name: /第 5 步/ })).toBeVisible();
  await page.getByRole("button", { name: "提交申请" }).click();
  await expect(page.getByRole("status")).toContainText("申请已提交");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("待调解员受理");
  await expect(page.getByRole("region", { name: "调解组织" })).toContainText("翠湖社区人民调解委员会");
  // Text typed as HTML is shown as text, not run.
  await expect(page.getByText("<script>alert(1)</script>", { exact: false })).toBeVisible();
  const caseUrl = page.url().replace(/\?.*$/, "");

  // 2. The community mediator accepts.
  await logout(page);
  await loginAs(DEMO.mediator);
  await page.goto("/cases?scope=to_accept");
  await page.getByRole("link", { name: /云解纷〔/ }).first().click();
  await expect(page).toHaveURL(caseUrl);
  await page.getByRole("button", { name: "受理", exact: true }).click();
  await expect(page.getByRole("status")).toContainText("已受理");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("待对方同意");

  // 3. The respondent gets an SMS with a link and a code, verifies and consents.
  await logout(page);
  const sms = (await outboxFor(page, respondentPhone)).find((b) => b.includes("/invite/"))!;
  expect(sms).toBeTruthy();
  const link = new URL(/(http\S+\/invite\/[a-z2-7]+)/.exec(sms)![1]).pathname;
  const code = /验证码 (\d{6})/.exec(sms)![1];
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "调解邀请" })).toBeVisible();
  await expect(page.getByText("本次调解不收取任何费用")).toBeVisible();
  await page.getByLabel("短信验证码").fill("000000" === code ? "111111" : "000000");
  await page.getByLabel("您的姓名").fill("周建华");
  await page.getByLabel("您的身份证号码").fill(respondentId);
  await page.getByLabel("设置登录密码").fill("Respond2026");
  await page.getByRole("button", { name: "核验身份并查看" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /验证码不正确，还可尝试 4 次/ }).first()).toBeVisible();
  await page.getByLabel("短信验证码").fill(code);
  await page.getByLabel("您的姓名").fill("周建华");
  await page.getByLabel("您的身份证号码").fill(respondentId);
  await page.getByLabel("设置登录密码").fill("Respond2026");
  await page.getByRole("button", { name: "核验身份并查看" }).click();
  await expect(page).toHaveURL(caseUrl);
  await expect(page.getByText("赔偿维修费用3000元并修复防水层")).toBeVisible();
  await page.getByRole("button", { name: "同意调解", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("调解中");

  // 4. The applicant sees it on the timeline, with who and when.
  await logout(page);
  await loginAs(DEMO.party);
  await page.goto(caseUrl);
  const timeline = page.getByRole("region", { name: "办理过程" });
  await expect(timeline).toContainText("提交调解申请");
  await expect(timeline).toContainText("李桂芬（调解员）");
  await expect(timeline).toContainText("被申请人同意调解");
});

test("a second citizen cannot open the first one's case, by URL or by API", async ({ page, baseURL }) => {
  // The first citizen files through the API (as a court's or firm's system would).
  const login = await page.request.post("/api/v1/sessions", { data: { phone: DEMO.party, password: DEMO_PASSWORD }, headers: { origin: baseURL! } });
  const { token } = (await login.json()) as { token: string };
  const seed = Date.now() + 99;
  const filed = await page.request.post("/api/v1/cases", {
    headers: { authorization: `Bearer ${token}` },
    data: {
      category: "邻里",
      regionCode: "530102",
      areaCode: "530102002",
      facts: "邻居在公共楼道堆放杂物，影响通行和消防安全。",
      claims: "清理楼道杂物",
      applicantAddress: "昆明市五华区威远街8号2单元",
      respondents: [{ kind: "person", name: "陈立新", idNumber: freshIdNumber(seed), phone: freshPhone(seed), address: "昆明市五华区威远街8号3单元" }],
    },
  });
  expect(filed.status(), await filed.text()).toBe(201);
  const { caseId } = (await filed.json()) as { caseId: string };

  await loginAsOther(page, baseURL!, "13900000003");
  const res = await page.goto(`/cases/${caseId}`);
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "页面不存在" })).toBeVisible();
  const other = await page.request.post("/api/v1/sessions", { data: { phone: "13900000003", password: DEMO_PASSWORD }, headers: { origin: baseURL! } });
  const otherToken = ((await other.json()) as { token: string }).token;
  const api = await page.request.get(`/api/v1/cases/${caseId}`, { headers: { authorization: `Bearer ${otherToken}` } });
  expect(api.status()).toBe(404);
});

async function loginAsOther(page: Page, baseURL: string, phone: string) {
  const res = await page.request.post("/api/v1/sessions", { data: { phone, password: DEMO_PASSWORD }, headers: { origin: baseURL } });
  const { token } = (await res.json()) as { token: string };
  await page.context().addCookies([{ name: "yjf_session", value: token, url: baseURL }]);
}
