// The 分流员's queue holds the cases still in triage or mediation. A case that moved on to 裁 —
// with a court for 司法确认, with a notary, confirmed, rejected, notarised or transferred — is done
// as far as the 矛调中心 is concerned and leaves the queue like any other finished case. The queue's
// condition is repeated literally in the partial index cases_queue_idx (so SQLite can use it): the
// index must hold exactly the in-progress statuses, and the queue's query must use it.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { CASE_STATUSES, type CaseStatus } from "~/lib/case-enums";
import { getDb } from "../../db/client";
import { cases } from "../../db/schema";
import { seed } from "../../db/seed";
import type { SessionUser } from "../../server/auth/session";
import { listCases } from "../../server/cases/queries";
import { captureStatements as capture, queryPlan } from "./capture-statements";
import { inMediation, PHONE, userByPhone } from "./triage-helpers";

/** The statuses in which a case is still the 矛调中心's business. */
const IN_PROGRESS: CaseStatus[] = ["unrouted", "awaiting_acceptance", "awaiting_consent", "mediating"];
const HANDOFF: CaseStatus[] = ["confirming", "confirmed", "confirm_rejected", "notarising", "notarised", "transferred"];

let liMing: SessionUser;
let cuihu: SessionUser;
let dispatcher: SessionUser;

beforeAll(async () => {
  await seed();
  liMing = userByPhone(PHONE.liMing);
  cuihu = userByPhone(PHONE.cuihu);
  dispatcher = userByPhone(PHONE.dispatcher);
});

function queueIds(): string[] {
  const out: string[] = [];
  for (let page = 1; ; page++) {
    const r = listCases(dispatcher, { scope: "queue", page });
    out.push(...r.rows.map((x) => x.id));
    if (page >= r.pages) return out;
  }
}

describe("the dispatcher's queue: only cases still in triage or mediation", () => {
  it.each(HANDOFF)("a case in 裁 (%s) is no longer in the 分流员's queue", async (status) => {
    const w = await inMediation(liMing, cuihu);
    expect(queueIds()).toContain(w.caseId);
    getDb().update(cases).set({ status }).where(eq(cases.id, w.caseId)).run();
    expect(queueIds()).not.toContain(w.caseId);
    // Asking for that status explicitly does not bring it back into the queue either.
    expect(listCases(dispatcher, { scope: "queue", status }).rows.map((r) => r.id)).not.toContain(w.caseId);
  });

  it("the partial index cases_queue_idx holds exactly the in-progress statuses", () => {
    const row = getDb().$client.prepare("select sql from sqlite_master where type = 'index' and name = 'cases_queue_idx'").get() as { sql: string };
    const list = /not in \(([^)]*)\)/.exec(row.sql)?.[1] ?? "";
    const excluded = [...list.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]).sort();
    expect(excluded).toEqual(CASE_STATUSES.filter((s) => !IN_PROGRESS.includes(s)).sort());
  });

  it("the queue's query uses cases_queue_idx (its condition is the index's, word for word)", () => {
    const client = getDb().$client;
    const seen = capture(client, () => listCases(dispatcher, { scope: "queue" }));
    // The page's ids and the count carry the queue's condition; the details are then read by id.
    const plans = seen
      .filter((s) => /from "cases"/.test(s.sql) && s.sql.includes("not in ('draft'"))
      .map((s) => queryPlan(client, s).join("\n"));
    expect(plans.length).toBe(2);
    for (const plan of plans) expect(plan).toContain("cases_queue_idx");
  });
});
