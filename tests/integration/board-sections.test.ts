// The 矛调中心 board's sections with cases in known states and times (the clock is passed in): red
// and yellow cases first with their reasons; deadlines of every stage within 24 hours / 3 days or
// passed, each with which deadline, when and how late; the unrouted queue, paginated; each
// organisation's load. And who sees it: only dispatchers of the city.
import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { loader as boardLoader } from "~/routes/board";
import { getDb } from "../../db/client";
import { agreements, cases, handoffs, invitations, memberships, organisations, users } from "../../db/schema";
import { seed } from "../../db/seed";
import type { SessionUser } from "../../server/auth/session";
import { startConfirmation } from "../../server/handoff/confirmation/apply";
import { acceptApplication } from "../../server/handoff/confirmation/court";
import { createId } from "../../server/lib/ids";
import { dispatchBoard, parseBoardQuery } from "../../server/oversight/board/board";
import { lateness } from "../../server/oversight/board/lateness";
import { acceptCase } from "../../server/triage/decisions";
import { effectiveCase, judge, signPart } from "./confirmation-helpers";
import { ctx, idNumber, thrownResponse } from "./helpers";
import { citizenInput, cookieOf, fileCase, inMediation, newRespondent, orgId, PHONE, userByPhone } from "./triage-helpers";

const HOUR = 3600_000;
const DAY = 24 * HOUR;
/** An instant in China time, e.g. cst("2026-10-01 09:00"). */
const cst = (s: string) => new Date(`${s.replace(" ", "T")}:00+08:00`);
/** 24:00 (23:59:59.999) China time of a China date. */
const endOf = (day: string) => new Date(`${day}T23:59:59.999+08:00`);

let liMing: SessionUser & { phone: string };
let cuihu: SessionUser & { phone: string };
let dispatcher: SessionUser;
let qujing: SessionUser; // a dispatcher of 曲靖's centre: another city

/** A 矛调中心 in 曲靖市麒麟区 (530302) with its own dispatcher. */
function otherCityDispatcher(): SessionUser {
  const db = getDb();
  const org = createId();
  const user = createId();
  db.insert(organisations).values({ id: org, name: "曲靖市麒麟区社会治理综合服务中心（矛调中心）", type: "dispatch_center", regionCode: "530302" }).run();
  db.insert(users).values({ id: user, name: "钱涛", idNumber: idNumber(931), phone: "13800009931", passwordHash: "x", role: "dispatcher" }).run();
  db.insert(memberships).values({ id: createId(), userId: user, orgId: org }).run();
  return userByPhone("13800009931");
}

const board = (u: SessionUser, query = "", now = new Date()) => dispatchBoard(u, parseBoardQuery(new URLSearchParams(query)), now);
const setCase = (id: string, patch: Partial<typeof cases.$inferInsert>) => getDb().update(cases).set(patch).where(eq(cases.id, id)).run();

beforeAll(async () => {
  await seed();
  liMing = userByPhone(PHONE.liMing);
  cuihu = userByPhone(PHONE.cuihu);
  dispatcher = userByPhone(PHONE.dispatcher);
  qujing = otherCityDispatcher();
});

describe("red and yellow cases come first, with why", () => {
  it("lists red before yellow with the risk reasons; green cases and closed ones are not there", async () => {
    const yellow = await fileCase(liMing, citizenInput({ amountYuan: 600_000 }));
    const red = await fileCase(liMing, citizenInput({ facts: "对方多次上门威胁，扬言要拿刀报复我们全家，矛盾激化。" }));
    const green = await fileCase(liMing, citizenInput());
    const b = board(dispatcher);
    const ids = b.risk.items.map((l) => l.id);
    expect(ids).toContain(red.caseId);
    expect(ids).toContain(yellow.caseId);
    expect(ids).not.toContain(green.caseId);
    expect(ids.indexOf(red.caseId)).toBeLessThan(ids.indexOf(yellow.caseId));
    const r = b.risk.items.find((l) => l.id === red.caseId)!;
    expect(r.risk).toBe("red");
    expect(r.riskReasons.join("")).toContain("民转刑");
    expect(b.risk.items.find((l) => l.id === yellow.caseId)!.riskReasons.join("")).toContain("数额较大");
    // Every red case is listed before any yellow one.
    const firstYellow = b.risk.items.findIndex((l) => l.risk === "yellow");
    expect(b.risk.items.slice(firstYellow).every((l) => l.risk === "yellow")).toBe(true);

    // A withdrawn red case has left the mediation path: it leaves the board.
    setCase(red.caseId, { status: "withdrawn" });
    expect(board(dispatcher).risk.items.map((l) => l.id)).not.toContain(red.caseId);
  });
});

describe("deadlines across every stage, within 24 hours or 3 days, or passed", () => {
  // The board is given the clock; the deadlines below are set relative to it. Cases filed elsewhere
  // in this file have their 3 working days to accept, beyond the 3-day horizon.
  const NOW = new Date();
  const c: Record<string, string> = {};

  beforeAll(async () => {
    c.accSoon = (await fileCase(liMing)).caseId;
    setCase(c.accSoon, { acceptDeadline: new Date(NOW.getTime() + 10 * HOUR) });
    c.accLate = (await fileCase(liMing)).caseId;
    setCase(c.accLate, { acceptDeadline: new Date(NOW.getTime() - 2 * HOUR - 30 * 60_000) });
    c.accFar = (await fileCase(liMing)).caseId;
    setCase(c.accFar, { acceptDeadline: new Date(NOW.getTime() + 5 * DAY) });

    c.consent = (await fileCase(liMing)).caseId;
    await acceptCase(cuihu, c.consent, { conflict: "none" });
    getDb().update(invitations).set({ expiresAt: new Date(NOW.getTime() + 2 * DAY) }).where(eq(invitations.caseId, c.consent)).run();

    c.mediation = (await inMediation(liMing, cuihu)).caseId;
    setCase(c.mediation, { mediationDue: new Date(NOW.getTime() - DAY - 3 * HOUR) });

    // 司法确认 windows of agreements that took effect on fixed dates, for the board at a fixed clock
    // around National Day 2026 (the window test below); long over at NOW.
    const effectiveOn = { windowPassed: "2026-09-02 16:00", windowToday: "2026-09-10 09:00", windowMonday: "2026-09-11 09:00", windowBeyond: "2026-09-13 09:00", windowLongGone: "2026-08-31 10:00" };
    for (const [key, at] of Object.entries(effectiveOn)) {
      c[key] = (await effectiveCase(liMing, cuihu)).caseId;
      getDb().update(agreements).set({ effectiveAt: cst(at) }).where(eq(agreements.caseId, c[key])).run();
    }

    const court = orgId("昆明市五华区人民法院");
    const submitted = await effectiveCase(liMing, cuihu);
    const h1 = await startConfirmation(liMing, submitted.caseId, { courtId: court });
    await signPart(liMing, submitted.caseId);
    await signPart(submitted.respondent, submitted.caseId);
    getDb().update(handoffs).set({ acceptDue: new Date(NOW.getTime() + 30 * HOUR) }).where(eq(handoffs.id, h1.handoffId)).run();
    c.courtAccept = submitted.caseId;

    const ruling = await effectiveCase(liMing, cuihu);
    const h2 = await startConfirmation(liMing, ruling.caseId, { courtId: court });
    await signPart(liMing, ruling.caseId);
    await signPart(ruling.respondent, ruling.caseId);
    await acceptApplication(judge(), h2.handoffId);
    getDb().update(handoffs).set({ decisionDue: new Date(NOW.getTime() - HOUR) }).where(eq(handoffs.id, h2.handoffId)).run();
    c.courtRuling = ruling.caseId;
  }, 120_000);

  const kindsOf = (query: string) => {
    const items = board(dispatcher, query, NOW).deadlines.items;
    return new Map(items.map((d) => [d.line.id, d]));
  };

  it("3 days: each stage's deadline, which one, when and how late, most overdue first", () => {
    const b = board(dispatcher, "within=3d", NOW);
    const got = new Map(b.deadlines.items.map((d) => [d.line.id, d]));
    expect(got.get(c.accSoon)).toMatchObject({ kind: "acceptance", label: "调解员受理期限", passed: false, late: "还剩 10小时" });
    expect(got.get(c.accLate)).toMatchObject({ kind: "acceptance", passed: true, late: "已超期 2小时30分钟" });
    expect(got.get(c.consent)).toMatchObject({ kind: "consent", label: "被申请人答复邀请期限", passed: false, late: "还剩 2天" });
    expect(got.get(c.mediation)).toMatchObject({ kind: "mediation", label: "调解期限", passed: true, late: "已超期 1天3小时" });
    // 法释〔2011〕5号 Art 4 (3 days to accept) and Art 5 (15 days to rule): the court is named.
    expect(got.get(c.courtAccept)).toMatchObject({ kind: "court_accept", passed: false, late: "还剩 1天6小时", where: "昆明市五华区人民法院" });
    expect(got.get(c.courtRuling)).toMatchObject({ kind: "court_ruling", passed: true });
    expect(got.get(c.courtRuling)!.where).toMatch(/^昆明市五华区人民法院（.+）$/);
    // Not due within 3 days, or passed more than a week ago with nothing left to do.
    expect(got.has(c.accFar)).toBe(false);
    // Most overdue first.
    const dues = b.deadlines.items.map((d) => new Date(d.due).getTime());
    expect(dues).toEqual([...dues].sort((x, y) => x - y));
    expect(b.deadlines.total).toBe(b.deadlines.items.length);
  });

  it("24 hours: what falls due later than a day drops off; passed ones stay", () => {
    const got = kindsOf("within=24h");
    for (const k of ["accSoon", "accLate", "mediation", "courtRuling"]) expect(got.has(c[k]), k).toBe(true);
    for (const k of ["consent", "courtAccept", "accFar"]) expect(got.has(c[k]), k).toBe(false);
  });

  it("overdue only: nothing still running", () => {
    const got = kindsOf("within=overdue");
    expect([...got.values()].every((d) => d.passed)).toBe(true);
    for (const k of ["accLate", "mediation", "courtRuling"]) expect(got.has(c[k]), k).toBe(true);
    expect(got.has(c.accSoon)).toBe(false);
  });

  it("人民调解法第三十三条 with 民事诉讼法第八十五条: the 司法确认 window ends at 24:00 of its 30th day, or of the first working day after it", () => {
    const at = cst("2026-10-10 10:00"); // a Saturday worked in exchange for the National Day holiday
    const windows = (query: string) => board(dispatcher, query, at).deadlines;
    const b = windows("within=3d");
    const got = new Map(b.items.map((d) => [d.line.id, d]));
    // 9-02 + 30 is 10-02, in the holiday (10-01..07): ended at 24:00 of Thu 10-08, 1 day 10 hours
    // ago — although 30×24 hours passed 7 days 18 hours ago, beyond the board's week.
    expect(got.get(c.windowPassed)).toMatchObject({ kind: "confirmation_window", label: "申请司法确认期限（协议生效后30日）", due: endOf("2026-10-08"), passed: true, late: "已超期 1天10小时" });
    // 9-10 + 30 is today, a make-up working day: it ends tonight.
    expect(got.get(c.windowToday)).toMatchObject({ due: endOf("2026-10-10"), passed: false, late: "还剩 13小时59分钟" });
    // 9-11 + 30 is Sunday 10-11: Monday 10-12.
    expect(got.get(c.windowMonday)).toMatchObject({ due: endOf("2026-10-12"), passed: false, late: "还剩 2天13小时" });
    // 9-13 + 30 is Tue 10-13, ending after the 3 days (30×24 hours would have ended within them);
    // 8-31 + 30 is Wed 9-30, a working day: over for more than a week.
    expect(got.has(c.windowBeyond)).toBe(false);
    expect(got.has(c.windowLongGone)).toBe(false);
    expect(b.items.map((d) => d.line.id)).toEqual([c.windowPassed, c.windowToday, c.windowMonday]);
    expect(b.total).toBe(3);
    expect(windows("within=24h").items.map((d) => d.line.id)).toEqual([c.windowPassed, c.windowToday]);
    expect(windows("within=overdue").items.map((d) => d.line.id)).toEqual([c.windowPassed]);
    expect(windows("within=overdue").total).toBe(1);
  });

  it("a nonsense filter falls back to 3 days instead of failing", () => {
    expect(board(dispatcher, "within=forever&duePage=-3", NOW).within).toBe("3d");
  });

  it("lateness is said in days, hours and minutes", () => {
    const t = new Date("2026-05-01T00:00:00Z");
    expect(lateness(new Date(t.getTime() - 90_000), t)).toEqual({ passed: true, text: "已超期 1分钟" });
    expect(lateness(new Date(t.getTime() + 3 * DAY), t)).toEqual({ passed: false, text: "还剩 3天" });
    expect(lateness(t, t).passed).toBe(true);
  });
});

describe("the unrouted queue", () => {
  it("holds what the rules could not route, 20 a page, red first", async () => {
    // 西山区 (530112) has no organisation on the platform: every case there waits for a dispatcher.
    const filed: string[] = [];
    for (let i = 0; i < 22; i++) filed.push((await fileCase(liMing, citizenInput({ regionCode: "530112", areaCode: undefined }))).caseId);
    const red = (await fileCase(liMing, citizenInput({ regionCode: "530112", areaCode: undefined, facts: "对方扬言要放火烧死我们，已多次报警。" }))).caseId;
    const first = board(dispatcher);
    expect(first.unrouted.total).toBeGreaterThanOrEqual(23);
    expect(first.unrouted.items).toHaveLength(20);
    expect(first.unrouted.items[0]).toMatchObject({ id: red, risk: "red" });
    expect(first.unrouted.items[0].routingReason).toBeTruthy();
    // An unrouted case has no organisation to go up from: it is assigned, not escalated.
    expect(first.unrouted.items[0]).toMatchObject({ mayReassign: true, escalateTo: null });
    const second = board(dispatcher, "queuePage=2");
    expect(second.unrouted.page).toBe(2);
    const both = [...first.unrouted.items, ...second.unrouted.items].map((l) => l.id);
    expect(new Set(both).size).toBe(both.length);
    for (const id of filed.slice(0, 2)) expect(both).toContain(id);
  });
});

describe("each organisation's load", () => {
  it("shows open cases (org_loads), mediators and open red cases, heaviest per mediator first", async () => {
    const allPages = () => {
      const b = board(dispatcher);
      const all = [...b.loads.items];
      for (let p = 2; p <= b.loads.pages; p++) all.push(...board(dispatcher, `orgPage=${p}`).loads.items);
      return all;
    };
    // A red case goes straight to the county committee (the routing rule for red).
    const red = await fileCase(liMing, citizenInput({ facts: "对方扬言要拿刀砍人，情绪失控。" }));
    const county = orgId("五华区人民调解委员会");
    expect(getDb().select({ orgId: cases.orgId }).from(cases).where(eq(cases.id, red.caseId)).get()!.orgId).toBe(county);
    const all = allPages();
    const openOf = (id: string) =>
      getDb()
        .select({ id: cases.id })
        .from(cases)
        .where(and(eq(cases.orgId, id), inArray(cases.status, ["awaiting_acceptance", "awaiting_consent", "mediating"])))
        .all().length;
    const cuihuRow = all.find((o) => o.name === "翠湖社区人民调解委员会")!;
    expect(cuihuRow).toMatchObject({ mediators: 1, openCases: openOf(orgId("翠湖社区人民调解委员会")) });
    expect(cuihuRow.openCases).toBeGreaterThan(0);
    expect(cuihuRow.perMediator).toBe(cuihuRow.openCases);
    const countyRow = all.find((o) => o.name === "五华区人民调解委员会")!;
    expect(countyRow.openCases).toBe(openOf(county));
    expect(countyRow.redCases).toBeGreaterThanOrEqual(1);
    // Sorted by load relative to mediators: organisations with work and nobody to do it first.
    const keys = all.map((o) => (o.noMediator ? Infinity : (o.perMediator ?? 0)));
    expect(keys).toEqual([...keys].sort((x, y) => y - x));
    // Courts, notaries and the centre itself are not mediation organisations.
    expect(all.some((o) => o.name.includes("法院") && !o.name.includes("特邀"))).toBe(false);
    expect(all.some((o) => o.name.includes("公证处") || o.name.includes("矛调中心"))).toBe(false);
  });
});

describe("who sees the board", () => {
  const load = (u: SessionUser, query = "") =>
    boardLoader({ request: new Request(`http://localhost/board${query}`, { headers: { cookie: cookieOf(u) } }), params: {}, context: ctx() } as never);

  it("a dispatcher of the city sees its cases through the page's loader", async () => {
    const d = (await load(dispatcher)) as Awaited<ReturnType<typeof dispatchBoard>>;
    expect(d.cities.map((c) => c.name)).toEqual(["云南省昆明市"]);
    expect(d.risk.total + d.unrouted.total).toBeGreaterThan(0);
    expect(d.live.changed).toBe("board:changed");
  });

  it("a dispatcher of another city sees none of these cases, and their own city's only", async () => {
    const ours = await fileCase(liMing, citizenInput({ regionCode: "530112", areaCode: undefined, facts: "邻居威胁要报复，已多次报警。" }));
    const theirs = await fileCase(liMing, citizenInput({ regionCode: "530302", areaCode: undefined }, newRespondent()));
    const q = board(qujing, "within=3d");
    const seen = [...q.risk.items, ...q.unrouted.items, ...q.deadlines.items.map((d) => d.line)].map((l) => l.id);
    expect(seen).toContain(theirs.caseId);
    expect(seen).not.toContain(ours.caseId);
    const k = board(dispatcher);
    expect([...k.risk.items, ...k.unrouted.items].map((l) => l.id)).not.toContain(theirs.caseId);
    expect(q.loads.items.every((o) => !o.name.includes("五华"))).toBe(true);
    // Asking the board to act on a Kunming case from 曲靖 shows nothing.
    expect(board(qujing, `act=${ours.caseId}`).acting).toBeNull();
    expect(board(dispatcher, `act=${ours.caseId}`).acting?.id).toBe(ours.caseId);
  });

  it("a mediator, a judge or a party gets 403; nobody signed in is sent to log in", async () => {
    for (const phone of [PHONE.cuihu, PHONE.judge, PHONE.liMing]) {
      const res = await thrownResponse(() => load(userByPhone(phone)));
      expect(res.status, phone).toBe(403);
    }
    const anon = await thrownResponse(() => boardLoader({ request: new Request("http://localhost/board"), params: {}, context: ctx() } as never));
    expect(anon.status).toBe(302);
    expect(anon.headers.get("location")).toContain("/login");
  });

  it("a dispatcher with no centre is told so (403)", async () => {
    getDb().insert(users).values({ id: createId(), name: "孙悦", idNumber: idNumber(932), phone: "13800009932", passwordHash: "x", role: "dispatcher" }).run();
    const res = await thrownResponse(() => load(userByPhone("13800009932")));
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("尚未加入任何矛调中心");
  });
});
