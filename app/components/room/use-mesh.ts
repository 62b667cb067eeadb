// Audio and video of the room: the local camera and microphone, and a WebRTC mesh to whoever
// this browser may see and hear right now (everyone in the joint session; only the mediator and
// one side in a caucus). Signaling goes over the room socket; see mesh.ts for the negotiation.
import { useCallback, useEffect, useMemo, useState } from "react";
import type { Socket } from "socket.io-client";
import { EV, type RoomState } from "~/lib/room-protocol";
import { Mesh, wantedPeers, type MediaChannel, type PeerView } from "./mesh";

export type { PeerView };

// Modest video: in a mesh each person sends one copy per other participant.
const VIDEO: MediaTrackConstraints = { width: { ideal: 640 }, height: { ideal: 360 }, frameRate: { max: 15 } };
const AUDIO: MediaTrackConstraints = { echoCancellation: true, noiseSuppression: true, autoGainControl: true };

function explain(e: unknown): string {
  const name = e instanceof DOMException ? e.name : "";
  if (name === "NotAllowedError" || name === "SecurityError") return "您没有允许使用摄像头和麦克风。请在浏览器地址栏的权限设置中允许，然后点击“重新开启摄像头和麦克风”。您仍可以看、听和文字交流。";
  if (name === "NotFoundError" || name === "OverconstrainedError") return "没有找到摄像头或麦克风。您仍可以看到、听到其他人，并用文字交流。";
  if (name === "NotReadableError") return "摄像头或麦克风正被其他程序占用。请关闭其他程序后点击“重新开启摄像头和麦克风”。";
  return "无法开启摄像头和麦克风。您仍可以看到、听到其他人，并用文字交流。";
}

async function getLocalMedia(): Promise<{ stream: MediaStream | null; error: string | null }> {
  if (!navigator.mediaDevices?.getUserMedia) return { stream: null, error: "此浏览器或当前连接不支持音视频（需要 https）。您仍可以文字交流。" };
  try {
    return { stream: await navigator.mediaDevices.getUserMedia({ audio: AUDIO, video: VIDEO }), error: null };
  } catch (first) {
    try {
      return { stream: await navigator.mediaDevices.getUserMedia({ audio: AUDIO }), error: "没有可用的摄像头，只使用麦克风。" };
    } catch {
      return { stream: null, error: explain(first) };
    }
  }
}

type Options = { socket: Socket | null; state: RoomState | null; sessionId: string; iceServers: RTCIceServer[] };

export function useMesh({ socket, state, sessionId, iceServers }: Options) {
  const myUserId = state?.you.userId ?? "";
  const active = !!state && state.you.admitted && !state.ended;
  const [local, setLocal] = useState<MediaStream | null>(null);
  const [ready, setReady] = useState(false);
  const [mediaError, setMediaError] = useState<string | null>(null);
  const [audioOn, setAudioOn] = useState(false);
  const [videoOn, setVideoOn] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [peers, setPeers] = useState<PeerView[]>([]);
  const [mesh, setMesh] = useState<Mesh | null>(null);
  const [attempt, setAttempt] = useState(0);
  const iceKey = JSON.stringify(iceServers);

  // The camera and microphone, only while admitted (the browser asks for permission then).
  useEffect(() => {
    if (!active) return;
    let cancelled = false;
    let got: MediaStream | null = null;
    void getLocalMedia().then(({ stream, error }) => {
      if (cancelled) return stream?.getTracks().forEach((t) => t.stop());
      got = stream;
      setLocal(stream);
      setMediaError(error);
      setAudioOn((stream?.getAudioTracks().length ?? 0) > 0);
      setVideoOn((stream?.getVideoTracks().length ?? 0) > 0);
      setReady(true);
    });
    return () => {
      cancelled = true;
      got?.getTracks().forEach((t) => t.stop());
      setLocal(null);
      setReady(false);
    };
  }, [active, attempt]);

  // The mesh exists as soon as we are admitted, so that an offer sent while our camera
  // permission prompt is still open is kept, not lost.
  useEffect(() => {
    if (!socket || !active || !myUserId) return;
    const m = new Mesh({
      myUserId,
      iceServers: JSON.parse(iceKey) as RTCIceServer[],
      send: (to, channel, data) =>
        socket.emit(EV.signal, { sessionId, to, channel, data }, (ack: { ok: boolean; error?: string }) => {
          if (!ack?.ok) console.warn("信令未送达", ack?.error);
        }),
      onChange: () => setPeers(m.views()),
    });
    const onSignal = (p: { sessionId: string; from: string; channel: MediaChannel; data: Record<string, unknown> }) => {
      if (p.sessionId === sessionId) m.signal(p.from, p.channel, p.data);
    };
    socket.on(EV.signal, onSignal);
    setMesh(m);
    return () => {
      socket.off(EV.signal, onSignal);
      m.close();
      setMesh(null);
      setPeers([]);
    };
  }, [socket, active, myUserId, sessionId, iceKey]);

  useEffect(() => {
    if (mesh && ready) mesh.start(local);
  }, [mesh, ready, local]);

  const wanted = useMemo(() => wantedPeers(state), [state]);
  useEffect(() => {
    mesh?.reconcile(wanted);
  }, [mesh, wanted]);

  // The mediator muted us: the microphone goes off here, and we say so.
  useEffect(() => {
    if (!socket) return;
    const onMuted = (p: { sessionId: string; kind: "audio" | "video"; by: string }) => {
      if (p.sessionId !== sessionId) return;
      for (const t of local?.getTracks() ?? []) if (t.kind === p.kind) t.enabled = false;
      if (p.kind === "audio") setAudioOn(false);
      else setVideoOn(false);
      setNotice(p.kind === "audio" ? `调解员${p.by}已将您静音。需要发言时，请点击“打开麦克风”。` : `调解员${p.by}已关闭您的摄像头画面。`);
    };
    socket.on(EV.muted, onMuted);
    return () => {
      socket.off(EV.muted, onMuted);
    };
  }, [socket, sessionId, local]);

  const toggle = useCallback(
    (kind: "audio" | "video") => {
      const tracks = kind === "audio" ? local?.getAudioTracks() ?? [] : local?.getVideoTracks() ?? [];
      if (tracks.length === 0) return;
      const on = !tracks[0].enabled;
      for (const t of tracks) t.enabled = on;
      if (kind === "audio") setAudioOn(on);
      else setVideoOn(on);
      if (on) setNotice(null);
    },
    [local]
  );

  return {
    active,
    ready,
    local,
    peers,
    audioOn,
    videoOn,
    hasAudio: (local?.getAudioTracks().length ?? 0) > 0,
    hasVideo: (local?.getVideoTracks().length ?? 0) > 0,
    toggleAudio: () => toggle("audio"),
    toggleVideo: () => toggle("video"),
    retryMedia: () => setAttempt((a) => a + 1),
    mediaError,
    notice,
    clearNotice: () => setNotice(null),
  };
}

export type MeshState = ReturnType<typeof useMesh>;
