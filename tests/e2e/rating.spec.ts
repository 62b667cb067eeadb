// 满意度评价 in browsers: after a failed mediation the applicant rates the service from the case page
// with the keyboard only (Tab, Space, arrow keys, Enter); another head of the 翠湖 committee reads the
// rating — the comment exactly as typed, HTML shown as text — on the mediator's record; the rated
// mediator sees only a count; the other party sees nothing of it, on the page or in its data.
import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Browser, BrowserContext, Page } from "@playwright/test";
import { test, expect, DEMO, DEMO_PASSWORD, expectNoConsoleErrors, freshIdNumber, freshPhone } from "./fixtures";

const CUIHU = "翠湖社区人民调解委员会";
const SECOND_HEAD = "13800000102"; // 王建国, made a head of 翠湖 for this test (and removed after)
const COMMENT = "<b>谢谢</b>李调解员很耐心，下次还找她";

function chinaLocal(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16);
}

async function signedIn(browser: Browser, base: string, phone: string, password = DEMO_PASSWORD): Promise<{ context: BrowserContext; page: Page; token: string }> {
  const context = await browser.newContext({ baseURL: base, locale: "zh-CN" });
  const res = await context.request.post("/api/v1/sessions", { data: { phone, password }, headers: { origin: base } });
  expect(res.status(), await res.text()).toBe(201);
  const { token } = (await res.json()) as { token: string };
  await context.addCookies([{ name: "yjf_session", value: token, url: base, httpOnly: true, sameSite: "Lax" }]);
  return { context, page: await context.newPage(), token };
}

async function accessible(page: Page, selector: string) {
  const results = await new AxeBuilder({ page }).include(selector).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

async function lastSms(request: APIRequestContext, phone: string, includes: string): Promise<string> {
  const res = await request.get(`/dev/outbox.json?to=${phone}`);
  const rows = ((await res.json()) as { rows: { body: string }[] }).rows.map((r) => r.body).filter((b) => b.includes(includes));
  expect(rows.length, `an SMS to ${phone} containing ${includes}`).toBeGreaterThan(0);
  return rows[0];
}

/** Presses Tab until the focused element has this `name`, as a keyboard user would; fails after `max` presses. */
async function tabTo(page: Page, name: string, max = 200) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if ((await page.evaluate(() => document.activeElement?.getAttribute("name") ?? null)) === name) return;
  }
  throw new Error(`never reached [name=${name}] with Tab`);
}

test("a party rates the mediation with the keyboard; another head of the committee reads it; the other side never sees it", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const base = baseURL!;
  const seed = Date.now() + 7270;
  const respondent = { name: "秦玉兰", phone: freshPhone(seed), idNumber: freshIdNumber(seed), password: "Respond2026" };
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];
  let cuihuId = "";
  let admin: Awaited<ReturnType<typeof signedIn>> | null = null;
  try {
    // ---- A neighbour dispute in 翠湖社区, accepted by 李桂芬, consented, through the API.
    const applicant = await signedIn(browser, base, DEMO.party);
    contexts.push(applicant.context);
    const filed = await applicant.context.request.post("/api/v1/cases", {
      headers: { authorization: `Bearer ${applicant.token}`, origin: base },
      data: {
        category: "邻里",
        regionCode: "530102",
        areaCode: "530102001",
        facts: "楼上住户装修期间长期在午休和夜间施工，噪音很大，多次沟通无果。",
        claims: "请求对方在规定时间施工并赔礼道歉",
        applicantAddress: "昆明市五华区翠湖南路12号2单元301室",
        respondents: [{ kind: "person", name: respondent.name, idNumber: respondent.idNumber, phone: respondent.phone, address: "昆明市五华区翠湖南路12号2单元401室" }],
      },
    });
    expect(filed.status(), await filed.text()).toBe(201);
    const { caseId } = (await filed.json()) as { caseId: string };

    const mediator = await signedIn(browser, base, DEMO.mediator);
    contexts.push(mediator.context);
    const accepted = await mediator.context.request.post(`/api/v1/cases/${caseId}/accept`, { headers: { authorization: `Bearer ${mediator.token}`, origin: base }, data: { conflict: "none" } });
    expect(accepted.status(), await accepted.text()).toBe(200);

    const respondentCtx = await browser.newContext({ baseURL: base, locale: "zh-CN" });
    contexts.push(respondentCtx);
    const invite = await lastSms(respondentCtx.request, respondent.phone, "/invite/");
    const verified = await respondentCtx.request.post(new URL(/(http\S+\/invite\/[a-z2-7]+)/.exec(invite)![1]).pathname, {
      headers: { origin: base },
      form: { code: /验证码 (\d{6})/.exec(invite)![1], name: respondent.name, idNumber: respondent.idNumber, password: respondent.password },
    });
    expect(verified.ok(), await verified.text()).toBeTruthy();
    const consented = await respondentCtx.request.post(`/api/v1/cases/${caseId}/consent`, { headers: { origin: base }, data: {} });
    expect(consented.status(), await consented.text()).toBe(200);
    const scheduled = await mediator.context.request.post(`/cases/${caseId}`, {
      headers: { origin: base },
      form: { intent: "schedule", scheduledAt: chinaLocal(new Date(Date.now() + 2 * 60_000)), durationMin: "60", mode: "joint" },
    });
    expect(scheduled.status()).toBe(200);

    // ---- The mediator ends it as failed (在线调解规则 Art 25): the mediation is over.
    const m = mediator.page;
    await m.goto(`/cases/${caseId}`);
    await expect(m.getByRole("region", { name: "评价调解服务" })).toHaveCount(0);
    await m.locator("summary", { hasText: "结束本次调解" }).click();
    await m.getByRole("radio", { name: "调解不成" }).check();
    await m.getByLabel("调解不成的原因").selectOption({ label: "双方分歧过大，无法达成协议" });
    await m.getByRole("button", { name: "结束本次调解" }).click();
    await expect(m.getByRole("heading", { level: 1 })).toContainText("调解不成");
    // The mediator has no rating form on their own case.
    await expect(m.getByRole("region", { name: "评价调解服务" })).toHaveCount(0);

    // ---- The admin makes 王建国 a second head of 翠湖 (after routing, so he gets no cases).
    admin = await signedIn(browser, base, DEMO.admin);
    contexts.push(admin.context);
    const orgs = (await (await admin.context.request.get("/api/v1/mediation-orgs", { headers: { authorization: `Bearer ${admin.token}` } })).json()) as { items: { id: string; name: string }[] };
    cuihuId = orgs.items.find((o) => o.name === CUIHU)!.id;
    const added = await admin.context.request.post(`/admin/orgs/${cuihuId}`, { headers: { origin: base }, form: { intent: "add-member", phone: SECOND_HEAD, role: "head" } });
    expect(added.status()).toBe(200);

    // ---- The applicant rates, keyboard only.
    const a = applicant.page;
    await expectNoConsoleErrors(a, errors);
    await a.goto(`/cases/${caseId}`);
    const panel = a.getByRole("region", { name: "评价调解服务" });
    await expect(panel).toContainText("对方当事人看不到");
    await accessible(a, "section[aria-labelledby=rating-title]");
    await tabTo(a, "mediatorScore");
    await a.keyboard.press("Space");
    for (let i = 0; i < 3; i++) await a.keyboard.press("ArrowRight");
    await a.keyboard.press("Tab");
    await a.keyboard.press("Space");
    for (let i = 0; i < 4; i++) await a.keyboard.press("ArrowRight");
    await a.keyboard.press("Tab");
    await a.keyboard.press("Space");
    for (let i = 0; i < 2; i++) await a.keyboard.press("ArrowRight");
    await expect(panel.getByRole("group", { name: "您对调解员的工作是否满意？" }).getByRole("radio", { name: "4分 满意" })).toBeChecked();
    await expect(panel.getByRole("group", { name: /调解过程/ }).getByRole("radio", { name: "5分 非常满意" })).toBeChecked();
    await expect(panel.getByRole("group", { name: /调解结果/ }).getByRole("radio", { name: "3分 一般" })).toBeChecked();
    await a.keyboard.press("Tab");
    await expect(panel.getByLabel("留言（选填）")).toBeFocused();
    await a.keyboard.type(COMMENT);
    await a.keyboard.press("Tab");
    await expect(panel.getByRole("button", { name: "提交评价" })).toBeFocused();
    await a.keyboard.press("Enter");
    await expect(panel.getByRole("status")).toContainText("感谢您的评价");
    await expect(panel.getByRole("heading", { name: "您的评价" })).toBeVisible();
    await expect(panel).toContainText("4分（满意）");
    await expect(panel).toContainText("5分（非常满意）");
    await expect(panel).toContainText("3分（一般）");
    await expect(panel).toContainText(COMMENT);
    await expect(panel.getByRole("button", { name: "提交评价" })).toHaveCount(0);
    await expect(a.getByRole("region", { name: "办理过程" })).toContainText("申请人已评价调解服务");

    // ---- The other party: their own form, the timeline line, and nothing of the rating anywhere.
    const r = await respondentCtx.newPage();
    await expectNoConsoleErrors(r, errors);
    await r.goto(`/cases/${caseId}`);
    const theirs = r.getByRole("region", { name: "评价调解服务" });
    await expect(theirs.getByRole("button", { name: "提交评价" })).toBeVisible();
    await expect(r.getByRole("region", { name: "办理过程" })).toContainText("申请人已评价调解服务");
    expect(await r.content()).not.toContain("李调解员很耐心");
    const loaderData = await respondentCtx.request.get(`/cases/${caseId}?_data=${encodeURIComponent("routes/cases.$caseId._index")}`);
    expect(loaderData.status()).toBe(200);
    expect(await loaderData.text()).not.toContain("李调解员很耐心");
    expect((await respondentCtx.request.get("/org/mediators")).status()).toBe(403);

    // ---- The second head of 翠湖 reads it on 李桂芬's record, the comment as typed.
    const head = await signedIn(browser, base, SECOND_HEAD);
    contexts.push(head.context);
    const h = head.page;
    await expectNoConsoleErrors(h, errors);
    await h.goto("/dashboard");
    await h.getByRole("link", { name: "调解员档案" }).click();
    await expect(h.getByRole("heading", { name: "调解员档案", level: 1 })).toBeVisible();
    await h.getByRole("link", { name: "李桂芬" }).click();
    await expect(h.getByRole("heading", { level: 1 })).toHaveText("调解员档案：李桂芬");
    const lines = h.getByRole("region", { name: "评价明细" });
    await expect(lines.getByText(/^调解员.*4分$/)).toBeVisible();
    await expect(lines.getByText(/^调解过程.*5分$/)).toBeVisible();
    await expect(lines.getByText(/^调解结果.*3分$/)).toBeVisible();
    await expect(lines.getByText(COMMENT, { exact: true })).toBeVisible();
    await expect(lines.locator("b")).toHaveCount(0);
    await expect(h.getByRole("region", { name: "满意度评价" })).toContainText("1 份");
    await accessible(h, "main");

    // ---- 李桂芬, the rated mediator: a count, no averages below three ratings, no comments.
    await m.goto(`/org/mediators/${new URL(h.url()).pathname.split("/").at(-1)}`);
    await expect(m.getByRole("heading", { level: 1 })).toHaveText("我的调解员档案");
    await expect(m.getByRole("region", { name: "满意度评价" })).toContainText("已收到 1 份评价");
    await expect(m.getByRole("region", { name: "评价明细" })).toHaveCount(0);
    expect(await m.content()).not.toContain("李调解员很耐心");

    expect(errors).toEqual([]);
  } finally {
    // Leave the demo world as found: 翠湖's other cases must keep going to 李桂芬.
    if (admin && cuihuId) {
      const page = admin.page;
      await page.goto(`/admin/orgs/${cuihuId}`);
      const remove = page.getByRole("button", { name: "移出 王建国" });
      if (await remove.count()) await remove.click();
      await expect(page.getByRole("button", { name: "移出 王建国" })).toHaveCount(0);
    }
    for (const c of contexts) await c.close();
  }
});
