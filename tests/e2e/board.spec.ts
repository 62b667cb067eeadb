// The 矛调中心 board in a browser: a red case filed through the API appears on an open board without
// a reload; the dispatcher escalates a case with a reason and finds it on the case timeline; and
// the board passes an accessibility check.
import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext } from "@playwright/test";
import { test, expect, DEMO, DEMO_PASSWORD, freshIdNumber, freshPhone } from "./fixtures";

/** 云解纷〔2026〕000123号, as pages print YJF2026000123. */
const printed = (caseNo: string) => `云解纷〔${caseNo.slice(3, 7)}〕${caseNo.slice(7)}号`;

/** 王芳 files a neighbour dispute through the API (as the mobile app would). */
async function fileThroughApi(request: APIRequestContext, baseURL: string, seed: number, over: Record<string, unknown>) {
  const login = await request.post("/api/v1/sessions", { data: { phone: "13900000002", password: DEMO_PASSWORD }, headers: { origin: baseURL } });
  expect(login.status(), await login.text()).toBe(201);
  const { token } = (await login.json()) as { token: string };
  const res = await request.post("/api/v1/cases", {
    headers: { authorization: `Bearer ${token}` },
    data: {
      category: "邻里",
      regionCode: "530102",
      areaCode: "530102001",
      facts: "楼上住户长期在夜间发出噪音，多次沟通无果。",
      claims: "夜间停止噪音并赔礼道歉",
      applicantAddress: "昆明市五华区华山南路8号",
      respondents: [{ kind: "person", name: "周建华", idNumber: freshIdNumber(seed), phone: freshPhone(seed), address: "昆明市五华区华山南路10号" }],
      ...over,
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as { caseId: string; caseNo: string };
}

test("a red case filed through the API appears on the open board without a reload", async ({ page, loginAs, baseURL }) => {
  await loginAs(DEMO.dispatcher);
  await page.goto("/board");
  await expect(page.getByRole("heading", { level: 1, name: "矛调中心看板" })).toBeVisible();
  await expect(page.getByText("● 实时更新中")).toBeVisible();
  // Anything stored on the window survives only if the page is never reloaded.
  await page.evaluate(() => ((window as unknown as { boardMarker: number }).boardMarker = 1));

  const { caseNo } = await fileThroughApi(page.request, baseURL!, Date.now() + 7001, {
    facts: "对方多次上门威胁，扬言要拿刀报复，已经报警三次，矛盾一触即发。",
  });
  const risk = page.getByRole("region", { name: /红黄预警案件/ });
  const row = risk.getByRole("row").filter({ hasText: printed(caseNo) });
  await expect(row).toBeVisible({ timeout: 10_000 });
  await expect(row).toContainText("红色预警");
  await expect(row).toContainText("民转刑");
  expect(await page.evaluate(() => (window as unknown as { boardMarker?: number }).boardMarker)).toBe(1);
});

test("the dispatcher escalates a case with a reason, and it shows on the case timeline", async ({ page, loginAs, baseURL }) => {
  // A large sum makes it yellow: it starts at the street committee (华山街道), one level up.
  const { caseNo } = await fileThroughApi(page.request, baseURL!, Date.now() + 7002, { amountYuan: 800_000, facts: "对方装修导致我家房屋开裂，维修和赔偿金额争议很大。", claims: "赔偿房屋维修费80万元" });
  await loginAs(DEMO.dispatcher);
  await page.goto("/board");
  const row = page.getByRole("region", { name: /红黄预警案件/ }).getByRole("row").filter({ hasText: printed(caseNo) });
  await expect(row).toContainText("华山街道人民调解委员会");
  await row.getByRole("link", { name: `处置 ${printed(caseNo)}` }).click();

  const panel = page.getByRole("region", { name: `处置：${printed(caseNo)}` });
  await expect(panel.getByRole("heading", { level: 2 })).toBeFocused();
  await expect(panel).toContainText("上报至 五华区人民调解委员会");
  // Without a reason nothing happens.
  await panel.getByRole("button", { name: "上报", exact: true }).click();
  await expect(panel.getByRole("alert")).toContainText("请填写上报理由");
  await panel.getByLabel("上报理由").fill("涉案金额大，街道调委会难以调处，请区调委会介入");
  await panel.getByRole("button", { name: "上报", exact: true }).click();
  await expect(panel.getByRole("status")).toContainText("已上报至五华区人民调解委员会：涉案金额大，街道调委会难以调处，请区调委会介入");
  await expect(panel).toContainText("承办：五华区人民调解委员会，调解员 张丽");
  // The county is the top: no further 上报 is offered.
  await expect(panel).toContainText("案件已在县（区）级人民调解委员会，没有更上一级可以上报");

  await panel.getByRole("link", { name: "查看案件详情与办理过程" }).click();
  const timeline = page.getByRole("region", { name: "办理过程" });
  await expect(timeline).toContainText("上报至五华区人民调解委员会（涉案金额大，街道调委会难以调处，请区调委会介入）");
  await expect(timeline.getByRole("listitem").last()).toContainText("赵敏（分流员）");
});

test("no serious accessibility violations on the board, with the 处置 panel open", async ({ page, loginAs, baseURL }) => {
  const { caseNo } = await fileThroughApi(page.request, baseURL!, Date.now() + 7003, { facts: "邻居扬言要放火烧我家的车，已多次报警。" });
  await loginAs(DEMO.dispatcher);
  await page.goto("/board");
  await page.getByRole("link", { name: `处置 ${printed(caseNo)}` }).first().click();
  await expect(page.getByRole("region", { name: `处置：${printed(caseNo)}` })).toBeVisible();
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
});
