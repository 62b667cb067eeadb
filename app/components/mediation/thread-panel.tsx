import { Form, useRevalidator } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { formatDateTime } from "~/lib/case-format";
import { EV, type RoomMessage } from "~/lib/room-protocol";
import { useSocket, useSocketEvent } from "../realtime";
import { FieldErr } from "./field-error";
import { errorOf, type Reply } from "./types";

/** The case thread between sessions; new messages arrive live and the list refreshes. */
export function ThreadPanel({ caseId, open, messages, reply }: { caseId: string; open: boolean; messages: { id: number; senderLabel: string; body: string; createdAt: string | Date }[]; reply: Reply }) {
  const socket = useSocket();
  const revalidator = useRevalidator();
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    socket?.emit(EV.threadJoin, { caseId }, () => undefined);
  }, [socket, caseId]);
  useSocketEvent<RoomMessage>(EV.message, (m) => {
    if (m.caseId === caseId && m.channel === "thread" && !messages.some((x) => x.id === m.id) && revalidator.state === "idle") revalidator.revalidate();
  });
  useEffect(() => {
    if (reply?.intent === "thread-post" && reply.done) form.current?.reset();
  }, [reply]);
  return (
    <section className="card" aria-labelledby="thread-title">
      <h2 id="thread-title">案件留言</h2>
      <ol className="thread" aria-live="polite">
        {messages.length === 0 ? <li className="muted">暂无留言</li> : null}
        {messages.map((m) => (
          <li key={m.id}>
            <strong>{m.senderLabel}</strong> <time className="muted">{formatDateTime(m.createdAt)}</time>
            <p>{m.body}</p>
          </li>
        ))}
      </ol>
      {open ? (
        <Form
          method="post"
          className="form"
          ref={form}
          onSubmit={(e) => {
            const input = e.currentTarget.elements.namedItem("clientId") as HTMLInputElement | null;
            if (input) input.value = crypto.randomUUID();
          }}
        >
          <input type="hidden" name="clientId" defaultValue="" />
          <div className="field">
            <label htmlFor="thread-body">留言（调解员和双方都能看到）</label>
            <textarea id="thread-body" name="body" rows={2} maxLength={2000} />
            <FieldErr id="thread-body-error" text={errorOf(reply, "thread-post", "body")} />
          </div>
          <button type="submit" name="intent" value="thread-post" className="btn btn-ghost">
            发送
          </button>
        </Form>
      ) : null}
    </section>
  );
}
