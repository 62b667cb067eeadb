// The two kinds of load: autocannon against one URL (the list pages, the bare handler), and a
// fetch loop of concurrent citizens each posting unique, valid filings.
import autocannon from "autocannon";
import { CATEGORY_WEIGHTS, COUNTIES, address, facts, personName, residentId, rng } from "./world";

export type Measure = { reqPerSec: number; p50: number; p99: number; requests: number; non2xx: number; errors: number; seconds: number };

export async function hammer(url: string, opts: { connections: number; seconds: number; cookie?: string }): Promise<Measure> {
  const r = await autocannon({
    url,
    connections: opts.connections,
    duration: opts.seconds,
    timeout: 30,
    headers: opts.cookie ? { cookie: opts.cookie } : {},
  });
  // With no answer at all, autocannon reports 0 ms latencies: say "unknown" instead.
  const answered = r["2xx"] + r.non2xx > 0;
  return {
    reqPerSec: r["2xx"] / r.duration,
    p50: answered ? r.latency.p50 : NaN,
    p99: answered ? r.latency.p99 : NaN,
    requests: r["2xx"] + r.non2xx,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    seconds: r.duration,
  };
}

const r = rng(Date.now() & 0x7fffffff);
let seq = 0;

/** A citizen filing as citizenFilingSchema wants it, against a respondent never seen before. */
export function filingBody(): string {
  const county = r.pick(COUNTIES);
  const category = r.weighted(CATEGORY_WEIGHTS);
  const text = facts(r, category);
  const k = seq++;
  // About 3 in 100 mention a threat: red, so the dispatcher path (notification + SMS) runs too.
  const threat = r.next() < 0.03 ? "对方扬言要报复。" : "";
  return JSON.stringify({
    category,
    regionCode: county.code,
    areaCode: r.pick(county.streets),
    address: address(r, county),
    facts: threat + text.facts,
    claims: text.claims,
    ...(r.next() < 0.5 ? { amountYuan: 100 + r.int(50_000) } : {}),
    kindPreference: category === "婚姻家庭" ? "people" : "auto",
    applicantAddress: address(r, county),
    respondents: [
      { kind: "person", name: personName(r), idNumber: residentId("530103", 2_000_000 + (k % 3_000_000)), phone: String(15900000000 + (k % 99_999_999)), address: address(r, county) },
    ],
  });
}

export type FilingMeasure = Measure & { statuses: Record<string, number>; firstError?: string };

/** `concurrency` clients post filings back to back for `seconds`, cycling through `tokens`. */
export async function fileCases(baseUrl: string, tokens: string[], opts: { concurrency: number; seconds: number }): Promise<FilingMeasure> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let ok = 0;
  let errors = 0;
  let firstError: string | undefined;
  let next = 0;
  const started = performance.now();
  const end = started + opts.seconds * 1000;
  async function client() {
    while (performance.now() < end) {
      const token = tokens[next++ % tokens.length];
      const t0 = performance.now();
      try {
        const res = await fetch(`${baseUrl}/api/v1/cases`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: filingBody(),
        });
        const text = await res.text();
        latencies.push(performance.now() - t0);
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        if (res.status === 201) ok++;
        else firstError ??= `${res.status} ${text.slice(0, 300)}`;
      } catch (e) {
        errors++;
        firstError ??= String(e);
      }
    }
  }
  await Promise.all(Array.from({ length: opts.concurrency }, client));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] : NaN);
  return {
    reqPerSec: ok / seconds,
    p50: pct(0.5),
    p99: pct(0.99),
    requests: latencies.length,
    non2xx: latencies.length - ok,
    errors,
    seconds,
    statuses,
    firstError,
  };
}
