// 调解员档案 against a dataset built through the real services, with the expected numbers computed
// here from the plan below (not by the code under test): caseload, outcomes (agreements, failures by
// their Art 25 reason, the rest), average and median days from acceptance to the end of mediation,
// and ratings — scoped to the organisations of the head who looks, complete for the admin, summed
// for the mediator themself.
import { beforeAll, describe, expect, it } from "vitest";
import type { FailReason } from "~/lib/case-enums";
import { loader as recordsLoader } from "~/routes/org.mediators._index";
import { loader as recordLoader } from "~/routes/org.mediators.$userId";
import { seed } from "../../db/seed";
import { addMember } from "../../server/admin/orgs";
import { createUser } from "../../server/auth/accounts";
import type { SessionUser } from "../../server/auth/session";
import { saveDraft } from "../../server/agreements/drafts";
import { endSession, scheduleSession } from "../../server/mediation/sessions";
import { rateCase } from "../../server/oversight/ratings/rate";
import { consent, refuse, verifyInvitation } from "../../server/triage/consent";
import { acceptCase, assignByHand, withdrawCase } from "../../server/triage/decisions";
import { draftOf, reachAgreement, signAs } from "./agreement-helpers";
import { ctx, idNumber, thrownResponse } from "./helpers";
import { caseRow, citizenInput, cookieOf, fileCase, invitationSms, newRespondent, ORG, orgId, PHONE, userByPhone } from "./triage-helpers";

type U = SessionUser & { phone: string };
type Side = "applicant" | "respondent";
type Given = { side: Side; scores: [number, number, number]; comment: string | null };
type Plan = {
  org: "cuihu" | "huashan";
  acceptedDaysAgo: number;
  outcome: "agreement" | "failed" | "open" | "withdrawn" | "refused";
  days?: number; // from acceptance to the agreement taking effect, or to the failure
  failReason?: FailReason;
  ratings?: Given[];
};

const HTML_COMMENT = `<script>alert("x")</script> & 谢谢`;

// 周海燕, a mediator of 翠湖社区 who also serves 华山街道's committee.
const PLAN: Plan[] = [
  { org: "cuihu", acceptedDaysAgo: 2, outcome: "agreement", days: 3, ratings: [{ side: "applicant", scores: [5, 4, 3], comment: "调解员很耐心" }, { side: "respondent", scores: [4, 4, 4], comment: null }] },
  { org: "cuihu", acceptedDaysAgo: 1, outcome: "agreement", days: 10.5, ratings: [{ side: "applicant", scores: [5, 5, 5], comment: HTML_COMMENT }] },
  { org: "cuihu", acceptedDaysAgo: 0, outcome: "failed", failReason: "too_far_apart", days: 5, ratings: [{ side: "respondent", scores: [2, 3, 1], comment: "结果不满意" }] },
  { org: "cuihu", acceptedDaysAgo: 2, outcome: "failed", failReason: "unreachable", days: 20 },
  { org: "cuihu", acceptedDaysAgo: 1, outcome: "failed", failReason: "too_far_apart", days: 0.5 },
  { org: "cuihu", acceptedDaysAgo: 0, outcome: "open" },
  { org: "cuihu", acceptedDaysAgo: 0, outcome: "withdrawn" },
  { org: "cuihu", acceptedDaysAgo: 0, outcome: "refused" },
  { org: "huashan", acceptedDaysAgo: 0, outcome: "failed", failReason: "party_quits", days: 2, ratings: [{ side: "applicant", scores: [1, 1, 1], comment: "华山街道的评价" }] },
];

const DAY = 86_400_000;
const T0 = new Date(Math.floor(Date.now() / 1000) * 1000);

let liMing: U;
let cuihu: U; // 李桂芬, head of 翠湖
let huashan: U; // 王建国, head of 华山街道
let wuhua: U; // 张丽, head of 五华区人民调解委员会
let dispatcher: U;
let admin: U;
let zhou: U; // the mediator under review

// ---- what the test expects, from the plan alone

function mean(xs: number[]): number | null {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
}
function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
function expected(orgs: Plan["org"][]) {
  const ps = PLAN.filter((p) => orgs.includes(p.org));
  const days = ps.filter((p) => p.outcome === "agreement" || p.outcome === "failed").map((p) => p.days!);
  const failedByReason: Record<string, number> = {};
  for (const p of ps.filter((x) => x.outcome === "failed")) failedByReason[p.failReason!] = (failedByReason[p.failReason!] ?? 0) + 1;
  const given = ps.flatMap((p) => p.ratings ?? []);
  return {
    cases: {
      total: ps.length,
      open: ps.filter((p) => p.outcome === "open").length,
      agreements: ps.filter((p) => p.outcome === "agreement").length,
      failed: ps.filter((p) => p.outcome === "failed").length,
      failedByReason,
      other: ps.filter((p) => p.outcome === "withdrawn" || p.outcome === "refused").length,
      timedCases: days.length,
      averageDays: mean(days),
      medianDays: median(days),
    },
    ratings: {
      count: given.length,
      mediatorScore: mean(given.map((g) => g.scores[0])),
      processScore: mean(given.map((g) => g.scores[1])),
      outcomeScore: mean(given.map((g) => g.scores[2])),
    },
    comments: given.map((g) => g.comment),
  };
}

function expectClose(actual: Record<string, unknown>, want: Record<string, unknown>) {
  for (const [k, v] of Object.entries(want)) {
    if (typeof v === "number" && !Number.isInteger(v)) expect(actual[k], k).toBeCloseTo(v, 9);
    else expect(actual[k], k).toEqual(v);
  }
}

// ---- building the dataset through the services

/** Filed by 李明, given to 周海燕 in the planned organisation, accepted at the planned time. */
async function accepted(p: Plan) {
  const r = newRespondent();
  const { caseId } = await fileCase(liMing, citizenInput({}, r));
  if (p.org === "huashan") await assignByHand(dispatcher, caseId, { orgId: orgId(ORG.huashan), mediatorId: zhou.id, reason: "转街道调委会调解" });
  else if (caseRow(caseId).mediatorId !== zhou.id) await assignByHand(cuihu, caseId, { orgId: orgId(ORG.cuihu), mediatorId: zhou.id, reason: "负责人指派" });
  const acceptedAt = new Date(T0.getTime() - p.acceptedDaysAgo * DAY);
  await acceptCase(zhou, caseId, { conflict: "none" }, acceptedAt);
  return { caseId, r, acceptedAt };
}

async function verified(r: ReturnType<typeof newRespondent>): Promise<U> {
  const { token, code } = invitationSms(r.phone);
  await verifyInvitation(token, { code, name: r.name, idNumber: r.idNumber, password: "Huijie2026" }, { ip: "127.0.0.1", userAgent: "vitest" });
  return userByPhone(r.phone);
}

let ratedAt = T0.getTime() + 30 * DAY;

async function build(p: Plan) {
  const { caseId, r, acceptedAt } = await accepted(p);
  const end = p.days === undefined ? null : new Date(acceptedAt.getTime() + p.days * DAY);
  if (p.outcome === "withdrawn") return withdrawCase(liMing, caseId, "已与对方自行协商");
  const respondent = await verified(r);
  if (p.outcome === "refused") return refuse(respondent, caseId, "不同意调解");
  await consent(respondent, caseId);
  if (p.outcome === "open") return;
  if (p.outcome === "agreement") {
    await reachAgreement(zhou, caseId);
    await saveDraft(zhou, caseId, { content: draftOf(zhou, caseId), baseVersion: 0 });
    // The last signature (the mediator's) makes it effective at `end` (在线调解规则 Art 19).
    for (const u of [liMing, respondent, zhou]) await signAs(u, caseId, 1, end!);
    expect(caseRow(caseId).status).toBe("effective");
  } else {
    const sessionId = await scheduleSession(zhou, caseId, { scheduledAt: new Date(Date.now() + 60_000), durationMin: 60, mode: "joint" });
    await endSession(zhou, caseId, sessionId, { outcome: "failed", failReason: p.failReason! }, end!);
    expect(caseRow(caseId)).toMatchObject({ status: "failed", endedAt: end });
  }
  for (const g of p.ratings ?? []) {
    ratedAt += 60_000;
    await rateCase(g.side === "applicant" ? liMing : respondent, caseId, { mediatorScore: g.scores[0], processScore: g.scores[1], outcomeScore: g.scores[2], comment: g.comment ?? undefined }, new Date(ratedAt));
  }
}

beforeAll(async () => {
  await seed();
  liMing = userByPhone(PHONE.liMing);
  cuihu = userByPhone(PHONE.cuihu);
  huashan = userByPhone(PHONE.huashan);
  wuhua = userByPhone(PHONE.wuhua);
  dispatcher = userByPhone(PHONE.dispatcher);
  admin = userByPhone("13800000000");
  await createUser({ name: "周海燕", idNumber: idNumber(901), phone: "13800009001", password: "Mediate2026", role: "mediator" }, admin.id);
  zhou = userByPhone("13800009001");
  addMember(admin.id, orgId(ORG.cuihu), zhou.phone, "member");
  addMember(admin.id, orgId(ORG.huashan), zhou.phone, "member");
  for (const p of PLAN) await build(p);
}, 180_000);

const get = (u: SessionUser, path: string) => ({ request: new Request(`http://localhost${path}`, { headers: { cookie: cookieOf(u) } }), context: ctx() });
const record = (u: SessionUser, id: string, query = "") => recordLoader({ ...get(u, `/org/mediators/${id}${query}`), params: { userId: id } } as never);
const list = (u: SessionUser, query = "") => recordsLoader(get(u, `/org/mediators${query}`) as never);

describe("the head of 翠湖 (李桂芬) on 周海燕's record: 翠湖's cases and ratings only", () => {
  it("caseload, outcomes by Art 25 reason, and average and median days from acceptance to the end of mediation", async () => {
    const d = await record(cuihu, zhou.id);
    const want = expected(["cuihu"]);
    expect(d.self).toBe(false);
    expectClose(d.cases, want.cases);
    // The plan's own numbers, for a reader: 2 agreements (3, 10.5 days), 3 failures (5, 20, 0.5 days).
    expect(d.cases).toMatchObject({ total: 8, open: 1, agreements: 2, failed: 3, other: 2, failedByReason: { too_far_apart: 2, unreachable: 1 } });
    expect(d.cases.medianDays).toBeCloseTo(5, 9);
    expect(d.cases.averageDays).toBeCloseTo(39 / 5, 9);
  });

  it("the three averages, the count, and every comment with its date, newest first, HTML as typed, without case or party", async () => {
    const d = await record(cuihu, zhou.id);
    const want = expected(["cuihu"]);
    expectClose({ ...d.ratings }, { ...want.ratings, withheld: false });
    expect(d.lines!.total).toBe(want.ratings.count);
    expect(d.lines!.rows.map((r) => r.comment)).toEqual([...want.comments].reverse());
    expect(d.lines!.rows.map((r) => r.comment)).toContain(HTML_COMMENT);
    const dates = d.lines!.rows.map((r) => new Date(r.createdAt).getTime());
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    for (const row of d.lines!.rows) expect(Object.keys(row).sort()).toEqual(["comment", "createdAt", "id", "mediatorScore", "outcomeScore", "processScore"]);
    const json = JSON.stringify(d);
    expect(json).not.toContain("华山街道的评价");
    expect(json).not.toContain("李明");
  });

  it("the list of 翠湖's mediators carries the same numbers on 周海燕's row", async () => {
    const l = await list(cuihu);
    const row = l.rows.find((r) => r.id === zhou.id)!;
    const want = expected(["cuihu"]);
    expectClose(row.cases, want.cases);
    expectClose({ ...row.ratings }, { ...want.ratings, withheld: false });
    expect(row.orgs).toBe(`${ORG.huashan}、${ORG.cuihu}`);
    expect(l.rows.map((r) => r.id).sort()).toEqual([cuihu.id, zhou.id].sort());
  });
});

describe("the head of 华山街道 (王建国): only the case 周海燕 mediated for 华山", () => {
  it("sees one failed case and its one rating", async () => {
    const d = await record(huashan, zhou.id);
    const want = expected(["huashan"]);
    expectClose(d.cases, want.cases);
    expectClose({ ...d.ratings }, { ...want.ratings, withheld: false });
    expect(d.lines!.rows.map((r) => r.comment)).toEqual(["华山街道的评价"]);
    expect(d.orgs).toEqual([
      { name: ORG.huashan, head: false },
      { name: ORG.cuihu, head: false },
    ]);
  });
});

describe("the platform admin: everything", () => {
  it("both organisations together", async () => {
    const d = await record(admin, zhou.id);
    const want = expected(["cuihu", "huashan"]);
    expectClose(d.cases, want.cases);
    expectClose({ ...d.ratings }, { ...want.ratings, withheld: false });
    expect(d.lines!.total).toBe(want.ratings.count);
  });

  it("filters the list by organisation", async () => {
    const l = await list(admin, `?org=${orgId(ORG.huashan)}`);
    expect(l.orgId).toBe(orgId(ORG.huashan));
    const row = l.rows.find((r) => r.id === zhou.id)!;
    expectClose(row.cases, expected(["huashan"]).cases);
  });
});

describe("周海燕 herself: her whole record, ratings only as sums", () => {
  it("the list sends her to her own record", async () => {
    const res = await thrownResponse(() => list(zhou));
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/org/mediators/${zhou.id}`);
  });

  it("all her cases; averages (5 ratings ≥ 3) and the count, no single rating and no comment", async () => {
    const d = await record(zhou, zhou.id);
    const want = expected(["cuihu", "huashan"]);
    expect(d.self).toBe(true);
    expectClose(d.cases, want.cases);
    expectClose({ ...d.ratings }, { ...want.ratings, withheld: false });
    expect(d.lines).toBeNull();
    const json = JSON.stringify(d);
    for (const c of want.comments) if (c) expect(json).not.toContain(c.slice(0, 8));
  });

  it("another mediator's record is 404 to her, and so is 周海燕's to a head of another organisation", async () => {
    expect((await thrownResponse(() => record(zhou, cuihu.id))).status).toBe(404);
    expect((await thrownResponse(() => record(wuhua, zhou.id))).status).toBe(404);
    // Not a mediator at all: 404 too, even for the admin.
    expect((await thrownResponse(() => record(admin, liMing.id))).status).toBe(404);
  });
});

describe("paging", () => {
  it("lists 20 mediators a page, by name", async () => {
    for (let i = 0; i < 21; i++) {
      const phone = `138000091${String(i).padStart(2, "0")}`;
      await createUser({ name: `调解员${String(i).padStart(2, "0")}`, idNumber: idNumber(910 + i), phone, password: "Mediate2026", role: "mediator" }, admin.id);
      addMember(admin.id, orgId(ORG.cuihu), phone, "member");
    }
    const first = await list(cuihu);
    expect(first).toMatchObject({ total: 23, page: 1, pages: 2 });
    expect(first.rows).toHaveLength(20);
    const second = await list(cuihu, "?page=2");
    expect(second.rows).toHaveLength(3);
    const names = [...first.rows, ...second.rows].map((r) => r.name);
    expect(new Set(names).size).toBe(23);
    expect(names).toEqual([...names].sort());
    // A page past the end shows the last one.
    expect((await list(cuihu, "?page=99")).page).toBe(2);
  });
});
