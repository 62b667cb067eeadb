// The board must stay fast however many cases pile up: every statement it runs is checked with
// EXPLAIN QUERY PLAN on a database of 60 000 cases in every state — none may walk a whole table of
// cases, handoffs, agreements or invitations — and the sections read through the indexes meant for
// them. How fast the board answers is for `npm run bench`. The plans are printed
// (run with --reporter=verbose to read them); docs/decisions/019-dispatch-board.md discusses them.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { seed } from "../../db/seed";
import { dispatchBoard, parseBoardQuery } from "../../server/oversight/board/board";
import { captureStatements as capture, queryPlan, type Captured } from "./capture-statements";
import { PHONE, userByPhone } from "./triage-helpers";
import { orgId } from "./triage-helpers";

const N = 60_000;
const DAY = 86_400_000;
const BIG_TABLES = ["cases", "handoffs", "agreements", "invitations", "assignments", "case_parties"];

beforeAll(async () => {
  await seed();
  const client = getDb().$client;
  const filer = userByPhone(PHONE.liMing).id;
  const orgs = [orgId("翠湖社区人民调解委员会"), orgId("华山街道人民调解委员会"), orgId("五华区人民调解委员会"), orgId("拓东街道人民调解委员会")];
  const court = orgId("昆明市五华区人民法院");
  // Mostly finished cases, as in a platform that has run for years; a few percent still open.
  const statuses = ["confirmed", "notarised", "failed", "withdrawn", "refused", "transferred", "effective", "effective", "effective", "confirmed", "confirmed", "failed"];
  const open = ["awaiting_acceptance", "awaiting_consent", "mediating", "unrouted", "confirming"];
  const regions = ["530102", "530103", "530111", "530302", "530402", "532901"];
  const now = Date.now();
  const insertCase = client.prepare(
    `insert into cases (id, case_no, status, filed_by_id, org_id, mediator_id, region_code, category, risk, risk_reasons, submitted_at, accept_deadline, mediation_due, created_at, updated_at)
     values (?, ?, ?, ?, ?, null, ?, '邻里', ?, '[]', ?, ?, ?, ?, ?)`,
  );
  const insertAgreement = client.prepare(`insert into agreements (id, case_id, org_id, doc_no, status, current_version, effective_at) values (?, ?, ?, ?, 'effective', 1, ?)`);
  const insertInvitation = client.prepare(`insert into invitations (id, case_id, party_id, token_hash, code_hash, expires_at) values (?, ?, ?, ?, ?, ?)`);
  const insertParty = client.prepare(`insert into case_parties (id, case_id, side, kind, name, id_number, phone, address) values (?, ?, 'respondent', 'person', '某某', '530102199001010011', '13700000000', '昆明')`);
  const insertHandoff = client.prepare(`insert into handoffs (id, case_id, kind, target_org_id, basis, status, started_by_id, submitted_at, accept_due, decision_due) values (?, ?, 'confirmation', ?, '测试', ?, ?, ?, ?, ?)`);
  client.transaction(() => {
    for (let i = 0; i < N; i++) {
      const id = `bulk${i}`;
      const status = i % 25 === 0 ? open[(i / 25) % open.length] : statuses[i % statuses.length];
      const at = now - (i % 1500) * DAY;
      const risk = i % 17 === 0 ? "red" : i % 7 === 0 ? "yellow" : "green";
      const org = status === "unrouted" ? null : orgs[i % orgs.length];
      insertCase.run(id, `YJF2020${String(i).padStart(6, "0")}`, status, filer, org, regions[i % regions.length], risk, at, at + 3 * DAY, at + 30 * DAY, at, at);
      if (status === "effective" || status === "confirmed" || status === "confirming") insertAgreement.run(`agr${i}`, id, orgs[i % orgs.length], `XYB${i}`, at);
      if (status === "awaiting_consent") {
        insertParty.run(`p${i}`, id);
        insertInvitation.run(`inv${i}`, id, `p${i}`, `t${i}`, `c${i}`, at + 7 * DAY);
      }
      if (status === "confirming" || (status === "confirmed" && i % 3 === 0))
        insertHandoff.run(`h${i}`, id, court, status === "confirming" ? (i % 2 ? "submitted" : "accepted") : "decided", filer, at, at + 3 * DAY, at + 15 * DAY);
    }
  })();
}, 120_000);

describe("the board's queries at scale", () => {
  it(`no statement walks a whole big table (${N} cases)`, () => {
    const client = getDb().$client;
    const dispatcher = userByPhone(PHONE.dispatcher);
    const q = parseBoardQuery(new URLSearchParams("within=3d&riskPage=2&duePage=2&queuePage=2"));
    const statements = capture(client, () => dispatchBoard(dispatcher, q));
    expect(statements.length).toBeGreaterThan(5);
    const scans: string[] = [];
    const report: string[] = [];
    for (const s of statements) {
      const plan = queryPlan(client, s);
      const stmt = client.prepare(s.sql);
      let best = Infinity;
      for (let i = 0; i < 3; i++) {
        const t = performance.now();
        if (stmt.reader) stmt.all(...(s.params as never[]));
        best = Math.min(best, performance.now() - t);
      }
      report.push(`${best.toFixed(2)} ms  ${s.sql.replace(/\s+/g, " ").slice(0, 150)}\n    ${plan.join("\n    ")}`);
      for (const p of plan) if (BIG_TABLES.some((t) => new RegExp(`^SCAN ${t}\\b`).test(p))) scans.push(`${p} ← ${s.sql.slice(0, 200)}`);
    }
    console.log(report.join("\n"));
    expect(scans).toEqual([]);
    expect(dispatchBoard(dispatcher, q).risk.total).toBeGreaterThan(0);
  }, 60_000);

  it("the 司法确认 window's query walks a range of agreements_effective_idx (status, effective_at), not every effective case", () => {
    const client = getDb().$client;
    const dispatcher = userByPhone(PHONE.dispatcher);
    const q = parseBoardQuery(new URLSearchParams("within=3d"));
    const s = capture(client, () => dispatchBoard(dispatcher, q)).find((x) => x.sql.includes('"agreements"."effective_at" >='))!;
    const plan = queryPlan(client, s);
    expect(plan[0]).toMatch(/^SEARCH agreements USING INDEX agreements_effective_idx \(status=\? AND effective_at>\? AND effective_at<\?\)/);
  });

  it("the red/yellow section counts and sorts from cases_board_risk_idx alone, and the mediation deadlines walk cases_mediation_due_idx", () => {
    const client = getDb().$client;
    const dispatcher = userByPhone(PHONE.dispatcher);
    const statements = capture(client, () => dispatchBoard(dispatcher, parseBoardQuery(new URLSearchParams("within=3d"))));
    const planOf = (s: Captured) => queryPlan(client, s).join("\n");
    const risk = statements.filter((s) => s.sql.includes('"cases"."risk" in'));
    expect(risk.length).toBe(2); // the page and its count
    for (const s of risk) expect(planOf(s)).toMatch(/USING COVERING INDEX cases_board_risk_idx/);
    const due = statements.filter((s) => s.sql.includes('"cases"."mediation_due" <='));
    expect(due.length).toBe(2);
    for (const s of due) expect(planOf(s)).toMatch(/USING (COVERING )?INDEX cases_mediation_due_idx \(status=\? AND mediation_due<\?\)/);
  });
});
