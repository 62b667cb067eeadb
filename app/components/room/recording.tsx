// Recording consent (在线调解规则 Art 22): recording is on only while every admitted participant
// agrees, and anyone's withdrawal stops it. The server decides; this shows it and asks.
import { useState } from "react";
import type { Socket } from "socket.io-client";
import { EV, type RoomState } from "~/lib/room-protocol";
import { request } from "./socket-request";

export function RecordingPanel({ state, socket, sessionId }: { state: RoomState; socket: Socket | null; sessionId: string }) {
  const [wanted, setWanted] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  // What I just asked for, until the server's state (sent before its answer) shows the result.
  const mine = wanted ?? state.recording.consents[state.you.userId] === true;
  const ids = Object.keys(state.recording.consents);
  const agreed = ids.filter((id) => state.recording.consents[id]).length;

  async function change(consent: boolean) {
    if (!socket) return;
    setWanted(consent);
    const r = await request<{ on: boolean }>(socket, EV.recording, { sessionId, consent });
    setWanted(null);
    setError(r.ok ? null : r.error);
  }

  return (
    <section className="card room-recording" aria-labelledby="recording-title">
      <h2 id="recording-title">
        录音录像{" "}
        <span className={state.recording.on ? "badge rec-on" : "badge badge-off"} data-recording={state.recording.on ? "on" : "off"}>
          {state.recording.on ? "● 录音录像中" : "未录制"}
        </span>
      </h2>
      <p className="muted">
        只有在场各方全部同意时才会录音录像，任何一方撤回同意即停止。目前 {agreed}/{ids.length} 人同意。
      </p>
      <div className="check">
        <input id="recording-consent" type="checkbox" checked={mine} disabled={wanted !== null} onChange={(e) => void change(e.target.checked)} />
        <label htmlFor="recording-consent">我同意本次调解录音录像</label>
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
