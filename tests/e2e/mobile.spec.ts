import { test, expect } from "./fixtures";

test("on a phone the landing page fits the screen and the register form is reachable", async ({ page }) => {
  await page.goto("/");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.getByRole("link", { name: "注册并申请调解" }).click();
  await expect(page.getByLabel("居民身份证号码")).toBeVisible();
  const box = await page.getByRole("button", { name: "注册" }).boundingBox();
  expect(box!.height).toBeGreaterThanOrEqual(44);
});
