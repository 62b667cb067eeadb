// Organisation management: each change and its audit row land together, or neither does.
import { and, asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { action as newOrgAction } from "~/routes/admin.orgs.new";
import { action as orgAction } from "~/routes/admin.orgs.$orgId";
import { orgSchema } from "~/lib/validation";
import { getDb } from "../../db/client";
import { auditEvents, memberships, organisations } from "../../db/schema";
import {
  addMember,
  createOrg,
  getOrg,
  listMembers,
  listOrgs,
  orgsOfUser,
  removeMember,
  setOrgActive,
  updateOrg,
  type OrgInput,
} from "../../server/admin/orgs";
import { createUser } from "../../server/auth/accounts";
import { createSession, generateSessionToken } from "../../server/auth/session";
import { asReply, ctx, formPost, idNumber, rowCount, thrownResponse } from "./helpers";

const ids = { admin: "", staff: "", staff2: "", party: "" };
const PHONES = { admin: "13500000001", staff: "13500000002", staff2: "13500000003", party: "13500000004" };
const tokens = { admin: generateSessionToken(), party: generateSessionToken() };

beforeAll(async () => {
  let seq = 600;
  const roles = { admin: "admin", staff: "mediator", staff2: "judge", party: "party" } as const;
  for (const key of Object.keys(ids) as (keyof typeof ids)[]) {
    ids[key] = (
      await createUser({ name: "机构测试", idNumber: idNumber(seq++), phone: PHONES[key], password: "Orgs2026x", role: roles[key] }, null)
    ).userId;
  }
  createSession(tokens.admin, ids.admin);
  createSession(tokens.party, ids.party);
});

const base = (over: Partial<OrgInput> = {}): OrgInput => ({
  name: "测试街道人民调解委员会",
  type: "people_committee",
  level: "street",
  regionCode: "530102",
  areaCode: "530102001",
  categories: ["邻里", "物业"],
  charges: false,
  address: "昆明市五华区测试路1号",
  phone: "0871-60000001",
  ...over,
});

function counts() {
  return { orgs: rowCount(organisations), audit: rowCount(auditEvents), members: rowCount(memberships) };
}

function auditOf(targetId: string) {
  return getDb().select().from(auditEvents).where(eq(auditEvents.targetId, targetId)).orderBy(asc(auditEvents.id)).all();
}

describe("createOrg", () => {
  it("writes the organisation and its audit row", () => {
    const before = counts();
    const id = createOrg(ids.admin, base());
    expect(counts()).toEqual({ ...before, orgs: before.orgs + 1, audit: before.audit + 1 });
    expect(getOrg(id)).toMatchObject({
      name: "测试街道人民调解委员会",
      type: "people_committee",
      level: "street",
      regionCode: "530102",
      areaCode: "530102001",
      categories: ["邻里", "物业"],
      charges: false,
      sector: null,
      parentId: null,
      active: true,
    });
    const audit = auditOf(id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorId: ids.admin,
      action: "org.created",
      targetType: "org",
      data: { name: "测试街道人民调解委员会", type: "people_committee" },
    });
  });

  it("drops a level given to an organisation that is not a people's committee", () => {
    const id = createOrg(ids.admin, base({ name: "测试交警调解室", type: "administrative", level: "county", sector: "traffic" }));
    expect(getOrg(id)).toMatchObject({ level: null, sector: "traffic" });
  });

  it("writes nothing when the audit row cannot be written", () => {
    const sqlite = getDb().$client;
    sqlite.exec(
      "CREATE TEMP TRIGGER refuse_org_audit BEFORE INSERT ON audit_events WHEN NEW.action = 'org.created' BEGIN SELECT RAISE(ABORT, 'audit refused'); END",
    );
    try {
      const before = counts();
      expect(() => createOrg(ids.admin, base({ name: "不应存在的调解委员会" }))).toThrow("audit refused");
      expect(counts()).toEqual(before);
      expect(getDb().select().from(organisations).where(eq(organisations.name, "不应存在的调解委员会")).get()).toBeUndefined();
    } finally {
      sqlite.exec("DROP TRIGGER refuse_org_audit");
    }
  });

  it("refuses a duplicate name with CONFLICT and writes nothing", () => {
    createOrg(ids.admin, base({ name: "重名测试调解委员会" }));
    const before = counts();
    expect(() => createOrg(ids.admin, base({ name: "重名测试调解委员会", regionCode: "530103", areaCode: undefined }))).toThrow(
      expect.objectContaining({ code: "CONFLICT", field: "name", message: "已有同名机构" }),
    );
    expect(counts()).toEqual(before);
  });

  it("refuses an unknown parent and writes nothing", () => {
    const before = counts();
    expect(() => createOrg(ids.admin, base({ name: "无上级测试委员会", parentId: "nosuchorg" }))).toThrow(
      expect.objectContaining({ code: "BAD_INPUT", field: "parentId", message: "上级机构不存在" }),
    );
    expect(counts()).toEqual(before);
  });
});

describe("orgSchema", () => {
  it("requires a level for a people's mediation committee", () => {
    const r = orgSchema.safeParse({ name: "某某人民调解委员会", type: "people_committee", regionCode: "530102" });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([["level", "人民调解委员会需选择层级"]]);
  });

  it("requires the area code to lie in the region", () => {
    const r = orgSchema.safeParse({ name: "某某人民调解委员会", type: "people_committee", level: "street", regionCode: "530102", areaCode: "530103001" });
    expect(r.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([["areaCode", "乡镇/村代码须属于所填区县"]]);
  });

  it("accepts a complete committee and normalises optional fields", () => {
    const r = orgSchema.parse({ name: "  某某人民调解委员会 ", type: "people_committee", level: "village", regionCode: "530102", charges: "on", address: "  " });
    expect(r).toMatchObject({ name: "某某人民调解委员会", charges: true, categories: [], address: undefined });
  });
});

describe("updateOrg", () => {
  it("records exactly the changed fields in the audit row", () => {
    const id = createOrg(ids.admin, base({ name: "更新测试调解委员会" }));
    updateOrg(ids.admin, id, base({ name: "更新测试调解委员会", address: "新地址2号", phone: "0871-60000002", categories: ["邻里"] }));
    expect(getOrg(id)).toMatchObject({ address: "新地址2号", phone: "0871-60000002", categories: ["邻里"], level: "street" });
    const audit = auditOf(id);
    expect(audit.map((a) => a.action)).toEqual(["org.created", "org.updated"]);
    expect(audit[1].data).toEqual({ address: "新地址2号", phone: "0871-60000002", categories: ["邻里"] });

    // No change: an audit row with nothing in it.
    updateOrg(ids.admin, id, base({ name: "更新测试调解委员会", address: "新地址2号", phone: "0871-60000002", categories: ["邻里"] }));
    expect(auditOf(id)[2].data).toEqual({});
  });

  it("refuses another organisation's name, and itself as parent", () => {
    const a = createOrg(ids.admin, base({ name: "甲测试调解委员会" }));
    createOrg(ids.admin, base({ name: "乙测试调解委员会" }));
    const before = counts();
    expect(() => updateOrg(ids.admin, a, base({ name: "乙测试调解委员会" }))).toThrow(expect.objectContaining({ code: "CONFLICT" }));
    expect(() => updateOrg(ids.admin, a, base({ name: "甲测试调解委员会", parentId: a }))).toThrow(
      expect.objectContaining({ code: "BAD_INPUT", message: "上级机构不能是自己" }),
    );
    expect(counts()).toEqual(before);
    expect(getOrg(a).name).toBe("甲测试调解委员会");
  });

  it("reports an unknown organisation as NOT_FOUND", () => {
    expect(() => updateOrg(ids.admin, "nosuchorg", base())).toThrow(expect.objectContaining({ code: "NOT_FOUND", message: "机构不存在" }));
  });
});

describe("setOrgActive", () => {
  it("deactivates and reactivates, hiding the organisation from lists and its members meanwhile", () => {
    const id = createOrg(ids.admin, base({ name: "停用测试调解委员会" }));
    addMember(ids.admin, id, PHONES.staff2, "member");
    expect(orgsOfUser(ids.staff2).map((o) => o.id)).toContain(id);

    setOrgActive(ids.admin, id, false);
    expect(getOrg(id).active).toBe(false);
    expect(listOrgs({ q: "停用测试" }).rows).toEqual([]);
    expect(listOrgs({ q: "停用测试", includeInactive: true }).rows.map((o) => o.id)).toEqual([id]);
    expect(orgsOfUser(ids.staff2).map((o) => o.id)).not.toContain(id);

    setOrgActive(ids.admin, id, true);
    expect(getOrg(id).active).toBe(true);
    expect(listOrgs({ q: "停用测试" }).rows.map((o) => o.id)).toEqual([id]);
    expect(auditOf(id).map((a) => a.action)).toEqual(["org.created", "member.added", "org.deactivated", "org.reactivated"]);
  });
});

describe("members", () => {
  let orgId = "";
  beforeAll(() => {
    orgId = createOrg(ids.admin, base({ name: "成员测试调解委员会" }));
  });

  it("adds a staff account by phone", () => {
    addMember(ids.admin, orgId, PHONES.staff, "head");
    expect(listMembers(orgId)).toEqual([
      expect.objectContaining({ userId: ids.staff, phone: PHONES.staff, role: "head", userRole: "mediator", active: true }),
    ]);
    expect(orgsOfUser(ids.staff)).toEqual([{ id: orgId, name: "成员测试调解委员会", type: "people_committee", role: "head" }]);
    const last = auditOf(orgId).at(-1)!;
    expect(last).toMatchObject({ action: "member.added", actorId: ids.admin, data: { userId: ids.staff, role: "head" } });
  });

  it("refuses a 当事人 account, an unknown phone and a duplicate, writing nothing", () => {
    const before = counts();
    expect(() => addMember(ids.admin, orgId, PHONES.party, "member")).toThrow(
      expect.objectContaining({ code: "BAD_INPUT", field: "phone", message: "当事人账号不能加入机构，请先为其开通工作人员账号" }),
    );
    expect(() => addMember(ids.admin, orgId, "13599999999", "member")).toThrow(
      expect.objectContaining({ code: "BAD_INPUT", message: "没有找到该手机号码对应的账号，请先让其注册或由管理员创建账号" }),
    );
    expect(() => addMember(ids.admin, orgId, PHONES.staff, "member")).toThrow(
      expect.objectContaining({ code: "CONFLICT", message: "该账号已是本机构成员" }),
    );
    expect(() => addMember(ids.admin, "nosuchorg", PHONES.staff, "member")).toThrow(expect.objectContaining({ code: "NOT_FOUND" }));
    expect(counts()).toEqual(before);
    expect(listMembers(orgId)).toHaveLength(1);
  });

  it("removes a member by marking the membership inactive, and re-adding reuses it", () => {
    const [m] = listMembers(orgId);
    const otherOrg = createOrg(ids.admin, base({ name: "别的测试调解委员会" }));
    expect(() => removeMember(ids.admin, otherOrg, m.id)).toThrow(expect.objectContaining({ code: "NOT_FOUND", message: "该成员不存在" }));

    removeMember(ids.admin, orgId, m.id);
    expect(getDb().select().from(memberships).where(eq(memberships.id, m.id)).get()).toMatchObject({ active: false, userId: ids.staff });
    expect(orgsOfUser(ids.staff)).toEqual([]);
    expect(auditOf(orgId).at(-1)).toMatchObject({ action: "member.removed", data: { userId: ids.staff } });

    addMember(ids.admin, orgId, PHONES.staff, "member");
    const rows = getDb()
      .select()
      .from(memberships)
      .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, ids.staff)))
      .all();
    expect(rows).toEqual([expect.objectContaining({ id: m.id, active: true, role: "member" })]);
  });

  it("the org page action refuses a 当事人 phone with 400 and the message", async () => {
    const before = counts();
    const res = await orgAction({
      request: formPost(`http://localhost/admin/orgs/${orgId}`, { intent: "add-member", phone: PHONES.party, role: "member" }, { cookie: `yjf_session=${tokens.admin}` }),
      params: { orgId },
      context: ctx(),
    } as never);
    const r = res as unknown as { data: { member: { error: Record<string, string[]> } }; init: { status: number } };
    expect(r.init.status).toBe(400);
    expect(r.data.member.error.phone).toEqual(["当事人账号不能加入机构，请先为其开通工作人员账号"]);
    expect(counts()).toEqual(before);
  });
});

describe("route action /admin/orgs/new", () => {
  function submit(fields: [string, string][], token = tokens.admin) {
    return newOrgAction({
      request: formPost("http://localhost/admin/orgs/new", fields, { cookie: `yjf_session=${token}` }),
      params: {},
      context: ctx(),
    } as never);
  }

  it("answers bad input with 400 and creates nothing", async () => {
    const before = counts();
    const noLevel = asReply(await submit([["name", "缺层级人民调解委员会"], ["type", "people_committee"], ["regionCode", "530102"]]));
    expect(noLevel.init.status).toBe(400);
    expect(noLevel.data.error?.level).toEqual(["人民调解委员会需选择层级"]);

    const bad = asReply(await submit([["name", "短"], ["type", "court"], ["regionCode", "5301"], ["phone", "abc"]]));
    expect(bad.init.status).toBe(400);
    expect(bad.data.error).toMatchObject({
      name: ["机构名称至少4个字"],
      regionCode: ["行政区划代码应为6位数字，如五华区 530102"],
      phone: ["联系电话格式不正确"],
    });
    expect(counts()).toEqual(before);
  });

  it("answers a duplicate name with 409 on the name field", async () => {
    createOrg(ids.admin, base({ name: "路由重名测试委员会" }));
    const before = counts();
    const r = asReply(await submit([["name", "路由重名测试委员会"], ["type", "court"], ["regionCode", "530102"]]));
    expect(r.init.status).toBe(409);
    expect(r.data.error?.name).toEqual(["已有同名机构"]);
    expect(counts()).toEqual(before);
  });

  it("refuses a 当事人 with 403 and creates nothing", async () => {
    const before = counts();
    const res = await thrownResponse(() => submit([["name", "当事人建的委员会"], ["type", "court"], ["regionCode", "530102"]], tokens.party));
    expect(res.status).toBe(403);
    expect(counts()).toEqual(before);
  });

  it("creates the organisation from good input and redirects to it", async () => {
    const res = await submit([
      ["name", "路由新建人民调解委员会"],
      ["type", "people_committee"],
      ["level", "village"],
      ["regionCode", "530102"],
      ["areaCode", "530102001007"],
      ["categories", "邻里"],
      ["categories", "婚姻家庭"],
      ["charges", "on"],
      ["feeNote", ""],
    ]);
    expect(res).toBeInstanceOf(Response);
    const row = getDb().select().from(organisations).where(eq(organisations.name, "路由新建人民调解委员会")).get()!;
    expect((res as Response).status).toBe(302);
    expect((res as Response).headers.get("location")).toBe(`/admin/orgs/${row.id}?saved=1`);
    expect(row).toMatchObject({ level: "village", areaCode: "530102001007", categories: ["邻里", "婚姻家庭"], charges: true, feeNote: null });
    expect(auditOf(row.id)).toEqual([expect.objectContaining({ action: "org.created", actorId: ids.admin })]);
  });
});
