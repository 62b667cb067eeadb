// org_loads (per-organisation open cases, kept by triggers) must always equal counting the cases
// themselves: checked after filings, acceptances, declines, hand assignment, withdrawals, consent,
// the end of mediation and deletion.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { cases } from "../../db/schema";
import { seed } from "../../db/seed";
import type { SessionUser } from "../../server/auth/session";
import { acceptCase, assignByHand, declineCase, withdrawCase } from "../../server/triage/decisions";
import { reachAgreement } from "./agreement-helpers";
import { citizenInput, fileCase, inMediation, ORG, orgId, PHONE, userByPhone } from "./triage-helpers";

let liMing: SessionUser;
let cuihu: SessionUser;

beforeAll(async () => {
  await seed();
  liMing = userByPhone(PHONE.liMing);
  cuihu = userByPhone(PHONE.cuihu);
});

function counted(): Record<string, number> {
  const rows = getDb().all<{ org_id: string; n: number }>(
    sql`select org_id, count(*) as n from cases where org_id is not null and status in ('awaiting_acceptance','awaiting_consent','mediating') group by org_id`,
  );
  return Object.fromEntries(rows.map((r) => [r.org_id, r.n]));
}

function kept(): Record<string, number> {
  const rows = getDb().all<{ org_id: string; open_cases: number }>(sql`select org_id, open_cases from org_loads where open_cases <> 0`);
  return Object.fromEntries(rows.map((r) => [r.org_id, r.open_cases]));
}

describe("org_loads", () => {
  it("follows every change of status and organisation", async () => {
    expect(kept()).toEqual(counted());
    const a = await fileCase(liMing, citizenInput());
    expect(kept()).toEqual(counted());
    expect(kept()[orgId(ORG.cuihu)]).toBe(1);

    await declineCase(cuihu, a.caseId, "本人近期外出培训，无法及时调解"); // → the next organisation
    expect(kept()).toEqual(counted());

    const b = await fileCase(liMing, citizenInput());
    await assignByHand(userByPhone(PHONE.dispatcher), b.caseId, { orgId: orgId(ORG.wuhua), reason: "案情复杂，交区级调委会" });
    expect(kept()).toEqual(counted());
    await withdrawCase(liMing, b.caseId, "已与对方自行和解");
    expect(kept()).toEqual(counted());

    const { caseId } = await inMediation(liMing, cuihu); // accepted, consented: still open
    expect(kept()).toEqual(counted());
    await reachAgreement(cuihu, caseId); // agreed: no longer counts
    expect(kept()).toEqual(counted());

    const c = await fileCase(liMing, citizenInput());
    await acceptCase(cuihu, c.caseId, { conflict: "none" });
    getDb().delete(cases).where(sql`${cases.id} = ${c.caseId}`).run();
    expect(kept()).toEqual(counted());
  });
});
