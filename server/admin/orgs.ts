// Organisations and their members, managed by platform administrators.
import { and, asc, count, eq, like, or, type SQL } from "drizzle-orm";
import { getDb } from "../../db/client";
import { memberships, organisations, users, type Organisation } from "../../db/schema";
import type { Category } from "../../app/lib/categories";
import type { MembershipRole, OrgLevel, OrgType, Sector } from "../../app/lib/roles";
import { AppError } from "../lib/errors";
import { audit } from "../lib/audit";
import { createId } from "../lib/ids";

export type OrgInput = {
  name: string;
  type: OrgType;
  level?: OrgLevel;
  regionCode: string;
  areaCode?: string;
  sector?: Sector;
  categories: Category[];
  charges: boolean;
  feeNote?: string;
  address?: string;
  phone?: string;
  parentId?: string;
};

export const PAGE_SIZE = 20;

export function listOrgs(opts: { page?: number; q?: string; type?: OrgType; includeInactive?: boolean }) {
  const db = getDb();
  const page = Math.max(1, opts.page ?? 1);
  const where: SQL[] = [];
  if (opts.q) where.push(or(like(organisations.name, `%${opts.q}%`), like(organisations.regionCode, `${opts.q}%`))!);
  if (opts.type) where.push(eq(organisations.type, opts.type));
  if (!opts.includeInactive) where.push(eq(organisations.active, true));
  const cond = where.length ? and(...where) : undefined;
  const rows = db
    .select()
    .from(organisations)
    .where(cond)
    .orderBy(asc(organisations.regionCode), asc(organisations.type), asc(organisations.name))
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE)
    .all();
  const total = db.select({ n: count() }).from(organisations).where(cond).get()?.n ?? 0;
  return { rows, total, page, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}

export function getOrg(id: string): Organisation {
  const org = getDb().select().from(organisations).where(eq(organisations.id, id)).get();
  if (!org) throw new AppError("NOT_FOUND", "机构不存在");
  return org;
}

function normalise(input: OrgInput) {
  return {
    name: input.name,
    type: input.type,
    level: input.type === "people_committee" ? (input.level ?? null) : null,
    regionCode: input.regionCode,
    areaCode: input.areaCode ?? null,
    sector: input.sector ?? null,
    categories: input.categories,
    charges: input.charges,
    feeNote: input.feeNote ?? null,
    address: input.address ?? null,
    phone: input.phone ?? null,
    parentId: input.parentId || null,
  };
}

function assertNameFree(name: string, exceptId?: string) {
  const clash = getDb().select({ id: organisations.id }).from(organisations).where(eq(organisations.name, name)).get();
  if (clash && clash.id !== exceptId) throw new AppError("CONFLICT", "已有同名机构", "name");
}

function assertParent(parentId: string | undefined, selfId?: string) {
  if (!parentId) return;
  if (parentId === selfId) throw new AppError("BAD_INPUT", "上级机构不能是自己", "parentId");
  getOrgOr400(parentId);
  // Walk up from the new parent: meeting ourselves means a cycle, which would loop escalation.
  const db = getDb();
  const seen = new Set<string>();
  let cursor: string | null = parentId;
  while (cursor && !seen.has(cursor)) {
    if (cursor === selfId) throw new AppError("BAD_INPUT", "上级机构设置会形成循环，请重新选择", "parentId");
    seen.add(cursor);
    cursor = db.select({ p: organisations.parentId }).from(organisations).where(eq(organisations.id, cursor)).get()?.p ?? null;
  }
}

function getOrgOr400(id: string) {
  const org = getDb().select({ id: organisations.id }).from(organisations).where(eq(organisations.id, id)).get();
  if (!org) throw new AppError("BAD_INPUT", "上级机构不存在", "parentId");
}

export function createOrg(actorId: string, input: OrgInput): string {
  const db = getDb();
  const id = createId();
  db.transaction((tx) => {
    assertNameFree(input.name);
    assertParent(input.parentId);
    tx.insert(organisations).values({ id, ...normalise(input) }).run();
    audit(tx, actorId, { action: "org.created", targetType: "org", targetId: id, data: { name: input.name, type: input.type } });
  });
  return id;
}

export function updateOrg(actorId: string, id: string, input: OrgInput): void {
  const db = getDb();
  db.transaction((tx) => {
    const before = getOrg(id);
    assertNameFree(input.name, id);
    assertParent(input.parentId, id);
    const next = normalise(input);
    const changed = Object.fromEntries(
      Object.entries(next).filter(([k, v]) => JSON.stringify(before[k as keyof Organisation]) !== JSON.stringify(v)),
    );
    tx.update(organisations).set({ ...next, updatedAt: new Date() }).where(eq(organisations.id, id)).run();
    audit(tx, actorId, { action: "org.updated", targetType: "org", targetId: id, data: changed });
  });
}

export function setOrgActive(actorId: string, id: string, active: boolean): void {
  const db = getDb();
  db.transaction((tx) => {
    getOrg(id);
    tx.update(organisations).set({ active, updatedAt: new Date() }).where(eq(organisations.id, id)).run();
    audit(tx, actorId, { action: active ? "org.reactivated" : "org.deactivated", targetType: "org", targetId: id });
  });
}

export function listMembers(orgId: string) {
  return getDb()
    .select({
      id: memberships.id,
      userId: users.id,
      name: users.name,
      phone: users.phone,
      userRole: users.role,
      role: memberships.role,
      active: memberships.active,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.orgId, orgId))
    .orderBy(asc(memberships.role), asc(users.name))
    .all();
}

/** Adds an existing account to the organisation (staff register or are created first). */
export function addMember(actorId: string, orgId: string, phone: string, role: MembershipRole): void {
  const db = getDb();
  db.transaction((tx) => {
    if (!getOrg(orgId).active) throw new AppError("BAD_INPUT", "机构已停用，请先重新启用再添加成员");
    const user = tx.select({ id: users.id, role: users.role, active: users.active }).from(users).where(eq(users.phone, phone)).get();
    if (!user) throw new AppError("BAD_INPUT", "没有找到该手机号码对应的账号，请先让其注册或由管理员创建账号", "phone");
    if (!user.active) throw new AppError("BAD_INPUT", "该账号已停用，不能加入机构", "phone");
    if (user.role === "party") throw new AppError("BAD_INPUT", "当事人账号不能加入机构，请先为其开通工作人员账号", "phone");
    const existing = tx
      .select()
      .from(memberships)
      .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, user.id)))
      .get();
    if (existing?.active) throw new AppError("CONFLICT", "该账号已是本机构成员", "phone");
    if (existing) {
      tx.update(memberships).set({ active: true, role }).where(eq(memberships.id, existing.id)).run();
    } else {
      tx.insert(memberships).values({ id: createId(), orgId, userId: user.id, role }).run();
    }
    audit(tx, actorId, { action: "member.added", targetType: "org", targetId: orgId, data: { userId: user.id, role } });
  });
}

export function removeMember(actorId: string, orgId: string, membershipId: string): void {
  const db = getDb();
  db.transaction((tx) => {
    const m = tx
      .select()
      .from(memberships)
      .where(and(eq(memberships.id, membershipId), eq(memberships.orgId, orgId)))
      .get();
    if (!m) throw new AppError("NOT_FOUND", "该成员不存在");
    tx.update(memberships).set({ active: false }).where(eq(memberships.id, membershipId)).run();
    audit(tx, actorId, { action: "member.removed", targetType: "org", targetId: orgId, data: { userId: m.userId } });
  });
}

/** The organisations a user works for (for the dashboard and, later, case scoping). */
export function orgsOfUser(userId: string) {
  return getDb()
    .select({ id: organisations.id, name: organisations.name, type: organisations.type, role: memberships.role })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.orgId))
    .where(and(eq(memberships.userId, userId), eq(memberships.active, true), eq(organisations.active, true)))
    .all();
}

/** Active organisations as choices for "上级机构". */
export function orgOptions(exceptId?: string) {
  return getDb()
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(eq(organisations.active, true))
    .orderBy(asc(organisations.name))
    .all()
    .filter((o) => o.id !== exceptId);
}
