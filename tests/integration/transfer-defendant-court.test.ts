// Who is the defendant when a failed case goes to court: the side that does not sue. Either party
// may take the case on; when the respondent does, the applicant is the defendant, and the court of
// the applicant's domicile is the one 民事诉讼法 Art 22 gives. Through the real form action.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { action as sendAction } from "~/routes/transfers.send";
import { getDb } from "../../db/client";
import { handoffs } from "../../db/schema";
import { seed } from "../../db/seed";
import type { SessionUser } from "../../server/auth/session";
import { loadCaseFor } from "../../server/cases/access";
import { transferInbox } from "../../server/handoff/transfer/inbox";
import { transferPanel } from "../../server/handoff/transfer/panel";
import { endSession, scheduleSession } from "../../server/mediation/sessions";
import { consent, verifyInvitation } from "../../server/triage/consent";
import { acceptCase } from "../../server/triage/decisions";
import { userById } from "./confirmation-helpers";
import { ctx } from "./helpers";
import { caseRow, citizenInput, cookieOf, eventsOf, fileCase, invitationSms, newRespondent, orgId, PHONE, snapshot, userByPhone } from "./triage-helpers";

const WUHUA = "530102";
const PANLONG = "530103";
const WUHUA_COURT = "昆明市五华区人民法院";
const PANLONG_COURT = "昆明市盘龙区人民法院";

let liMing: SessionUser;
let linXiao: SessionUser; // 法官, 五华区人民法院
let zhouLan: SessionUser; // 法官, 盘龙区人民法院

beforeAll(async () => {
  await seed();
  liMing = userByPhone(PHONE.liMing);
  linXiao = userByPhone(PHONE.judge);
  zhouLan = userByPhone("13800000302");
});


function sendForm(u: SessionUser, fields: Record<string, string>) {
  return sendAction({ request: new Request("http://localhost/transfers/send", { method: "POST", body: new URLSearchParams(fields), headers: { cookie: cookieOf(u) } }), params: {}, context: ctx() } as never);
}

/** A failed "其他" dispute (no place of performance or tort): 李明 lives in 五华, the respondent in 盘龙. */
async function failedCase() {
  const r = { ...newRespondent("孙海涛"), regionCode: PANLONG };
  const { caseId } = await fileCase(liMing, citizenInput({ category: "其他", applicantRegionCode: WUHUA }, r));
  const mediator = userById(caseRow(caseId).mediatorId!);
  await acceptCase(mediator, caseId, { conflict: "none" });
  const { token, code } = invitationSms(r.phone);
  await verifyInvitation(token, { code, name: r.name, idNumber: r.idNumber, password: "Huijie2026" }, { ip: "127.0.0.1", userAgent: "vitest" });
  const respondent = userByPhone(r.phone);
  await consent(respondent, caseId);
  const sessionId = await scheduleSession(mediator, caseId, { scheduledAt: new Date(Date.now() + 60_000), durationMin: 60, mode: "joint" });
  await endSession(mediator, caseId, sessionId, { outcome: "failed", failReason: "too_far_apart", note: "双方分歧过大" });
  return { caseId, mediator, respondent };
}

const litigation = (u: SessionUser, caseId: string) => transferPanel(loadCaseFor(u, caseId))!.choices!.withoutAgreement.options.filter((o) => o.kind === "litigation");

describe("民事诉讼法第二十二条: the court of the defendant's domicile depends on who sues", () => {
  let w: Awaited<ReturnType<typeof failedCase>>;

  beforeAll(async () => {
    w = await failedCase();
  });

  it("the parties' domiciles are on the case as filed", () => {
    expect(caseRow(w.caseId)).toMatchObject({ status: "failed", category: "其他" });
    const parties = loadCaseFor(liMing, w.caseId).parties.map((p) => [p.side, p.regionCode]);
    expect(parties).toEqual(expect.arrayContaining([["applicant", WUHUA], ["respondent", PANLONG]]));
  });

  it("民事诉讼法第二十二条: the applicant is offered the court where the respondent lives", () => {
    expect(transferPanel(loadCaseFor(liMing, w.caseId))!.choices!.plaintiff).toBe("applicant");
    expect(litigation(liMing, w.caseId)).toEqual([{ kind: "litigation", orgId: orgId(PANLONG_COURT), name: PANLONG_COURT, basis: "被告（被申请人）住所地人民法院（《民事诉讼法》第二十二条）" }]);
  });

  it("民事诉讼法第二十二条: the respondent, suing, is offered the court where the applicant lives — not their own", () => {
    const choices = transferPanel(loadCaseFor(w.respondent, w.caseId))!.choices!;
    expect(choices.plaintiff).toBe("respondent");
    expect(litigation(w.respondent, w.caseId)).toEqual([{ kind: "litigation", orgId: orgId(WUHUA_COURT), name: WUHUA_COURT, basis: "被告（申请人）住所地人民法院（《民事诉讼法》第二十二条）" }]);
  });

  it("the mediator sends the applicant's claims as filed: the respondent is the defendant", () => {
    expect(transferPanel(loadCaseFor(w.mediator, w.caseId))!.choices!.plaintiff).toBe("applicant");
    expect(litigation(w.mediator, w.caseId).map((o) => o.name)).toEqual([PANLONG_COURT]);
  });

  it("the respondent's form choosing their own county's court is refused with 400, naming the competent one, writing nothing", async () => {
    const before = snapshot();
    const res = (await sendForm(w.respondent, { caseId: w.caseId, version: String(caseRow(w.caseId).version), target: `litigation:${orgId(PANLONG_COURT)}`, confirm: "yes" })) as {
      data: { error: string; field: string };
      init: { status: number };
    };
    expect(res.init.status).toBe(400);
    expect(res.data).toMatchObject({ error: `${PANLONG_COURT}对本案没有管辖权；可以移送：${WUHUA_COURT}`, field: "orgId" });
    expect(snapshot()).toEqual(before);
    expect(getDb().select().from(handoffs).where(eq(handoffs.caseId, w.caseId)).all()).toEqual([]);
  });

  it("the respondent sends it to the applicant's court: the basis, the timeline and the court's inbox say who sues", async () => {
    const res = (await sendForm(w.respondent, { caseId: w.caseId, version: String(caseRow(w.caseId).version), target: `litigation:${orgId(WUHUA_COURT)}`, confirm: "yes" })) as Response;
    expect(res.status).toBe(302);
    const h = getDb().select().from(handoffs).where(eq(handoffs.caseId, w.caseId)).get()!;
    expect(h).toMatchObject({ kind: "litigation", targetOrgId: orgId(WUHUA_COURT), status: "submitted", startedById: w.respondent.id, basis: "被告（申请人）住所地人民法院（《民事诉讼法》第二十二条）" });
    expect(caseRow(w.caseId)).toMatchObject({ status: "transferred", handoffOrgId: orgId(WUHUA_COURT) });
    const ev = eventsOf(w.caseId).at(-1)!;
    expect(ev).toMatchObject({ type: "transferred", actorId: w.respondent.id, data: expect.objectContaining({ plaintiff: "respondent", kind: "litigation" }) });
    expect(ev.summary).toContain(`案件移送至${WUHUA_COURT}（移送诉讼（立案）），由被申请人一方起诉`);
    expect(transferInbox(linXiao, {}).rows.map((r) => r.id)).toContain(h.id);
    expect(transferInbox(zhouLan, {}).rows.map((r) => r.id)).not.toContain(h.id);
  });
});
