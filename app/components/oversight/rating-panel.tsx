// 评价调解服务 on the case page: once the mediation is over, each party (or their agent) rates the
// mediator, the process and the outcome, once. A party sees only their own rating here.
import { useFetcher } from "@remix-run/react";
import { formatDateTime } from "~/lib/case-format";
import type { RatingPanelData } from "~/services/ratings.server";
import type { RatingReply } from "~/routes/cases.$caseId.rating";
import { SCORE_ASPECTS, SCORE_WORDS, ScoreField, Stars } from "./rating-stars";

type Entry = RatingPanelData["entries"][number];

function GivenRating({ entry, several, thanks }: { entry: Entry & { rating: NonNullable<Entry["rating"]> }; several: boolean; thanks?: string }) {
  const r = entry.rating;
  return (
    <div>
      {thanks ? (
        <p className="notice" role="status">
          {thanks}
        </p>
      ) : null}
      <h3>{several ? `${entry.who}的评价` : "您的评价"}</h3>
      <p className="muted">提交于 {formatDateTime(r.createdAt)}，每方只能评价一次。</p>
      <dl className="kv">
        {SCORE_ASPECTS.map((a) => (
          <div key={a.name} style={{ display: "contents" }}>
            <dt>{a.label}</dt>
            <dd>
              <Stars n={r[a.name]} /> {r[a.name]}分（{SCORE_WORDS[r[a.name]]}）
            </dd>
          </div>
        ))}
        <dt>留言</dt>
        <dd>{r.comment ?? <span className="muted">未留言</span>}</dd>
      </dl>
    </div>
  );
}

type Fetcher = ReturnType<typeof useFetcher<RatingReply>>;

function RatingForm({ f, caseId, entry, several, commentMax }: { f: Fetcher; caseId: string; entry: Entry; several: boolean; commentMax: number }) {
  const reply = f.data && !f.data.ok ? f.data : undefined;
  const errs = reply?.fieldErrors ?? {};
  const id = `rate-${entry.partyId}`;
  return (
    <f.Form method="post" action={`/cases/${caseId}/rating`} className="form" aria-label={several ? `${entry.who}的评价` : "评价表"} style={{ maxWidth: "44rem" }}>
      <input type="hidden" name="partyId" value={entry.partyId} />
      {several ? <h3>代表{entry.who}评价</h3> : null}
      {SCORE_ASPECTS.map((a) => (
        <ScoreField key={a.name} id={`${id}-${a.name}`} name={a.name} legend={a.question} error={errs[a.name]} />
      ))}
      <div className="field">
        <label htmlFor={`${id}-comment`}>留言（选填）</label>
        <p className="hint" id={`${id}-comment-hint`}>
          最多{commentMax}字。请不要写对方的个人信息。
        </p>
        <textarea
          id={`${id}-comment`}
          name="comment"
          rows={4}
          maxLength={commentMax}
          aria-describedby={`${id}-comment-hint${errs.comment ? ` ${id}-comment-error` : ""}`}
          aria-invalid={errs.comment ? true : undefined}
        />
        {errs.comment ? (
          <p className="error" id={`${id}-comment-error`} role="alert">
            {errs.comment}
          </p>
        ) : null}
      </div>
      {reply?.error && ![...SCORE_ASPECTS.map((a) => a.name), "comment"].some((k) => errs[k] === reply.error) ? (
        <p className="form-error" role="alert">
          {reply.error}
        </p>
      ) : null}
      <p>
        <button type="submit" className="btn" disabled={f.state !== "idle"} style={{ minHeight: "3rem", fontSize: "1.1rem" }}>
          提交评价
        </button>
      </p>
    </f.Form>
  );
}

/**
 * One party's part: the form, then (once the page reloads with the rating) the summary. One
 * component holds the fetcher across that switch, so the thanks it returned stay on screen; a
 * fetcher owned by the form alone was dropped with the form, sometimes before the summary showed.
 */
function PartyRating({ data, entry }: { data: RatingPanelData; entry: Entry }) {
  const f = useFetcher<RatingReply>({ key: `rating-${entry.partyId}` });
  if (entry.rating) return <GivenRating entry={{ ...entry, rating: entry.rating }} several={data.several} thanks={f.data?.done} />;
  return entry.canRate ? <RatingForm f={f} caseId={data.caseId} entry={entry} several={data.several} commentMax={data.commentMax} /> : null;
}

export function RatingPanel({ data }: { data: RatingPanelData | null }) {
  if (!data) return null;
  return (
    <section className="card" aria-labelledby="rating-title">
      <h2 id="rating-title">评价调解服务</h2>
      <p className="muted">您的评价只有调解组织负责人能看到，对方当事人看不到；调解员本人只能看到多份评价汇总后的平均分。</p>
      {data.entries.map((e) => (
        <PartyRating key={e.partyId} data={data} entry={e} />
      ))}
    </section>
  );
}
