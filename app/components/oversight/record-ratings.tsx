// Each rating on a mediator's record, for the organisation's heads and the admin: the date, the
// three scores and the comment exactly as typed (React escapes it). No case, no party name.
import { Pager } from "~/components/pager";
import { formatDateTime } from "~/lib/case-format";
import type { MediatorRecord } from "~/services/ratings.server";
import { SCORE_ASPECTS, Stars } from "./rating-stars";

type Lines = NonNullable<MediatorRecord["lines"]>;

export function RecordRatingLines({ lines }: { lines: Lines }) {
  return (
    <section className="card" aria-labelledby="record-lines-title">
      <h2 id="record-lines-title">评价明细</h2>
      <p className="muted">共 {lines.total} 份，按时间从新到旧。为保护评价人，不显示案件和当事人。</p>
      {lines.rows.length === 0 ? (
        <p>暂无评价。</p>
      ) : (
        <ol style={{ listStyle: "none", padding: 0, margin: 0 }}>
          {lines.rows.map((r) => (
            <li key={r.id} style={{ borderTop: "1px solid var(--c-border)", padding: ".75rem 0" }}>
              <time dateTime={new Date(r.createdAt).toISOString()} className="muted">
                {formatDateTime(r.createdAt)}
              </time>
              <div className="row" style={{ gap: ".25rem 1rem" }}>
                {SCORE_ASPECTS.map((a) => (
                  <span key={a.name}>
                    {a.label} <Stars n={r[a.name]} /> {r[a.name]}分
                  </span>
                ))}
              </div>
              {r.comment ? <p className="pre" style={{ margin: ".25rem 0 0" }}>{r.comment}</p> : <p className="muted" style={{ margin: ".25rem 0 0" }}>未留言</p>}
            </li>
          ))}
        </ol>
      )}
      <Pager page={lines.page} pages={lines.pages} />
    </section>
  );
}
