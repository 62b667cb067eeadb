// The online mediation room with three browsers at once: the mediator, the applicant and the
// respondent. Chromium's fake camera and microphone stand in for real devices. The case gets to
// "mediating" through the real HTTP API, the invitation form and the case page's schedule form.
import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Browser, BrowserContext, Page, WebSocketRoute } from "@playwright/test";
import baseConfig from "../playwright.config";
import { test, expect, DEMO, DEMO_PASSWORD, freshIdNumber, freshPhone } from "./fixtures";

const baseLaunch = baseConfig.use?.launchOptions ?? {};
test.use({
  launchOptions: {
    ...baseLaunch,
    args: [...(baseLaunch.args ?? []), "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", "--autoplay-policy=no-user-gesture-required"],
  },
});

// Mediators of the demo world by name, to log in as whoever the routing rules picked.
const MEDIATOR_PHONES: Record<string, string> = { 李桂芬: DEMO.mediator, 王建国: "13800000102", 张丽: "13800000103" };

/** "2026-11-22T14:30" in China time, as a datetime-local field sends it. */
function chinaLocal(d: Date): string {
  const t = new Date(d.getTime() + 8 * 3600_000);
  return t.toISOString().slice(0, 16);
}

async function apiLogin(request: APIRequestContext, baseURL: string, phone: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await request.post("/api/v1/sessions", { data: { phone, password }, headers: { origin: baseURL } });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { token: string }).token;
}

async function browserAs(browser: Browser, baseURL: string, token: string | null): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, locale: "zh-CN" });
  await context.grantPermissions(["camera", "microphone"]);
  if (token) await context.addCookies([{ name: "yjf_session", value: token, url: baseURL, httpOnly: true, sameSite: "Lax" }]);
  const page = await context.newPage();
  return { context, page };
}

type Wire = { seen: string[]; blocked: boolean; drop: { token: string; left: number } | null; open: WebSocketRoute[] };

/**
 * Puts the test between this page and socket.io: records everything the server sends to it
 * (WebSocket frames and long-polling answers), can drop chosen frames, and can cut the page off.
 */
async function tapSocket(page: Page): Promise<Wire> {
  const wire: Wire = { seen: [], blocked: false, drop: null, open: [] };
  await page.route(/\/socket\.io\//, (route) => (wire.blocked ? route.abort("internetdisconnected") : route.continue()));
  page.on("response", async (r) => {
    if (!r.url().includes("/socket.io/")) return;
    try {
      wire.seen.push(await r.text());
    } catch {
      // a request cut off by the page going away
    }
  });
  await page.routeWebSocket(/\/socket\.io\//, (ws) => {
    if (wire.blocked) return ws.close();
    const server = ws.connectToServer();
    wire.open.push(ws);
    ws.onMessage((m) => server.send(m));
    server.onMessage((m) => {
      const text = typeof m === "string" ? m : m.toString("utf8");
      wire.seen.push(text);
      if (wire.drop && wire.drop.left > 0 && text.includes(wire.drop.token)) {
        wire.drop.left--;
        return;
      }
      ws.send(m);
    });
  });
  return wire;
}

async function admit(mediator: Page, name: string) {
  const queue = mediator.getByRole("region", { name: /等候区/ });
  const admitButton = queue.getByRole("button", { name: `核对身份并准许进入：${name}` });
  await expect(admitButton).toBeDisabled(); // not before the identity check is ticked
  await queue.getByLabel(`已核对${name}的身份`).check();
  await admitButton.click();
}

async function say(page: Page, text: string) {
  await page.getByLabel("输入消息").fill(text);
  await page.getByRole("button", { name: "发送", exact: true }).click();
}

const chatLog = (page: Page) => page.getByRole("log");

async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

test("mediation room: lobby and admission, chat, a caucus the other side never receives, and a WebRTC call", async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const base = baseURL!;
  const seed = Date.now();
  const respondent = { name: "周建华", phone: freshPhone(seed), idNumber: freshIdNumber(seed), password: "Respond2026" };
  const contexts: BrowserContext[] = [];

  try {
    // ---- The case, up to a scheduled session, through the HTTP API and forms.
    const applicantAuth = await browserAs(browser, base, null);
    contexts.push(applicantAuth.context);
    const applicantToken = await apiLogin(applicantAuth.context.request, base, DEMO.party);
    await applicantAuth.context.addCookies([{ name: "yjf_session", value: applicantToken, url: base, httpOnly: true, sameSite: "Lax" }]);
    const filed = await applicantAuth.context.request.post("/api/v1/cases", {
      headers: { authorization: `Bearer ${applicantToken}`, origin: base },
      data: {
        category: "邻里",
        regionCode: "530102",
        areaCode: "530102001",
        facts: "楼上住户装修期间多次漏水，导致我家卫生间吊顶损坏，协商多次未果。",
        claims: "赔偿维修费用3000元并修复防水层",
        applicantAddress: "昆明市五华区翠湖南路12号3单元",
        respondents: [{ kind: "person", name: respondent.name, idNumber: respondent.idNumber, phone: respondent.phone, address: "昆明市五华区翠湖南路12号4单元" }],
      },
    });
    expect(filed.status(), await filed.text()).toBe(201);
    const { caseId } = (await filed.json()) as { caseId: string };
    const detail = await applicantAuth.context.request.get(`/api/v1/cases/${caseId}`, { headers: { authorization: `Bearer ${applicantToken}` } });
    const mediatorName = ((await detail.json()) as { mediator: { name: string } | null }).mediator?.name ?? "";
    const mediatorPhone = MEDIATOR_PHONES[mediatorName];
    expect(mediatorPhone, `routed to an unexpected mediator: ${mediatorName}`).toBeTruthy();

    const mediatorAuth = await browserAs(browser, base, null);
    contexts.push(mediatorAuth.context);
    const mediatorToken = await apiLogin(mediatorAuth.context.request, base, mediatorPhone);
    await mediatorAuth.context.addCookies([{ name: "yjf_session", value: mediatorToken, url: base, httpOnly: true, sameSite: "Lax" }]);
    const accepted = await mediatorAuth.context.request.post(`/api/v1/cases/${caseId}/accept`, { headers: { authorization: `Bearer ${mediatorToken}`, origin: base }, data: { conflict: "none" } });
    expect(accepted.status(), await accepted.text()).toBe(200);

    // The respondent answers the SMS invitation: verify identity (which signs them in), consent.
    const respondentAuth = await browserAs(browser, base, null);
    contexts.push(respondentAuth.context);
    const outbox = await respondentAuth.context.request.get(`/dev/outbox.json?to=${respondent.phone}`);
    const sms = ((await outbox.json()) as { rows: { body: string }[] }).rows.map((r) => r.body).find((b) => b.includes("/invite/"))!;
    expect(sms).toBeTruthy();
    const invitePath = new URL(/(http\S+\/invite\/[a-z2-7]+)/.exec(sms)![1]).pathname;
    const code = /验证码 (\d{6})/.exec(sms)![1];
    const verified = await respondentAuth.context.request.post(invitePath, {
      headers: { origin: base },
      form: { code, name: respondent.name, idNumber: respondent.idNumber, password: respondent.password },
    });
    expect(verified.ok(), await verified.text()).toBeTruthy();
    expect(verified.url()).toContain(`/cases/${caseId}`);
    const consented = await respondentAuth.context.request.post(`/api/v1/cases/${caseId}/consent`, { headers: { origin: base }, data: {} });
    expect(consented.status(), await consented.text()).toBe(200);

    // The mediator schedules a joint session on the case page's form.
    const scheduled = await mediatorAuth.context.request.post(`/cases/${caseId}`, {
      headers: { origin: base },
      form: { intent: "schedule", scheduledAt: chinaLocal(new Date(Date.now() + 2 * 60_000)), durationMin: "60", mode: "joint" },
    });
    expect(scheduled.status(), await scheduled.text()).toBe(200);

    // ---- The room.
    const mediator = mediatorAuth.page;
    const applicant = applicantAuth.page;
    const respondentPage = respondentAuth.page;
    const wire = await tapSocket(respondentPage);
    const respondentTraffic = wire.seen;

    await mediator.goto(`/cases/${caseId}`);
    await mediator.getByRole("link", { name: "进入调解室" }).first().click();
    await expect(mediator).toHaveURL(/\/cases\/[^/]+\/room\/[^/]+$/);
    const roomPath = new URL(mediator.url()).pathname;
    await expect(mediator.getByRole("heading", { name: "在线调解室" })).toBeVisible();
    await expect(mediator.getByRole("region", { name: /等候区/ })).toContainText("没有人在等候");

    await test.step("a stranger cannot open the room", async () => {
      const stranger = await browserAs(browser, base, null);
      contexts.push(stranger.context);
      const token = await apiLogin(stranger.context.request, base, "13900000003");
      await stranger.context.addCookies([{ name: "yjf_session", value: token, url: base, httpOnly: true, sameSite: "Lax" }]);
      const res = await stranger.page.goto(roomPath);
      expect(res?.status()).toBe(404);
    });

    await test.step("the mediator admits the applicant from the lobby", async () => {
      await applicant.goto(roomPath);
      await expect(applicant.getByText("请稍候，调解员将核对您的身份后请您进入")).toBeVisible();
      await expect(applicant.locator("[data-room=admitted]")).toHaveCount(0);
      await admit(mediator, "李明");
      await expect(applicant.locator("[data-room=admitted]")).toBeVisible();
      await expect(applicant.getByText("请稍候，调解员将核对您的身份后请您进入")).toHaveCount(0);
      await expect(applicant.locator(".room-log")).toContainText("调解员已核对您的身份，准许您进入调解室");
      await expect(mediator.locator(".room-log")).toContainText("已获准进入调解室");
      await say(mediator, `WELCOME-${seed} 李明您好，请稍等对方进入。`);
      await expect(chatLog(applicant)).toContainText(`WELCOME-${seed}`);
    });

    await test.step("the respondent waits, then is admitted too", async () => {
      await respondentPage.goto(roomPath);
      await expect(respondentPage.getByText("请稍候，调解员将核对您的身份后请您进入")).toBeVisible();
      await expect(mediator.locator(".room-log")).toContainText(`${respondent.name}（被申请人方）进入等候区`);
      await expectAccessible(respondentPage);
      await expectAccessible(mediator);
      // Waiting in the lobby, the respondent's browser receives none of the session's chat...
      expect(wire.seen.filter((f) => f.includes(`WELCOME-${seed}`))).toEqual([]);
      await admit(mediator, respondent.name);
      await expect(respondentPage.locator("[data-room=admitted]")).toBeVisible();
      // ...and catches up once admitted.
      await expect(chatLog(respondentPage)).toContainText(`WELCOME-${seed}`);
      await expect(applicant.getByRole("region", { name: /在线人员/ })).toContainText(respondent.name);
    });

    await test.step("chat goes both ways in the joint session, as text", async () => {
      await say(applicant, "调解员您好，漏水的照片我已经上传。<b>请查看</b>");
      await expect(chatLog(mediator)).toContainText("调解员您好，漏水的照片我已经上传。<b>请查看</b>");
      await expect(chatLog(respondentPage)).toContainText("漏水的照片我已经上传");
      await expect(mediator.locator(".chat-log b")).toHaveCount(0);
      await say(mediator, "收到，请双方先各自说明情况。");
      await expect(chatLog(applicant)).toContainText("收到，请双方先各自说明情况。");
      await say(respondentPage, "我愿意协商维修费用。");
      await expect(chatLog(applicant)).toContainText("我愿意协商维修费用。");
      await expect(chatLog(mediator)).toContainText("我愿意协商维修费用。");
    });

    await test.step("audio and video reach everyone in the joint session", async () => {
      for (const page of [mediator, applicant, respondentPage]) {
        await expect(page.locator("[data-peer-state]")).toHaveCount(2);
        await expect(page.locator('[data-peer-state="connected"]')).toHaveCount(2, { timeout: 30_000 });
      }
    });

    const secret = `CAUCUS-${seed}：对方其实最多愿意出2000元`;
    await test.step("a caucus with the applicant reaches nobody on the respondent's side", async () => {
      await mediator.getByRole("button", { name: "与申请人方单独沟通" }).click();
      await expect(mediator.getByRole("button", { name: "与申请人方单独沟通" })).toHaveAttribute("aria-pressed", "true");
      await expect(applicant.locator("[data-caucus=applicant]")).toBeVisible();
      await expect(respondentPage.getByText("调解员正在与对方单独沟通，请稍候").first()).toBeVisible();
      // The mediator's chat follows into the caucus channel.
      await expect(mediator.getByRole("button", { name: /背对背（申请人方）/ })).toHaveAttribute("aria-pressed", "true");
      await say(mediator, secret);
      await expect(chatLog(applicant)).toContainText(secret);
      // Media: only the mediator and the applicant, on the caucus channel.
      await expect(mediator.locator('[data-peer-channel="caucus:applicant"][data-peer-state="connected"]')).toHaveCount(1, { timeout: 30_000 });
      await expect(mediator.locator("[data-peer-state]")).toHaveCount(1);
      await expect(applicant.locator('[data-peer-channel="caucus:applicant"][data-peer-state="connected"]')).toHaveCount(1, { timeout: 30_000 });
      await expect(respondentPage.locator("[data-peer-state]")).toHaveCount(0);
      // The applicant answers in the caucus; then back to the joint session.
      await say(applicant, `APPLICANT-${seed} 可以接受2500元`);
      await expect(chatLog(mediator)).toContainText(`APPLICANT-${seed}`);
      await mediator.getByRole("button", { name: "回到联合调解" }).click();
      await expect(respondentPage.locator("[data-caucus=none]")).toBeVisible();
      await expect(mediator.getByRole("button", { name: /^联合调解/ })).toHaveAttribute("aria-pressed", "true");
      await say(mediator, "我们回到联合调解。");
      await expect(chatLog(respondentPage)).toContainText("我们回到联合调解。");
      // Nothing from the caucus on the respondent's screen, or on the wire to it.
      await expect(respondentPage.locator("body")).not.toContainText(`CAUCUS-${seed}`);
      await expect(respondentPage.locator("body")).not.toContainText(`APPLICANT-${seed}`);
      expect(respondentTraffic.length).toBeGreaterThan(0);
      expect(respondentTraffic.some((f) => f.includes("我们回到联合调解"))).toBe(true);
      expect(respondentTraffic.filter((f) => f.includes(`CAUCUS-${seed}`) || f.includes(`APPLICANT-${seed}`))).toEqual([]);
      // A reload catches up through history: still only what the respondent may read.
      await respondentPage.reload();
      await expect(chatLog(respondentPage)).toContainText("我们回到联合调解。");
      await expect(chatLog(respondentPage)).toContainText("我愿意协商维修费用。");
      await expect(respondentPage.locator("body")).not.toContainText(`CAUCUS-${seed}`);
      expect(respondentTraffic.filter((f) => f.includes(`CAUCUS-${seed}`))).toEqual([]);
      // After the reload the call is re-established with everyone.
      await expect(respondentPage.locator('[data-peer-state="connected"]')).toHaveCount(2, { timeout: 30_000 });
      await expect(mediator.locator('[data-peer-channel="joint"][data-peer-state="connected"]')).toHaveCount(2, { timeout: 30_000 });
    });

    await test.step("a lost acknowledgement is resent with the same id and stored once", async () => {
      const token = `RESEND-${seed}`;
      // The server stores the message, but its broadcast and its answer never reach the sender.
      wire.drop = { token, left: 2 };
      await say(respondentPage, `${token} 我同意先修复防水层`);
      await expect(respondentPage.locator(".msg-pending")).toContainText("发送中");
      await expect(chatLog(mediator)).toContainText(token);
      // After the ack times out the page sends again with the same clientId: still one message.
      await expect(chatLog(respondentPage).locator(".msg:not(.msg-pending)", { hasText: token })).toHaveCount(1, { timeout: 20_000 });
      await expect(respondentPage.locator(".msg-pending")).toHaveCount(0);
      await expect(chatLog(mediator).locator(".msg", { hasText: token })).toHaveCount(1);
      await expect(chatLog(applicant).locator(".msg", { hasText: token })).toHaveCount(1);
      wire.drop = null;
    });

    await test.step("after a dropped connection the respondent catches up, without gaps or duplicates", async () => {
      const token = `OFFLINE-${seed}`;
      wire.blocked = true;
      for (const ws of wire.open.splice(0)) await ws.close().catch(() => undefined);
      await expect(respondentPage.getByText("正在连接调解室")).toBeVisible({ timeout: 15_000 });
      await say(mediator, `${token}-A 请被申请人确认维修时间。`);
      await say(applicant, `${token}-B 周六上午可以。`);
      await expect(chatLog(mediator)).toContainText(`${token}-B`);
      wire.blocked = false;
      await expect(respondentPage.getByText("正在连接调解室")).toHaveCount(0, { timeout: 20_000 });
      await expect(chatLog(respondentPage).locator(".msg", { hasText: `${token}-A` })).toHaveCount(1);
      await expect(chatLog(respondentPage).locator(".msg", { hasText: `${token}-B` })).toHaveCount(1);
      const ids = await chatLog(respondentPage)
        .locator(".msg[data-message-id]")
        .evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-message-id"))));
      expect(ids).toEqual([...new Set(ids)].sort((a, b) => a - b));
      await expect(respondentPage.locator('[data-peer-state="connected"]')).toHaveCount(2, { timeout: 30_000 });
    });

    await test.step("recording only when everyone consents; the mediator's record saves", async () => {
      await expect(mediator.locator("[data-recording]")).toHaveText("未录制");
      for (const page of [mediator, applicant]) await page.getByLabel("我同意本次调解录音录像").check();
      await expect(mediator.locator("[data-recording]")).toHaveText("未录制");
      await respondentPage.getByLabel("我同意本次调解录音录像").check();
      for (const page of [mediator, applicant, respondentPage]) await expect(page.locator("[data-recording]")).toHaveText("● 录音录像中");
      await applicant.getByLabel("我同意本次调解录音录像").uncheck();
      await expect(respondentPage.locator("[data-recording]")).toHaveText("未录制");

      await mediator.getByLabel("笔录内容").fill("双方确认：漏水系楼上防水层老化所致。");
      await expect(mediator.locator("[data-record-status]")).toHaveText(/已保存/, { timeout: 10_000 });
      await expect(applicant.getByLabel("笔录内容")).toHaveCount(0);
    });

    await test.step("the mediator mutes a participant", async () => {
      await mediator.getByRole("button", { name: "将李明（申请人方）静音" }).click();
      await expect(applicant.getByText(/已将您静音/)).toBeVisible();
      await expect(applicant.getByRole("button", { name: "打开麦克风" })).toHaveAttribute("aria-pressed", "false");
    });
  } finally {
    for (const c of contexts) await c.close();
  }
});
