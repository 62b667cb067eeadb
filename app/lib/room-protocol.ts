// The mediation room's socket protocol: every event's payload as a zod schema, shared by the
// browser and the server. The server parses every incoming payload with these; anything that
// does not parse is refused with an error ack and changes nothing.
import { z } from "zod";

export const MAX_MESSAGE_CHARS = 2000;
export const MAX_SIGNAL_BYTES = 64 * 1024;

/**
 * Where a message or a media stream lives.
 * - "joint": everyone admitted to the session.
 * - "caucus:applicant" / "caucus:respondent": the mediator with one side (背对背). The other side
 *   never receives anything from it — the server routes by channel, not the browser.
 * - "notes": the mediator's private notes; no party ever receives them.
 * - "thread": the case thread between sessions (asynchronous negotiation).
 */
export const CHANNELS = ["joint", "caucus:applicant", "caucus:respondent", "notes", "thread"] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_LABELS: Record<Channel, string> = {
  joint: "联合调解",
  "caucus:applicant": "背对背（申请人方）",
  "caucus:respondent": "背对背（被申请人方）",
  notes: "调解员私人笔记",
  thread: "案件留言",
};

const id = z.string().min(1).max(40);
const clientId = z.string().min(8).max(64);

// ---- client → server (each with an ack: { ok: true, ... } | { ok: false, error })
export const joinSchema = z.object({ caseId: id, sessionId: id });
export const leaveSchema = z.object({ sessionId: id });
export const admitSchema = z.object({ sessionId: id, userId: id, identityChecked: z.literal(true, { error: "请先核对身份" }) });
export const sendAwaySchema = z.object({ sessionId: id, userId: id, reason: z.string().trim().max(200).optional() });
export const chatSendSchema = z.object({
  caseId: id,
  sessionId: id.nullable(),
  channel: z.enum(CHANNELS),
  body: z
    .string()
    .trim()
    .min(1, { error: "消息不能为空" })
    .max(MAX_MESSAGE_CHARS, { error: `消息不能超过${MAX_MESSAGE_CHARS}字` }),
  // Chosen by the sender so that a resend after a dropped ack is stored once.
  clientId,
});
export const historySchema = z.object({ caseId: id, sessionId: id.nullable(), afterId: z.number().int().min(0) });
export const caucusSchema = z.object({ sessionId: id, side: z.enum(["applicant", "respondent"]).nullable() });
export const signalSchema = z.object({
  sessionId: id,
  to: id,
  channel: z.enum(["joint", "caucus:applicant", "caucus:respondent"]),
  // SDP or ICE candidate, passed through opaque; size-capped.
  data: z.record(z.string(), z.unknown()).refine((d) => JSON.stringify(d).length <= MAX_SIGNAL_BYTES, { error: "信令数据过大" }),
});
export const muteSchema = z.object({ sessionId: id, userId: id, kind: z.enum(["audio", "video"]) });
export const recordSaveSchema = z.object({ sessionId: id, text: z.string().max(50_000, { error: "笔录不能超过5万字" }), baseVersion: z.number().int().min(0) });
export const threadJoinSchema = z.object({ caseId: id });
export const recordingSchema = z.object({ sessionId: id, consent: z.boolean() });

// ---- server → client
export type RoomMessage = {
  id: number;
  caseId: string;
  sessionId: string | null;
  channel: Channel;
  senderId: string;
  senderLabel: string;
  body: string;
  clientId: string;
  createdAt: string;
};

export type Presence = { userId: string; name: string; label: string; side: "applicant" | "respondent" | "mediator"; state: "waiting" | "admitted" };

export type RoomState = {
  sessionId: string;
  you: { userId: string; side: "applicant" | "respondent" | "mediator"; admitted: boolean };
  present: Presence[];
  caucus: "applicant" | "respondent" | null;
  recording: { on: boolean; consents: Record<string, boolean> };
  record: { text: string; version: number };
  ended: boolean;
};

export type Ack<T = Record<string, never>> = ({ ok: true } & T) | { ok: false, error: string };

/** Event names, in one place so a typo is a type error. */
export const EV = {
  join: "room:join",
  leave: "room:leave",
  state: "room:state",
  admit: "lobby:admit",
  sendAway: "lobby:send-away",
  sentAway: "lobby:sent-away",
  chat: "chat:send",
  message: "chat:message",
  history: "chat:history",
  caucus: "caucus:set",
  signal: "rtc:signal",
  mute: "rtc:mute",
  muted: "rtc:muted",
  record: "record:save",
  recording: "recording:consent",
  notice: "room:notice",
  caseChanged: "case:changed",
  threadJoin: "thread:join",
} as const;
