// 赋强公证 with a default and an 执行证书, as new users would do it: a loan-style agreement with two
// instalments (the first already due yesterday: the server clock cannot be moved, and the agreement
// form checks dates only by format) and the debtor's acceptance of enforcement takes effect; both
// parties apply jointly with SMS codes; the notary issues the 公证书; the creditor sees the default
// and asks for an 执行证书; the notary issues it; the creditor downloads it and the public verify
// page confirms it.
import type { BrowserContext, Page } from "@playwright/test";
import {
  caseInMediation,
  endSessionWithAgreement,
  expectAccessible,
  fillAgreementEditor,
  newRespondent,
  signedIn,
  signInTurn,
  signJointApplication,
  type Respondent,
} from "./agreement-steps";
import { test, expect, DEMO } from "./fixtures";

const OFFICE = "昆明市春城公证处";

function chinaDay(offsetDays: number): string {
  return new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

/** A neighbour's builders broke the wall: 3000 yuan promised and never paid. */
function wallDispute(respondent: Respondent) {
  return {
    category: "邻里",
    regionCode: "530102",
    areaCode: "530102001",
    facts: "邻居装修时损坏了我家的围墙和花台，答应赔偿后一直拖延，多次协商未果。",
    claims: "赔偿围墙和花台修复费用3000元",
    applicantAddress: "昆明市五华区翠湖南路12号3单元",
    respondents: [{ kind: "person", name: respondent.name, idNumber: respondent.idNumber, phone: respondent.phone, address: "昆明市五华区翠湖南路14号1单元" }],
  };
}

/** Signs one's part of the joint 赋强公证 application on the case page. */
const signApplication = (page: Page, phone: string) => signJointApplication(page, phone, { region: "签署赋强公证申请", sms: "赋强公证", button: "签署申请" });

test("赋强公证: joint application, the notary's 公证书, a default, the 执行证书 and its verification", async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const base = baseURL!;
  const seed = Date.now() + 4242;
  const respondent = newRespondent("周建华", seed);
  const contexts: BrowserContext[] = [];
  try {
    // ---- Up to "agreement reached", through the API and the forms the pages post.
    const { caseId, applicant, mediator, mediatorPhone, respondentCtx } = await caseInMediation(browser, base, contexts, wallDispute(respondent), respondent);
    const debtor = await respondentCtx.newPage();
    await endSessionWithAgreement(mediator, base, caseId);

    // ---- The mediator drafts a payment in two instalments with the enforcement clause.
    const m = mediator.page;
    await m.goto(`/cases/${caseId}/agreement`);
    await fillAgreementEditor(m, respondent.name, {
      dispute: "装修损坏围墙和花台的修复费用由谁承担、如何支付。",
      liability: "被申请人装修施工不当损坏围墙和花台，应承担修复费用。",
      content: "被申请人赔偿申请人围墙和花台修复费用3000元，分两期支付",
      amount: "3000",
      instalments: [
        [chinaDay(-1), "1000"], // already due: the default to come
        [chinaDay(60), "2000"],
      ],
      enforcement: true,
      method: "分两期银行转账",
      place: "昆明市五华区翠湖南路12号",
      deadline: chinaDay(60),
    });

    // ---- Three signatures: the agreement takes effect with its payment schedule.
    await signInTurn(caseId, [
      [applicant.page, DEMO.party],
      [debtor, respondent.phone],
      [m, mediatorPhone],
    ]);

    // ---- The case page: the schedule (first instalment overdue) and the routes a default opens.
    const a = applicant.page;
    await a.goto(`/cases/${caseId}`);
    const performance = a.getByRole("region", { name: "协议履行" });
    await expect(performance.getByRole("row", { name: "第1期" })).toContainText("逾期");
    await expect(performance.getByRole("row", { name: "第1期" })).toContainText("人民币壹仟元整");
    await expect(performance.getByRole("row", { name: "第2期" })).toContainText("待履行");
    await expect(performance.getByRole("region", { name: "对方未按期履行，您可以这样做" })).toContainText("申请赋强公证");

    // ---- 赋强公证: the creditor starts, both sign with codes; alone it goes nowhere.
    const notarisation = a.getByRole("region", { name: "赋强公证" });
    await notarisation.getByLabel("公证处").selectOption({ label: OFFICE });
    await notarisation.getByRole("button", { name: "申请赋强公证" }).click();
    await expect(notarisation.getByText("已发起赋强公证申请")).toBeVisible();
    await signApplication(a, DEMO.party);
    await expect(notarisation.getByText("签署成功，等待对方签署后提交公证处。")).toBeVisible();
    await expect(notarisation.getByText(/李明：已签署/)).toBeVisible();

    await debtor.goto(`/cases/${caseId}`);
    const debtorPanel = debtor.getByRole("region", { name: "赋强公证" });
    await expect(debtorPanel.getByText(/您在协议中承诺：未按期足额付款的，自愿接受强制执行/)).toBeVisible();
    await signApplication(debtor, respondent.phone);
    await expect(debtorPanel.getByText("签署成功。各方均已签署，申请已提交公证处。")).toBeVisible();
    await expect(notarisation.getByText(/公证员正在审查/)).toBeVisible(); // the creditor's page updates by itself

    await test.step("the case page with its panels passes an accessibility check", () => expectAccessible(a));

    // ---- The notary checks the package and issues the 公证书.
    const notary = await signedIn(browser, base, DEMO.notary);
    contexts.push(notary.context);
    const n = notary.page;
    await n.goto("/notary");
    await n.getByRole("row", { name: new RegExp(respondent.name) }).getByRole("link").click();
    await expect(n.getByRole("heading", { name: "债务人接受强制执行的承诺" })).toBeVisible();
    await expect(n.getByText(`${respondent.name}承诺：如未按本协议约定的期限足额履行给付义务，自愿接受人民法院依法强制执行。`)).toBeVisible();
    await expect(n.getByRole("region", { name: "当事人身份及联系方式" })).toContainText(respondent.phone);
    await n.getByRole("button", { name: "出具公证书" }).click(); // the box is not ticked: the browser stops it
    await expect(n.getByText(/已出具公证书/)).toHaveCount(0);
    await n.getByLabel(/我已核对调解协议/).check();
    await n.getByRole("button", { name: "出具公证书" }).click();
    await expect(n.getByText(/已出具公证书 （\d{4}）云昆春证字第\d+号，已送达双方当事人/)).toBeVisible();

    // ---- The creditor sees it, the default, and asks for an 执行证书; the debtor cannot.
    await expect(notarisation.getByRole("link", { name: "下载公证书" })).toBeVisible();
    await expect(performance.getByRole("region", { name: "申请执行证书" })).toBeVisible();
    await debtor.reload();
    await expect(debtor.getByRole("region", { name: "赋强公证" }).getByRole("link", { name: "下载公证书" })).toBeVisible();
    await expect(debtor.getByRole("button", { name: "申请出具执行证书" })).toHaveCount(0);
    await notarisation.getByRole("button", { name: "申请出具执行证书" }).click();
    await expect(notarisation.getByText("已申请出具执行证书，公证员核实履行情况后出具").first()).toBeVisible();

    // ---- The notary checks performance and issues the 执行证书.
    await n.reload();
    await expect(n.getByRole("region", { name: "给付内容及履行情况" }).getByText("逾期")).toBeVisible();
    await n.getByLabel("核实情况（写入执行证书）").fill("已电话联系债务人，其确认第1期款项尚未支付");
    await n.getByRole("button", { name: "出具执行证书", exact: true }).click();
    await expect(n.getByText(/已出具执行证书 （\d{4}）云昆春执字第\d+号/)).toBeVisible();

    // ---- The creditor downloads it; the public verify page confirms it.
    const link = notarisation.getByRole("link", { name: "下载执行证书" });
    await expect(link).toBeVisible();
    await expect(performance).toContainText("被执行人住所地或者被执行的财产所在地人民法院");
    const download = await a.request.get((await link.getAttribute("href"))!);
    expect(download.status()).toBe(200);
    expect(download.headers()["content-type"]).toBe("application/pdf");
    const pdf = await download.body();
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const stranger = await signedIn(browser, base, "13900000003");
    contexts.push(stranger.context);
    expect((await stranger.context.request.get((await link.getAttribute("href"))!)).status()).toBe(404);

    const verifyHref = (await notarisation.getByRole("link", { name: "核验执行证书" }).getAttribute("href"))!;
    expect(verifyHref).toMatch(/^\/verify\/ZX\d{10}$/);
    const visitorCtx = await browser.newContext({ baseURL: base, locale: "zh-CN" });
    contexts.push(visitorCtx);
    const visitor = await visitorCtx.newPage();
    await visitor.goto(verifyHref);
    await expect(visitor.getByText(/本平台确有此文书：执行证书/)).toBeVisible();
    await expect(visitor.locator("main")).toContainText(OFFICE);
    await expect(visitor.locator("main")).not.toContainText(respondent.name);
    await visitor.getByLabel("PDF 文件").setInputFiles({ name: "执行证书.pdf", mimeType: "application/pdf", buffer: pdf });
    await visitor.getByRole("button", { name: "核验文件" }).click();
    await expect(visitor.getByText(/真实有效/)).toBeVisible();
  } finally {
    for (const c of contexts) await c.close();
  }
});
