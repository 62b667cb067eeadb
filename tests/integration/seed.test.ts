// The demo seed on a fresh database: complete, valid, and idempotent.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { checkResidentId } from "~/lib/id-checks";
import { ROLES } from "~/lib/roles";
import { getDb } from "../../db/client";
import { memberships, organisations, users } from "../../db/schema";
import { DEMO_ORGS, DEMO_PASSWORD, DEMO_PEOPLE, seed } from "../../db/seed";
import { login } from "../../server/auth/accounts";
import { rowCount } from "./helpers";

let first: { orgs: number; users: number };
let second: { orgs: number; users: number };
let afterFirst: { orgs: number; users: number; memberships: number };

beforeAll(async () => {
  first = await seed();
  afterFirst = { orgs: rowCount(organisations), users: rowCount(users), memberships: rowCount(memberships) };
  second = await seed();
});

describe("seed", () => {
  it("creates every demo organisation and person on an empty database", () => {
    expect(first).toEqual({ orgs: DEMO_ORGS.length, users: DEMO_PEOPLE.length });
    expect(afterFirst).toEqual({
      orgs: DEMO_ORGS.length,
      users: DEMO_PEOPLE.length,
      memberships: DEMO_PEOPLE.filter((p) => p.org).length,
    });
  });

  it("adds nothing the second time", () => {
    expect(second).toEqual({ orgs: 0, users: 0 });
    expect({ orgs: rowCount(organisations), users: rowCount(users), memberships: rowCount(memberships) }).toEqual(afterFirst);
  });

  it("has at least one demo account for every role", () => {
    const rolesInDb = new Set(getDb().select({ role: users.role }).from(users).all().map((u) => u.role));
    expect(ROLES.filter((r) => !rolesInDb.has(r))).toEqual([]);
  });

  it("gives every demo person a valid, distinct 身份证 number", () => {
    const rows = getDb().select({ name: users.name, idNumber: users.idNumber }).from(users).all();
    expect(rows).toHaveLength(DEMO_PEOPLE.length);
    for (const r of rows) expect({ name: r.name, check: checkResidentId(r.idNumber) }).toEqual({ name: r.name, check: { ok: true } });
    expect(new Set(rows.map((r) => r.idNumber)).size).toBe(rows.length);
  });

  it("links parents, including one listed after its child", () => {
    const byName = new Map(getDb().select().from(organisations).all().map((o) => [o.name, o]));
    for (const o of DEMO_ORGS) {
      const row = byName.get(o.name)!;
      expect({ name: o.name, parentId: row.parentId }).toEqual({ name: o.name, parentId: o.parent ? byName.get(o.parent)!.id : null });
    }
    // The court comes after its 特邀调解工作室 in DEMO_ORGS.
    expect(byName.get("五华区人民法院特邀调解工作室")!.parentId).toBe(byName.get("昆明市五华区人民法院")!.id);
  });

  it("puts staff in their organisations with the listed role", () => {
    const head = getDb()
      .select({ role: memberships.role, org: organisations.name })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .innerJoin(organisations, eq(organisations.id, memberships.orgId))
      .where(eq(users.phone, "13800000101"))
      .all();
    expect(head).toEqual([{ role: "head", org: "翠湖社区人民调解委员会" }]);
  });

  it("lets a demo account log in with DEMO_PASSWORD", async () => {
    const admin = DEMO_PEOPLE.find((p) => p.role === "admin")!;
    const r = await login(admin.phone, DEMO_PASSWORD, { ip: "127.0.0.1" });
    expect(r.role).toBe("admin");
    const party = DEMO_PEOPLE.find((p) => p.role === "party")!;
    expect((await login(party.phone, DEMO_PASSWORD, { ip: "127.0.0.1" })).role).toBe("party");
    await expect(login(party.phone, "Demo2025", { ip: "127.0.0.1" })).rejects.toMatchObject({ code: "BAD_INPUT" });
  });
});
