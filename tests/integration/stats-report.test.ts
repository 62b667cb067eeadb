// The statistics against a world whose answers are worked out here, from the inputs, by plain
// counting and sorting: 77 cases written row by row (respecting the schema; the triggers keep the
// statistics as in production) over three months, five organisations, three counties and six
// categories, in every outcome, with agreements, instalments and ratings — and a quiet month, more
// than a year ago, of just 3 cases. Checked: every figure of the staff view, the filters, the
// public page's merging and withholding of small groups (no figure of a group of 1 to 4 cases in
// any table, page or CSV; a county with fewer than 5 cases not shown on its own), that the public
// page carries no personal data, and the CSV (BOM, headers, columns, Chinese intact).
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { loader as statsLoader } from "~/routes/stats._index";
import { loader as csvLoader } from "~/routes/stats.csv.$table";
import { parseCsv } from "~/lib/csv";
import { MEDIATION_KIND_LABELS, type CaseStatus, type MediationKind } from "~/lib/case-enums";
import { getDb } from "../../db/client";
import { agreements, caseParties, cases, instalments, ratings } from "../../db/schema";
import { seed } from "../../db/seed";
import type { SessionUser } from "../../server/auth/session";
import { chinaDate } from "../../server/handoff/deadlines";
import { createId } from "../../server/lib/ids";
import type { StatsPage } from "../../server/oversight/stats/page";
import type { StatsTable } from "../../server/oversight/stats/tables";
import { ctx, idNumber } from "./helpers";
import { cookieOf, ORG, orgId, PHONE, userByPhone } from "./triage-helpers";

const DAY = 86_400_000;
const NOW = new Date();
let liMing: SessionUser;
let admin: SessionUser;

// ---------------------------------------------------------------- the world

type Spec = {
  month: number; // 0 = this month, 1 = last month, 2 = the one before (14: the quiet month)
  region: string;
  org: string | null;
  kind: MediationKind | null;
  category: string;
  status: CaseStatus;
  days: number; // filing to the end of mediation, for success and failure
  instalments: { dueIn: number; paid: number | null }[]; // due `dueIn` days from today; paid `paid` days after the due date (null: not paid)
  rating: [number, number, number] | null;
};

const CYCLE: CaseStatus[] = ["effective", "confirmed", "notarised", "failed", "transferred", "mediating", "agreed", "refused", "withdrawn", "confirming", "effective", "confirmed"];
const SUCCESS: CaseStatus[] = ["effective", "confirming", "confirmed", "confirm_rejected", "notarising", "notarised"];
const FAILURE: CaseStatus[] = ["failed", "transferred"];

function group(n: number, org: string | null, kind: MediationKind | null, region: string, category: string, offset: number): Spec[] {
  return Array.from({ length: n }, (_, i) => {
    const status = org ? CYCLE[(i + offset) % CYCLE.length] : "unrouted";
    const success = SUCCESS.includes(status);
    return {
      month: (i + offset) % 3,
      region,
      org,
      kind,
      category,
      status,
      days: (i * 7 + offset * 3) % 41,
      // Every third successful case pays in instalments: past and future, on time, late and unpaid.
      instalments: success && i % 3 === 0 ? [{ dueIn: -20 - i, paid: i % 2 ? 0 : -3 }, { dueIn: -5, paid: i % 4 === 0 ? 4 : null }, { dueIn: 30, paid: i % 5 === 0 ? -40 : null }] : [],
      rating: success || FAILURE.includes(status) ? [(i % 5) + 1, ((i + 2) % 5) + 1, ((i + 4) % 5) + 1] : null,
    };
  });
}

const WORLD: Spec[] = [
  ...group(30, ORG.cuihu, "people", "530102", "邻里", 0),
  ...group(20, ORG.wuhua, "people", "530102", "婚姻家庭", 1),
  ...group(12, "五华交警大队道路交通事故调解室", "administrative", "530102", "道路交通事故", 2),
  ...group(8, "盘龙区人民调解委员会", "people", "530103", "物业", 3),
  ...group(3, "官渡区人民调解委员会", "people", "530111", "借贷", 4),
  ...group(2, ORG.cuihu, "people", "530102", "山林土地", 5),
  ...group(2, null, null, "530102", "邻里", 6),
];

/** 14 months ago (outside the default twelve): 3 cases in 3 counties, one success paying one instalment that month. */
const QUIET_BACK = 14;
const quietDue = (n: number) => Math.floor((filedAt(QUIET_BACK, n).getTime() - NOW.getTime()) / DAY) + 5;
const QUIET: Spec[] = [
  { month: QUIET_BACK, region: "530102", org: ORG.cuihu, kind: "people", category: "邻里", status: "effective", days: 2, instalments: [{ dueIn: quietDue(77), paid: -1 }], rating: [5, 4, 4] },
  { month: QUIET_BACK, region: "530103", org: "盘龙区人民调解委员会", kind: "people", category: "物业", status: "failed", days: 3, instalments: [], rating: [2, 3, 2] },
  { month: QUIET_BACK, region: "530111", org: "官渡区人民调解委员会", kind: "people", category: "借贷", status: "mediating", days: 0, instalments: [], rating: null },
];
const ALL = [...WORLD, ...QUIET];

/** The 10th of the month `back` months ago, 10:00 China time. */
function filedAt(back: number, i: number): Date {
  const d = new Date(NOW.getTime() + 8 * 3_600_000);
  const t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - back, 10, 2) + (i % 7) * 3_600_000;
  return new Date(t);
}
const monthOf = (t: Date) => new Date(t.getTime() + 8 * 3_600_000).toISOString().slice(0, 7);
const PERSON = (n: number) => ({ name: `欧阳测试${n}`, phone: `159${String(10_000_000 + n)}`, idNumber: idNumber(600 + n, "19800101") });

function build() {
  const db = getDb();
  ALL.forEach((s, n) => {
    const id = createId();
    const submittedAt = filedAt(s.month, n);
    const closedAt = new Date(submittedAt.getTime() + s.days * DAY + 3_600_000);
    const success = SUCCESS.includes(s.status);
    const failure = FAILURE.includes(s.status);
    const org = s.org ? orgId(s.org) : null;
    db.insert(cases)
      .values({
        id,
        caseNo: `YJF2099${String(n + 1).padStart(6, "0")}`,
        // An agreement's case is written as agreed first: the agreement row needs the case.
        status: success ? "agreed" : s.status,
        source: "citizen",
        kind: s.kind,
        category: s.category,
        regionCode: s.region,
        address: "昆明市测试路1号",
        facts: "测试事实",
        claims: "测试请求",
        filedById: liMing.id,
        orgId: org,
        submittedAt,
        endedAt: failure ? closedAt : s.status === "refused" || s.status === "withdrawn" ? new Date(submittedAt.getTime() + DAY) : null,
      })
      .run();
    const applicant = createId();
    const p = PERSON(n);
    db.insert(caseParties).values({ id: applicant, caseId: id, side: "applicant", kind: "person", name: "李明", idNumber: idNumber(1), phone: PHONE.liMing, address: "昆明市五华区", userId: liMing.id }).run();
    const respondent = createId();
    db.insert(caseParties).values({ id: respondent, caseId: id, side: "respondent", kind: "person", name: p.name, idNumber: p.idNumber, phone: p.phone, address: "昆明市盘龙区测试小区" }).run();
    if (success) {
      const agreementId = createId();
      db.insert(agreements).values({ id: agreementId, caseId: id, orgId: org!, docNo: `XY2099${String(n + 1).padStart(6, "0")}`, status: "effective", currentVersion: 1, effectiveAt: closedAt }).run();
      s.instalments.forEach((x, k) => {
        const due = chinaDate(new Date(NOW.getTime() + x.dueIn * DAY));
        // Paid at noon China time, `paid` days after the due date.
        const paidAt = x.paid === null ? null : new Date(Date.parse(`${due}T12:00:00+08:00`) + x.paid * DAY);
        db.insert(instalments).values({ id: createId(), caseId: id, agreementId, seq: k + 1, dueDate: due, amountFen: 100_000, payerPartyId: respondent, payeePartyId: applicant, paidAt }).run();
      });
      db.update(cases).set({ status: s.status }).where(eqId(id)).run();
    }
    if (s.rating)
      db.insert(ratings)
        .values({ id: createId(), caseId: id, partyId: applicant, userId: liMing.id, orgId: org, mediatorScore: s.rating[0], processScore: s.rating[1], outcomeScore: s.rating[2], createdAt: new Date(submittedAt.getTime() + DAY) })
        .run();
  });
}

const eqId = (id: string) => eq(cases.id, id);

// ---------------------------------------------------------------- the answers, worked out here

const pct = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 1000) / 10 : "—");
const nearestRank = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.ceil(p * s.length) - 1] : "—";
};
const isSuccess = (s: Spec) => SUCCESS.includes(s.status);
const isFailure = (s: Spec) => FAILURE.includes(s.status);

function expected(specs: Spec[]) {
  const success = specs.filter(isSuccess);
  const ended = specs.filter((s) => isSuccess(s) || isFailure(s));
  const today = chinaDate(NOW);
  const due = success.flatMap((s) => s.instalments).filter((x) => chinaDate(new Date(NOW.getTime() + x.dueIn * DAY)) < today);
  const rated = specs.filter((s) => s.rating);
  const avg = (k: number) => Math.round((rated.reduce((a, s) => a + s.rating![k], 0) / rated.length) * 100) / 100;
  return {
    filed: specs.length,
    success: success.length,
    failure: specs.filter(isFailure).length,
    rate: pct(success.length, ended.length),
    median: nearestRank(ended.map((s) => s.days), 0.5),
    p90: nearestRank(ended.map((s) => s.days), 0.9),
    confirmed: pct(specs.filter((s) => s.status === "confirmed").length, success.length),
    notarised: pct(specs.filter((s) => s.status === "notarised").length, success.length),
    dueCount: due.length,
    onTime: due.filter((x) => x.paid !== null && x.paid <= 0).length,
    paidLate: due.filter((x) => x.paid !== null && x.paid > 0).length,
    unpaid: due.filter((x) => x.paid === null).length,
    satisfaction: [avg(0), avg(1), avg(2)],
    satisfactionAll: Math.round((rated.reduce((a, s) => a + s.rating![0] + s.rating![1] + s.rating![2], 0) / (3 * rated.length)) * 100) / 100,
    rated: rated.length,
  };
}

// ---------------------------------------------------------------- plumbing

/** "3 件", "2期": a count of 1 to 4 written out in a caption, note or 计算基数. */
const SMALL_BASE = /(?<![\d.,])[1-4] ?[件期条]/;
const COUNT_UNITS = ["件", "期", "条"];

/**
 * The public page's rule, on every table, in the loader data and in the CSV: a row rests on its
 * first count (cases, instalments, ratings); that count is 0, 5 or more, or withheld — and when it
 * is withheld, so is every other figure of the row (successes, failures, rates, days, scores),
 * which the CSV writes as 少于5 or 样本不足. No caption or note spells out a count of 1 to 4.
 */
async function expectNoSmallRows(p: StatsPage, query: string) {
  expect(p.view).toBe("public");
  for (const t of p.tables) {
    const where = (r: unknown[]) => `${t.id} / ${String(r[0])}`;
    expect(t.caption, t.id).not.toMatch(SMALL_BASE);
    expect(t.note ?? "", t.id).not.toMatch(SMALL_BASE);
    const base = t.id === "summary" ? 1 : t.columns.findIndex((c) => c.unit && COUNT_UNITS.includes(c.unit));
    expect(base, t.id).toBeGreaterThan(0);
    const lines = parseCsv(await (await csv(null, t.id, query)).text()).slice(1);
    expect(lines.map((l) => l[0])).toEqual(t.rows.map((r) => String(r[0])));
    t.rows.forEach((r, i) => {
      if (t.id === "summary") {
        if (r[0] === "收案数（件）") expect(r[1] === null || r[1] === 0 || (r[1] as number) >= 5, where(r)).toBe(true);
        expect(String(r[2]), where(r)).not.toMatch(SMALL_BASE);
        return;
      }
      const n = r[base];
      if (n === null) {
        expect(r.slice(1), where(r)).toEqual(r.slice(1).map(() => null));
        expect(lines[i].slice(1).every((c) => c === "少于5" || c === "样本不足"), `${where(r)}: ${lines[i].join(",")}`).toBe(true);
      } else {
        expect(typeof n === "number" && (n === 0 || n >= 5), `${where(r)}: ${String(n)}`).toBe(true);
        expect(lines[i][base]).toBe(String(n));
      }
    });
  }
}


async function page(u: SessionUser | null, query = ""): Promise<StatsPage & { error: string | null }> {
  const headers: Record<string, string> = u ? { cookie: cookieOf(u) } : {};
  const r = (await statsLoader({ request: new Request(`http://localhost/stats${query ? `?${query}` : ""}`, { headers }), params: {}, context: ctx() } as never)) as unknown as { data: StatsPage & { error: string | null } };
  return r.data;
}

async function csv(u: SessionUser | null, table: string, query = ""): Promise<Response> {
  const headers: Record<string, string> = u ? { cookie: cookieOf(u) } : {};
  return (await csvLoader({ request: new Request(`http://localhost/stats/csv/${table}${query ? `?${query}` : ""}`, { headers }), params: { table }, context: ctx() } as never)) as Response;
}

const table = (p: StatsPage, id: string): StatsTable => p.tables.find((t) => t.id === id)!;
const rowsByLabel = (t: StatsTable) => Object.fromEntries(t.rows.map((r) => [String(r[0]), r.slice(1)]));
const summary = (p: StatsPage) => Object.fromEntries(table(p, "summary").rows.map((r) => [String(r[0]), r[1]]));

beforeAll(async () => {
  await seed();
  liMing = userByPhone(PHONE.liMing);
  admin = userByPhone("13800000000");
  build();
});

// ---------------------------------------------------------------- the tests

describe("every figure of the staff view equals counting the inputs", () => {
  it("the headline figures: cases, success rate, median and 90th percentile, 司法确认 and 公证 shares, payments on time, satisfaction", async () => {
    const e = expected(WORLD);
    const s = summary(await page(admin));
    expect(s).toEqual({
      "收案数（件）": e.filed,
      "调解成功率（%）": e.rate,
      "办结用时中位数（天）": e.median,
      "办结用时第90百分位（天）": e.p90,
      "司法确认占生效协议比例（%）": e.confirmed,
      "赋强公证占生效协议比例（%）": e.notarised,
      "分期款项按期支付率（%）": pct(e.onTime, e.dueCount),
      "满意度平均分（三项平均，满分5分）": e.satisfactionAll,
    });
    expect(e.filed).toBe(77);
    expect(e.dueCount).toBeGreaterThan(5);
  });

  it("by category, region, organisation and kind", async () => {
    const p = await page(admin);
    const by = (key: (s: Spec) => string) => {
      const out: Record<string, Spec[]> = {};
      for (const s of WORLD) (out[key(s)] ??= []).push(s);
      return out;
    };
    const cat = Object.fromEntries(Object.entries(by((s) => s.category)).map(([k, xs]) => { const e = expected(xs); return [k, [e.filed, e.success, e.failure, e.rate]]; }));
    expect(rowsByLabel(table(p, "category"))).toEqual(cat);
    const regionName: Record<string, string> = { "530102": "昆明市五华区", "530103": "昆明市盘龙区", "530111": "昆明市官渡区" };
    const reg = Object.fromEntries(Object.entries(by((s) => s.region)).map(([k, xs]) => { const e = expected(xs); return [regionName[k], [e.filed, e.success, e.rate]]; }));
    expect(rowsByLabel(table(p, "region"))).toEqual(reg);
    const org = Object.fromEntries(Object.entries(by((s) => s.org ?? "尚未分到调解组织")).map(([k, xs]) => { const e = expected(xs); return [k, [e.filed, e.success, e.failure, e.rate, e.median, e.p90]]; }));
    expect(rowsByLabel(table(p, "org"))).toEqual(org);
    expect(rowsByLabel(table(p, "kind"))).toEqual({ 人民调解: [63, pct(63, 77)], 行政调解: [12, pct(12, 77)], 尚未分流: [2, pct(2, 77)] });
  });

  it("by month, the outcomes, days to close in ranges, 司法确认/公证, instalments and satisfaction", async () => {
    const p = await page(admin);
    const months = rowsByLabel(table(p, "month"));
    expect(Object.keys(months)).toHaveLength(12);
    for (const back of [0, 1, 2]) {
      const xs = WORLD.filter((s) => s.month === back);
      const e = expected(xs);
      expect(months[monthOf(filedAt(back, 0))]).toEqual([e.filed, e.success, e.failure, e.rate, e.median]);
    }
    const e = expected(WORLD);
    const count = (st: CaseStatus[]) => WORLD.filter((s) => st.includes(s.status)).length;
    expect(rowsByLabel(table(p, "outcomes"))).toEqual({
      "调解成功（调解协议已生效）": [e.success, pct(e.success, 77)],
      "调解不成（含已移送仲裁、诉讼）": [e.failure, pct(e.failure, 77)],
      "已达成调解意向，协议尚未生效": [count(["agreed"]), pct(count(["agreed"]), 77)],
      "待分流、待受理、待同意或调解中": [count(["unrouted", "mediating"]), pct(count(["unrouted", "mediating"]), 77)],
      "未进入调解（拒绝、未答复或撤回）": [count(["refused", "withdrawn"]), pct(count(["refused", "withdrawn"]), 77)],
    });
    const endedDays = WORLD.filter((s) => isSuccess(s) || isFailure(s)).map((s) => s.days);
    const inRange = (lo: number, hi: number) => endedDays.filter((d) => d >= lo && d <= hi).length;
    const d = rowsByLabel(table(p, "duration"));
    expect([d["7天以内"][0], d["8–15天"][0], d["16–30天"][0], d["31–60天"][0], d["61–90天"][0], d["90天以上"][0]]).toEqual([inRange(0, 7), inRange(8, 15), inRange(16, 30), inRange(31, 60), 0, 0]);
    expect(table(p, "duration").note).toBe(`中位数 ${e.median}天，第90百分位 ${e.p90}天（共 ${endedDays.length} 件）`);
    expect(rowsByLabel(table(p, "handoff"))["已司法确认"]).toEqual([count(["confirmed"]), e.confirmed]);
    expect(rowsByLabel(table(p, "handoff"))["司法确认或公证办理中"]).toEqual([count(["confirming"]), pct(count(["confirming"]), e.success)]);
    expect(rowsByLabel(table(p, "instalments"))).toEqual({
      按期支付: [e.onTime, pct(e.onTime, e.dueCount)],
      逾期后支付: [e.paidLate, pct(e.paidLate, e.dueCount)],
      逾期未付: [e.unpaid, pct(e.unpaid, e.dueCount)],
    });
    expect(rowsByLabel(table(p, "satisfaction"))).toEqual({ 调解员: [e.satisfaction[0], e.rated], 调解过程: [e.satisfaction[1], e.rated], 调解结果: [e.satisfaction[2], e.rated] });
  });
});

describe("filters", () => {
  it("by period (months of filing), county and organisation", async () => {
    const last = monthOf(filedAt(1, 0));
    const p = await page(admin, `from=${last}&to=${last}`);
    expect(summary(p)["收案数（件）"]).toBe(WORLD.filter((s) => s.month === 1).length);
    expect(table(p, "month").rows.map((r) => r[0])).toEqual([last]);

    const panlong = await page(admin, "region=530103");
    const e = expected(WORLD.filter((s) => s.region === "530103"));
    expect(summary(panlong)["收案数（件）"]).toBe(e.filed);
    expect(summary(panlong)["调解成功率（%）"]).toBe(e.rate);

    const cuihu = await page(admin, `org=${orgId(ORG.cuihu)}`);
    const c = expected(WORLD.filter((s) => s.org === ORG.cuihu));
    expect(summary(cuihu)["收案数（件）"]).toBe(c.filed);
    expect(summary(cuihu)["办结用时中位数（天）"]).toBe(c.median);
    expect(rowsByLabel(table(cuihu, "category"))).toEqual({ 邻里: expect.any(Array), 山林土地: expect.any(Array) });
  });

  it("a bad period is refused with 400 and a Chinese message, and the default period is shown", async () => {
    const r = (await statsLoader({ request: new Request("http://localhost/stats?from=2026-09&to=2026-01"), params: {}, context: ctx() } as never)) as unknown as { data: { error: string }; init: { status: number } };
    expect(r.init.status).toBe(400);
    expect(r.data.error).toBe("起始月份不能晚于截止月份");
    const bad = (await statsLoader({ request: new Request("http://localhost/stats?from=2026-13"), params: {}, context: ctx() } as never)) as unknown as { data: { error: string } };
    expect(bad.data.error).toBe("起始月份格式应为“年-月”，如 2026-01");
    const long = (await statsLoader({ request: new Request("http://localhost/stats?from=2000-01&to=2026-01"), params: {}, context: ctx() } as never)) as unknown as { data: { error: string } };
    expect(long.data.error).toBe("查询期间最长10年，请缩短起止月份");
  });
});

describe("the public page: aggregates only", () => {
  it("regions, organisations, categories and kinds with fewer than 5 cases are merged into 其他, topped up until it has 5", async () => {
    const p = await page(null);
    expect(p.view).toBe("public");
    expect(p.options.orgs).toBeNull();
    // 官渡 has 3 cases: merged; 3 is still fewer than 5, so 盘龙 (8) joins it.
    expect(rowsByLabel(table(p, "region"))).toEqual({
      昆明市五华区: [66, expected(WORLD.filter((s) => s.region === "530102")).success, expected(WORLD.filter((s) => s.region === "530102")).rate],
      "其他地区（合并少于5件的地区）": [11, expected(WORLD.filter((s) => s.region !== "530102")).success, expected(WORLD.filter((s) => s.region !== "530102")).rate],
    });
    const cats = rowsByLabel(table(p, "category"));
    expect(Object.keys(cats)).toEqual(["邻里", "婚姻家庭", "道路交通事故", "物业", "其他（合并少于5件的类别）"]);
    expect(cats["其他（合并少于5件的类别）"][0]).toBe(5); // 借贷 3 + 山林土地 2
    const orgs = rowsByLabel(table(p, "org"));
    expect(orgs["其他组织（合并少于5件的组织）"][0]).toBe(5); // 官渡 3 + not yet routed 2
    expect(orgs[ORG.cuihu][0]).toBe(32);
    expect(rowsByLabel(table(p, "kind"))).toEqual({ 人民调解: [63, pct(63, 77)], 其他: [14, pct(14, 77)] });
    // Only counties with at least 5 cases are offered in the picker.
    expect(p.options.regions.map((r) => r.code)).toEqual(["530102", "530103"]);
  });

  it("in a county with few cases, small counts read 少于5 and rates 样本不足; no row of 1 to 4 cases shows a figure, page or CSV", async () => {
    const p = await page(null, "region=530103"); // 8 cases over three months
    expect(p.notice).toBeNull();
    const months = table(p, "month").rows.filter((r) => r[1] !== 0);
    expect(months.length).toBe(3);
    expect(months.every((r) => r[1] === null)).toBe(true); // 3, 3 and 2 cases: each withheld
    const s = summary(p);
    expect(s["收案数（件）"]).toBe(8);
    expect(s["满意度平均分（三项平均，满分5分）"]).toBeNull();
    expect(table(p, "outcomes").rows.filter((r) => r[1] !== 0 && r[1] !== null)).toEqual([]);
    await expectNoSmallRows(p, "region=530103");
  });

  it("a period where every group is small (3 cases in a month): every table withholds every count, rate, day and score, page and CSV", async () => {
    const m = monthOf(filedAt(QUIET_BACK, 0));
    const q = `from=${m}&to=${m}`;
    const p = await page(null, q);
    // Staff see the 3 cases; the public sees none of their numbers.
    expect(summary(await page(admin, q))["收案数（件）"]).toBe(3);
    expect(summary(p)["收案数（件）"]).toBeNull();
    for (const t of p.tables) {
      for (const r of t.rows)
        r.slice(1).forEach((v, i) => {
          const unit = t.columns[i + 1].unit;
          if (t.id === "summary" && i === 1) expect(String(v)).not.toMatch(SMALL_BASE);
          else if (unit === "件" || unit === "期" || unit === "条") expect([null, 0], `${t.id} ${String(r[0])}`).toContain(v);
          else expect([null, "—", 0], `${t.id} ${String(r[0])}`).toContain(v);
        });
    }
    // The merged rows that stayed small are there, with their label only.
    expect(rowsByLabel(table(p, "category"))).toEqual({ "其他（合并少于5件的类别）": [null, null, null, null] });
    expect(rowsByLabel(table(p, "kind"))).toEqual({ 其他: [null, null] });
    expect(rowsByLabel(table(p, "region"))).toEqual({ "其他地区（合并少于5件的地区）": [null, null, null] });
    expect(rowsByLabel(table(p, "org"))).toEqual({ "其他组织（合并少于5件的组织）": [null, null, null, null, null, null] });
    for (const t of p.tables) {
      const rows = parseCsv(await (await csv(null, t.id, q)).text());
      for (const r of rows.slice(1)) for (const cell of r.slice(1)) expect(cell, `${t.id} ${r[0]}`).toMatch(/^(0|少于5|样本不足|—|.*少于5 [件期条]|.*[^\d]0 [件期条])$/);
    }
    await expectNoSmallRows(p, q);
  });

  it("a one-month period, all counties: groups of 1 to 4 cases are never shown on their own, and no row of fewer than 5 shows a figure", async () => {
    const m = monthOf(filedAt(1, 0));
    const q = `from=${m}&to=${m}`;
    const p = await page(null, q);
    const specs = WORLD.filter((s) => s.month === 1);
    const regionName: Record<string, string> = { "530102": "昆明市五华区", "530103": "昆明市盘龙区", "530111": "昆明市官渡区" };
    const dims: [string, (s: Spec) => string][] = [
      ["category", (s) => s.category],
      ["kind", (s) => (s.kind ? MEDIATION_KIND_LABELS[s.kind] : "尚未分流")],
      ["region", (s) => regionName[s.region]],
      ["org", (s) => s.org ?? "尚未分到调解组织"],
    ];
    let hidden = 0;
    for (const [id, key] of dims) {
      const counts: Record<string, number> = {};
      for (const s of specs) counts[key(s)] = (counts[key(s)] ?? 0) + 1;
      const rows = rowsByLabel(table(p, id));
      for (const [label, n] of Object.entries(counts)) {
        if (n < 5) {
          hidden++;
          expect(rows[label], `${id} ${label} (${n} cases)`).toBeUndefined();
        } else if (rows[label]) expect(rows[label][0]).toBe(n);
      }
    }
    expect(hidden).toBeGreaterThan(3); // the month really has small groups: 官渡, 盘龙, the traffic police…
    await expectNoSmallRows(p, q);
  });

  it("a county with fewer than 5 cases in the period is not shown on its own: the page says so and shows every county", async () => {
    const all = await page(null);
    const guandu = await page(null, "region=530111"); // 3 cases in the period (and 4 ever)
    expect(guandu.filters.region).toBeNull();
    expect(guandu.notice).toMatch(/^所选地区在\d{4}-\d{2}至\d{4}-\d{2}期间收案少于5件，为防止识别当事人，公开页面不单独显示该地区/);
    expect(guandu.tables).toEqual(all.tables);
    expect(await (await csv(null, "outcomes", "region=530111")).text()).toBe(await (await csv(null, "outcomes")).text());
    // 盘龙 has 8 cases in the twelve months, but only 2 or 3 in any one of them.
    const m = monthOf(filedAt(2, 0));
    const panlong = await page(null, `region=530103&from=${m}&to=${m}`);
    expect(panlong.filters).toMatchObject({ region: null, from: m, to: m });
    expect(panlong.notice).toContain(`所选地区在${m}期间收案少于5件`);
    expect(summary(panlong)["收案数（件）"]).toBe(WORLD.filter((s) => s.month === 2).length);
    // A staff member asking for their own county's view gets it, small or not.
    const staff = await page(admin, "region=530111");
    expect([staff.notice, staff.filters.region, summary(staff)["收案数（件）"]]).toEqual([null, "530111", 3]);
    const asPublic = await page(admin, "region=530111&view=public");
    expect([asPublic.view, asPublic.filters.region, asPublic.notice === null]).toEqual(["public", null, false]);
  });

  it("carries no names, phones, identity numbers or case numbers, in the loader data or any CSV", async () => {
    const p = await page(null);
    const texts = [JSON.stringify(p)];
    for (const t of p.tables) texts.push(await (await csv(null, t.id)).text());
    const people = getDb().select({ name: caseParties.name, phone: caseParties.phone, idNumber: caseParties.idNumber }).from(caseParties).all();
    const numbers = getDb().select({ caseNo: cases.caseNo }).from(cases).all().map((c) => c.caseNo!);
    expect(people.length).toBe(2 * ALL.length);
    for (const text of texts) {
      for (const x of people) {
        expect(text).not.toContain(x.name);
        expect(text).not.toContain(x.phone);
        expect(text).not.toContain(x.idNumber);
      }
      for (const n of numbers) expect(text).not.toContain(n);
      expect(text).not.toMatch(/YJF\d{10}|云解纷〔\d{4}〕/);
    }
  });
});

describe("CSV exports", () => {
  it("open in Excel: UTF-8 with a BOM, text/csv, the file name in UTF-8, the table's columns, Chinese intact", async () => {
    const res = await csv(admin, "category");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const disposition = res.headers.get("content-disposition")!;
    expect(disposition).toMatch(/^attachment; filename="yunjiefen-stats-category-\d{4}-\d{2}-\d{4}-\d{2}\.csv"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1])).toMatch(/^云解纷统计_按纠纷类型_\d{4}-\d{2}至\d{4}-\d{2}\.csv$/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    expect(text).toContain("\r\n");
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(["纠纷类型", "收案数（件）", "调解成功（件）", "调解不成（件）", "调解成功率（%）"]);
    const e = expected(WORLD.filter((s) => s.category === "婚姻家庭"));
    expect(rows.find((r) => r[0] === "婚姻家庭")).toEqual(["婚姻家庭", String(e.filed), String(e.success), String(e.failure), String(e.rate)]);
    expect(rows).toHaveLength(1 + 6);
  });

  it("every table of the page exports with the page's rows; withheld figures read as on the page", async () => {
    const p = await page(null, "region=530103");
    for (const t of p.tables) {
      const rows = parseCsv(await (await csv(null, t.id, "region=530103")).text());
      expect(rows.length).toBe(t.rows.length + 1);
      expect(rows.slice(1).map((r) => r[0])).toEqual(t.rows.map((r) => String(r[0])));
    }
    const months = parseCsv(await (await csv(null, "month", "region=530103")).text());
    expect(months.some((r) => r[1] === "少于5")).toBe(true);
  });

  it("an unknown table is 404, a bad filter 400, another's organisation 403", async () => {
    expect((await csv(admin, "nope")).status).toBe(404);
    expect((await csv(admin, "category", "from=2026-13")).status).toBe(400);
    const r = await csv(userByPhone(PHONE.cuihu), "category", `org=${orgId(ORG.wuhua)}`);
    expect(r.status).toBe(403);
    expect(await r.text()).toBe("您无权查看该组织的统计数据");
  });
});
