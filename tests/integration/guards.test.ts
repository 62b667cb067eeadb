// The guards read the cookie or Bearer token of a real Request and throw real Responses.
import { beforeAll, describe, expect, it } from "vitest";
import { loader as adminOrgsLoader } from "~/routes/admin.orgs._index";
import { loader as meLoader } from "~/routes/api.v1.me";
import { loader as loginLoader } from "~/routes/login";
import { action as logoutAction } from "~/routes/logout";
import { PERMISSIONS, ROLE_PERMISSIONS, ROLES } from "~/lib/roles";
import { createOrg } from "../../server/admin/orgs";
import { createUser } from "../../server/auth/accounts";
import {
  getAuth,
  optionalUser,
  requireAnonymous,
  requirePermission,
  requireRole,
  requireUser,
} from "../../server/auth/guards";
import { createSession, generateSessionToken, invalidateSessionToken, validateSessionToken } from "../../server/auth/session";
import { ctx, idNumber, thrownResponse } from "./helpers";

const tokens: Record<"party" | "admin" | "mediator", string> = { party: "", admin: "", mediator: "" };
const ids: Record<string, string> = {};

beforeAll(async () => {
  let seq = 500;
  for (const role of ["party", "admin", "mediator"] as const) {
    const { userId } = await createUser(
      { name: `测试${role}`, idNumber: idNumber(seq++), phone: `1370000000${seq % 10}`, password: "Guard2026x", role },
      null,
    );
    ids[role] = userId;
    tokens[role] = generateSessionToken();
    createSession(tokens[role], userId);
  }
  createOrg(ids.admin, { name: "守卫测试调解委员会", type: "people_committee", level: "street", regionCode: "530102", categories: [], charges: false });
});

function page(path: string, headers: Record<string, string> = {}) {
  return new Request(`http://localhost${path}`, { headers });
}
const cookie = (token: string) => ({ cookie: `theme=dark; yjf_session=${token}; lang=zh` });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe("requireUser", () => {
  it("redirects an anonymous page request to /login with the path and query encoded", async () => {
    // A browser sends the query percent-encoded; the guard encodes that once more as one parameter.
    const sent = "/admin/orgs?q=%E4%BA%94%E5%8D%8E&page=2";
    const res = await thrownResponse(() => requireUser(page(sent)));
    expect(res.status).toBe(302);
    const location = res.headers.get("location")!;
    expect(location).toBe("/login?redirectTo=%2Fadmin%2Forgs%3Fq%3D%25E4%25BA%2594%25E5%258D%258E%26page%3D2");
    // The login page reads it back as the original path, query and all.
    const back = new URL(location, "http://localhost").searchParams.get("redirectTo")!;
    expect(back).toBe(sent);
    expect(new URL(back, "http://localhost").searchParams.get("q")).toBe("五华");
  });

  it("answers an anonymous /api/ request with 401 JSON", async () => {
    const res = await thrownResponse(() => requireUser(page("/api/v1/me")));
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    expect(await res.json()).toEqual({ error: { code: "UNAUTHENTICATED", message: "请先登录" } });
  });

  it("answers a bad Bearer token on a page path with 401 JSON, not a redirect", async () => {
    const res = await thrownResponse(() => requireUser(page("/dashboard", bearer(generateSessionToken()))));
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe("UNAUTHENTICATED");
  });

  it("accepts the session cookie among other cookies", () => {
    expect(requireUser(page("/dashboard", cookie(tokens.party)))).toMatchObject({ id: ids.party, role: "party" });
  });

  it("accepts a Bearer token", () => {
    expect(requireUser(page("/api/v1/me", bearer(tokens.mediator)))).toMatchObject({ id: ids.mediator, role: "mediator" });
  });

  it("treats an ended session as anonymous", async () => {
    const t = generateSessionToken();
    createSession(t, ids.party);
    expect(optionalUser(page("/dashboard", cookie(t)))?.id).toBe(ids.party);
    invalidateSessionToken(t);
    expect(optionalUser(page("/dashboard", cookie(t)))).toBeNull();
    const res = await thrownResponse(() => requireUser(page("/dashboard", cookie(t))));
    expect(res.headers.get("location")).toBe("/login?redirectTo=%2Fdashboard");
  });
});

describe("requireRole", () => {
  it("lets the right role through", () => {
    expect(requireRole(page("/admin/orgs", cookie(tokens.admin)), "admin").id).toBe(ids.admin);
    expect(requireRole(page("/x", cookie(tokens.mediator)), "judge", "mediator").id).toBe(ids.mediator);
  });

  it("gives a wrong role 403 (text on pages, JSON on the API)", async () => {
    const html = await thrownResponse(() => requireRole(page("/admin/orgs", cookie(tokens.party)), "admin"));
    expect(html.status).toBe(403);
    expect(await html.text()).toBe("您的账号没有权限访问此页面");

    const json = await thrownResponse(() => requireRole(page("/api/v1/x", bearer(tokens.party)), "admin"));
    expect(json.status).toBe(403);
    expect(await json.json()).toEqual({ error: { code: "FORBIDDEN", message: "您的账号没有权限访问此页面" } });
  });

  it("still sends an anonymous visitor to log in rather than 403", async () => {
    const res = await thrownResponse(() => requireRole(page("/admin/orgs"), "admin"));
    expect(res.status).toBe(302);
  });
});

describe("requirePermission", () => {
  it("refuses admin:orgs to a party and a mediator, grants it to an admin", async () => {
    for (const who of ["party", "mediator"] as const) {
      const res = await thrownResponse(() => requirePermission(page("/admin/orgs", cookie(tokens[who])), "admin:orgs"));
      expect(res.status).toBe(403);
      expect(await res.text()).toBe("您的账号没有权限进行此操作");
    }
    expect(requirePermission(page("/admin/orgs", cookie(tokens.admin)), "admin:orgs").id).toBe(ids.admin);
  });

  it("grants a party case:file but not case:mediate", async () => {
    expect(requirePermission(page("/cases/new", cookie(tokens.party)), "case:file").id).toBe(ids.party);
    expect((await thrownResponse(() => requirePermission(page("/x", cookie(tokens.party)), "case:mediate"))).status).toBe(403);
  });

  it("the role map gives admin:orgs to admins alone and only known permissions to anyone", () => {
    expect(ROLES.filter((r) => ROLE_PERMISSIONS[r].includes("admin:orgs"))).toEqual(["admin"]);
    for (const r of ROLES) for (const p of ROLE_PERMISSIONS[r]) expect(PERMISSIONS).toContain(p);
  });
});

describe("requireAnonymous and optionalUser", () => {
  it("redirects a signed-in user away from visitor pages", async () => {
    const res = await thrownResponse(() => requireAnonymous(page("/login", cookie(tokens.party))));
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/dashboard");
    const custom = await thrownResponse(() => requireAnonymous(page("/register", cookie(tokens.party)), "/home"));
    expect(custom.headers.get("location")).toBe("/home");
  });

  it("lets a visitor through", () => {
    expect(requireAnonymous(page("/login"))).toBeUndefined();
    expect(optionalUser(page("/login"))).toBeNull();
    expect(optionalUser(page("/login", { cookie: "yjf_session=" }))).toBeNull();
  });

  it("the login page loader applies it", async () => {
    expect(await loginLoader({ request: page("/login"), params: {}, context: ctx() } as never)).toBeNull();
    const res = await thrownResponse(() => loginLoader({ request: page("/login", cookie(tokens.admin)), params: {}, context: ctx() } as never));
    expect(res.headers.get("location")).toBe("/dashboard");
  });

  it("getAuth returns the token it validated", () => {
    expect(getAuth(page("/x", cookie(tokens.admin)))).toEqual({ token: tokens.admin, user: expect.objectContaining({ id: ids.admin }) });
  });
});

describe("route loaders behind guards", () => {
  it("admin org list: 403 for a 当事人, the list for an admin", async () => {
    const denied = await thrownResponse(() =>
      adminOrgsLoader({ request: page("/admin/orgs", cookie(tokens.party)), params: {}, context: ctx() } as never),
    );
    expect(denied.status).toBe(403);

    const anon = await thrownResponse(() => adminOrgsLoader({ request: page("/admin/orgs"), params: {}, context: ctx() } as never));
    expect(anon.headers.get("location")).toBe("/login?redirectTo=%2Fadmin%2Forgs");

    const d = await adminOrgsLoader({ request: page("/admin/orgs?q=守卫", cookie(tokens.admin)), params: {}, context: ctx() } as never);
    expect(d).toMatchObject({ total: 1, page: 1, pages: 1, q: "守卫", type: "", all: false });
    expect(d.rows.map((o) => o.name)).toEqual(["守卫测试调解委员会"]);
  });

  it("/api/v1/me answers a Bearer client with JSON", async () => {
    const res = await meLoader({ request: page("/api/v1/me", bearer(tokens.mediator)), params: {}, context: ctx() } as never);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: ids.mediator, name: "测试mediator", role: "mediator", orgs: [] });
  });

  it("the logout action ends the session and blanks the cookie", async () => {
    const t = generateSessionToken();
    createSession(t, ids.party);
    const res = await logoutAction({
      request: new Request("http://localhost/logout", { method: "POST", headers: cookie(t) }),
      params: {},
      context: ctx(),
    } as never);
    expect(res.status).toBe(302);
    expect(res.headers.get("set-cookie")).toMatch(/^yjf_session=; Path=\/; HttpOnly; SameSite=Lax; Max-Age=0/);
    expect(validateSessionToken(t)).toBeNull();
  });
});
