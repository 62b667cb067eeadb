import { test, expect, DEMO } from "./fixtures";

test("a 当事人 gets 403 on the admin page", async ({ page, loginAs }) => {
  await loginAs(DEMO.party);
  const res = await page.goto("/admin/orgs");
  expect(res?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "没有权限" })).toBeVisible();
  await expect(page.getByRole("link", { name: "机构管理" })).toHaveCount(0);
});

test("an anonymous visitor is sent to log in", async ({ page }) => {
  await page.goto("/admin/orgs");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fadmin%2Forgs/);
});

test("unknown pages show a Chinese 404", async ({ page }) => {
  const res = await page.goto("/no-such-page");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "页面不存在" })).toBeVisible();
});

test("an admin creates, edits and deactivates an organisation and adds a member", async ({ page, loginAs }) => {
  await loginAs(DEMO.admin);
  await page.goto("/admin/orgs");
  await expect(page.getByRole("link", { name: "翠湖社区人民调解委员会" })).toBeVisible();

  await page.getByRole("link", { name: "新建机构" }).click();
  const name = `西山区人民调解委员会${Date.now() % 10000}`;
  await page.getByLabel("机构名称").fill(name);
  await page.getByLabel("机构类型").selectOption("people_committee");
  await page.getByLabel("所在区县行政区划代码").fill("530112");
  await page.getByRole("button", { name: "创建机构" }).click();
  // Level is required for a people's mediation committee.
  await expect(page.getByText("人民调解委员会需选择层级")).toBeVisible();
  await page.getByLabel("层级（人民调解委员会必填）").selectOption("county");
  await page.getByRole("button", { name: "创建机构" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);

  await page.getByLabel("邻里").check();
  await page.getByRole("button", { name: "保存修改" }).click();
  await expect(page.getByRole("status")).toContainText("已保存");
  await expect(page.getByLabel("邻里")).toBeChecked();

  await page.getByLabel("成员手机号码").fill(DEMO.party);
  await page.getByLabel("成员身份").selectOption("member");
  await page.getByRole("button", { name: "添加" }).click();
  await expect(page.getByText("当事人账号不能加入机构")).toBeVisible();

  await page.getByLabel("成员手机号码").fill("13800000106");
  await page.getByLabel("成员身份").selectOption("member");
  await page.getByRole("button", { name: "添加" }).click();
  await expect(page.getByText(/杨帆（调解员 · 成员）/)).toBeVisible();

  await page.getByRole("button", { name: "停用机构" }).click();
  await expect(page.getByRole("button", { name: "重新启用" })).toBeVisible();
  await page.goto("/admin/orgs");
  await expect(page.getByRole("link", { name })).toHaveCount(0);
  await page.goto("/admin/orgs?all=1&q=" + encodeURIComponent(name));
  await expect(page.getByRole("link", { name })).toBeVisible();
});
