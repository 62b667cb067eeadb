import { test, expect, freshIdNumber, freshPhone, expectNoConsoleErrors } from "./fixtures";

test("a citizen registers, logs out, logs in again and lands on the dashboard", async ({ page }) => {
  const errors: string[] = [];
  await expectNoConsoleErrors(page, errors);
  const phone = freshPhone();
  const idNumber = freshIdNumber();

  await page.goto("/");
  await page.getByRole("link", { name: "注册并申请调解" }).click();
  await expect(page.getByRole("heading", { name: "实名注册" })).toBeVisible();
  await page.getByLabel("真实姓名").fill("测试用户");
  await page.getByLabel("居民身份证号码").fill(idNumber);
  await page.getByLabel("手机号码").fill(phone);
  await page.getByLabel("设置密码").fill("Secret2026x");
  await page.getByLabel("确认密码").fill("Secret2026x");
  await page.getByLabel(/我已阅读并同意/).check();
  await page.getByRole("button", { name: "注册" }).click();

  await expect(page).toHaveURL(/\/dashboard/);
  await expect(page.getByRole("status")).toContainText("注册成功");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("测试用户");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("当事人");

  await page.getByRole("button", { name: "退出" }).click();
  await expect(page).toHaveURL("/");
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fdashboard/);

  await page.getByLabel("手机号码").fill(phone);
  await page.getByLabel("密码").fill("Secret2026x");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/dashboard/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("测试用户");
  expect(errors).toEqual([]);
});

test("a wrong 身份证 check digit is refused with a clear message and nothing is created", async ({ page }) => {
  const good = freshIdNumber(Date.now() + 7);
  const last = good.at(-1)!;
  const wrong = good.slice(0, 17) + (last === "1" ? "2" : "1");
  const phone = freshPhone(Date.now() + 7);
  await page.goto("/register");
  await page.getByLabel("真实姓名").fill("校验测试");
  await page.getByLabel("居民身份证号码").fill(wrong);
  await page.getByLabel("手机号码").fill(phone);
  await page.getByLabel("设置密码").fill("Secret2026x");
  await page.getByLabel("确认密码").fill("Secret2026x");
  await page.getByLabel(/我已阅读并同意/).check();
  await page.getByRole("button", { name: "注册" }).click();
  await expect(page.getByText("身份证号码校验位不正确")).toBeVisible();
  await expect(page).toHaveURL(/\/register/);

  // The account was not created: logging in with that phone fails.
  const res = await page.request.post("/api/v1/sessions", {
    data: { phone, password: "Secret2026x" },
    headers: { origin: new URL(page.url()).origin },
  });
  expect(res.status()).toBe(400);
});

test("the login form explains a wrong password in Chinese", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("手机号码").fill("13900000002");
  await page.getByLabel("密码").fill("wrong-password-1");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("alert")).toContainText("手机号码或密码不正确");
});
