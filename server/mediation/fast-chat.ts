// The hot path of room chat: one prepared statement re-checks that this user may still speak in
// this session, one inserts (the unique (sender, clientId) index makes a resend a no-op). Drizzle
// builds and prepares SQL on every call (~150 µs a query); at hundreds of messages a second that
// was most of the server's CPU (tests/bench/realtime.ts).
import type Database from "better-sqlite3";
import { getDb } from "../../db/client";
import type { Message } from "../../db/schema";
import type { RoomMessage } from "../../app/lib/room-protocol";
import type { SessionUser } from "../auth/session";
import { AppError } from "../lib/errors";
import { channelsFor, toRoomMessage, type PostInput, type Side } from "./messages";

type Stmts = { check: Database.Statement; insert: Database.Statement; existing: Database.Statement };
const cache = new WeakMap<Database.Database, Stmts>();

function stmts(): Stmts {
  const client = getDb().$client;
  let s = cache.get(client);
  if (!s) {
    s = {
      check: client.prepare(
        `select s.status as status, s.case_id as caseId, c.status as caseStatus, c.mediator_id as mediatorId, a.state as admission
           from mediation_sessions s join cases c on c.id = s.case_id
           left join admissions a on a.session_id = s.id and a.user_id = ?
          where s.id = ?`,
      ),
      insert: client.prepare(
        `insert into messages (case_id, session_id, channel, sender_id, sender_label, body, client_id, created_at)
         values (?, ?, ?, ?, ?, ?, ?, ?)
         on conflict (sender_id, client_id) do nothing
         returning *`,
      ),
      existing: client.prepare(`select * from messages where sender_id = ? and client_id = ?`),
    };
    cache.set(client, s);
  }
  return s;
}

type Row = { id: number; case_id: string; session_id: string | null; channel: string; sender_id: string; sender_label: string; body: string; client_id: string; created_at: number };

function fromRow(r: Row): Message {
  return { id: r.id, caseId: r.case_id, sessionId: r.session_id, channel: r.channel, senderId: r.sender_id, senderLabel: r.sender_label, body: r.body, clientId: r.client_id, createdAt: new Date(r.created_at) };
}

const LABEL: Record<Side, string> = { mediator: "调解员", applicant: "申请人方", respondent: "被申请人方" };

/** Posts to a session channel for a socket that joined as `side`; same rules as postMessage. */
export function postRoomMessage(user: SessionUser, side: Side, input: PostInput): { message: RoomMessage; fresh: boolean } {
  if (!input.sessionId) throw new AppError("BAD_INPUT", "请指定调解会议");
  if (!channelsFor(side).includes(input.channel) || input.channel === "thread") throw new AppError("FORBIDDEN", "您不能在该频道发言");
  const s = stmts();
  const row = s.check.get(user.id, input.sessionId) as { status: string; caseId: string; caseStatus: string; mediatorId: string | null; admission: string | null } | undefined;
  if (!row || row.caseId !== input.caseId) throw new AppError("NOT_FOUND", "调解会议不存在");
  if (row.status !== "open") throw new AppError("CONFLICT", row.status === "ended" ? "本次调解已结束" : "调解尚未开始");
  if (side === "mediator" ? row.mediatorId !== user.id : row.admission !== "admitted") throw new AppError("FORBIDDEN", "请等待调解员允许您进入调解室");
  const inserted = s.insert.get(input.caseId, input.sessionId, input.channel, user.id, `${user.name}（${LABEL[side]}）`, input.body, input.clientId, Date.now()) as Row | undefined;
  if (inserted) return { message: toRoomMessage(fromRow(inserted)), fresh: true };
  const existing = s.existing.get(user.id, input.clientId) as Row;
  if (existing.case_id !== input.caseId || existing.body !== input.body) throw new AppError("CONFLICT", "消息编号重复");
  return { message: toRoomMessage(fromRow(existing)), fresh: false };
}
