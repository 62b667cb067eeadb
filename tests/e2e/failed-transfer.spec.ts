// When mediation fails: the mediator ends the session as failed on the case page, the applicant
// sends the labour dispute to 五华区劳动人事争议仲裁委员会 (the only body the rules allow: arbitration
// first, 劳动争议调解仲裁法 Art 5), the arbitrator finds it in the inbox, reads the file and confirms
// receipt with a number, and both parties see where their case went.
import type { BrowserContext } from "@playwright/test";
import { caseInMediation, expectAccessible, newRespondent, signedIn, type Respondent } from "./agreement-steps";
import { test, expect, DEMO, expectNoConsoleErrors } from "./fixtures";

const LABOUR_BOARD = "五华区劳动人事争议仲裁委员会";
const LABOUR_MEDIATOR = "13800000108"; // 孙磊, 五华区劳动人事争议调解中心
const OTHER_ARBITRATOR = "13800000502"; // 孔雯, 昆明仲裁委员会

/** Three months' wages unpaid at a logistics depot. */
function wagesDispute(respondent: Respondent) {
  return {
    category: "劳动争议",
    regionCode: "530102",
    facts: "本人在对方经营的物流站做分拣工，2025年10月至12月的工资共18000元至今未发。",
    claims: "支付拖欠工资18000元",
    amountYuan: 18000,
    applicantAddress: "昆明市五华区人民中路20号",
    respondents: [{ kind: "person", name: respondent.name, idNumber: respondent.idNumber, phone: respondent.phone, address: "昆明市五华区西站路8号" }],
  };
}

test("a failed labour dispute goes to the labour arbitration commission, which confirms receipt", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const base = baseURL!;
  const seed = Date.now() + 5150;
  const respondent = newRespondent("钱云峰", seed);
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];
  try {
    // ---- Filed, accepted, consented and a session scheduled through the API, as in the other specs.
    const { caseId, applicant, mediator, respondentCtx } = await caseInMediation(browser, base, contexts, wagesDispute(respondent), respondent, LABOUR_MEDIATOR);

    // ---- The mediator ends the session as failed, on the case page.
    const m = mediator.page;
    await expectNoConsoleErrors(m, errors);
    await m.goto(`/cases/${caseId}`);
    await m.locator("summary", { hasText: "结束本次调解" }).click();
    await m.getByRole("radio", { name: "调解不成" }).check();
    await m.getByLabel("调解不成的原因").selectOption({ label: "双方分歧过大，无法达成协议" });
    await m.getByLabel("说明（选填）").fill("被申请人只同意支付一半工资");
    await m.getByRole("button", { name: "结束本次调解" }).click();
    await expect(m.getByRole("heading", { level: 1 })).toContainText("调解不成");

    // ---- The applicant chooses where it goes: only the labour arbitration commission is offered.
    const a = applicant.page;
    await expectNoConsoleErrors(a, errors);
    await a.goto(`/cases/${caseId}`);
    const send = a.getByRole("region", { name: "移送仲裁或诉讼" });
    await expect(send).toContainText("《劳动争议调解仲裁法》第五条");
    const choice = send.getByRole("radio", { name: new RegExp(`^${LABOUR_BOARD}（申请仲裁）`) });
    await expect(send.getByRole("radio")).toHaveCount(1);
    await expect(send).toContainText("劳动合同履行地的劳动人事争议仲裁委员会（《劳动争议调解仲裁法》第二十一条）");
    await expectAccessible(a);
    await choice.check();
    // Not confirmed yet: refused, nothing sent.
    await send.getByRole("button", { name: "确认移送" }).click();
    await expect(send.getByRole("alert")).toHaveText("请确认已核对移送的案卷内容");
    await send.getByRole("checkbox", { name: /我已核对案件信息/ }).check();
    await send.getByRole("button", { name: "确认移送" }).click();
    const where = a.getByRole("region", { name: "案件去向" });
    await expect(where).toContainText(`已移送至 ${LABOUR_BOARD}`);
    await expect(where).toContainText(`等待${LABOUR_BOARD}确认收到`);
    await expect(a.getByRole("heading", { level: 1 })).toContainText("已转仲裁/诉讼");

    // ---- The arbitrator's inbox, the file, and the acknowledgement.
    const arbitrator = await signedIn(browser, base, DEMO.arbitrator);
    contexts.push(arbitrator.context);
    const z = arbitrator.page;
    await expectNoConsoleErrors(z, errors);
    await z.goto("/dashboard");
    await z.getByRole("link", { name: "移送案件" }).first().click();
    await expect(z.getByRole("heading", { name: "移送案件", level: 1 })).toBeVisible();
    const item = z.getByRole("listitem").filter({ hasText: respondent.name });
    await expect(item).toContainText("待确认收到");
    await expect(item).toContainText("调解不成：双方分歧过大，无法达成协议");
    await item.getByRole("link").click();
    await expect(z.getByRole("heading", { level: 1 })).toContainText("移送案卷");
    await expect(z.getByRole("region", { name: "当事人" })).toContainText(respondent.idNumber);
    await expect(z.getByRole("region", { name: "调解结果" })).toContainText("被申请人只同意支付一半工资");
    await expect(z.getByRole("region", { name: "请求事项与纠纷经过" })).toContainText("支付拖欠工资18000元");
    await expectAccessible(z);
    const fileUrl = z.url();
    await z.getByLabel("本单位案号（选填，可稍后告知当事人）").fill("五劳人仲案字〔2026〕第17号");
    await z.getByRole("button", { name: "确认收到" }).click();
    await expect(z.getByRole("status")).toContainText("已确认收到，案号 五劳人仲案字〔2026〕第17号");
    await expect(z.getByRole("button", { name: "确认收到" })).toHaveCount(0);

    // Another commission's arbitrator does not get the file.
    const other = await signedIn(browser, base, OTHER_ARBITRATOR);
    contexts.push(other.context);
    expect((await other.context.request.get(new URL(fileUrl).pathname)).status()).toBe(404);

    // ---- Both parties see where their case went.
    for (const page of [a, await respondentCtx.newPage()]) {
      await page.goto(`/cases/${caseId}`);
      const panel = page.getByRole("region", { name: "案件去向" });
      await expect(panel).toContainText(`已移送至 ${LABOUR_BOARD}`);
      await expect(panel).toContainText(new RegExp(`${LABOUR_BOARD} 已于 .+ 确认收到，案号 五劳人仲案字〔2026〕第17号`));
    }
    await expect(a.getByRole("region", { name: "办理过程" })).toContainText(`${LABOUR_BOARD}确认收到移送的案件`);

    // The court's list of cases it sent out renders too (no 委派 case here: the list is empty).
    const judge = await signedIn(browser, base, DEMO.judge);
    contexts.push(judge.context);
    await expectNoConsoleErrors(judge.page, errors);
    await judge.page.goto("/dashboard");
    await judge.page.getByRole("link", { name: "委派/委托" }).click();
    await expect(judge.page.getByRole("heading", { name: "委派/委托调解结果", level: 1 })).toBeVisible();
    await judge.page.getByRole("link", { name: "调解不成" }).click();
    await expect(judge.page).toHaveURL(/result=failed/);
    // The one 400 is the refused, unconfirmed transfer above.
    expect(errors.filter((e) => !e.includes("status of 400"))).toEqual([]);
  } finally {
    for (const c of contexts) await c.close();
  }
});
