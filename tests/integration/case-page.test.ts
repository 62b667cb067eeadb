// The case page's action through the real route module: guards, the stale-page check, and
// bad input answered with Chinese messages and nothing written.
import { beforeAll, describe, expect, it } from "vitest";
import { action, loader } from "~/routes/cases.$caseId._index";
import { seed } from "../../db/seed";
import { startSession } from "../../server/auth/accounts";
import { caseRow, eventsOf, fileCase, PHONE, userByPhone } from "./triage-helpers";

let caseId = "";
const cookie = (phone: string) => {
  const u = userByPhone(phone);
  return `yjf_session=${startSession(u.id, u.role, { ip: "127.0.0.1" }).token}`;
};
const ctx = { nonce: "", ip: "127.0.0.1" };

function post(phone: string, fields: Record<string, string>) {
  return action({
    request: new Request(`http://localhost/cases/${caseId}`, { method: "POST", body: new URLSearchParams(fields), headers: { cookie: cookie(phone) } }),
    params: { caseId },
    context: ctx,
  } as never) as Promise<{ data: { error?: string; done?: string }; init: { status: number } } | { done?: string }>;
}

async function thrown(p: Promise<unknown>): Promise<Response> {
  try {
    await p;
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
  throw new Error("expected a thrown Response");
}

beforeAll(async () => {
  await seed();
  ({ caseId } = await fileCase(userByPhone(PHONE.liMing)));
});

describe("the case page", () => {
  it("shows the case to its applicant and to its mediator, and 404 to anyone else", async () => {
    const req = (phone: string) => new Request(`http://localhost/cases/${caseId}`, { headers: { cookie: cookie(phone) } });
    const mine = (await loader({ request: req(PHONE.liMing), params: { caseId }, context: ctx } as never)) as { case: { status: string } };
    expect(mine.case.status).toBe("awaiting_acceptance");
    const res = await thrown(loader({ request: req(PHONE.zhaoDawei), params: { caseId }, context: ctx } as never) as Promise<unknown>);
    expect(res.status).toBe(404);
  });

  it("refuses an action from a stale page with 409 and writes nothing", async () => {
    const before = caseRow(caseId);
    const eventsBefore = eventsOf(caseId).length;
    const r = (await post(PHONE.cuihu, { intent: "accept", conflict: "none", version: String(before.version - 1) })) as { data: { error: string }; init: { status: number } };
    expect(r.init.status).toBe(409);
    expect(r.data.error).toBe("案件刚刚有了新进展，请查看最新状态后再操作");
    expect(caseRow(caseId)).toMatchObject({ version: before.version, status: "awaiting_acceptance" });
    expect(eventsOf(caseId)).toHaveLength(eventsBefore);
  });

  it("answers bad input in Chinese and changes nothing", async () => {
    const before = eventsOf(caseId).length;
    const empty = (await post(PHONE.cuihu, { intent: "decline", reason: "", version: String(caseRow(caseId).version) })) as { data: { error: string }; init: { status: number } };
    expect(empty.init.status).toBe(400);
    expect(empty.data.error).toBe("请填写不予受理的理由");
    const unknown = (await post(PHONE.cuihu, { intent: "explode" })) as { data: { error: string }; init: { status: number } };
    expect(unknown.init.status).toBe(400);
    expect(unknown.data.error).toBe("未知的操作");
    const notMine = (await post(PHONE.liMing, { intent: "accept", conflict: "none" })) as { data: { error: string }; init: { status: number } };
    expect(notMine.init.status).toBe(403);
    expect(notMine.data.error).toContain("您无权");
    expect(eventsOf(caseId)).toHaveLength(before);
  });

  it("lets the mediator accept from a current page", async () => {
    const r = (await post(PHONE.cuihu, { intent: "accept", conflict: "none", version: String(caseRow(caseId).version) })) as { done: string };
    expect(r.done).toBe("已受理，系统已短信邀请对方当事人");
    expect(caseRow(caseId).status).toBe("awaiting_consent");
  });
});
