// A mediator's numbers: caseload, outcomes, durations and the aggregate of their ratings.
import { FAIL_REASON_LABELS, type FailReason } from "~/lib/case-enums";
import type { MediatorRecord } from "~/services/ratings.server";
import { SCORE_ASPECTS } from "./rating-stars";

type Cases = MediatorRecord["cases"];
type Ratings = MediatorRecord["ratings"];

export function formatDays(x: number | null): string {
  return x === null ? "—" : `${x.toFixed(1)} 天`;
}

export function formatScore(x: number | null): string {
  return x === null ? "—" : `${x.toFixed(1)} 分`;
}

export function failReasonLabel(k: string): string {
  return FAIL_REASON_LABELS[k as FailReason] ?? k;
}

export function RecordCases({ cases }: { cases: Cases }) {
  const reasons = Object.entries(cases.failedByReason).sort((a, b) => b[1] - a[1]);
  return (
    <section className="card" aria-labelledby="record-cases-title">
      <h2 id="record-cases-title">案件量与调解结果</h2>
      <dl className="kv">
        <dt>在办案件</dt>
        <dd>{cases.open} 件（含待受理、待对方同意、调解中、协议签署中）</dd>
        <dt>累计案件</dt>
        <dd>{cases.total} 件</dd>
        <dt>达成调解协议并生效</dt>
        <dd>{cases.agreements} 件</dd>
        <dt>调解不成</dt>
        <dd>
          {cases.failed} 件
          {reasons.length ? (
            <ul aria-label="调解不成的原因">
              {reasons.map(([k, n]) => (
                <li key={k}>
                  {failReasonLabel(k)}：{n} 件
                </li>
              ))}
            </ul>
          ) : null}
        </dd>
        <dt>其他结束</dt>
        <dd>{cases.other} 件（对方拒绝调解、未答复或申请人撤回）</dd>
        <dt>平均用时</dt>
        <dd>
          {formatDays(cases.averageDays)}
          <span className="muted">（自受理至调解结束，按 {cases.timedCases} 件已结案件计）</span>
        </dd>
        <dt>用时中位数</dt>
        <dd>{formatDays(cases.medianDays)}</dd>
      </dl>
    </section>
  );
}

export function RecordRatings({ ratings, self, min }: { ratings: Ratings; self: boolean; min: number }) {
  return (
    <section className="card" aria-labelledby="record-ratings-title">
      <h2 id="record-ratings-title">满意度评价</h2>
      {ratings.count === 0 ? (
        <p>暂无评价。</p>
      ) : ratings.withheld ? (
        <p>
          已收到 {ratings.count} 份评价。为保护评价的当事人，满 {min} 份后显示平均分。
        </p>
      ) : (
        <dl className="kv">
          {SCORE_ASPECTS.map((a) => (
            <div key={a.name} style={{ display: "contents" }}>
              <dt>{a.label}（平均）</dt>
              <dd>{formatScore(ratings[a.name])}</dd>
            </div>
          ))}
          <dt>评价份数</dt>
          <dd>{ratings.count} 份</dd>
        </dl>
      )}
      {self ? <p className="muted">每份评价的评分和留言只有调解组织负责人能看到；您看到的是汇总结果。</p> : null}
    </section>
  );
}
