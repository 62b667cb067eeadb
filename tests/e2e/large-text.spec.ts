import { test, expect } from "./fixtures";

test("the large-text toggle enlarges the page and persists across visits", async ({ page }) => {
  await page.goto("/");
  const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  const before = await size();
  await page.getByRole("button", { name: "大字模式" }).click();
  await expect(page.locator("html")).toHaveClass(/large-text/);
  await expect(page.getByRole("button", { name: "标准字号" })).toHaveAttribute("aria-pressed", "true");
  expect(await size()).toBeGreaterThan(before * 1.2);

  await page.goto("/login");
  await expect(page.locator("html")).toHaveClass(/large-text/);
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/large-text/);

  await page.getByRole("button", { name: "标准字号" }).click();
  await expect(page.locator("html")).not.toHaveClass(/large-text/);
  await page.reload();
  await expect(page.locator("html")).not.toHaveClass(/large-text/);
});

test("the toggle works with the keyboard", async ({ page }) => {
  await page.goto("/");
  const toggle = page.getByRole("button", { name: "大字模式" });
  await toggle.focus();
  await page.keyboard.press("Enter");
  await expect(page.locator("html")).toHaveClass(/large-text/);
});
