// The mediator's caucus (背对背) switch: talk with one side alone, or return to the joint session.
// The server decides who receives what; these buttons only ask it to change.
import { useState } from "react";
import type { Socket } from "socket.io-client";
import { EV, type RoomState } from "~/lib/room-protocol";
import { request } from "./socket-request";

const CHOICES = [
  { side: "applicant", text: "与申请人方单独沟通" },
  { side: "respondent", text: "与被申请人方单独沟通" },
  { side: null, text: "回到联合调解" },
] as const;

export function CaucusControls({ state, socket, sessionId }: { state: RoomState; socket: Socket | null; sessionId: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function set(side: "applicant" | "respondent" | null) {
    if (!socket) return;
    setBusy(true);
    const r = await request(socket, EV.caucus, { sessionId, side });
    setBusy(false);
    setError(r.ok ? null : r.error);
  }

  return (
    <section className="card room-caucus" aria-labelledby="caucus-title">
      <h2 id="caucus-title">调解方式</h2>
      <p className="muted">背对背期间，另一方看不到文字，也听不到、看不到音视频。</p>
      <div className="row" role="group" aria-label="背对背">
        {CHOICES.map((c) => (
          <button key={c.text} type="button" className={state.caucus === c.side ? "btn" : "btn btn-ghost"} aria-pressed={state.caucus === c.side} disabled={busy} onClick={() => void set(c.side)}>
            {c.text}
          </button>
        ))}
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
