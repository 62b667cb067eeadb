// 司法确认 (人民调解法 Art 33) and 赋强公证 (公证法 Art 37) are two routes to enforceability for the same
// agreement; the parties take one at a time. Starting either is refused while the other is open,
// both ways, and the panel does not offer it. Should two applications be open at once all the same
// (started before the routes excluded each other), the one sent first closes the other — closed,
// on the timeline, the parties told — so it can never hang "applying" and block a later one.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { handoffs } from "../../db/schema";
import { seed } from "../../db/seed";
import type { SessionUser } from "../../server/auth/session";
import { loadCaseFor } from "../../server/cases/access";
import { startConfirmation } from "../../server/handoff/confirmation/apply";
import { confirmationPage } from "../../server/handoff/confirmation/pages";
import { openConfirmation } from "../../server/handoff/confirmation/store";
import { startNotarisation } from "../../server/handoff/notarisation/apply";
import { notarisationPanel } from "../../server/handoff/notarisation/panel";
import { openNotarisation } from "../../server/handoff/notarisation/store";
import { agreementOfCase } from "../../server/agreements/store";
import { createId } from "../../server/lib/ids";
import { signPart } from "./confirmation-helpers";
import { notarisationSnapshot, OFFICE, signApplication } from "./notarisation-helpers";
import { effectiveCase } from "./performance-helpers";
import { caseRow, eventsOf, notesOf, orgId, PHONE, rejects, userByPhone } from "./triage-helpers";

const COURT = "昆明市五华区人民法院";
const NO_NOTARISATION = "本案正在申请司法确认，不能同时申请赋强公证";
const NO_CONFIRMATION = "本案正在申请赋强公证，不能同时申请司法确认";

let liMing: SessionUser & { phone: string };
let cuihu: SessionUser & { phone: string };

beforeAll(async () => {
  await seed();
  liMing = { ...userByPhone(PHONE.liMing), phone: PHONE.liMing };
  cuihu = { ...userByPhone(PHONE.cuihu), phone: PHONE.cuihu };
});

/** An application row as one written before the routes excluded each other: applying, nobody signed. */
function legacyApplication(caseId: string, kind: "confirmation" | "notarisation", targetOrgId: string, startedById: string): string {
  const id = createId();
  const a = agreementOfCase(caseId)!;
  getDb().insert(handoffs).values({ id, caseId, agreementId: a.id, kind, targetOrgId, basis: "测试：修复前发起的申请", status: "applying", startedById }).run();
  return id;
}

const handoff = (id: string) => getDb().select().from(handoffs).where(eq(handoffs.id, id)).get()!;

describe("one route at a time: 司法确认 or 赋强公证", () => {
  it("while a 司法确认 application is open, no 赋强公证 application starts, and the panel says why", async () => {
    const w = await effectiveCase(liMing, cuihu);
    await startConfirmation(liMing, w.caseId, { courtId: orgId(COURT) });
    const panel = notarisationPanel(loadCaseFor(w.respondent, w.caseId))!;
    expect(panel).toMatchObject({ mayStart: false, blocked: NO_NOTARISATION, offices: [] });
    const before = notarisationSnapshot();
    const events = eventsOf(w.caseId).length;
    await rejects(startNotarisation(w.respondent, w.caseId, orgId(OFFICE)), "CONFLICT", NO_NOTARISATION);
    expect(notarisationSnapshot()).toEqual(before);
    expect(eventsOf(w.caseId)).toHaveLength(events);
  });

  it("while a 赋强公证 application is open, no 司法确认 application starts", async () => {
    const w = await effectiveCase(liMing, cuihu);
    await startNotarisation(liMing, w.caseId, orgId(OFFICE));
    expect(confirmationPage(loadCaseFor(w.respondent, w.caseId)).can.start).toBe(false);
    const before = notarisationSnapshot();
    await rejects(startConfirmation(w.respondent, w.caseId, { courtId: orgId(COURT) }), "CONFLICT", NO_CONFIRMATION);
    expect(notarisationSnapshot()).toEqual(before);
    // Nothing open on the other side: the panel offers the route and says nothing.
    const other = await effectiveCase(liMing, cuihu);
    expect(notarisationPanel(loadCaseFor(liMing, other.caseId))).toMatchObject({ mayStart: true, blocked: null });
  });

  it("the 赋强公证 application sent first closes an open 司法确认 application: closed, on the timeline, the parties told", async () => {
    const w = await effectiveCase(liMing, cuihu);
    const { handoffId: confirmationId } = await startConfirmation(liMing, w.caseId, { courtId: orgId(COURT) });
    const notarisationId = legacyApplication(w.caseId, "notarisation", orgId(OFFICE), w.respondent.id);
    await signApplication(liMing, w.caseId);
    expect(await signApplication(w.respondent, w.caseId)).toEqual({ submitted: true });

    expect(handoff(notarisationId).status).toBe("submitted");
    expect(handoff(confirmationId)).toMatchObject({ status: "closed", outcome: "superseded" });
    expect(handoff(confirmationId).decidedAt).toBeInstanceOf(Date);
    expect(openConfirmation(w.caseId)).toBeUndefined();
    expect(caseRow(w.caseId).status).toBe("notarising");
    const closed = eventsOf(w.caseId).find((e) => e.type === "confirmation_closed")!;
    expect(closed).toMatchObject({ actorLabel: "系统", summary: `各方当事人已共同向${OFFICE}提交赋强公证申请，拟向${COURT}提出的司法确认申请已关闭`, data: expect.objectContaining({ handoffId: confirmationId }) });
    for (const u of [liMing, w.respondent]) expect(notesOf(u.id, w.caseId).map((n) => n.title)).toContain("司法确认申请已关闭");
    expect(confirmationPage(loadCaseFor(liMing, w.caseId)).history.map((h) => h.outcomeText)).toContain("当事人已共同申请赋强公证，本申请关闭");
  });

  it("the 司法确认 application sent first closes an open 赋强公证 application, so a later one is not blocked", async () => {
    const w = await effectiveCase(liMing, cuihu);
    const { handoffId: notarisationId } = await startNotarisation(liMing, w.caseId, orgId(OFFICE));
    const confirmationId = legacyApplication(w.caseId, "confirmation", orgId(COURT), w.respondent.id);
    await signPart(liMing, w.caseId);
    const r = await signPart(w.respondent, w.caseId);
    expect(r).toMatchObject({ submitted: true, handoffId: confirmationId });

    expect(handoff(notarisationId)).toMatchObject({ status: "closed", outcome: "superseded" });
    expect(openNotarisation(w.caseId)).toBeUndefined();
    expect(caseRow(w.caseId).status).toBe("confirming");
    expect(eventsOf(w.caseId).find((e) => e.type === "notarisation_closed")?.summary).toBe(`各方当事人已共同向${COURT}提交司法确认申请，拟向${OFFICE}提出的赋强公证申请已关闭`);
    for (const u of [liMing, w.respondent]) expect(notesOf(u.id, w.caseId).map((n) => n.title)).toContain("赋强公证申请已关闭");
    // Nothing of this case is left waiting for signatures.
    expect(getDb().select().from(handoffs).where(and(eq(handoffs.caseId, w.caseId), eq(handoffs.status, "applying"))).all()).toEqual([]);
  });
});
