// WebRTC mesh: one RTCPeerConnection per (other participant, channel), negotiated with the
// "perfect negotiation" pattern (https://w3c.github.io/webrtc-pc/#perfect-negotiation-example):
// either side may offer at any time; on a collision the polite side (the larger user id) yields.
// Signals carry the id of the sending RTCPeerConnection, so that a peer who reloaded the page
// (a new connection on their side) is recognised and met with a new connection here.
import type { RoomState } from "~/lib/room-protocol";
import { randomId } from "./socket-request";

export type MediaChannel = "joint" | "caucus:applicant" | "caucus:respondent";
export type Wanted = { userId: string; label: string; channel: MediaChannel };
export type PeerView = Wanted & { key: string; state: RTCPeerConnectionState; stream: MediaStream | null };
type SignalData = { pcId?: unknown; description?: RTCSessionDescriptionInit; candidate?: RTCIceCandidateInit };

type Peer = Wanted & {
  key: string;
  pc: RTCPeerConnection;
  pcId: string;
  remotePcId: string | null;
  polite: boolean;
  makingOffer: boolean;
  ignoreOffer: boolean;
  answerPending: boolean;
  /** When our current offer went out (0 when none is outstanding). */
  offerAt: number;
  stream: MediaStream | null;
  since: number;
};

const keyOf = (w: { userId: string; channel: string }) => `${w.userId}|${w.channel}`;
// Held signals older than this are dropped; a stale one is harmless anyway (see pcId).
const INBOX_MS = 120_000;
// The impolite side rebuilds a connection that has not connected for this long: its offer may
// have been lost (the other side was still asking for camera permission), and by the rules of
// perfect negotiation it would otherwise keep ignoring the other side's offers.
const STUCK_MS = 10_000;
// An offer of ours unanswered for this long when the other side offers anew was lost: they
// started over (a reload in the middle of negotiating). Ignoring their offer, as perfect
// negotiation tells the impolite side to, would leave both waiting; we start over too.
const LOST_OFFER_MS = 1_500;

/**
 * Whom this browser exchanges audio/video with. In a caucus only the mediator and that side
 * connect, on the caucus channel; the other side has no media until the joint session resumes.
 */
export function wantedPeers(state: RoomState | null): Wanted[] {
  if (!state || !state.you.admitted || state.ended) return [];
  const me = state.you;
  const others = state.present.filter((p) => p.state === "admitted" && p.userId !== me.userId);
  const to = (channel: MediaChannel) => (p: (typeof others)[number]) => ({ userId: p.userId, label: p.label, channel });
  if (!state.caucus) return others.map(to("joint"));
  const channel = `caucus:${state.caucus}` as const;
  if (me.side === "mediator") return others.filter((p) => p.side === state.caucus).map(to(channel));
  if (me.side === state.caucus) return others.filter((p) => p.side === "mediator" || p.side === state.caucus).map(to(channel));
  return [];
}

export type MeshOptions = {
  myUserId: string;
  iceServers: RTCIceServer[];
  send: (to: string, channel: MediaChannel, data: Record<string, unknown>) => void;
  onChange: () => void;
};

export class Mesh {
  private peers = new Map<string, Peer>();
  private chains = new Map<string, Promise<void>>();
  private inbox = new Map<string, { at: number; data: SignalData }[]>();
  private retired = new Map<string, Set<string>>();
  private wanted: Wanted[] = [];
  private local: MediaStream | null = null;
  private started = false;
  private closed = false;
  private watchdog: ReturnType<typeof setInterval> | null = null;

  constructor(private opts: MeshOptions) {}

  /** Local media is settled (a stream, or none after a refusal): connections may be made. */
  start(local: MediaStream | null) {
    const restart = this.started && local !== this.local;
    this.local = local;
    this.started = true;
    if (restart) for (const key of [...this.peers.keys()]) this.rebuild(key);
    this.reconcile(this.wanted);
    this.watchdog ??= setInterval(() => this.unstick(), 5000);
  }

  reconcile(wanted: Wanted[]) {
    this.wanted = wanted;
    if (!this.started || this.closed) return;
    const want = new Map(wanted.map((w) => [keyOf(w), w]));
    for (const [key, peer] of this.peers)
      if (!want.has(key)) {
        // Anything still in flight from their side of this connection is stale from now on.
        if (peer.remotePcId) this.retiredFor(key).add(peer.remotePcId);
        peer.pc.close();
        this.peers.delete(key);
        this.chains.delete(key);
      }
    for (const [key, w] of want) {
      const peer = this.peers.get(key);
      if (peer) peer.label = w.label;
      else {
        this.create(w);
        this.drain(key);
      }
    }
    this.opts.onChange();
  }

  signal(from: string, channel: MediaChannel, data: SignalData) {
    if (this.closed) return;
    const key = keyOf({ userId: from, channel });
    if (!this.peers.has(key)) {
      // Their room state may be a moment ahead of ours: keep it for when we catch up.
      const box = this.inbox.get(key) ?? [];
      box.push({ at: Date.now(), data });
      this.inbox.set(key, box.slice(-200));
      return;
    }
    this.enqueue(key, data);
  }

  views(): PeerView[] {
    return [...this.peers.values()].map((p) => ({ key: p.key, userId: p.userId, label: p.label, channel: p.channel, state: p.pc.connectionState, stream: p.stream }));
  }

  close() {
    this.closed = true;
    if (this.watchdog) clearInterval(this.watchdog);
    for (const p of this.peers.values()) p.pc.close();
    this.peers.clear();
    this.inbox.clear();
  }

  private unstick() {
    const now = Date.now();
    for (const [key, p] of this.peers) if (!p.polite && p.pc.connectionState !== "connected" && now - p.since > STUCK_MS) this.rebuild(key);
  }

  /** A new connection in place of the old one; the other side sees a new pcId and follows. */
  private rebuild(key: string): Peer | null {
    const old = this.peers.get(key);
    if (!old) return null;
    if (old.remotePcId) this.retiredFor(key).add(old.remotePcId);
    old.pc.close();
    this.peers.delete(key);
    const peer = this.create({ userId: old.userId, label: old.label, channel: old.channel });
    this.opts.onChange();
    return peer;
  }

  private retiredFor(key: string): Set<string> {
    const set = this.retired.get(key) ?? new Set<string>();
    this.retired.set(key, set);
    return set;
  }

  private drain(key: string) {
    const box = this.inbox.get(key);
    this.inbox.delete(key);
    const fresh = Date.now() - INBOX_MS;
    for (const item of box ?? []) if (item.at >= fresh) this.enqueue(key, item.data);
  }

  /** Signals of one connection are handled one at a time, in order. */
  private enqueue(key: string, data: SignalData) {
    const prev = this.chains.get(key) ?? Promise.resolve();
    const next = prev.then(() => this.handle(key, data)).catch((e: unknown) => console.warn("音视频信令处理失败", e));
    this.chains.set(key, next);
  }

  private create(w: Wanted): Peer {
    const pc = new RTCPeerConnection({ iceServers: this.opts.iceServers });
    const peer: Peer = {
      ...w,
      key: keyOf(w),
      pc,
      pcId: randomId(),
      remotePcId: null,
      polite: this.opts.myUserId > w.userId,
      makingOffer: false,
      ignoreOffer: false,
      answerPending: false,
      offerAt: 0,
      stream: null,
      since: Date.now(),
    };
    this.peers.set(peer.key, peer);
    const send = (data: Record<string, unknown>) => {
      if (this.peers.get(peer.key) === peer) this.opts.send(peer.userId, peer.channel, { pcId: peer.pcId, ...data });
    };
    const tracks = this.local?.getTracks() ?? [];
    for (const t of tracks) pc.addTrack(t, this.local!);
    // Without a camera or microphone we still want to see and hear the others.
    for (const kind of ["audio", "video"] as const) if (!tracks.some((t) => t.kind === kind)) pc.addTransceiver(kind, { direction: "recvonly" });

    pc.onnegotiationneeded = async () => {
      try {
        peer.makingOffer = true;
        await pc.setLocalDescription();
        peer.offerAt = Date.now();
        send({ description: pc.localDescription!.toJSON() });
      } catch (e) {
        console.warn("音视频协商失败", e);
      } finally {
        peer.makingOffer = false;
      }
    };
    pc.onicecandidate = ({ candidate }) => {
      if (candidate) send({ candidate: candidate.toJSON() });
    };
    pc.oniceconnectionstatechange = () => {
      // A network change (Wi-Fi to 4G) breaks the path: look for a new one without hanging up.
      if (pc.iceConnectionState === "failed") pc.restartIce();
    };
    pc.onconnectionstatechange = () => {
      peer.since = Date.now();
      this.opts.onChange();
    };
    pc.ontrack = ({ track }) => {
      const others = (peer.stream?.getTracks() ?? []).filter((t) => t.id !== track.id && t.readyState === "live");
      peer.stream = new MediaStream([...others, track]);
      track.onended = () => {
        peer.stream = new MediaStream((peer.stream?.getTracks() ?? []).filter((t) => t !== track));
        this.opts.onChange();
      };
      this.opts.onChange();
    };
    return peer;
  }

  private async handle(key: string, data: SignalData) {
    let peer = this.peers.get(key);
    if (!peer || typeof data.pcId !== "string") return;
    const from = data.pcId;
    const retired = this.retiredFor(key);
    if (retired.has(from)) return;
    const { description, candidate } = data;
    if (peer.remotePcId !== from) {
      if (!description) return; // a candidate of a connection we have not been offered
      if (peer.remotePcId) {
        if (description.type === "answer" && peer.pc.signalingState === "have-local-offer") {
          // Their new connection (after a reload or rebuild) answers the offer we have out:
          // adopt it, or both sides would wait for each other until the watchdog.
        } else if (description.type !== "offer") {
          return;
        } else {
          // The other browser started over (reload, second tab, rebuild): so do we.
          peer = this.rebuild(key)!;
        }
      }
      peer.remotePcId = from;
    }
    const pc = peer.pc;
    if (description) {
      const readyForOffer = !peer.makingOffer && (pc.signalingState === "stable" || peer.answerPending);
      const collision = description.type === "offer" && !readyForOffer;
      peer.ignoreOffer = !peer.polite && collision;
      if (peer.ignoreOffer) {
        if (pc.signalingState === "have-local-offer" && peer.offerAt && Date.now() - peer.offerAt > LOST_OFFER_MS) this.rebuild(key);
        return;
      }
      if (description.type === "answer") peer.offerAt = 0;
      peer.answerPending = description.type === "answer";
      await pc.setRemoteDescription(description);
      peer.answerPending = false;
      if (description.type === "offer") {
        await pc.setLocalDescription();
        this.opts.send(peer.userId, peer.channel, { pcId: peer.pcId, description: pc.localDescription!.toJSON() });
      }
    } else if (candidate) {
      try {
        await pc.addIceCandidate(candidate);
      } catch (e) {
        if (!peer.ignoreOffer) throw e;
      }
    }
  }
}
