// 公证法 Art 25 on the case: the parties are offered only the notary offices of a party's domicile or
// habitual residence or of the place of the dispute; another office is refused with the rule and
// nothing is written; where there is none, the panel says so and no application starts. The demo
// world keeps working: its parties live, and its disputes arise, in 五华区 (530102), where 昆明市春城公证处 is.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { caseParties, cases, handoffs, organisations } from "../../db/schema";
import { seed } from "../../db/seed";
import type { SessionUser } from "../../server/auth/session";
import { loadCaseFor } from "../../server/cases/access";
import { startNotarisation } from "../../server/handoff/notarisation/apply";
import { NO_OFFICE } from "../../server/handoff/notarisation/offices";
import { notarisationPanel } from "../../server/handoff/notarisation/panel";
import { createId } from "../../server/lib/ids";
import { notarisationSnapshot, OFFICE, otherOffice } from "./notarisation-helpers";
import { effectiveCase } from "./performance-helpers";
import { eventsOf, orgId, PHONE, rejects, userByPhone } from "./triage-helpers";

const QUJING = "曲靖市麒麟公证处";
let liMing: SessionUser & { phone: string };
let cuihu: SessionUser & { phone: string };

beforeAll(async () => {
  await seed();
  liMing = { ...userByPhone(PHONE.liMing), phone: PHONE.liMing };
  cuihu = { ...userByPhone(PHONE.cuihu), phone: PHONE.cuihu };
  otherOffice(); // 昆明市明诚公证处, city-level (530100)
  getDb().insert(organisations).values({ id: createId(), name: QUJING, type: "notary_office", regionCode: "530302", address: "曲靖市麒麟区", phone: "0874-3100000" }).run();
});

describe("公证法 Art 25: the offices of a party's place or of the dispute's", () => {
  it("the demo parties (五华区) are offered 春城 (五华区) and the city's office, not 曲靖's; the basis is stored", async () => {
    const w = await effectiveCase(liMing, cuihu);
    const panel = notarisationPanel(loadCaseFor(liMing, w.caseId))!;
    expect(panel).toMatchObject({ mayStart: true, blocked: null });
    expect(panel.offices.map((o) => o.name).sort()).toEqual([OFFICE, "昆明市明诚公证处"].sort());
    const { handoffId } = await startNotarisation(liMing, w.caseId, orgId(OFFICE));
    // These test parties have no place on file: the dispute's place (五华区) makes the office competent.
    expect(getDb().select().from(handoffs).where(eq(handoffs.id, handoffId)).get()?.basis).toBe("纠纷发生地（事实发生地）的公证机构，当事人共同选择（公证法第二十五条、第三十七条）");
  });

  it("an office elsewhere is refused with the rule and the offices one may choose; nothing is written", async () => {
    const w = await effectiveCase(liMing, cuihu);
    const before = notarisationSnapshot();
    const events = eventsOf(w.caseId).length;
    const e = await rejects(startNotarisation(liMing, w.caseId, orgId(QUJING)), "BAD_INPUT", new RegExp(`^${QUJING}不是当事人住所地、经常居住地或纠纷发生地的公证处（公证法第二十五条）；可以选择：`));
    expect(e.field).toBe("officeId");
    expect(e.message).toContain(OFFICE);
    expect(notarisationSnapshot()).toEqual(before);
    expect(eventsOf(w.caseId)).toHaveLength(events);
  });

  it("a party who lives in 曲靖 makes 曲靖's office competent too", async () => {
    const w = await effectiveCase(liMing, cuihu);
    getDb().update(caseParties).set({ regionCode: "530302" }).where(and(eq(caseParties.caseId, w.caseId), eq(caseParties.side, "respondent"))).run();
    expect(notarisationPanel(loadCaseFor(liMing, w.caseId))!.offices.map((o) => o.name)).toContain(QUJING);
    const { handoffId } = await startNotarisation(w.respondent, w.caseId, orgId(QUJING));
    expect(getDb().select().from(handoffs).where(eq(handoffs.id, handoffId)).get()?.basis).toMatch(/^当事人住所地（经常居住地）的公证机构/);
  });

  it("with no office at any of those places the panel says so, offers none, and no application starts", async () => {
    const w = await effectiveCase(liMing, cuihu);
    getDb().update(cases).set({ regionCode: "532901" }).where(eq(cases.id, w.caseId)).run();
    getDb().update(caseParties).set({ regionCode: "532901" }).where(eq(caseParties.caseId, w.caseId)).run();
    const panel = notarisationPanel(loadCaseFor(liMing, w.caseId))!;
    expect(panel).toMatchObject({ mayStart: false, blocked: NO_OFFICE, offices: [] });
    expect(NO_OFFICE).toBe("本平台暂无当事人住所地、经常居住地或纠纷发生地的公证处（公证法第二十五条），请当事人向有权办理的公证机构申请");
    const before = notarisationSnapshot();
    await rejects(startNotarisation(liMing, w.caseId, orgId(OFFICE)), "BAD_INPUT", NO_OFFICE);
    expect(notarisationSnapshot()).toEqual(before);
  });
});
