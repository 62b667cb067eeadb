import { test, expect, DEMO, DEMO_PASSWORD, freshIdNumber, freshPhone } from "./fixtures";

const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" + "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082",
  "hex",
);

test("a lawyer refers a client's contract dispute (律调对接): it goes to the 调解协会 committee", async ({ page, loginAs }) => {
  test.setTimeout(60_000);
  const seed = Date.now() + 1234;
  await loginAs(DEMO.lawyer);
  await page.goto("/cases");
  await page.getByRole("button", { name: "代当事人申请（律调对接）" }).click();

  await expect(page.getByRole("heading", { name: /第 1 步：委托人/ })).toBeVisible();
  await page.getByLabel("姓名", { exact: true }).fill("孔德明");
  await page.getByLabel("身份证号码").fill(freshIdNumber(seed));
  await page.getByLabel("手机号码").fill(freshPhone(seed));
  await page.getByLabel("送达地址").fill("昆明市五华区北京路100号");
  await page.getByRole("button", { name: "下一步" }).click();

  await expect(page.getByRole("heading", { name: /第 2 步/ })).toBeVisible();
  await page.getByLabel("单位（企业、机构）").check();
  await page.getByLabel("单位名称").fill("昆明滇池建材有限公司");
  await page.getByLabel("统一社会信用代码").fill("91350100M000100Y43");
  await page.getByLabel("法定代表人姓名").fill("何立");
  await page.getByLabel("手机号码").fill(freshPhone(seed + 1));
  await page.getByLabel("送达地址").fill("昆明市官渡区春城路200号");
  await page.getByRole("button", { name: "下一步" }).click();

  await expect(page.getByRole("heading", { name: /第 3 步/ })).toBeVisible();
  await page.getByLabel("纠纷类别").selectOption("合同");
  const where = page.getByRole("group", { name: "纠纷发生地" });
  for (const [label, value] of [["省", "云南省"], ["市", "昆明市"], ["区县", "五华区"]] as const) {
    const select = where.getByLabel(label, { exact: true });
    await expect(select.locator("option", { hasText: value })).toHaveCount(1);
    await select.selectOption({ label: value });
  }
  await page.getByLabel("纠纷经过").fill("委托人向对方供应建材，对方验收后拖欠货款至今未付，多次催收无果。");
  await page.getByLabel("请求事项").fill("支付货款120000元及逾期利息");
  await page.getByLabel("争议金额（元，选填）").fill("120000");
  await page.getByRole("button", { name: "下一步" }).click();

  // Without the power of attorney the referral cannot be submitted.
  await expect(page.getByRole("heading", { name: /第 4 步/ })).toBeVisible();
  await page.getByRole("button", { name: "下一步" }).click();
  await expect(page.getByRole("heading", { name: /第 5 步/ })).toBeVisible();
  await page.getByRole("button", { name: "提交申请" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "授权委托书" }).first()).toBeVisible();

  await page.getByRole("link", { name: "授权委托书与证据" }).click();
  await page.getByLabel("材料类型").selectOption("power_of_attorney");
  await page.getByLabel("选择文件").setInputFiles({ name: "授权委托书.png", mimeType: "image/png", buffer: PNG });
  await page.getByRole("button", { name: "上传" }).click();
  await expect(page.getByText("授权委托书 ·")).toBeVisible();
  await page.getByRole("button", { name: "下一步" }).click();
  await expect(page.getByRole("heading", { name: /第 5 步/ })).toBeVisible();
  await page.getByRole("button", { name: "提交申请" }).click();

  await expect(page.getByRole("status")).toContainText("申请已提交");
  const org = page.getByRole("region", { name: "调解组织" });
  await expect(org).toContainText("五华区调解协会人民调解委员会");
  // The committee presides; the referring firm's own studio sends the mediator (律调对接).
  await expect(org).toContainText("杨帆");
  await expect(page.getByRole("region", { name: "当事人" })).toContainText("有代理律师");
});

test("a dispatcher assigns a case the rules could not route", async ({ page, loginAs, baseURL }) => {
  // A case in 西山区 (530112), where no organisation is registered, lands in the queue.
  const login = await page.request.post("/api/v1/sessions", { data: { phone: "13900000002", password: DEMO_PASSWORD }, headers: { origin: baseURL! } });
  const { token } = (await login.json()) as { token: string };
  const seed = Date.now() + 4321;
  const filed = await page.request.post("/api/v1/cases", {
    headers: { authorization: `Bearer ${token}` },
    data: {
      category: "邻里",
      regionCode: "530112",
      facts: "隔壁饭店油烟直排，影响我家日常生活，多次沟通未改。",
      claims: "安装油烟净化设备",
      applicantAddress: "昆明市西山区前卫街道10号",
      respondents: [{ kind: "person", name: "马洪涛", idNumber: freshIdNumber(seed), phone: freshPhone(seed), address: "昆明市西山区前卫街道12号" }],
    },
  });
  expect(filed.status(), await filed.text()).toBe(201);
  const { caseId, caseNo } = (await filed.json()) as { caseId: string; caseNo: string };

  await loginAs(DEMO.dispatcher);
  await page.goto("/cases?scope=queue&status=unrouted");
  const no = `云解纷〔${caseNo.slice(3, 7)}〕${caseNo.slice(7)}号`;
  await page.getByRole("link", { name: no }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("待人工分流");
  await page.getByRole("combobox", { name: "调解组织" }).selectOption({ label: "华山街道人民调解委员会（1名调解员）" });
  await page.getByRole("button", { name: "指派", exact: true }).click();
  await expect(page.getByRole("alert").first()).toContainText("请选择调解组织并填写理由");
  await page.getByRole("combobox", { name: "调解组织" }).selectOption({ label: "华山街道人民调解委员会（1名调解员）" });
  await page.getByLabel("指派理由").fill("西山区暂无入驻调解组织，申请人工作单位在华山街道");
  await page.getByRole("button", { name: "指派", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("待调解员受理");
  const timeline = page.getByRole("region", { name: "办理过程" });
  await expect(timeline).toContainText("人工指派至华山街道人民调解委员会");
  await expect(timeline).toContainText("赵敏（分流员）");
  expect(page.url()).toContain(caseId);
});
