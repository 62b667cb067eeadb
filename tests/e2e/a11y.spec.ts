import AxeBuilder from "@axe-core/playwright";
import { test, expect } from "./fixtures";

for (const path of ["/", "/login", "/register"]) {
  test(`no serious accessibility violations on ${path}`, async ({ page }) => {
    await page.goto(path);
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
  });
}

test("no serious accessibility violations on the register page with errors shown", async ({ page }) => {
  await page.goto("/register");
  await page.getByRole("button", { name: "注册" }).click();
  await expect(page.getByText("请填写姓名").or(page.getByText("姓名至少2个字"))).toBeVisible();
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
});
