// Whose statistics a user sees (ADR 018). Everyone, signed in or not, sees the public page:
// aggregates of every case, small groups merged. Staff see their own part in full and may filter
// by organisation: the admin everything; an organisation's head (负责人) the organisations they
// head and those under them (village → township → county, organisations.parentId); a judge the
// region of their court; a 分流员 the city of their 矛调中心. Nobody else has a staff view.
import { and, eq } from "drizzle-orm";
import { getDb } from "../../../db/client";
import { memberships, organisations } from "../../../db/schema";
import { can } from "../../../app/lib/roles";
import type { SessionUser } from "../../auth/session";
import { dispatchCoverage } from "../../cases/access";
import { regionName } from "../../triage/regions";

export type StaffScope = {
  view: "staff";
  /** What the page says this is, e.g. "昆明市五华区人民法院辖区（五华区）". */
  label: string;
  /** Cases of these organisations only; null = any organisation. */
  orgIds: string[] | null;
  /** Cases whose region code starts with one of these; null = anywhere. */
  regionPrefixes: string[] | null;
};
export type PublicScope = { view: "public"; label: string };
export type StatsScope = StaffScope | PublicScope;

export const PUBLIC_SCOPE: PublicScope = { view: "public", label: "全平台公开数据" };

type OrgRow = { id: string; name: string; parentId: string | null; type: string; regionCode: string };

function allOrgs(): OrgRow[] {
  return getDb().select({ id: organisations.id, name: organisations.name, parentId: organisations.parentId, type: organisations.type, regionCode: organisations.regionCode }).from(organisations).all();
}

function myOrgs(userId: string, role?: "head") {
  return getDb()
    .select({ orgId: memberships.orgId })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.active, true), role ? eq(memberships.role, role) : undefined))
    .all()
    .map((m) => m.orgId);
}

/** The organisations given and every one below them. */
export function withDescendants(roots: string[], orgs: Pick<OrgRow, "id" | "parentId">[]): string[] {
  const out = new Set(roots);
  let grew = true;
  while (grew) {
    grew = false;
    for (const o of orgs)
      if (o.parentId && out.has(o.parentId) && !out.has(o.id)) {
        out.add(o.id);
        grew = true;
      }
  }
  return [...out];
}

/** The staff scope of this user, or null when they only get the public page. */
export function staffScopeOf(user: Pick<SessionUser, "id" | "role"> | null): StaffScope | null {
  if (!user || !can(user.role, "stats:view")) return null;
  if (user.role === "admin") return { view: "staff", label: "全平台（管理员）", orgIds: null, regionPrefixes: null };
  const orgs = allOrgs();
  if (user.role === "mediator") {
    const headed = myOrgs(user.id, "head");
    if (headed.length === 0) return null;
    const ids = withDescendants(headed, orgs);
    const names = orgs.filter((o) => headed.includes(o.id)).map((o) => o.name);
    const below = ids.length - headed.length;
    return { view: "staff", label: `${names.join("、")}${below ? `及下级${below}个组织` : ""}`, orgIds: ids.sort(), regionPrefixes: null };
  }
  if (user.role === "judge") {
    const courts = orgs.filter((o) => o.type === "court" && myOrgs(user.id).includes(o.id));
    if (courts.length === 0) return null;
    const regions = [...new Set(courts.map((c) => c.regionCode))].sort();
    return { view: "staff", label: `${courts.map((c) => c.name).join("、")}辖区`, orgIds: null, regionPrefixes: regions };
  }
  if (user.role === "dispatcher") {
    const cities = [...new Set(dispatchCoverage(user.id))].sort();
    if (cities.length === 0) return null;
    return { view: "staff", label: cities.map((c) => regionName(c) ?? c).join("、"), orgIds: null, regionPrefixes: cities };
  }
  return null;
}

/** Does a case region / organisation lie inside the scope? */
export function regionInScope(scope: StaffScope, region: string): boolean {
  return !scope.regionPrefixes || scope.regionPrefixes.some((p) => region.startsWith(p));
}
export function orgInScope(scope: StaffScope, orgId: string): boolean {
  return !scope.orgIds || scope.orgIds.includes(orgId);
}
