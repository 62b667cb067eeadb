import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, expect, freshIdNumber, freshPhone, test } from "./fixtures";

async function answerGuide(page: Page, category: string, answers: { willing: string; money: string; courtFiled: string; urgent: string }) {
  await page.getByLabel("1. 您遇到的是哪一类纠纷？").selectOption(category);
  const pick = (group: RegExp, option: string) =>
    page.getByRole("group", { name: group }).getByRole("radio", { name: option, exact: true }).check();
  await pick(/对方愿意/, answers.willing);
  await pick(/为了钱/, answers.money);
  await pick(/法院起诉/, answers.courtFiled);
  await pick(/打人、威胁/, answers.urgent);
  await page.getByRole("button", { name: "看看建议" }).click();
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

test.describe("route guide", () => {
  test("suggests traffic police mediation for a road accident, and applying with the category", async ({ page }) => {
    await page.goto("/guide");
    await answerGuide(page, "道路交通事故", { willing: "愿意", money: "是", courtFiled: "否", urgent: "否" });
    const result = page.getByRole("region", { name: /建议/ });
    await expect(result.getByRole("heading", { level: 2 })).toHaveText("建议：行政调解");
    await expect(result.getByRole("heading", { name: /交警调解交通事故赔偿/ })).toBeVisible();
    await expect(result.getByText("《道路交通安全法》第74条").first()).toBeVisible();
    await expect(page.getByRole("link", { name: "申请调解" })).toHaveAttribute("href", `/cases/new?category=${encodeURIComponent("道路交通事故")}`);
  });

  test("explains the labour arbitration path for a labour dispute", async ({ page }) => {
    await page.goto("/guide");
    await answerGuide(page, "劳动争议", { willing: "不愿意", money: "是", courtFiled: "否", urgent: "否" });
    const result = page.getByRole("region", { name: /建议/ });
    await expect(result.getByRole("heading", { level: 2 })).toHaveText("建议：仲裁");
    await expect(result.getByRole("heading", { name: /劳动争议仲裁/ })).toBeVisible();
    await expect(result.getByText(/受理后45日内裁决/)).toBeVisible();
    await expect(result.getByText(/先经过劳动仲裁，才能到法院起诉/)).toBeVisible();
  });

  test("puts calling 110 first when someone is in danger", async ({ page }) => {
    await page.goto("/guide");
    await answerGuide(page, "婚姻家庭", { willing: "不清楚", money: "否", courtFiled: "否", urgent: "是" });
    const result = page.getByRole("region", { name: /建议/ });
    await expect(result.getByRole("heading", { level: 2 })).toHaveText("建议：先报警");
    await expect(result.getByText(/人身安全保护令/)).toBeVisible();
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });
    test("the form still answers, rendered by the server", async ({ page }) => {
      await page.goto("/guide");
      await answerGuide(page, "邻里", { willing: "愿意", money: "否", courtFiled: "否", urgent: "否" });
      await expect(page).toHaveURL(/willing=yes/);
      await expect(page.getByRole("heading", { level: 2, name: "建议：人民调解" })).toBeVisible();
    });

    test("unanswered questions are pointed out", async ({ page }) => {
      await page.goto("/guide");
      await page.getByRole("button", { name: "看看建议" }).click();
      await expect(page.getByText("还有问题没有回答")).toBeVisible();
      await expect(page.getByText("请选择纠纷类别")).toBeVisible();
    });
  });

  test("has no serious accessibility violations, with a result shown", async ({ page }) => {
    await page.goto("/guide");
    expect(await seriousViolations(page)).toEqual([]);
    await answerGuide(page, "医疗", { willing: "愿意", money: "是", courtFiled: "否", urgent: "否" });
    await expect(page.getByRole("heading", { level: 2, name: /建议/ })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
});

test.describe("progress lookup", () => {
  test("a party's phone shows the case with masked names; another phone gets the not-found message", async ({ page, baseURL }) => {
    // 李明 files through the API; the respondent then looks the case up with their own phone.
    const login = await page.request.post("/api/v1/sessions", { data: { phone: DEMO.party, password: DEMO_PASSWORD }, headers: { origin: baseURL! } });
    const { token } = (await login.json()) as { token: string };
    const seed = Date.now() + 4242;
    const respondentPhone = freshPhone(seed);
    const filed = await page.request.post("/api/v1/cases", {
      headers: { authorization: `Bearer ${token}` },
      data: {
        category: "物业",
        regionCode: "530102",
        areaCode: "530102001",
        facts: "物业公司长期不修电梯，老人上下楼困难。",
        claims: "修好电梯",
        applicantAddress: "昆明市五华区文林街12号1单元",
        respondents: [{ kind: "person", name: "周海燕", idNumber: freshIdNumber(seed), phone: respondentPhone, address: "昆明市五华区文林街12号物业办公室" }],
      },
    });
    expect(filed.status(), await filed.text()).toBe(201);
    const { caseNo, caseNoText } = (await filed.json()) as { caseNo: string; caseNoText: string };

    await page.goto("/lookup");
    await page.getByLabel("案件编号").fill(caseNo.toLowerCase());
    await page.getByLabel("手机号码").fill(respondentPhone);
    await page.getByRole("button", { name: "查询" }).click();
    const found = page.getByRole("region", { name: caseNoText });
    await expect(found).toContainText("物业");
    await expect(found).toContainText("申请人：李*");
    await expect(found).toContainText("被申请人：周**");
    await expect(found).not.toContainText("周海燕");
    await expect(found).toContainText("提交调解申请");
    await expect(found.locator("time").first()).toHaveText(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}$/);

    await page.getByLabel("手机号码").fill("13911112222");
    await page.getByRole("button", { name: "查询" }).click();
    await expect(page.getByRole("alert")).toHaveText("没有找到与该手机号码匹配的案件，请核对案件编号和手机号码");
    await expect(found).toHaveCount(0);
  });

  test("an unknown case and a wrong phone get the same Chinese message", async ({ page }) => {
    await page.goto("/lookup");
    await page.getByLabel("案件编号").fill("YJF2026999999");
    await page.getByLabel("手机号码").fill("139 0000 0001");
    await page.getByRole("button", { name: "查询" }).click();
    await expect(page.getByRole("alert")).toHaveText("没有找到与该手机号码匹配的案件，请核对案件编号和手机号码");
  });

  test("a malformed case number is explained before anything is looked up", async ({ page }) => {
    await page.goto("/lookup");
    await page.getByLabel("案件编号").fill("12345");
    await page.getByLabel("手机号码").fill("13900000001");
    await page.getByRole("button", { name: "查询" }).click();
    await expect(page.getByText("案件编号格式为 YJF 加10位数字")).toBeVisible();
    await expect(page.getByLabel("手机号码")).toHaveAttribute("inputmode", "numeric");
  });

  test("has no serious accessibility violations, with an error shown", async ({ page }) => {
    await page.goto("/lookup");
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel("案件编号").fill("云解纷〔2026〕999998号");
    await page.getByLabel("手机号码").fill("13900000001");
    await page.getByRole("button", { name: "查询" }).click();
    await expect(page.getByRole("alert")).toContainText("没有找到");
    expect(await seriousViolations(page)).toEqual([]);
  });
});
