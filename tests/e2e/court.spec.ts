import { test, expect, DEMO, freshIdNumber, freshPhone } from "./fixtures";

test("a judge delegates a case (委派) to the court-invited studio and follows it in the court's list", async ({ page, loginAs }) => {
  test.setTimeout(60_000);
  const seed = Date.now() + 777;
  await loginAs(DEMO.judge);
  await page.goto("/cases");
  await page.getByRole("button", { name: "委派/委托调解" }).click();

  await expect(page.getByRole("heading", { name: /第 1 步：委派\/委托信息/ })).toBeVisible();
  await page.getByLabel("委托调解（立案后）").check();
  await page.getByRole("combobox", { name: "调解组织" }).selectOption({ label: "五华区人民法院特邀调解工作室" });
  await page.getByRole("button", { name: "下一步" }).click();
  // 委托 (after filing) needs the court's own case number.
  await expect(page.getByText("委托调解须填写法院立案案号")).toBeVisible();
  await page.getByLabel("委派调解（立案前）").check();
  await page.getByRole("button", { name: "下一步" }).click();

  await expect(page.getByRole("heading", { name: /第 2 步/ })).toBeVisible();
  await page.getByLabel("姓名", { exact: true }).fill("杨秀兰");
  await page.getByLabel("身份证号码").fill(freshIdNumber(seed));
  await page.getByLabel("手机号码").fill(freshPhone(seed));
  await page.getByLabel("送达地址").fill("昆明市五华区人民中路50号");
  await page.getByRole("button", { name: "下一步" }).click();

  await expect(page.getByRole("heading", { name: /第 3 步/ })).toBeVisible();
  await page.getByLabel("姓名", { exact: true }).fill("段志强");
  await page.getByLabel("身份证号码").fill(freshIdNumber(seed + 1));
  await page.getByLabel("手机号码").fill(freshPhone(seed + 1));
  await page.getByLabel("送达地址").fill("昆明市五华区人民中路52号");
  await page.getByRole("button", { name: "下一步" }).click();

  await expect(page.getByRole("heading", { name: /第 4 步/ })).toBeVisible();
  await page.getByLabel("纠纷类别").selectOption("借贷");
  const where = page.getByRole("group", { name: "纠纷发生地" });
  for (const [label, value] of [["省", "云南省"], ["市", "昆明市"], ["区县", "五华区"]] as const) {
    const select = where.getByLabel(label, { exact: true });
    await expect(select.locator("option", { hasText: value })).toHaveCount(1);
    await select.selectOption({ label: value });
  }
  await page.getByLabel("纠纷经过").fill("被告向原告借款5万元，约定半年归还，到期未还。原告起诉前，法院委派调解。");
  await page.getByLabel("请求事项").fill("归还借款50000元");
  await page.getByLabel("争议金额（元，选填）").fill("50000");
  await page.getByRole("button", { name: "下一步" }).click();
  await expect(page.getByRole("heading", { name: /第 5 步/ })).toBeVisible();
  await page.getByRole("button", { name: "下一步" }).click();
  await expect(page.getByRole("heading", { name: /第 6 步/ })).toBeVisible();
  await page.getByRole("button", { name: "提交申请" }).click();

  await expect(page.getByRole("status")).toContainText("申请已提交");
  const org = page.getByRole("region", { name: "调解组织" });
  await expect(org).toContainText("五华区人民法院特邀调解工作室");
  await expect(org).toContainText("陈静");
  await expect(org).toContainText("昆明市五华区人民法院");

  await page.goto("/cases");
  await expect(page.getByRole("cell", { name: "杨秀兰" }).first()).toBeVisible();
});
