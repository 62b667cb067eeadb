// Fills the benchmark database: the demo world (db/seed.ts) plus N cases (default 1 000 000) with
// their parties, timeline, assignments and notifications, written with raw prepared statements
// in big transactions and with the secondary indexes built afterwards (a sorted build is several
// times faster than keeping them up to date row by row). The result is cached in
// tests/bench/.data/ and reused while FILL_VERSION and the size match.
//   node --import tsx tests/bench/fill.ts [cases]
import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { openDb } from "../../db/client";
import { DEMO_PASSWORD, seed } from "../../db/seed";
import { addCases, type World } from "./fill-cases";
import { COUNTIES, personName, residentId, rng, type Rng } from "./world";

/** Bump when the generated data changes shape: cached databases of another version are refilled. */
export const FILL_VERSION = 3;
export const DATA_DIR = path.resolve("tests/bench/.data");
/** Citizens who file through the API during the run: they start with no cases of their own. */
export const API_FILERS = 64;
export const apiFilerPhone = (j: number) => String(13600000000 + j);
export { DEMO_PASSWORD };

export type FillResult = { file: string; cases: number; filledAt: number; seconds: number; reused: boolean };
type JournalEntry = { tag: string; when: number };
type Meta = { version: number; cases: number; filledAt: number; seconds: number; migrations: JournalEntry[] };

function migrationsJournal(): JournalEntry[] {
  const journal = JSON.parse(fs.readFileSync(path.resolve("migrations/meta/_journal.json"), "utf8")) as { entries: JournalEntry[] };
  return journal.entries.map(({ tag, when }) => ({ tag, when }));
}

const MEDIATION_TYPES = ["people_committee", "administrative", "court_invited", "lawyer_studio"];
const TABLES = ["users", "cases", "case_parties", "case_events", "assignments", "notifications"];

function removeDb(file: string) {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
}

/** The cached database for `cases` cases, filled first if missing or stale. */
export async function ensureFilled(cases = 1_000_000, log: (s: string) => void = console.log): Promise<FillResult> {
  fs.mkdirSync(DATA_DIR, { recursive: true });
  const file = path.join(DATA_DIR, `bench-${cases}.db`);
  const metaFile = `${file}.json`;
  const meta = fs.existsSync(metaFile) && fs.existsSync(file) ? (JSON.parse(fs.readFileSync(metaFile, "utf8")) as Meta) : null;
  const current = migrationsJournal();
  // Migrations added since the fill are fine: the server applies them to each run's copy. One
  // that was applied at fill time and has changed since (regenerated) means filling again.
  const stillValid = meta?.migrations?.every((m) => current.some((c) => c.tag === m.tag && c.when === m.when));
  if (meta && meta.version === FILL_VERSION && meta.cases === cases && stillValid)
    return { file, cases, filledAt: meta.filledAt, seconds: meta.seconds, reused: true };
  if (meta && !stillValid) log("the migrations changed since the last fill: filling again");
  const started = performance.now();
  removeDb(file);
  fs.rmSync(metaFile, { force: true });
  log(`filling ${file} with ${cases.toLocaleString("en")} cases…`);

  const db = openDb(file);
  await seed(db);
  db.$client.close();

  const sqlite = new Database(file);
  // A throw-away file built in one go: journal in memory (better-sqlite3's defensive mode refuses
  // OFF, and WAL would write every page twice), no fsync, a large cache.
  sqlite.pragma("journal_mode = DELETE");
  sqlite.pragma("journal_mode = MEMORY");
  sqlite.pragma("synchronous = OFF");
  sqlite.pragma("locking_mode = EXCLUSIVE");
  sqlite.pragma("cache_size = -2000000");
  sqlite.pragma("temp_store = MEMORY");
  sqlite.pragma("foreign_keys = OFF");
  const indexes = sqlite
    .prepare(`select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${TABLES.map(() => "?").join(",")})`)
    .all(...TABLES) as { name: string; sql: string }[];
  for (const ix of indexes) sqlite.exec(`drop index "${ix.name}"`);

  const filledAt = Date.now();
  const r = rng(20260101 + cases);
  const world = buildWorld(sqlite, r, cases);
  const rows = addCases(sqlite, world, r, cases, filledAt, (done) => log(`  ${done.toLocaleString("en")} cases (${((performance.now() - started) / 1000).toFixed(0)} s)`));

  const ixStarted = performance.now();
  for (const ix of indexes) sqlite.exec(ix.sql);
  log(`  ${indexes.length} indexes rebuilt in ${((performance.now() - ixStarted) / 1000).toFixed(1)} s`);
  sqlite.pragma("locking_mode = NORMAL");
  sqlite.pragma("journal_mode = WAL");
  sqlite.close();

  const seconds = (performance.now() - started) / 1000;
  fs.writeFileSync(metaFile, JSON.stringify({ version: FILL_VERSION, cases, filledAt, seconds, migrations: current } satisfies Meta, null, 2));
  log(`filled ${rows.toLocaleString("en")} rows in ${seconds.toFixed(1)} s (${Math.round(rows / seconds).toLocaleString("en")} rows/s)`);
  return { file, cases, filledAt, seconds, reused: false };
}

/**
 * A fresh copy of the filled database for one run, so every run starts from the same N cases.
 * Acceptance deadlines and mediation time limits are moved forward by the time since the fill:
 * otherwise the minute sweeper would start reassigning and warning mid-run, which is not what
 * this measures.
 */
export function prepareRunDb(fill: FillResult, runFile: string): void {
  removeDb(runFile);
  fs.copyFileSync(fill.file, runFile, fs.constants.COPYFILE_FICLONE);
  const shift = Date.now() - fill.filledAt;
  const sqlite = new Database(runFile);
  sqlite.pragma("journal_mode = WAL");
  sqlite.prepare("update cases set accept_deadline = accept_deadline + ? where status = 'awaiting_acceptance'").run(shift);
  sqlite.prepare("update assignments set deadline = deadline + ? where state = 'pending'").run(shift);
  sqlite.prepare("update cases set mediation_due = mediation_due + ?, due_warned_at = due_warned_at + ? where status = 'mediating'").run(shift, shift);
  sqlite.close();
}

function buildWorld(sqlite: Database.Database, r: Rng, cases: number): World {
  const orgs = sqlite.prepare("select id, name, type, region_code as regionCode, area_code as areaCode, categories from organisations").all() as {
    id: string;
    name: string;
    type: string;
    regionCode: string;
    areaCode: string | null;
    categories: string;
  }[];
  const userByPhone = (phone: string) => sqlite.prepare("select id, name, id_number as idNumber, phone from users where phone = ?").get(phone) as World["demoParty"];
  const passwordHash = (sqlite.prepare("select password_hash as h from users where phone = '13900000001'").get() as { h: string }).h;
  const mediators = new Map<string, { id: string; name: string }[]>();
  for (const m of sqlite
    .prepare("select m.org_id as orgId, u.id, u.name from memberships m join users u on u.id = m.user_id where u.role = 'mediator'")
    .all() as { orgId: string; id: string; name: string }[]) {
    mediators.set(m.orgId, [...(mediators.get(m.orgId) ?? []), { id: m.id, name: m.name }]);
  }

  const insertUser = sqlite.prepare("insert into users (id, name, id_number, phone, password_hash, role, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)");
  const insertMember = sqlite.prepare("insert into memberships (id, user_id, org_id, role, created_at) values (?, ?, ?, 'member', ?)");
  const t0 = Date.now() - 800 * 86_400_000;
  const citizens: World["citizens"] = [];
  sqlite.transaction(() => {
    // Three more mediators in every mediation organisation: a million cases need more than the
    // demo's ten, and 李桂芬 then shares 翠湖's cases with colleagues, as she would.
    let m = 0;
    for (const o of orgs.filter((o) => MEDIATION_TYPES.includes(o.type))) {
      for (let k = 0; k < 3; k++, m++) {
        const u = { id: r.id(), name: personName(r) };
        insertUser.run(u.id, u.name, residentId(o.regionCode, 900_000 + m), String(13700000000 + m), passwordHash, "mediator", t0, t0);
        insertMember.run(r.id(), u.id, o.id, t0);
        mediators.set(o.id, [...(mediators.get(o.id) ?? []), u]);
      }
    }
    const n = Math.max(1000, Math.round(cases / 20));
    for (let k = 0; k < n; k++) {
      const county = COUNTIES[k % COUNTIES.length];
      const c = { id: r.id(), name: personName(r), idNumber: residentId(county.code, k), phone: String(13500000000 + k), county };
      insertUser.run(c.id, c.name, c.idNumber, c.phone, passwordHash, "party", t0, t0);
      citizens.push(c);
    }
    for (let j = 0; j < API_FILERS; j++)
      insertUser.run(r.id(), personName(r), residentId("530102", 800_000 + j), apiFilerPhone(j), passwordHash, "party", t0, t0);
  })();

  const orgByName = (name: string) => orgs.find((o) => o.name === name)!;
  return {
    orgs: orgs
      .filter((o) => MEDIATION_TYPES.includes(o.type))
      .map((o) => ({ ...o, categories: JSON.parse(o.categories) as string[], mediators: mediators.get(o.id) ?? [] })),
    citizens,
    demoParty: userByPhone("13900000001"),
    judge: userByPhone("13800000301"),
    lawyer: userByPhone("13800000201"),
    dispatcher: userByPhone("13800000010"),
    court: orgByName("昆明市五华区人民法院"),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const n = Number(process.argv[2] ?? process.env.BENCH_CASES ?? 1_000_000);
  const r = await ensureFilled(n);
  console.log(r.reused ? `reusing ${r.file} (filled in ${r.seconds.toFixed(1)} s)` : `done: ${r.file}`);
}
