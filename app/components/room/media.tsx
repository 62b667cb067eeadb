// The audio/video panel: my preview, one tile per person I am connected to, the camera and
// microphone switches, and (for the mediator) muting a participant.
import { useEffect, useRef, useState } from "react";
import type { Socket } from "socket.io-client";
import { EV, type RoomState } from "~/lib/room-protocol";
import { caucusText } from "./announce";
import { request } from "./socket-request";
import type { MeshState } from "./use-mesh";

const PEER_STATE: Record<RTCPeerConnectionState, string> = {
  new: "准备连接",
  connecting: "正在连接…",
  connected: "已连接",
  disconnected: "连接不稳定，正在恢复…",
  failed: "连接失败，正在重试…",
  closed: "已断开",
};

function Video({ stream, muted, label }: { stream: MediaStream | null; muted: boolean; label: string }) {
  const ref = useRef<HTMLVideoElement>(null);
  const [blocked, setBlocked] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.muted = muted;
    el.srcObject = stream;
    if (stream)
      el.play().then(
        () => setBlocked(false),
        (e: unknown) => {
          // The browser wants a tap before it plays sound.
          if (e instanceof DOMException && e.name === "NotAllowedError") setBlocked(true);
        }
      );
  }, [stream, muted]);
  return (
    <>
      <video ref={ref} autoPlay playsInline aria-label={label} />
      {blocked ? (
        <button
          type="button"
          className="btn"
          onClick={() =>
            ref.current?.play().then(
              () => setBlocked(false),
              () => undefined
            )
          }
        >
          点击播放{label}的声音
        </button>
      ) : null}
    </>
  );
}

type Props = { mesh: MeshState; state: RoomState; socket: Socket | null; sessionId: string };

export function MediaPanel({ mesh, state, socket, sessionId }: Props) {
  const [muteError, setMuteError] = useState<string | null>(null);
  const mediator = state.you.side === "mediator";
  const excluded = state.caucus !== null && !mediator && state.you.side !== state.caucus;

  async function mute(userId: string) {
    if (!socket) return;
    const r = await request(socket, EV.mute, { sessionId, userId, kind: "audio" });
    setMuteError(r.ok ? null : r.error);
  }

  return (
    <section className="card room-media" aria-labelledby="media-title">
      <h2 id="media-title">音视频</h2>
      {state.caucus ? <p className="notice">{caucusText(state.caucus, state.you.side)}</p> : null}
      {mesh.mediaError ? (
        <div className="form-error" role="alert">
          <p>{mesh.mediaError}</p>
          <button type="button" className="btn btn-ghost" onClick={mesh.retryMedia}>
            重新开启摄像头和麦克风
          </button>
        </div>
      ) : null}
      {mesh.notice ? (
        <p className="notice" role="alert">
          {mesh.notice}
        </p>
      ) : null}
      {muteError ? (
        <p className="form-error" role="alert">
          {muteError}
        </p>
      ) : null}
      <div className="row media-controls" role="group" aria-label="我的摄像头和麦克风">
        <button type="button" className={mesh.audioOn ? "btn" : "btn btn-ghost"} aria-pressed={mesh.audioOn} disabled={!mesh.hasAudio} onClick={mesh.toggleAudio}>
          {mesh.audioOn ? "关闭麦克风" : "打开麦克风"}
        </button>
        <button type="button" className={mesh.videoOn ? "btn" : "btn btn-ghost"} aria-pressed={mesh.videoOn} disabled={!mesh.hasVideo} onClick={mesh.toggleVideo}>
          {mesh.videoOn ? "关闭摄像头" : "打开摄像头"}
        </button>
      </div>
      <ul className="tiles" aria-label="视频画面">
        <li className="tile tile-self" data-local-media={mesh.ready ? (mesh.local ? "on" : "none") : "pending"}>
          <Video stream={mesh.local} muted label="我自己" />
          <p className="tile-name">
            我（本人画面）{mesh.audioOn ? "" : " · 已静音"}
            {mesh.videoOn ? "" : " · 摄像头已关"}
          </p>
        </li>
        {mesh.peers.map((p) => (
          <li key={p.key} className="tile" data-peer-user={p.userId} data-peer-channel={p.channel} data-peer-state={p.state}>
            <Video stream={p.stream} muted={false} label={p.label} />
            <p className="tile-name">
              {p.label} · <span className={`peer-${p.state}`}>{PEER_STATE[p.state]}</span>
            </p>
            {mediator ? (
              <button type="button" className="btn btn-ghost" onClick={() => void mute(p.userId)}>
                将{p.label}静音
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {mesh.peers.length === 0 ? <p className="muted">{excluded ? "背对背期间暂停与调解员的音视频，请稍候。" : "其他参与人进入调解室后，这里会出现他们的画面。"}</p> : null}
    </section>
  );
}
