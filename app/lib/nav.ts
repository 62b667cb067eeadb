import type { Role } from "./roles";

export type NavItem = { to: string; label: string };

/** Navigation per role. It only decides what is shown; every page guards itself. */
export function navFor(role: Role | null): NavItem[] {
  if (!role) {
    return [
      { to: "/", label: "首页" },
      { to: "/guide", label: "调解指南" },
      { to: "/lookup", label: "进度查询" },
      { to: "/verify", label: "文书核验" },
      { to: "/stats", label: "数据公开" },
      { to: "/login", label: "登录" },
      { to: "/register", label: "注册" },
    ];
  }
  const common: NavItem[] = [{ to: "/dashboard", label: "工作台" }];
  const cases: NavItem = { to: "/cases", label: "案件" };
  const byRole: Record<Role, NavItem[]> = {
    party: [cases, { to: "/guide", label: "调解指南" }],
    lawyer: [cases],
    // Oversight (issue 7): the board, statistics and mediator records guard themselves (heads only for records).
    mediator: [cases, { to: "/org/mediators", label: "调解员档案" }, { to: "/stats", label: "统计" }],
    dispatcher: [{ to: "/board", label: "矛调中心看板" }, { to: "/cases?scope=queue", label: "分流队列" }, { to: "/stats", label: "统计" }],
    // 裁: the inboxes of the bodies that take cases on (pages in app/routes/court.*, notary.*, transfers.*).
    judge: [cases, { to: "/court/confirmations", label: "司法确认" }, { to: "/transfers", label: "移送案件" }, { to: "/court/referrals", label: "委派/委托" }, { to: "/stats", label: "统计" }],
    notary: [{ to: "/notary", label: "公证申请" }],
    arbitrator: [{ to: "/transfers", label: "移送案件" }],
    admin: [{ to: "/admin/orgs", label: "机构管理" }, { to: "/org/mediators", label: "调解员档案" }, { to: "/stats", label: "统计" }],
  };
  return [...common, ...byRole[role], { to: "/account", label: "账号" }];
}
