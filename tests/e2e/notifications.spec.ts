// The notification centre and the header bell. A live push needs something that notifies; the
// case flow's spec covers that once cases exist (there is deliberately no fake endpoint for it).
import AxeBuilder from "@axe-core/playwright";
import { test, expect, DEMO, DEMO_PASSWORD, expectNoConsoleErrors, freshIdNumber, freshPhone } from "./fixtures";

test("a signed-in user opens an empty notification centre from the bell", async ({ page, loginAs }) => {
  const errors: string[] = [];
  await expectNoConsoleErrors(page, errors);
  // 钱秀英 takes part in no case in the other specs, so her notification centre stays empty.
  await loginAs(DEMO.quiet);
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

test("a notification arrives live: the applicant's bell counts up when the mediator accepts", async ({ page, loginAs, baseURL }) => {
  const token = async (phone: string) => {
    const res = await page.request.post("/api/v1/sessions", { data: { phone, password: DEMO_PASSWORD }, headers: { origin: baseURL! } });
    return ((await res.json()) as { token: string }).token;
  };
  const applicant = await token("13900000002");
  const seed = Date.now() + 55;
  const filed = await page.request.post("/api/v1/cases", {
    headers: { authorization: `Bearer ${applicant}` },
    data: {
      category: "物业",
      regionCode: "530102",
      areaCode: "530102001",
      facts: "物业公司长期不修电梯，老人上下楼困难。",
      claims: "一个月内修好电梯",
      applicantAddress: "昆明市五华区翠湖北路3号",
      respondents: [{ kind: "person", name: "罗明", idNumber: freshIdNumber(seed), phone: freshPhone(seed), address: "昆明市五华区翠湖北路物业办公室" }],
    },
  });
  expect(filed.status()).toBe(201);
  const { caseId } = (await filed.json()) as { caseId: string };

  await loginAs("13900000002");
  const socket = page.waitForRequest(/\/socket\.io\/\?/);
  await page.goto("/dashboard");
  await socket;
  const bell = page.getByRole("banner").getByRole("link", { name: /^通知/ });
  const before = Number(/（(\d+)条未读）/.exec((await bell.getAttribute("aria-label")) ?? "")?.[1] ?? 0);

  const mediator = await token(DEMO.mediator);
  const accepted = await page.request.post(`/api/v1/cases/${caseId}/accept`, { headers: { authorization: `Bearer ${mediator}` }, data: { conflict: "none" } });
  expect(accepted.status(), await accepted.text()).toBe(200);

  // No reload: the socket delivers it.
  await expect(bell).toHaveAttribute("aria-label", `通知（${before + 1}条未读）`);
  await bell.click();
  await expect(page.getByRole("link", { name: /调解员已受理/ }).first()).toBeVisible();
});
