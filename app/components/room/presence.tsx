// Who is here, and what just happened (joins, admissions, caucus, recording) — the latter in a
// live region so that a screen reader says it without the user looking for it.
import type { RoomState } from "~/lib/room-protocol";
import type { Announcement } from "./use-room";

const TIME = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", hour: "2-digit", minute: "2-digit", hour12: false });

export function PresenceList({ state }: { state: RoomState }) {
  const admitted = state.present.filter((p) => p.state === "admitted");
  const waiting = state.present.filter((p) => p.state === "waiting");
  return (
    <section className="card room-presence" aria-labelledby="presence-title">
      <h2 id="presence-title">在线人员（{admitted.length}人在调解室）</h2>
      <ul className="presence-list">
        {admitted.map((p) => (
          <li key={p.userId} data-present-user={p.userId} data-present-state="admitted">
            {p.label}
            {p.userId === state.you.userId ? "（我）" : ""}
            {state.recording.consents[p.userId] ? <span className="badge badge-ok">同意录制</span> : null}
          </li>
        ))}
        {waiting.map((p) => (
          <li key={p.userId} data-present-user={p.userId} data-present-state="waiting" className="muted">
            {p.label}
            {p.userId === state.you.userId ? "（我）" : ""} · 在等候区
          </li>
        ))}
      </ul>
    </section>
  );
}

export function RoomLog({ items }: { items: Announcement[] }) {
  return (
    <section className="room-log" aria-labelledby="log-title">
      <h2 id="log-title" className="sr-only">
        调解室动态
      </h2>
      <ul aria-live="polite" aria-atomic="false" aria-relevant="additions">
        {items.map((a) => (
          <li key={a.id}>
            <time dateTime={new Date(a.at).toISOString()}>{TIME.format(a.at)}</time> {a.text}
          </li>
        ))}
      </ul>
    </section>
  );
}
