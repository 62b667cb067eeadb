// 数据公开 in a browser: six disputes filed through the API show up on the public statistics page
// as drawn charts (Chart.js canvases, loaded on this page only) and tables; the page carries no
// personal data, has no console errors, passes an accessibility check, and a table downloads as
// a CSV that Excel reads (BOM, Chinese intact). A judge gets the staff view with the organisation filter.
import AxeBuilder from "@axe-core/playwright";
import fs from "node:fs";
import { test, expect, DEMO, DEMO_PASSWORD, expectNoConsoleErrors, freshIdNumber, freshPhone } from "./fixtures";

const RESPONDENTS = Array.from({ length: 6 }, (_, k) => ({ name: `司马统计${"甲乙丙丁戊己"[k]}`, seed: Date.now() + 9100 + k }));
const filed: { caseNo: string }[] = [];

test.beforeAll(async ({ playwright }) => {
  const baseURL = `http://localhost:${process.env.E2E_PORT ?? 3100}`;
  const request = await playwright.request.newContext({ baseURL });
  const login = await request.post("/api/v1/sessions", { data: { phone: "13900000002", password: DEMO_PASSWORD }, headers: { origin: baseURL } });
  expect(login.status(), await login.text()).toBe(201);
  const { token } = (await login.json()) as { token: string };
  for (const r of RESPONDENTS) {
    const res = await request.post("/api/v1/cases", {
      headers: { authorization: `Bearer ${token}` },
      data: {
        // A category no other browser test files, so the counts below are this file's alone
        // (the suite's tests share one server and database).
        category: "环境污染",
        regionCode: "530102",
        areaCode: "530102001",
        facts: "楼下餐馆油烟直排，长期熏染我家住宅，多次沟通无果。",
        claims: "安装油烟净化设备并赔礼道歉",
        applicantAddress: "昆明市五华区华山南路8号",
        respondents: [{ kind: "person", name: r.name, idNumber: freshIdNumber(r.seed), phone: freshPhone(r.seed), address: "昆明市五华区华山南路10号" }],
      },
    });
    expect(res.status(), await res.text()).toBe(201);
    filed.push((await res.json()) as { caseNo: string });
  }
  // Five 山林土地 disputes: when the categories other browser tests filed are small, the public
  // page merges the next smallest group into "其他" — this one, never the six counted below,
  // whichever spec files run first.
  for (let k = 0; k < 5; k++) {
    const seed = Date.now() + 9200 + k;
    const res = await request.post("/api/v1/cases", {
      headers: { authorization: `Bearer ${token}` },
      data: {
        category: "山林土地",
        regionCode: "530102",
        areaCode: "530102001",
        facts: "相邻承包地的界桩被移动，双方对地界位置有争议，多次协商未果。",
        claims: "请求确认地界并恢复原界桩",
        applicantAddress: "昆明市五华区华山南路8号",
        respondents: [{ kind: "person", name: `欧阳地界${"甲乙丙丁戊"[k]}`, idNumber: freshIdNumber(seed), phone: freshPhone(seed), address: "昆明市五华区华山南路12号" }],
      },
    });
    expect(res.status(), await res.text()).toBe(201);
  }
  await request.dispose();
});

test("the public page draws its charts and tables, shows no personal data and passes an accessibility check", async ({ page }) => {
  const errors: string[] = [];
  await expectNoConsoleErrors(page, errors);
  const chartChunks: string[] = [];
  page.on("request", (r) => {
    if (/stats-chartjs/.test(r.url())) chartChunks.push(r.url());
  });

  await page.goto("/stats");
  await expect(page.getByRole("heading", { level: 1, name: "数据公开" })).toBeVisible();
  // Every chart is a canvas that Chart.js has sized (it sets the drawing buffer to the box).
  const canvases = page.locator("canvas[data-chart]");
  await expect(canvases).toHaveCount(10);
  await expect.poll(() => canvases.evaluateAll((cs) => cs.filter((c) => (c as HTMLCanvasElement).width > 0 && c.getAttribute("style")).length)).toBe(10);
  expect(chartChunks).toHaveLength(1);

  // The tables: a caption, column headers, row headers; the six disputes counted under 环境污染.
  await expect(page.getByRole("table")).toHaveCount(11);
  const byCategory = page.getByRole("table", { name: /各类纠纷的收案数/ });
  await expect(byCategory.getByRole("columnheader", { name: "收案数（件）" })).toBeVisible();
  await expect(byCategory.getByRole("row", { name: /环境污染/ }).getByRole("cell").first()).toHaveText("6");
  await expect(page.getByRole("table", { name: /每月收案数/ }).getByRole("rowheader").first()).toBeVisible();
  await expect(page.getByRole("heading", { name: "统计口径" })).toBeVisible();

  const html = await page.content();
  for (const r of RESPONDENTS) {
    expect(html).not.toContain(r.name);
    expect(html).not.toContain(freshPhone(r.seed));
    expect(html).not.toContain(freshIdNumber(r.seed));
  }
  for (const c of filed) {
    expect(html).not.toContain(c.caseNo);
    expect(html).not.toContain(`云解纷〔${c.caseNo.slice(3, 7)}〕${c.caseNo.slice(7)}号`);
  }
  for (const who of ["王芳", "13900000002"]) expect(html).not.toContain(who);

  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
  expect(errors).toEqual([]);
});

test("a table downloads as CSV that Excel opens: BOM, UTF-8 file name, Chinese intact", async ({ page }) => {
  await page.goto("/stats");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "下载CSV：按纠纷类型" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^云解纷统计_按纠纷类型_\d{4}-\d{2}至\d{4}-\d{2}\.csv$/);
  const bytes = fs.readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.subarray(3).toString("utf8").split("\r\n");
  expect(lines[0]).toBe("纠纷类型,收案数（件）,调解成功（件）,调解不成（件）,调解成功率（%）");
  expect(lines).toContain("环境污染,6,0,0,—");
});

test("the chart library is not loaded by other pages", async ({ page }) => {
  const chartChunks: string[] = [];
  page.on("request", (r) => {
    if (/stats-chartjs|chart\.js/.test(r.url())) chartChunks.push(r.url());
  });
  for (const path of ["/", "/guide", "/verify"]) await page.goto(path);
  expect(chartChunks).toEqual([]);
});

test("a judge gets the staff view of the court's county, with the organisation filter, keyboard reachable", async ({ page, loginAs }) => {
  await loginAs(DEMO.judge);
  await page.goto("/stats");
  await expect(page.getByRole("heading", { level: 1, name: "统计分析" })).toBeVisible();
  await expect(page.getByText("昆明市五华区人民法院辖区")).toBeVisible();
  const org = page.getByLabel("调解组织", { exact: true });
  await org.focus();
  await expect(org).toBeFocused();
  const option = await org.locator("option").nth(1).textContent();
  await org.selectOption({ label: option! });
  await page.getByRole("button", { name: "查询" }).press("Enter");
  await expect(page).toHaveURL(/org=[a-z2-7]{16}/);
  await expect(page.getByRole("table", { name: /各调解组织/ }).getByRole("rowheader")).toHaveText([option!]);
});
