// The cases of the benchmark database, oldest first, with what a real case carries: two parties,
// its timeline, the assignment and the notifications. Statuses follow the case's age the way the
// pipeline moves them: the last few days are still being routed, accepted or consented to, the
// last month is in mediation (within its time limit), older cases have an outcome: agreed (where
// they stay until agreements are signed), failed, refused, unanswered or withdrawn.
import type Database from "better-sqlite3";
import type { Category } from "../../app/lib/categories";
import { COUNTIES, CATEGORY_WEIGHTS, address, facts, personName, residentId, risk, type County, type Rng } from "./world";

type Person = { id: string; name: string; idNumber: string; phone: string };
type Org = { id: string; name: string; type: string; regionCode: string; categories: string[]; mediators: { id: string; name: string }[] };
export type World = {
  orgs: Org[];
  citizens: (Person & { county: County })[];
  demoParty: Person;
  judge: Person;
  lawyer: Person;
  dispatcher: Person;
  court: { id: string };
};

const DAY = 86_400_000;
const SPAN_DAYS = 730;
const BATCH = 25_000;

type Status = "unrouted" | "awaiting_acceptance" | "awaiting_consent" | "mediating" | "agreed" | "failed" | "refused" | "consent_expired" | "withdrawn";
const RECENT: [Status, number][] = [["unrouted", 8], ["awaiting_acceptance", 42], ["awaiting_consent", 38], ["withdrawn", 6], ["refused", 6]];
const IN_MEDIATION: [Status, number][] = [["mediating", 70], ["agreed", 10], ["refused", 10], ["consent_expired", 5], ["withdrawn", 5]];
const OUTCOME: [Status, number][] = [["agreed", 45], ["failed", 15], ["refused", 15], ["consent_expired", 10], ["withdrawn", 15]];
const FAIL_REASONS = ["too_far_apart", "party_quits", "unreachable", "settled_privately", "time_limit"];
const KIND: Record<string, string> = { people_committee: "people", administrative: "administrative", court_invited: "judicial", lawyer_studio: "lawyer" };
// Categories with a statutory body of their own (routing.ts STATUTORY) and that body's name.
const SECTOR_ORG: Partial<Record<Category, string>> = {
  道路交通事故: "五华交警大队道路交通事故调解室",
  消费: "五华区市场监管局消费纠纷调解室",
  医疗: "五华区医疗纠纷人民调解委员会",
  劳动争议: "五华区劳动人事争议调解中心",
};

const yearOf = (t: number) => new Date(t + 8 * 3600_000).getUTCFullYear();

/** Writes `n` cases; returns the number of rows written. */
export function addCases(sqlite: Database.Database, w: World, r: Rng, n: number, now: number, progress: (done: number) => void): number {
  const insCase = sqlite.prepare(
    `insert into cases (id, case_no, status, version, source, kind_preference, kind, category, region_code, area_code, address, facts, claims, amount_fen,
      risk, risk_reasons, filed_by_id, org_id, mediator_id, court_id, court_case_no, routing_reason, accept_deadline, accepted_at,
      mediation_due, mediation_due_rule, due_warned_at, fail_reason, submitted_at, ended_at, created_at, updated_at)
      values (?, ?, ?, ?, ?, 'auto', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insParty = sqlite.prepare(
    `insert into case_parties (id, case_id, side, kind, name, id_number, phone, address, region_code, user_id, agent_user_id, consent, consent_at, created_at)
      values (?, ?, ?, 'person', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insEvent = sqlite.prepare(
    `insert into case_events (case_id, at, actor_id, actor_label, type, from_status, to_status, summary, reason, visibility) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insAssignment = sqlite.prepare(
    `insert into assignments (id, case_id, org_id, mediator_id, state, assigned_at, deadline, decided_at) values (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insNote = sqlite.prepare(`insert into notifications (user_id, case_id, title, body, link, read_at, created_at) values (?, ?, ?, ?, ?, ?, ?)`);

  const byName = new Map(w.orgs.map((o) => [o.name, o]));
  const staffed = w.orgs.filter((o) => o.mediators.length > 0);
  const general = (county: County, category: Category) =>
    staffed.filter((o) => o.regionCode === county.code && !Object.values(SECTOR_ORG).includes(o.name) && (o.categories.length === 0 || o.categories.includes(category)));
  const fallback = staffed.filter((o) => o.regionCode === "530102" && o.categories.length === 0);
  function chooseOrg(county: County, category: Category, source: string): Org {
    if (source === "lawyer_referral") return byName.get("五华区调解协会人民调解委员会")!;
    if (source === "court_delegated" && r.next() < 0.6) return byName.get("五华区人民法院特邀调解工作室")!;
    const sector = SECTOR_ORG[category];
    if (sector && r.next() < 0.85) return byName.get(sector)!;
    const pool = general(county, category);
    return r.pick(pool.length ? pool : fallback);
  }

  const seqByYear = new Map<number, number>();
  const start = now - SPAN_DAYS * DAY;
  let rows = 0;
  let i = 0;
  const one = () => {
    const t = Math.floor(start + ((i + r.next()) * SPAN_DAYS * DAY) / n);
    const age = now - t;
    const county = r.weighted(COUNTIES.map((c) => [c, c.share] as const));
    const category = r.weighted(CATEGORY_WEIGHTS);
    const x = r.next();
    const source = x < 0.9 ? "citizen" : x < 0.97 ? "court_delegated" : "lawyer_referral";
    const status = r.weighted(age < 5 * DAY ? RECENT : age < 35 * DAY ? IN_MEDIATION : OUTCOME);
    const grade = risk(r);
    const citizen = n > 2000 && r.next() < 300 / n ? { ...w.demoParty, county: COUNTIES[0] } : r.pick(w.citizens);
    const filer = source === "citizen" ? citizen : source === "court_delegated" ? w.judge : w.lawyer;
    const routed = status !== "unrouted";
    const org = routed ? chooseOrg(county, category, source) : null;
    const mediator = org ? r.pick(org.mediators) : null;
    const year = yearOf(t);
    const seq = (seqByYear.get(year) ?? 0) + 1;
    seqByYear.set(year, seq);
    const caseNo = `YJF${year}${String(seq).padStart(6, "0")}`;
    const id = r.id();
    const text = facts(r, category);
    // Stage times inside the case's life, never in the future.
    const life = Math.min(age, 40 * DAY);
    const draftAt = t - 600_000 - r.int(3_600_000);
    const acceptedAt = t + Math.floor(life * 0.08);
    const answeredAt = t + Math.floor(life * 0.2);
    const endedAt = t + Math.floor(life * (0.3 + 0.6 * r.next()));
    const accepted = status !== "unrouted" && status !== "awaiting_acceptance" && !(status === "withdrawn" && age < 5 * DAY);
    const mediated = status === "mediating" || status === "agreed" || status === "failed";
    const ended = status === "refused" || status === "consent_expired" || status === "withdrawn" || status === "failed";
    const lastAt = ended || status === "agreed" ? endedAt : status === "mediating" ? answeredAt : accepted ? acceptedAt : t;
    // 30 days from consent (人民调解 practice); warned 3 days ahead, as the sweeper would have done.
    const due = mediated ? answeredAt + 30 * DAY : null;
    const warned = due && due - 3 * DAY < now ? due - 3 * DAY : null;
    const fmtNo = `云解纷〔${year}〕${String(seq).padStart(6, "0")}号`;

    insCase.run(
      id, caseNo, status, accepted ? 2 + (ended || mediated ? 1 : 0) + (status === "agreed" || status === "failed" ? 1 : 0) : 1, source, org ? KIND[org.type] : null, category, county.code,
      r.pick(county.streets), address(r, county), text.facts, text.claims, r.next() < 0.5 ? null : (1 + r.int(2000)) * 10_000, grade.grade, grade.reasons,
      filer.id, org?.id ?? null, mediator?.id ?? null, source === "court_delegated" ? w.court.id : null,
      source === "court_delegated" ? `（${year}）云0102民诉前调${seq}号` : null, org ? `就近分流至${org.name}` : "规则无法确定调解组织，转矛调中心人工分流",
      org ? t + 5 * DAY : null, accepted ? acceptedAt : null, due, due ? "一般民间纠纷，自受理之日起30日内调结" : null, warned,
      status === "failed" ? r.pick(FAIL_REASONS) : null, t, ended ? endedAt : null, draftAt, lastAt,
    );
    // Respondents are strangers to the platform, except now and then the demo party.
    const respondentIsDemo = n > 2000 && r.next() < 100 / n;
    const respondent = respondentIsDemo ? w.demoParty : { id: null, name: personName(r), idNumber: residentId(county.code, 1_000_000 + r.int(5_000_000)), phone: String(15800000000 + r.int(99_999_999)) };
    const respondentConsent = mediated ? "consented" : status === "refused" ? "refused" : "pending";
    insParty.run(r.id(), id, "applicant", citizen.name, citizen.idNumber, citizen.phone, address(r, citizen.county), citizen.county.code, citizen.id,
      source === "lawyer_referral" ? w.lawyer.id : null, "consented", t, t);
    insParty.run(r.id(), id, "respondent", respondent.name, respondent.idNumber, respondent.phone, address(r, county), county.code,
      respondentIsDemo ? w.demoParty.id : null, null, respondentConsent, respondentConsent === "pending" ? null : answeredAt, t);
    rows += 3;

    const filerLabel = `${filer.name}（${source === "citizen" ? "申请人" : source === "court_delegated" ? "法官" : "律师"}）`;
    const ev = (at: number, actorId: string | null, label: string, type: string, from: string | null, to: string | null, summary: string, visibility = "all") => {
      insEvent.run(id, at, actorId, label, type, from, to, summary, null, visibility);
      rows++;
    };
    ev(draftAt, filer.id, filerLabel, "draft_created", null, "draft", "创建申请草稿");
    const firstStatus = routed ? "awaiting_acceptance" : "unrouted";
    ev(t, filer.id, filerLabel, "submitted", "draft", firstStatus, org ? `提交调解申请，案件编号 ${fmtNo}；分流至${org.name}，调解员 ${mediator!.name}` : `提交调解申请，案件编号 ${fmtNo}；规则无法确定调解组织，转矛调中心人工分流`);
    if (grade.grade !== "green") ev(t, null, "系统", "risk_graded", null, null, `风险评估：${grade.grade === "red" ? "红色预警" : "黄色关注"}`, "staff");
    if (accepted) ev(acceptedAt, mediator!.id, `${mediator!.name}（调解员）`, "accepted", "awaiting_acceptance", "awaiting_consent", "调解员受理本案，声明与本案无利益冲突");
    const respLabel = `${respondent.name}（被申请人）`;
    if (mediated) ev(answeredAt, respondent.id, respLabel, "consented", "awaiting_consent", "mediating", "被申请人同意调解，案件进入调解");
    if (status === "agreed") ev(endedAt, mediator!.id, `${mediator!.name}（调解员）`, "agreement_reached", "mediating", "agreed", "调解达成一致，进入调解协议起草与签署");
    if (status === "failed") ev(endedAt, mediator!.id, `${mediator!.name}（调解员）`, "mediation_failed", "mediating", "failed", "调解不成，终结调解");
    if (status === "refused") ev(answeredAt, respondent.id, respLabel, "refused", "awaiting_consent", "refused", "被申请人拒绝调解，调解程序终止（《人民调解法》第十七条）");
    if (status === "consent_expired") ev(endedAt, null, "系统", "consent_expired", "awaiting_consent", "consent_expired", "被申请人未在期限内答复调解邀请，视为不同意调解");
    if (status === "withdrawn") ev(endedAt, filer.id, filerLabel, "withdrawn", accepted ? "awaiting_consent" : firstStatus, "withdrawn", "申请人撤回调解申请");

    if (org) {
      const state = accepted ? "accepted" : "pending";
      insAssignment.run(r.id(), id, org.id, mediator!.id, state, t, t + 5 * DAY, accepted ? acceptedAt : null);
      rows++;
    }
    const readAt = age > 7 * DAY ? t + 3_600_000 : null;
    const note = (userId: string, title: string, body: string) => {
      insNote.run(userId, id, title, body, `/cases/${id}`, readAt, t);
      rows++;
    };
    note(filer.id, "调解申请已提交", `${fmtNo}：${org ? `已分给${org.name}` : "正在人工分流"}`);
    if (mediator) note(mediator.id, "新案件待受理", `${fmtNo}（${category}），请在3个工作日内受理或说明理由不予受理`);
    if (!org || grade.grade === "red") note(w.dispatcher.id, grade.grade === "red" ? "红色预警案件" : "待人工分流案件", `${fmtNo}（${category}）`);
  };

  for (let batchStart = 0; batchStart < n; batchStart += BATCH) {
    sqlite.transaction(() => {
      for (i = batchStart; i < Math.min(n, batchStart + BATCH); i++) one();
    })();
    if ((batchStart / BATCH) % 8 === 7 || batchStart + BATCH >= n) progress(Math.min(n, batchStart + BATCH));
  }
  // The next filing continues each year's sequence instead of colliding with a filled number.
  const setCounter = sqlite.prepare("insert into counters (name, value) values (?, ?) on conflict(name) do update set value = excluded.value");
  for (const [year, value] of seqByYear) setCounter.run(`case_no_${year}`, value);
  return rows + n;
}
