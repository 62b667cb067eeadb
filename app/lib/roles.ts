// Roles are fixed by the domain, so they are a const map, not database tables (see ADR 004).
// Client-safe: the UI uses it to show navigation; the server's guards use it to decide.

export const ROLES = [
  "party",
  "lawyer",
  "mediator",
  "dispatcher",
  "judge",
  "notary",
  "arbitrator",
  "admin",
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  party: "当事人",
  lawyer: "律师",
  mediator: "调解员",
  dispatcher: "分流员",
  judge: "法官",
  notary: "公证员",
  arbitrator: "仲裁员",
  admin: "管理员",
};

export const PERMISSIONS = [
  "case:file", // file a dispute as a party
  "case:refer", // file for a client (律调对接)
  "case:respond", // consent or refuse as the other side
  "case:mediate", // accept cases, run sessions, draft agreements
  "triage:dispatch", // 分流员 queue, manual routing, risk grading
  "court:delegate", // 委派 / 委托 cases to mediation
  "court:confirm", // 司法确认 inbox and rulings
  "notary:notarise", // 赋强公证 inbox
  "arbitration:receive", // failed cases sent to arbitration
  "stats:view", // statistics beyond the public page
  "admin:orgs", // manage organisations and memberships
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  party: ["case:file", "case:respond"],
  lawyer: ["case:file", "case:refer", "case:respond"],
  mediator: ["case:mediate", "stats:view"],
  dispatcher: ["triage:dispatch", "stats:view"],
  judge: ["court:delegate", "court:confirm", "stats:view"],
  notary: ["notary:notarise"],
  arbitrator: ["arbitration:receive"],
  admin: ["admin:orgs", "stats:view", "triage:dispatch"],
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export const ORG_TYPES = [
  "people_committee",
  "administrative",
  "court_invited",
  "lawyer_studio",
  "court",
  "notary_office",
  "arbitration",
  "dispatch_center",
] as const;
export type OrgType = (typeof ORG_TYPES)[number];

/** Organisations whose members mediate cases (not courts, notaries, arbitration or the 矛调中心). */
export const MEDIATION_ORG_TYPES = ["people_committee", "administrative", "court_invited", "lawyer_studio"] as const satisfies readonly OrgType[];

export const ORG_TYPE_LABELS: Record<OrgType, string> = {
  people_committee: "人民调解委员会",
  administrative: "行政调解",
  court_invited: "特邀调解(法院)",
  lawyer_studio: "律师调解",
  court: "法院",
  notary_office: "公证处",
  arbitration: "仲裁委",
  dispatch_center: "矛调中心",
};

export const ORG_LEVELS = ["village", "street", "county"] as const;
export type OrgLevel = (typeof ORG_LEVELS)[number];
export const ORG_LEVEL_LABELS: Record<OrgLevel, string> = {
  village: "村(社区)级",
  street: "乡镇(街道)级",
  county: "县(区)级",
};

export const MEMBERSHIP_ROLES = ["head", "member"] as const;
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];
export const MEMBERSHIP_ROLE_LABELS: Record<MembershipRole, string> = {
  head: "负责人",
  member: "成员",
};

export const SECTORS = ["traffic", "police", "consumer", "medical", "labour"] as const;
export type Sector = (typeof SECTORS)[number];
export const SECTOR_LABELS: Record<Sector, string> = {
  traffic: "道路交通(交警)",
  police: "治安(公安)",
  consumer: "消费(市场监管/消协)",
  medical: "医疗纠纷",
  labour: "劳动争议",
};

/** Where each role lands after logging in. */
export const ROLE_HOME: Record<Role, string> = {
  party: "/dashboard",
  lawyer: "/dashboard",
  mediator: "/dashboard",
  dispatcher: "/dashboard",
  judge: "/dashboard",
  notary: "/dashboard",
  arbitrator: "/dashboard",
  admin: "/admin/orgs",
};
