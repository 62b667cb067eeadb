// A citizen's own list over more than one page: newest first, twenty a page, every case once,
// each row with its applicant, organisation and mediator (read by id after the page is chosen).
import { beforeAll, describe, expect, it } from "vitest";
import { seed } from "../../db/seed";
import type { SessionUser } from "../../server/auth/session";
import { CASES_PAGE_SIZE, listCases } from "../../server/cases/queries";
import { caseRow, fileCase, PHONE, userByPhone } from "./triage-helpers";

const FILED = 25;
let zhao: SessionUser;
const filed: string[] = []; // oldest first

beforeAll(async () => {
  await seed();
  zhao = userByPhone(PHONE.zhaoDawei);
  const start = Date.parse("2026-10-12T02:00:00Z");
  for (let i = 0; i < FILED; i++) filed.push((await fileCase(zhao, undefined, new Date(start + i * 3_600_000))).caseId);
}, 60_000);

describe("a party's case list", () => {
  it("shows the newest twenty first and the other five on page 2, each case once", () => {
    const p1 = listCases(zhao, { scope: "mine" });
    const p2 = listCases(zhao, { scope: "mine", page: 2 });
    expect(p1).toMatchObject({ total: FILED, pages: 2, page: 1 });
    expect(p1.rows.map((r) => r.id)).toEqual(filed.slice(-CASES_PAGE_SIZE).reverse());
    expect(p2.rows.map((r) => r.id)).toEqual(filed.slice(0, FILED - CASES_PAGE_SIZE).reverse());
  });

  it("gives each row its applicant, organisation, mediator and status words, and hides the risk grade from the party", () => {
    const [row] = listCases(zhao, { scope: "mine" }).rows;
    const c = caseRow(row.id);
    expect(row.applicant).toBe(zhao.name);
    expect(row.orgName).toBeTruthy();
    expect(row.mediatorName).toBeTruthy();
    expect(row.status).toBe(c.status);
    expect(row.statusText).toBeTruthy();
    expect(row.risk).toBeNull();
  });

  it("a page past the end is empty and says how many pages there are", () => {
    expect(listCases(zhao, { scope: "mine", page: 9 })).toMatchObject({ rows: [], total: FILED, pages: 2 });
  });
});
