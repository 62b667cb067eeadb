// The agreement draft inside the mediation room: the parties watch it change as the mediator
// saves versions (the page revalidates on case:changed) and comment without leaving the room.
import { Link, useFetcher } from "@remix-run/react";
import type { AgreementContent } from "~/lib/agreement-schema";
import { MAX_COMMENT_CHARS } from "~/lib/agreement-enums";
import { formatDateTime } from "~/lib/case-format";
import { AgreementText } from "./agreement-text";

export type RoomAgreement = {
  version: number;
  content: AgreementContent;
  comments: { id: number; author: string; body: string; version: number; createdAt: string | Date }[];
  mayComment: boolean;
} | null;

export function RoomAgreementPanel({ caseId, agreement, isMediator }: { caseId: string; agreement: RoomAgreement; isMediator: boolean }) {
  const comment = useFetcher<{ error?: string; done?: string }>();
  if (!agreement) return null;
  return (
    <section className="card" aria-labelledby="room-agreement-title">
      <h2 id="room-agreement-title">调解协议草稿（第{agreement.version}版）</h2>
      <details open>
        <summary>展开/收起协议内容</summary>
        <AgreementText content={agreement.content} />
      </details>
      <p>
        <Link to={`/cases/${caseId}/agreement`} target="_blank" rel="noopener">
          {isMediator ? "在协议页修改（新窗口）" : "在协议页查看和签署（新窗口）"}
        </Link>
      </p>
      {agreement.comments.length ? (
        <ul className="thread" aria-label="对协议的意见">
          {agreement.comments.map((c) => (
            <li key={c.id}>
              <strong>{c.author}</strong> <span className="muted">（第{c.version}版 · {formatDateTime(c.createdAt)}）</span>
              <p>{c.body}</p>
            </li>
          ))}
        </ul>
      ) : null}
      {agreement.mayComment ? (
        <comment.Form method="post" action={`/cases/${caseId}/agreement`} className="form" key={agreement.comments.length}>
          <input type="hidden" name="intent" value="comment" />
          <div className="field">
            <label htmlFor="room-agreement-comment">对协议的意见</label>
            <textarea id="room-agreement-comment" name="body" rows={2} maxLength={MAX_COMMENT_CHARS} required aria-describedby="room-agreement-comment-hint" />
            <p id="room-agreement-comment-hint" className="hint">
              调解员和对方当事人都会看到您的意见。
            </p>
          </div>
          {comment.data?.error ? (
            <p className="error" role="alert">
              {comment.data.error}
            </p>
          ) : null}
          <button className="btn btn-ghost" type="submit" disabled={comment.state !== "idle"}>
            提交意见
          </button>
        </comment.Form>
      ) : null}
    </section>
  );
}
