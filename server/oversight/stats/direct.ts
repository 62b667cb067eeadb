// The precomputed tables worked out afresh from the cases, agreements, instalments and ratings
// themselves, in TypeScript rather than SQL: the integration tests compare the two after real case
// flows, so a trigger that misses a change shows up. Reads every row: for tests and repairs only.
import { getDb, type Db } from "../../../db/client";
import { daysBetween, handoffOf, mediationOutcome, monthOf, paidOnTime } from "./definitions";
import type { CaseStatus } from "../../../app/lib/case-enums";

export type Tables = {
  cells: Record<string, Record<string, number>>;
  days: Record<string, number>;
  instalments: Record<string, Record<string, number>>;
  ratings: Record<string, Record<string, number>>;
};

const CELL_COLUMNS = ["filed", "open", "agreed", "success", "failure", "ended", "confirmed", "notarised", "pending"] as const;

function bump(map: Record<string, Record<string, number>>, key: string, add: Record<string, number>) {
  const row = (map[key] ??= {});
  for (const [k, v] of Object.entries(add)) row[k] = (row[k] ?? 0) + v;
}

/** Drops rows whose counts are all zero: the triggers leave such rows behind when cases move on. */
function nonZero<T extends Record<string, number>>(map: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(map).filter(([, row]) => Object.values(row).some((v) => v !== 0)));
}

export function directTables(db: Db = getDb()): Tables {
  const c = db.$client;
  const liveAgreement = new Map(
    (c.prepare("select case_id, effective_at from agreements where status <> 'superseded'").all() as { case_id: string; effective_at: number | null }[]).map((a) => [a.case_id, a.effective_at]),
  );
  const out: Tables = { cells: {}, days: {}, instalments: {}, ratings: {} };
  const rows = c
    .prepare("select id, status, submitted_at, ended_at, region_code, org_id, category, kind from cases where status <> 'draft' and submitted_at is not null")
    .all() as { id: string; status: CaseStatus; submitted_at: number; ended_at: number | null; region_code: string | null; org_id: string | null; category: string | null; kind: string | null }[];
  for (const r of rows) {
    const month = monthOf(r.submitted_at);
    const where = [month, r.region_code ?? "", r.org_id ?? ""];
    const { stage, closedAt } = mediationOutcome({ status: r.status, endedAt: r.ended_at, effectiveAt: liveAgreement.get(r.id) ?? null });
    const handoff = handoffOf(r.status);
    bump(out.cells, [...where, r.category ?? "", r.kind ?? ""].join("|"), {
      filed: 1,
      open: +(stage === "open"),
      agreed: +(stage === "agreed"),
      success: +(stage === "success"),
      failure: +(stage === "failure"),
      ended: +(stage === "ended"),
      confirmed: +(handoff === "confirmed"),
      notarised: +(handoff === "notarised"),
      pending: +(handoff === "pending"),
    });
    if (closedAt !== null) {
      const key = [...where, daysBetween(r.submitted_at, closedAt)].join("|");
      out.days[key] = (out.days[key] ?? 0) + 1;
    }
  }
  const inst = c
    .prepare(
      `select i.due_date, i.paid_at, c.region_code, a.org_id from instalments i join agreements a on a.id = i.agreement_id join cases c on c.id = i.case_id
       where a.status <> 'superseded'`,
    )
    .all() as { due_date: string; paid_at: number | null; region_code: string | null; org_id: string }[];
  for (const i of inst)
    bump(out.instalments, [i.due_date, i.region_code ?? "", i.org_id].join("|"), { total: 1, paid: +(i.paid_at !== null), onTime: +paidOnTime(i.due_date, i.paid_at) });
  const rs = c
    .prepare("select r.created_at, r.org_id, c.region_code, r.mediator_score, r.process_score, r.outcome_score from ratings r join cases c on c.id = r.case_id")
    .all() as { created_at: number; org_id: string | null; region_code: string | null; mediator_score: number; process_score: number; outcome_score: number }[];
  for (const r of rs)
    bump(out.ratings, [monthOf(r.created_at), r.region_code ?? "", r.org_id ?? ""].join("|"), { n: 1, mediatorSum: r.mediator_score, processSum: r.process_score, outcomeSum: r.outcome_score });
  return { cells: out.cells, days: out.days, instalments: out.instalments, ratings: out.ratings };
}

/** The precomputed tables as they stand, in the same shape, rows of zeros left out. */
export function precomputedTables(db: Db = getDb()): Tables {
  const c = db.$client;
  const cells: Tables["cells"] = {};
  for (const r of c.prepare("select * from stats_cells").all() as Record<string, string | number>[])
    cells[[r.month, r.region_code, r.org_id, r.category, r.kind].join("|")] = Object.fromEntries(CELL_COLUMNS.map((k) => [k, Number(r[k])]));
  const days: Tables["days"] = {};
  for (const r of c.prepare("select * from stats_days where n <> 0").all() as { month: string; region_code: string; org_id: string; days: number; n: number }[])
    days[[r.month, r.region_code, r.org_id, r.days].join("|")] = r.n;
  const instalments: Tables["instalments"] = {};
  for (const r of c.prepare("select * from stats_instalments").all() as { due_date: string; region_code: string; org_id: string; total: number; paid: number; on_time: number }[])
    instalments[[r.due_date, r.region_code, r.org_id].join("|")] = { total: r.total, paid: r.paid, onTime: r.on_time };
  const ratings: Tables["ratings"] = {};
  for (const r of c.prepare("select * from stats_ratings").all() as { month: string; region_code: string; org_id: string; n: number; mediator_sum: number; process_sum: number; outcome_sum: number }[])
    ratings[[r.month, r.region_code, r.org_id].join("|")] = { n: r.n, mediatorSum: r.mediator_sum, processSum: r.process_sum, outcomeSum: r.outcome_sum };
  return { cells: nonZero(cells), days, instalments: nonZero(instalments), ratings: nonZero(ratings) };
}
