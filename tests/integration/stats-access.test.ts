// Who sees which statistics: everyone the public page; an organisation's head (负责人) their
// organisations and those under them; a judge their court's county; a 分流员 their centre's city;
// the admin everything. A party, a lawyer, a notary or a mediator who heads nothing gets the
// public page only, and nobody may filter by an organisation outside their scope (403).
import { beforeAll, describe, expect, it } from "vitest";
import { loader as statsLoader } from "~/routes/stats._index";
import { loader as csvLoader } from "~/routes/stats.csv.$table";
import { parseCsv } from "~/lib/csv";
import { getDb } from "../../db/client";
import { cases } from "../../db/schema";
import { seed } from "../../db/seed";
import type { SessionUser } from "../../server/auth/session";
import { createId } from "../../server/lib/ids";
import type { StatsPage } from "../../server/oversight/stats/page";
import { ctx, thrownResponse } from "./helpers";
import { cookieOf, ORG, orgId, PHONE, userByPhone } from "./triage-helpers";

const TRAFFIC = "五华交警大队道路交通事故调解室";
const PANLONG = "盘龙区人民调解委员会";
const WEIYUAN = "威远街社区人民调解委员会"; // under 护国街道, under 五华区
const WENLIN = "文林社区人民调解委员会"; // under 华山街道

// Cases per organisation and county: [organisation, county, how many].
const WORLD: [string, string, number][] = [
  [ORG.cuihu, "530102", 7],
  [WENLIN, "530102", 3],
  [WEIYUAN, "530102", 4],
  [ORG.wuhua, "530102", 5],
  [TRAFFIC, "530102", 6],
  [PANLONG, "530103", 8],
  [ORG.wuhua, "532301", 2], // 楚雄: outside 昆明
];
const count = (pred: (w: [string, string, number]) => boolean) => WORLD.filter(pred).reduce((s, w) => s + w[2], 0);

const req = (u: SessionUser | null, path: string) => new Request(`http://localhost${path}`, { headers: u ? { cookie: cookieOf(u) } : {} });

async function page(u: SessionUser | null, query = ""): Promise<StatsPage> {
  const r = (await statsLoader({ request: req(u, `/stats?${query}`), params: {}, context: ctx() } as never)) as unknown as { data: StatsPage };
  return r.data;
}
const filed = (p: StatsPage) => p.tables.find((t) => t.id === "summary")!.rows[0][1];
const orgRows = (p: StatsPage) => p.tables.find((t) => t.id === "org")!.rows.map((r) => r[0]);

async function forbidden(u: SessionUser | null, query: string): Promise<string> {
  const res = await thrownResponse(() => statsLoader({ request: req(u, `/stats?${query}`), params: {}, context: ctx() } as never));
  expect(res.status).toBe(403);
  return res.text();
}

beforeAll(async () => {
  await seed();
  const db = getDb();
  const filer = userByPhone(PHONE.liMing);
  let n = 0;
  for (const [org, region, k] of WORLD)
    for (let i = 0; i < k; i++)
      db.insert(cases)
        .values({ id: createId(), caseNo: `YJF2099${String(++n).padStart(6, "0")}`, status: "mediating", source: "citizen", kind: "people", category: "邻里", regionCode: region, filedById: filer.id, orgId: orgId(org), submittedAt: new Date(Date.now() - 86_400_000) })
        .run();
});

describe("the public page for everyone else", () => {
  it.each([
    ["a visitor", null],
    ["a party", PHONE.liMing],
    ["a lawyer", PHONE.lawyer],
    ["a notary", "13800000401"],
    ["a mediator who heads nothing", PHONE.traffic],
  ])("%s sees the public page, with no organisation filter, and cannot ask for one", async (_who, phone) => {
    const u = phone ? userByPhone(phone) : null;
    const p = await page(u);
    expect(p).toMatchObject({ view: "public", staffAvailable: false, options: { orgs: null } });
    expect(filed(p)).toBe(count(() => true));
    expect(await forbidden(u, `org=${orgId(ORG.cuihu)}`)).toBe("按调解组织筛选仅对工作人员开放");
    const csv = await csvLoader({ request: req(u, `/stats/csv/org?org=${orgId(ORG.cuihu)}`), params: { table: "org" }, context: ctx() } as never);
    expect((csv as Response).status).toBe(403);
  });
});

describe("organisation heads see their organisations and those under them", () => {
  it("李桂芬 (翠湖社区) sees 翠湖 only; 五华区's figures are not hers to filter", async () => {
    const u = userByPhone(PHONE.cuihu);
    const p = await page(u);
    expect(p).toMatchObject({ view: "staff", scopeLabel: ORG.cuihu, staffAvailable: true });
    expect(filed(p)).toBe(7);
    expect(p.options.orgs!.map((o) => o.name)).toEqual([ORG.cuihu]);
    expect(orgRows(p)).toEqual([ORG.cuihu]);
    expect(await forbidden(u, `org=${orgId(ORG.wuhua)}`)).toBe("您无权查看该组织的统计数据");
    // Her CSV is her scope too.
    const csv = (await csvLoader({ request: req(u, "/stats/csv/org"), params: { table: "org" }, context: ctx() } as never)) as Response;
    expect(parseCsv(await csv.text()).slice(1).map((r) => r[0])).toEqual([ORG.cuihu]);
  });

  it("张丽 (五华区调委会) sees the township and village committees under hers, and may filter by one; not the traffic police", async () => {
    const u = userByPhone(PHONE.wuhua);
    const p = await page(u);
    expect(filed(p)).toBe(count(([o]) => [ORG.cuihu, WENLIN, WEIYUAN, ORG.wuhua].includes(o)));
    expect(orgRows(p)).not.toContain(TRAFFIC);
    const one = await page(u, `org=${orgId(WEIYUAN)}`);
    expect(filed(one)).toBe(4);
    expect(await forbidden(u, `org=${orgId(TRAFFIC)}`)).toBe("您无权查看该组织的统计数据");
  });

  it("王建国 (华山街道) sees 翠湖 and 文林 below him, not 威远街 under another street", async () => {
    const u = userByPhone(PHONE.huashan);
    expect(filed(await page(u))).toBe(10);
    expect(filed(await page(u, `org=${orgId(WENLIN)}`))).toBe(3);
    await forbidden(u, `org=${orgId(WEIYUAN)}`);
  });

  it("a head may still look at the public page as everyone sees it", async () => {
    const p = await page(userByPhone(PHONE.cuihu), "view=public");
    expect(p).toMatchObject({ view: "public", staffAvailable: true, options: { orgs: null } });
    expect(filed(p)).toBe(count(() => true));
  });
});

describe("courts, 分流员 and the admin", () => {
  it("a judge sees their court's county, any organisation in it, and no other county", async () => {
    const linXiao = userByPhone(PHONE.judge); // 五华区人民法院
    const p = await page(linXiao);
    expect(p.scopeLabel).toBe("昆明市五华区人民法院辖区");
    expect(filed(p)).toBe(count(([, r]) => r === "530102"));
    expect(filed(await page(linXiao, `org=${orgId(TRAFFIC)}`))).toBe(6);
    expect(await forbidden(linXiao, "region=530103")).toBe("您只能查看本辖区的统计数据");
    const zhouLan = userByPhone("13800000302"); // 盘龙区人民法院
    expect(filed(await page(zhouLan))).toBe(8);
  });

  it("a 分流员 sees their centre's city (昆明), not 楚雄", async () => {
    const p = await page(userByPhone(PHONE.dispatcher));
    expect(p.scopeLabel).toBe("云南省昆明市");
    expect(filed(p)).toBe(count(([, r]) => r.startsWith("5301")));
    expect(p.options.regions.map((r) => r.code)).toEqual(["530102", "530103"]);
  });

  it("the admin sees everything and may filter by any organisation", async () => {
    const admin = userByPhone("13800000000");
    const p = await page(admin);
    expect(filed(p)).toBe(count(() => true));
    expect(filed(await page(admin, `org=${orgId(ORG.wuhua)}`))).toBe(7);
    expect(filed(await page(admin, `org=${orgId(ORG.wuhua)}&region=532301`))).toBe(2);
  });
});
