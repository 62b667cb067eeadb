// The notification centre and the header bell. A live push needs something that notifies; the
// case flow's spec covers that once cases exist (there is deliberately no fake endpoint for it).
import AxeBuilder from "@axe-core/playwright";
import { test, expect, DEMO, expectNoConsoleErrors } from "./fixtures";

test("a signed-in user opens an empty notification centre from the bell", async ({ page, loginAs }) => {
  const errors: string[] = [];
  await expectNoConsoleErrors(page, errors);
  await loginAs(DEMO.party);
  // The socket is opened lazily after hydration, through the handshake's session cookie.
  const socketRequest = page.waitForRequest(/\/socket\.io\/\?/);
  await page.goto("/dashboard");
  await socketRequest;

  const bell = page.getByRole("banner").getByRole("link", { name: "通知", exact: true });
  await expect(bell).toBeVisible();
  await bell.click();
  await expect(page).toHaveURL(/\/notifications$/);
  await expect(page.getByRole("heading", { level: 1, name: "通知" })).toBeVisible();
  await expect(page.getByText("暂无通知")).toBeVisible();
  await expect(page.getByRole("button", { name: "全部标为已读" })).toHaveCount(0);

  await page.getByRole("link", { name: "只看未读" }).click();
  await expect(page.getByText("暂无未读通知")).toBeVisible();

  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  expect(errors).toEqual([]);
});

test("visitors get no bell and never download the socket client", async ({ page }) => {
  const socketTraffic: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("/socket.io/")) socketTraffic.push(r.url());
  });
  await page.goto("/");
  await page.waitForLoadState("networkidle");
  await expect(page.getByRole("banner").getByRole("link", { name: /^通知/ })).toHaveCount(0);
  expect(socketTraffic).toEqual([]);
  const res = await page.goto("/notifications");
  expect(res?.url()).toContain("/login?redirectTo=%2Fnotifications");
});

test("the development outbox is open outside production, with its banner and JSON variant", async ({ page }) => {
  await page.goto("/dev/outbox");
  await expect(page.getByText("开发环境短信/邮件发件箱：生产环境不会显示")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "发件箱" })).toBeVisible();

  const res = await page.request.get("/dev/outbox?to=13900000001&format=json");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("application/json");
  const body = (await res.json()) as { rows: unknown[]; total: number; page: number };
  expect(Array.isArray(body.rows)).toBe(true);
  expect(body.page).toBe(1);
});
