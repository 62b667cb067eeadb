// The statistics benchmark's database: a copy of the million-case fill (tests/bench/fill.ts),
// migrated (so 0011_stats backfills its tables from a million cases, as it would in production),
// then carried on through 裁 the way the pipeline moves cases: three quarters of the older agreed
// cases get an effective agreement (some then confirmed by a court, notarised, under way or
// rejected), half of those a payment schedule paid mostly on time, two in five failed cases are
// transferred, and about a third of finished mediations are rated. Written with raw statements
// with the triggers on, so the tables are kept the way they are kept in production. Cached in
// tests/bench/.data/ beside the fill, and rebuilt when the fill, the migrations or this file's
// version change.
import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { openDb } from "../../db/client";
import { DATA_DIR, type FillResult } from "./fill";
import { rng } from "./world";

export const STATS_FILL_VERSION = 1;
const DAY = 86_400_000;

type Meta = { version: number; fill: { file: string; filledAt: number }; migrations: string[]; seconds: number; rows: Record<string, number> };
export type StatsDb = { file: string; reused: boolean; seconds: number; rows: Record<string, number> };

const chinaDate = (t: number) => new Date(t + 8 * 3_600_000).toISOString().slice(0, 10);
const migrationTags = () => (JSON.parse(fs.readFileSync(path.resolve("migrations/meta/_journal.json"), "utf8")) as { entries: { tag: string; when: number }[] }).entries.map((e) => `${e.tag}@${e.when}`);

function removeDb(file: string) {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
}

export function ensureStatsDb(fill: FillResult, log: (s: string) => void): StatsDb {
  const file = path.join(DATA_DIR, `stats-${fill.cases}.db`);
  const metaFile = `${file}.json`;
  const meta = fs.existsSync(metaFile) && fs.existsSync(file) ? (JSON.parse(fs.readFileSync(metaFile, "utf8")) as Meta) : null;
  const tags = migrationTags();
  if (
    meta &&
    meta.version === STATS_FILL_VERSION &&
    meta.fill.file === fill.file &&
    meta.fill.filledAt === fill.filledAt &&
    meta.migrations.every((t) => tags.includes(t))
  )
    return { file, reused: true, seconds: meta.seconds, rows: meta.rows };

  const started = performance.now();
  removeDb(file);
  fs.rmSync(metaFile, { force: true });
  fs.copyFileSync(fill.file, file, fs.constants.COPYFILE_FICLONE);
  log(`statistics database: migrating a copy of the fill (0011_stats backfills from ${fill.cases.toLocaleString("en")} cases)…`);
  const m0 = performance.now();
  openDb(file).$client.close();
  log(`  migrated in ${((performance.now() - m0) / 1000).toFixed(1)} s`);

  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = OFF");
  sqlite.pragma("cache_size = -1000000");
  const rows = carryOn(sqlite, fill, log);
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.close();
  const seconds = (performance.now() - started) / 1000;
  fs.writeFileSync(metaFile, JSON.stringify({ version: STATS_FILL_VERSION, fill: { file: fill.file, filledAt: fill.filledAt }, migrations: tags, seconds, rows } satisfies Meta, null, 2));
  log(`  done in ${seconds.toFixed(1)} s: ${Object.entries(rows).map(([k, v]) => `${v.toLocaleString("en")} ${k}`).join(", ")}`);
  return { file, reused: false, seconds, rows };
}

type Agreed = { id: string; org_id: string; submitted_at: number; updated_at: number; applicant: string; user_id: string };

function carryOn(sqlite: Database.Database, fill: FillResult, log: (s: string) => void): Record<string, number> {
  const r = rng(7_000_000 + fill.cases);
  const now = fill.filledAt;
  const agreed = sqlite
    .prepare(
      `select c.id, c.org_id, c.submitted_at, c.updated_at, p.id as applicant, p.user_id from cases c
       join case_parties p on p.case_id = c.id and p.side = 'applicant'
       where c.status = 'agreed' and c.updated_at < ? order by c.submitted_at`,
    )
    .all(now - 10 * DAY) as Agreed[];
  const failed = sqlite
    .prepare(
      `select c.id, c.org_id, c.submitted_at, c.ended_at as updated_at, p.id as applicant, p.user_id from cases c
       join case_parties p on p.case_id = c.id and p.side = 'applicant' where c.status = 'failed' order by c.submitted_at`,
    )
    .all() as Agreed[];

  const insAgreement = sqlite.prepare(
    `insert into agreements (id, case_id, org_id, doc_no, status, current_version, effective_at, created_at, updated_at) values (?, ?, ?, ?, 'effective', 1, ?, ?, ?)`,
  );
  const setStatus = sqlite.prepare("update cases set status = ?, version = version + 1, updated_at = ? where id = ?");
  const insInstalment = sqlite.prepare(
    `insert into instalments (id, case_id, agreement_id, seq, due_date, amount_fen, payer_party_id, payee_party_id, paid_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const respondentOf = sqlite.prepare("select id from case_parties where case_id = ? and side = 'respondent'").pluck();
  const insRating = sqlite.prepare(
    `insert into ratings (id, case_id, party_id, user_id, mediator_id, org_id, mediator_score, process_score, outcome_score, comment, created_at)
     values (?, ?, ?, ?, (select mediator_id from cases where id = ?), ?, ?, ?, ?, null, ?)`,
  );
  const seq = new Map<number, number>();
  const counts = { agreements: 0, instalments: 0, ratings: 0, transferred: 0 };
  // Scores lean high, as they do in practice (常德, Yunnan: most parties satisfied).
  const score = (good: boolean) => (good ? r.weighted([[5, 55], [4, 30], [3, 10], [2, 3], [1, 2]]) : r.weighted([[5, 10], [4, 20], [3, 35], [2, 20], [1, 15]]));
  const rate = (c: Agreed, at: number, good: boolean) => {
    if (r.next() >= 0.35 || !c.user_id) return;
    insRating.run(r.id(), c.id, c.applicant, c.user_id, c.id, c.org_id, score(good), score(good), score(good), Math.min(now, at + r.int(10) * DAY));
    counts.ratings++;
  };

  const t0 = performance.now();
  sqlite.transaction(() => {
    for (const c of agreed) {
      if (r.next() >= 0.75) continue; // the rest are still being signed
      const effectiveAt = Math.min(now - DAY, c.updated_at + (1 + r.int(5)) * DAY);
      const year = new Date(effectiveAt + 8 * 3_600_000).getUTCFullYear();
      const n = (seq.get(year) ?? 0) + 1;
      seq.set(year, n);
      const agreementId = r.id();
      insAgreement.run(agreementId, c.id, c.org_id, `XY${year}${String(n).padStart(6, "0")}`, effectiveAt, c.updated_at, effectiveAt);
      counts.agreements++;
      const age = now - effectiveAt;
      const next = r.weighted([["effective", 50], ["confirmed", 30], ["notarised", 8], ["confirm_rejected", 3], ...(age < 30 * DAY ? ([["confirming", 5], ["notarising", 4]] as const) : [])] as const);
      setStatus.run(next, effectiveAt, c.id);
      if (r.next() < 0.5) {
        const respondent = respondentOf.get(c.id) as string;
        const parts = 1 + r.int(4);
        for (let k = 1; k <= parts; k++) {
          const due = effectiveAt + k * 30 * DAY;
          const x = r.next();
          // Mostly paid on time; some late; some not (yet) at all.
          const paidAt = due > now ? (x < 0.2 ? now - r.int(5) * DAY : null) : x < 0.86 ? due - r.int(5) * DAY : x < 0.94 ? Math.min(now, due + (1 + r.int(20)) * DAY) : null;
          insInstalment.run(r.id(), c.id, agreementId, k, chinaDate(due), (1 + r.int(50)) * 100_000, respondent, c.applicant, paidAt);
          counts.instalments++;
        }
      }
      rate(c, effectiveAt, true);
    }
    for (const c of failed) {
      if (r.next() < 0.4) {
        setStatus.run("transferred", Math.min(now, c.updated_at + 3 * DAY), c.id);
        counts.transferred++;
      }
      rate(c, c.updated_at, false);
    }
  })();
  log(`  carried ${counts.agreements.toLocaleString("en")} agreements on through 裁 in ${((performance.now() - t0) / 1000).toFixed(1)} s (triggers on)`);
  return counts;
}
