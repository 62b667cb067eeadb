// 赋强公证 and 履行 as the browser drives them: the case page's panels (loader field), the fetcher
// actions for applying and signing, the notary's inbox and application pages, and the downloads.
// Bad input is a 4xx with a Chinese message, never a 500; outsiders get 404.
import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { loader as caseLoader } from "~/routes/cases.$caseId._index";
import { action as notarisationAction, loader as notarisationLoader } from "~/routes/cases.$caseId.notarisation";
import { loader as downloadLoader } from "~/routes/cases.$caseId.notarisation_.$docNo";
import { action as notaryAction, loader as notaryLoader } from "~/routes/notary.$handoffId";
import { loader as inboxLoader } from "~/routes/notary._index";
import { seed } from "../../db/seed";
import type { SessionUser } from "../../server/auth/session";
import { lookupDocument } from "../../server/documents/registry";
import { openNotarisation } from "../../server/handoff/notarisation/store";
import { ctx, thrownResponse } from "./helpers";
import { NOTARY_PHONE, OFFICE, otherOffice } from "./notarisation-helpers";
import { effectiveCase, notarisationCode } from "./performance-helpers";
import { caseRow, cookieOf, orgId, PHONE, userByPhone } from "./triage-helpers";

let liMing: SessionUser;
let cuihu: SessionUser;
let wangFang: SessionUser;
let notary: SessionUser;
let stranger: SessionUser;

beforeAll(async () => {
  await seed();
  liMing = userByPhone(PHONE.liMing);
  cuihu = userByPhone(PHONE.cuihu);
  wangFang = userByPhone(PHONE.wangFang);
  notary = userByPhone(NOTARY_PHONE);
  stranger = userByPhone(otherOffice().notaryPhone);
});

type Reply = { data: { intent: string; error?: string; field?: string; done?: string; sentTo?: string }; init: { status: number } | null };

async function party(u: SessionUser, caseId: string, body: Record<string, string>): Promise<Reply> {
  return (await notarisationAction({
    request: new Request(`http://localhost/cases/${caseId}/notarisation`, { method: "POST", body: new URLSearchParams(body), headers: { cookie: cookieOf(u) } }),
    params: { caseId },
    context: ctx(),
  } as never)) as Reply;
}

async function notaryPost(u: SessionUser, handoffId: string, body: Record<string, string>): Promise<Reply> {
  return (await notaryAction({
    request: new Request(`http://localhost/notary/${handoffId}`, { method: "POST", body: new URLSearchParams(body), headers: { cookie: cookieOf(u) } }),
    params: { handoffId },
    context: ctx(),
  } as never)) as Reply;
}

const get = (u: SessionUser, url: string) => new Request(`http://localhost${url}`, { headers: { cookie: cookieOf(u) } });

async function casePage(u: SessionUser, caseId: string) {
  return (await caseLoader({ request: get(u, `/cases/${caseId}`), params: { caseId }, context: ctx() } as never)) as unknown as {
    fulfilment: { performance: { lines: unknown[] } | null; notarisation: { mayStart: boolean; mySignOpen: boolean; documents: { docNo: string }[] } | null } | null;
  };
}

async function sign(u: SessionUser, caseId: string): Promise<Reply> {
  const sent = await party(u, caseId, { intent: "send_code" });
  expect(sent.data.sentTo).toMatch(/^\d{3}\*{4}\d{4}$/);
  return party(u, caseId, { intent: "sign", code: notarisationCode(u.phone) });
}

describe("the parties' forms", () => {
  it("apply, sign and submit through the page's actions; the case page shows the panels", async () => {
    const w = await effectiveCase(liMing, cuihu);
    expect((await casePage(liMing, w.caseId)).fulfilment).toMatchObject({ performance: { lines: [{}, {}] }, notarisation: { mayStart: true, mySignOpen: false } });
    // GET on the action route goes back to the case page.
    const back = (await notarisationLoader({ request: get(liMing, `/cases/${w.caseId}/notarisation`), params: { caseId: w.caseId }, context: ctx() } as never)) as Response;
    expect(back.headers.get("location")).toBe(`/cases/${w.caseId}`);

    const empty = await party(liMing, w.caseId, { intent: "start" });
    expect(empty.init?.status).toBe(400);
    expect(empty.data).toMatchObject({ error: "请选择公证处", field: "officeId" });
    expect((await party(liMing, w.caseId, { intent: "start", officeId: orgId(OFFICE) })).data.done).toBe("已发起赋强公证申请。请获取验证码签署，并请对方当事人签署。");
    expect((await casePage(w.respondent, w.caseId)).fulfilment?.notarisation).toMatchObject({ mayStart: false, mySignOpen: true });

    const badCode = await party(liMing, w.caseId, { intent: "sign", code: "12" });
    expect(badCode.init?.status).toBe(400);
    expect(badCode.data.error).toBe("请输入短信中的6位验证码");
    expect((await sign(liMing, w.caseId)).data.done).toBe("签署成功，等待对方签署后提交公证处。");
    expect((await sign(w.respondent, w.caseId)).data.done).toBe("签署成功。各方均已签署，申请已提交公证处。");
    expect(caseRow(w.caseId).status).toBe("notarising");

    const outsider = await party(wangFang, w.caseId, { intent: "withdraw" });
    expect(outsider.init?.status).toBe(404);
    expect((await party(liMing, w.caseId, { intent: "nonsense" })).init?.status).toBe(400);
    const exec = await party(w.respondent, w.caseId, { intent: "request_exec" });
    expect(exec.init?.status).toBe(409); // not notarised yet
  });
});

describe("the notary's pages", () => {
  it("inbox and package for the office's notary; 403 for others' roles, 404 for another office", async () => {
    const w = await effectiveCase(liMing, cuihu);
    await party(liMing, w.caseId, { intent: "start", officeId: orgId(OFFICE) });
    await sign(liMing, w.caseId);
    await sign(w.respondent, w.caseId);
    const handoffId = openNotarisation(w.caseId)!.id;

    const inbox = (await inboxLoader({ request: get(notary, "/notary"), params: {}, context: ctx() } as never)) as { todo: { id: string; todo: string }[] };
    expect(inbox.todo.find((r) => r.id === handoffId)?.todo).toBe("待审查出具公证书");
    expect((await thrownResponse(() => inboxLoader({ request: get(liMing, "/notary"), params: {}, context: ctx() } as never))).status).toBe(403);

    const pkg = (await notaryLoader({ request: get(notary, `/notary/${handoffId}`), params: { handoffId }, context: ctx() } as never)) as { file: { parties: unknown[] } | null };
    expect(pkg.file?.parties).toHaveLength(2);
    expect((await thrownResponse(() => notaryLoader({ request: get(stranger, `/notary/${handoffId}`), params: { handoffId }, context: ctx() } as never))).status).toBe(404);
    expect((await thrownResponse(() => notaryLoader({ request: get(liMing, `/notary/${handoffId}`), params: { handoffId }, context: ctx() } as never))).status).toBe(403);
    expect((await thrownResponse(() => notaryAction({ request: new Request(`http://localhost/notary/${handoffId}`, { method: "POST", body: new URLSearchParams({ intent: "issue", checked: "on" }), headers: { cookie: cookieOf(stranger) } }), params: { handoffId }, context: ctx() } as never))).status).toBe(404);

    const unchecked = await notaryPost(notary, handoffId, { intent: "issue" });
    expect(unchecked.init?.status).toBe(400);
    expect(unchecked.data.error).toBe("请先确认已核对协议、当事人身份和给付内容");
    expect((await notaryPost(notary, handoffId, { intent: "refuse", reason: "" })).data.error).toBe("请填写理由（至少4个字）");
    expect(caseRow(w.caseId).status).toBe("notarising");
    const issued = await notaryPost(notary, handoffId, { intent: "issue", checked: "on" });
    expect(issued.data.done).toMatch(/^已出具公证书 （\d{4}）云昆春证字第\d+号，已送达双方当事人$/);
    expect((await notaryPost(notary, handoffId, { intent: "issue", checked: "on" })).init?.status).toBe(409);
    expect((await notaryPost(notary, handoffId, { intent: "issue_exec", note: "" })).data.error).toBe("债权人尚未申请出具执行证书");

    // The 公证书 downloads for both parties (the same bytes the verify page knows), not for others.
    const docNo = (await casePage(liMing, w.caseId)).fulfilment!.notarisation!.documents[0].docNo;
    for (const u of [liMing, w.respondent, notary]) {
      const res = (await downloadLoader({ request: get(u, `/cases/${w.caseId}/notarisation/${docNo}`), params: { caseId: w.caseId, docNo }, context: ctx() } as never)) as Response;
      expect(res.headers.get("content-type")).toBe("application/pdf");
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(crypto.createHash("sha256").update(bytes).digest("hex")).toBe(lookupDocument(docNo).sha256);
    }
    expect((await thrownResponse(() => downloadLoader({ request: get(wangFang, `/cases/${w.caseId}/notarisation/${docNo}`), params: { caseId: w.caseId, docNo }, context: ctx() } as never))).status).toBe(404);
    expect((await thrownResponse(() => downloadLoader({ request: get(liMing, `/cases/${w.caseId}/notarisation/XY2026000001`), params: { caseId: w.caseId, docNo: "XY2026000001" }, context: ctx() } as never))).status).toBe(404);
  });
});
