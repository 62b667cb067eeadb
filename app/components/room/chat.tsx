// The room's chat: one channel at a time, its messages as plain text (React escapes them),
// my unsent messages with their state, and a form that keeps what I typed if sending fails.
import { useEffect, useRef, useState } from "react";
import { CHANNEL_LABELS, MAX_MESSAGE_CHARS, type Channel, type RoomMessage } from "~/lib/room-protocol";
import type { PendingMessage } from "./use-room";

const TIME = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", hour: "2-digit", minute: "2-digit", hour12: false });

const SHORT_LABELS: Record<Channel, string> = { ...CHANNEL_LABELS, notes: "私人笔记" };

type Props = {
  channel: Channel;
  channels: Channel[];
  onChannel: (c: Channel) => void;
  messages: RoomMessage[];
  pending: PendingMessage[];
  myUserId: string;
  connected: boolean;
  onSend: (channel: Channel, body: string) => void;
  onResend: (clientId: string) => void;
};

export function Chat({ channel, channels, onChannel, messages, pending, myUserId, connected, onSend, onResend }: Props) {
  const [draft, setDraft] = useState("");
  const listRef = useRef<HTMLDivElement>(null);
  // Per channel, the newest message already shown: the rest count as unread on its button.
  const [seen, setSeen] = useState<Partial<Record<Channel, number>>>({});
  const shown = messages.filter((m) => m.channel === channel);
  const mine = pending.filter((p) => p.channel === channel);
  const newest = shown.length > 0 ? shown[shown.length - 1].id : 0;

  useEffect(() => {
    setSeen((s) => (s[channel] === newest ? s : { ...s, [channel]: newest }));
  }, [channel, newest]);

  // Follow the conversation unless the reader has scrolled up to read something older.
  useEffect(() => {
    const el = listRef.current;
    if (el && el.scrollHeight - el.scrollTop - el.clientHeight < 160) el.scrollTop = el.scrollHeight;
  }, [shown.length, mine.length, channel]);

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const body = draft.trim();
    if (!body) return;
    onSend(channel, body);
    setDraft("");
  }

  const unread = (c: Channel) => messages.filter((m) => m.channel === c && m.id > (seen[c] ?? 0) && m.senderId !== myUserId).length;
  const placeholder = channel === "notes" ? "只有您自己能看到" : channel === "joint" ? "各方都能看到" : "只有调解员和这一方能看到";

  return (
    <section className="card room-chat" aria-labelledby="chat-title">
      <h2 id="chat-title">文字交流</h2>
      {channels.length > 1 ? (
        <div className="tabs chat-channels" role="group" aria-label="选择频道">
          {channels.map((c) => {
            const n = c === channel ? 0 : unread(c);
            return (
              <button key={c} type="button" className="btn btn-ghost" aria-pressed={c === channel} onClick={() => onChannel(c)}>
                {SHORT_LABELS[c]}
                {n > 0 ? <span className="badge badge-count">{n}条新消息</span> : null}
              </button>
            );
          })}
        </div>
      ) : null}
      <p className="muted chat-scope">
        当前频道：{SHORT_LABELS[channel]}（{placeholder}）
      </p>
      <div className="chat-log" ref={listRef} role="log" aria-live="polite" aria-label={`${SHORT_LABELS[channel]}的消息`} tabIndex={0} data-channel={channel}>
        <ol>
          {shown.length === 0 && mine.length === 0 ? <li className="muted">还没有消息</li> : null}
          {shown.map((m) => (
            <li key={m.id} className={m.senderId === myUserId ? "msg msg-mine" : "msg"} data-message-id={m.id}>
              <p className="msg-meta">
                <span>{m.senderId === myUserId ? "我" : m.senderLabel}</span> <time dateTime={m.createdAt}>{TIME.format(new Date(m.createdAt))}</time>
              </p>
              <p className="msg-body">{m.body}</p>
            </li>
          ))}
          {mine.map((p) => (
            <li key={p.clientId} className="msg msg-mine msg-pending">
              <p className="msg-meta">
                <span>我</span> <span>{p.status === "sending" ? "发送中…" : `未发出：${p.error ?? ""}`}</span>
              </p>
              <p className="msg-body">{p.body}</p>
              {p.status === "failed" ? (
                <button type="button" className="btn btn-ghost" onClick={() => onResend(p.clientId)}>
                  重新发送
                </button>
              ) : null}
            </li>
          ))}
        </ol>
      </div>
      <form className="chat-form" onSubmit={submit}>
        <label htmlFor="chat-input">输入消息</label>
        <div className="row">
          <input id="chat-input" type="text" value={draft} onChange={(e) => setDraft(e.target.value)} maxLength={MAX_MESSAGE_CHARS} enterKeyHint="send" autoComplete="off" placeholder={placeholder} />
          <button type="submit" className="btn" disabled={!draft.trim()}>
            发送
          </button>
        </div>
        {!connected ? <p className="muted">网络中断，消息将在恢复连接后自动发出。</p> : null}
      </form>
    </section>
  );
}
