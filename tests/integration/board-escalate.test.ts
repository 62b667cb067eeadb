// 上报 and 改派 from the 矛调中心 board. Escalation follows the people's-mediation levels (domain.md
// "Routing": village/community → township/street → county): the parent committee's mediator gets
// the case with a new 3-working-day acceptance deadline (在线调解规则 Art 12), the timeline says
// "上报至 X（理由）" with who and when, and the old and new mediators and the parties are told.
// Refusals write nothing. Reassigning from the board is the existing manual assignment.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { action as boardAction } from "~/routes/board";
import { getDb } from "../../db/client";
import { invitations, memberships, organisations, users } from "../../db/schema";
import { seed } from "../../db/seed";
import type { SessionUser } from "../../server/auth/session";
import { caseDetail } from "../../server/cases/queries";
import { loadCaseFor } from "../../server/cases/access";
import { createId } from "../../server/lib/ids";
import { escalateCase } from "../../server/oversight/board/escalate";
import { acceptCase } from "../../server/triage/decisions";
import { acceptDeadline } from "../../server/triage/deadlines";
import { ctx, idNumber, thrownResponse } from "./helpers";
import { assignmentsOf, caseRow, citizenInput, cookieOf, eventsOf, fileCase, inMediation, notesOf, ORG, orgId, PHONE, rejects, snapshot, userByPhone } from "./triage-helpers";

let liMing: SessionUser;
let cuihu: SessionUser; // 李桂芬, mediator and head of 翠湖社区
let huashan: SessionUser; // 王建国, 华山街道
let wuhua: SessionUser; // 张丽, 五华区
let dispatcher: SessionUser; // 赵敏, 五华区矛调中心 (covers 昆明市)
let qujing: SessionUser;

beforeAll(async () => {
  await seed();
  liMing = userByPhone(PHONE.liMing);
  cuihu = userByPhone(PHONE.cuihu);
  huashan = userByPhone(PHONE.huashan);
  wuhua = userByPhone(PHONE.wuhua);
  dispatcher = userByPhone(PHONE.dispatcher);
  const org = createId();
  const user = createId();
  getDb().insert(organisations).values({ id: org, name: "曲靖市麒麟区社会治理综合服务中心（矛调中心）", type: "dispatch_center", regionCode: "530302" }).run();
  getDb().insert(users).values({ id: user, name: "钱涛", idNumber: idNumber(941), phone: "13800009941", passwordHash: "x", role: "dispatcher" }).run();
  getDb().insert(memberships).values({ id: createId(), userId: user, orgId: org }).run();
  qujing = userByPhone("13800009941");
});

const last = (caseId: string) => eventsOf(caseId).at(-1)!;
const titles = (u: SessionUser, caseId: string) => notesOf(u.id, caseId).map((n) => n.title);

describe("escalation up the committee levels", () => {
  it("village → street → county: new organisation, its mediator, a new acceptance deadline, the timeline and everyone told", async () => {
    const { caseId } = await fileCase(liMing);
    expect(caseRow(caseId)).toMatchObject({ orgId: orgId(ORG.cuihu), mediatorId: cuihu.id });

    const t1 = new Date();
    await escalateCase(dispatcher, caseId, "纠纷涉及两个社区的住户，社区调委会难以协调", t1);
    const row = caseRow(caseId);
    expect(row).toMatchObject({ status: "awaiting_acceptance", orgId: orgId(ORG.huashan), mediatorId: huashan.id, acceptedAt: null });
    expect(row.acceptDeadline).toEqual(acceptDeadline(t1));
    const a = assignmentsOf(caseId);
    expect(a.map((x) => x.state)).toEqual(["replaced", "pending"]);
    expect(a[1]).toMatchObject({ orgId: orgId(ORG.huashan), mediatorId: huashan.id, deadline: acceptDeadline(t1) });
    expect(last(caseId)).toMatchObject({
      type: "escalated",
      summary: `上报至${ORG.huashan}（纠纷涉及两个社区的住户，社区调委会难以协调），指派调解员 王建国`,
      reason: "纠纷涉及两个社区的住户，社区调委会难以协调",
      actorId: dispatcher.id,
      actorLabel: "赵敏（分流员）",
      fromStatus: "awaiting_acceptance",
      toStatus: "awaiting_acceptance",
      visibility: "all",
    });
    expect(last(caseId).at.getTime()).toBeGreaterThanOrEqual(t1.getTime() - 1000);
    expect(titles(cuihu, caseId)).toContain("案件已上报上级调解组织");
    expect(titles(huashan, caseId)).toContain("上报案件待受理");
    expect(titles(liMing, caseId)).toContain("案件已移交上级调解组织");

    await escalateCase(dispatcher, caseId, "街道调委会调解两次未果，申请县级调委会介入");
    expect(caseRow(caseId)).toMatchObject({ orgId: orgId(ORG.wuhua), mediatorId: wuhua.id });
    expect(last(caseId).summary).toContain(`上报至${ORG.wuhua}（街道调委会调解两次未果，申请县级调委会介入）`);
    expect(titles(huashan, caseId)).toContain("案件已上报上级调解组织");
    expect(titles(wuhua, caseId)).toContain("上报案件待受理");

    // The county committee is the top of people's mediation: nowhere further to go, nothing written.
    const before = snapshot();
    await rejects(escalateCase(dispatcher, caseId, "仍然无法化解"), "CONFLICT", "案件已在县（区）级人民调解委员会，没有更上一级可以上报");
    expect(snapshot()).toEqual(before);
  });

  it("a case in mediation goes up too; the parties already consented, so the new mediator's acceptance starts mediation at once", async () => {
    const w = await inMediation(liMing, cuihu);
    await escalateCase(dispatcher, w.caseId, "当事人多次发生肢体冲突，需街道综治力量参与");
    expect(caseRow(w.caseId)).toMatchObject({ status: "awaiting_acceptance", orgId: orgId(ORG.huashan) });
    expect(titles(w.respondent, w.caseId)).toContain("案件已移交上级调解组织");
    expect(getDb().select().from(invitations).where(and(eq(invitations.caseId, w.caseId))).all().every((i) => i.answeredAt || i.closedAt)).toBe(true);
    await acceptCase(huashan, w.caseId, { conflict: "none" });
    expect(caseRow(w.caseId).status).toBe("mediating");
  });

  it("the parties see the escalation on the case timeline", async () => {
    const { caseId } = await fileCase(liMing);
    await escalateCase(dispatcher, caseId, "涉及物业公司，社区难以协调");
    const events = caseDetail(loadCaseFor(liMing, caseId)).events;
    expect(events.at(-1)).toMatchObject({ summary: expect.stringContaining(`上报至${ORG.huashan}（涉及物业公司，社区难以协调）`), actor: "赵敏（分流员）" });
  });

  it("the organisation's head may send its own case up (org_staff)", async () => {
    const { caseId } = await fileCase(liMing);
    await escalateCase(cuihu, caseId, "本社区调委会人手不足");
    expect(caseRow(caseId).orgId).toBe(orgId(ORG.huashan));
    expect(last(caseId).actorId).toBe(cuihu.id);
  });
});

describe("refusals, with nothing written", () => {
  it("without a reason", async () => {
    const { caseId } = await fileCase(liMing);
    const before = snapshot();
    await rejects(escalateCase(dispatcher, caseId, "  "), "BAD_INPUT", "请填写上报理由");
    await rejects(escalateCase(dispatcher, caseId, "长".repeat(501)), "BAD_INPUT", "上报理由不能超过500字");
    expect(snapshot()).toEqual(before);
  });

  it("for an organisation that is not a people's mediation committee (道路交通安全法 Art 74: traffic police)", async () => {
    const { caseId } = await fileCase(liMing, citizenInput({ category: "道路交通事故", facts: "电动车与小轿车在路口相撞，双方对责任和赔偿有争议。", claims: "赔偿维修费" }));
    expect(caseRow(caseId).orgId).toBe(orgId("五华交警大队道路交通事故调解室"));
    const before = snapshot();
    await rejects(escalateCase(dispatcher, caseId, "赔偿金额分歧大"), "CONFLICT", /只有人民调解委员会的案件可以逐级上报/);
    // Its own mediator is no dispatcher nor head: not theirs to decide.
    await rejects(escalateCase(userByPhone(PHONE.traffic), caseId, "赔偿金额分歧大"), "FORBIDDEN", /无权/);
    expect(snapshot()).toEqual(before);
  });

  it("for an unrouted case (no organisation to go up from)", async () => {
    const { caseId } = await fileCase(liMing, citizenInput({ regionCode: "530112", areaCode: undefined }));
    expect(caseRow(caseId).status).toBe("unrouted");
    await rejects(escalateCase(dispatcher, caseId, "需要上报"), "CONFLICT", /待人工分流/);
  });

  it("when the parent committee has no mediator free to take it", async () => {
    const { caseId } = await fileCase(liMing);
    const m = eq(memberships.userId, huashan.id);
    getDb().update(memberships).set({ active: false }).where(m).run();
    try {
      const before = snapshot();
      await rejects(escalateCase(dispatcher, caseId, "社区难以协调"), "CONFLICT", `${ORG.huashan}暂无可接收本案的调解员，无法上报；请改用人工指派`);
      expect(snapshot()).toEqual(before);
    } finally {
      getDb().update(memberships).set({ active: true }).where(m).run();
    }
  });

  it("for a party, and for a dispatcher of another city (404: the case is not theirs to see)", async () => {
    const { caseId } = await fileCase(liMing);
    await rejects(escalateCase(liMing, caseId, "我想换个调解组织"), "FORBIDDEN");
    await rejects(escalateCase(qujing, caseId, "上报"), "NOT_FOUND");
    expect(caseRow(caseId).orgId).toBe(orgId(ORG.cuihu));
  });
});

describe("acting from the board page", () => {
  type Result = { data: { intent: string; done?: string; reply: { status?: string; error?: Record<string, string[] | null> } }; init: { status: number } | null } & {
    intent?: string;
    done?: string;
  };
  const post = async (u: SessionUser, fields: Record<string, string>) =>
    (await boardAction({
      request: new Request("http://localhost/board?act=x", { method: "POST", body: new URLSearchParams(fields), headers: { cookie: cookieOf(u) } }),
      params: {},
      context: ctx(),
    } as never)) as Result;
  // A success is returned as a plain object, a refusal as data(…, { status }).
  const done = (r: Result) => r.done ?? r.data?.done;

  it("改派 is the manual assignment: the case goes to the chosen organisation, on the timeline with who", async () => {
    const { caseId } = await fileCase(liMing);
    const r = await post(dispatcher, { intent: "reassign", caseId, version: String(caseRow(caseId).version), orgId: orgId(ORG.huashan), mediatorId: "", reason: "申请人要求由街道调委会调解" });
    expect(done(r)).toContain("已改派");
    expect(caseRow(caseId)).toMatchObject({ orgId: orgId(ORG.huashan), mediatorId: huashan.id, routingReason: "人工指派：申请人要求由街道调委会调解" });
    expect(last(caseId)).toMatchObject({ type: "assigned", actorLabel: "赵敏（分流员）", reason: "申请人要求由街道调委会调解" });
    expect(last(caseId).summary).toContain(`人工指派至${ORG.huashan}`);
    expect(titles(huashan, caseId)).toContain("新案件待受理");
  });

  it("a stale board (the case moved meanwhile) or a missing reason is refused, nothing written", async () => {
    const { caseId } = await fileCase(liMing);
    const seen = caseRow(caseId).version;
    await acceptCase(cuihu, caseId, { conflict: "none" });
    const before = snapshot();
    const stale = await post(dispatcher, { intent: "reassign", caseId, version: String(seen), orgId: orgId(ORG.huashan), reason: "改派理由" });
    expect(stale.init?.status).toBe(409);
    expect(JSON.stringify(stale.data.reply)).toContain("案件刚刚有了新进展");
    const noReason = await post(dispatcher, { intent: "escalate", caseId, version: String(caseRow(caseId).version), reason: "" });
    expect(noReason.init?.status).toBe(400);
    expect(noReason.data.reply.error?.reason).toEqual(["请填写上报理由"]);
    const noOrg = await post(dispatcher, { intent: "reassign", caseId, reason: "改派理由" });
    expect(noOrg.init?.status).toBe(400);
    expect(noOrg.data.reply.error?.orgId).toBeTruthy();
    expect(snapshot()).toEqual(before);
  });

  it("上报 from the page; at county level the refusal comes back on the form", async () => {
    const { caseId } = await fileCase(liMing);
    const r = await post(dispatcher, { intent: "escalate", caseId, version: String(caseRow(caseId).version), reason: "两个社区的住户之间的纠纷" });
    expect(done(r)).toBe(`已上报至${ORG.huashan}：两个社区的住户之间的纠纷`);
    await escalateCase(dispatcher, caseId, "街道调解未果");
    const top = await post(dispatcher, { intent: "escalate", caseId, reason: "再上报" });
    expect(top.init?.status).toBe(409);
    expect(JSON.stringify(top.data.reply)).toContain("没有更上一级可以上报");
  });

  it("another city's dispatcher gets 404; a mediator cannot post to the board at all (403)", async () => {
    const { caseId } = await fileCase(liMing);
    const other = await thrownResponse(() => post(qujing, { intent: "escalate", caseId, reason: "上报理由" }));
    expect(other.status).toBe(404);
    const mediator = await thrownResponse(() => post(cuihu, { intent: "escalate", caseId, reason: "上报理由" }));
    expect(mediator.status).toBe(403);
    const unknown = await thrownResponse(() => post(dispatcher, { intent: "delete", caseId }));
    expect(unknown.status).toBe(400);
    expect(caseRow(caseId).orgId).toBe(orgId(ORG.cuihu));
  });
});
