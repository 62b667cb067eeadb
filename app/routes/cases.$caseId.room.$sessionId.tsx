// The online mediation room of one session: lobby, joint session and caucus, chat, audio/video,
// recording consent and the mediator's record. The loader checks who may enter; the socket
// handlers check every step again (server/mediation/handlers.ts).
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { CaucusControls } from "~/components/room/caucus";
import { Chat } from "~/components/room/chat";
import { LobbyQueue, PartyLobby, type IdentityHint } from "~/components/room/lobby";
import { MediaPanel } from "~/components/room/media";
import { PresenceList, RoomLog } from "~/components/room/presence";
import { RecordEditor } from "~/components/room/record-editor";
import { RoomAgreementPanel, type RoomAgreement } from "~/components/agreement/room-agreement";
import { useLiveCase } from "~/components/use-live-case";
import { agreementPage } from "~/services/agreements.server";
import { RecordingPanel } from "~/components/room/recording";
import { useMesh } from "~/components/room/use-mesh";
import { useRoom } from "~/components/room/use-room";
import { formatDateTime } from "~/lib/case-format";
import type { Channel } from "~/lib/room-protocol";
import { isAppError, requireUser } from "~/services/auth.server";
import { caseDetail, loadCaseFor } from "~/services/cases.server";
import { getSession, sideOf } from "~/services/mediation.server";
import roomStyles from "~/styles/room.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: roomStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `调解室 · ${data?.caseNo ?? ""} · 云解纷` }, { name: "robots", content: "noindex" }];

const SIDE_LABEL = { applicant: "申请人", respondent: "被申请人", mediator: "调解员" } as const;

/** STUN/TURN from the environment only: no public default, the servers may have no internet. */
function iceServersFromEnv(): RTCIceServer[] {
  const list = (v: string | undefined) =>
    (v ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  const out: RTCIceServer[] = [];
  const stun = list(process.env.STUN_URLS);
  if (stun.length > 0) out.push({ urls: stun });
  const turn = list(process.env.TURN_URL);
  if (turn.length > 0) out.push({ urls: turn, username: process.env.TURN_USERNAME ?? "", credential: process.env.TURN_CREDENTIAL ?? "" });
  return out;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  try {
    const view = loadCaseFor(user, params.caseId ?? "");
    const side = sideOf(view);
    // Dispatchers, courts and org heads see the case but do not sit in its sessions.
    if (!side) throw new Response("案件不存在或您无权查看", { status: 404 });
    const s = getSession(view.row.id, params.sessionId ?? "");
    const detail = caseDetail(view);
    const hints: Record<string, IdentityHint> = {};
    if (side === "mediator") for (const p of view.parties) if (p.userId) hints[p.userId] = { partyName: p.name, idTail: p.idNumber.slice(-4), phoneTail: p.phone.slice(-4) };
    return {
      caseId: view.row.id,
      caseNo: detail.case.caseNoText,
      session: { id: s.id, scheduledAt: s.scheduledAt.toISOString(), durationMin: s.durationMin, mode: s.mode, status: s.status },
      me: { id: user.id, name: user.name, side },
      participants: [...view.parties.map((p) => ({ name: p.name, side: p.side })), ...(detail.mediator ? [{ name: detail.mediator.name, side: "mediator" as const }] : [])],
      hints,
      iceServers: iceServersFromEnv(),
      agreement: roomAgreement(view),
    };
  } catch (e) {
    if (isAppError(e)) throw new Response(e.message, { status: e.code === "NOT_FOUND" ? 404 : e.status });
    throw e;
  }
}

function roomAgreement(view: Parameters<typeof agreementPage>[0]): RoomAgreement {
  const page = agreementPage(view);
  return page.current ? { version: page.current.version, content: page.current.content, comments: page.comments, mayComment: page.mayComment } : null;
}

export default function RoomPage() {
  const d = useLoaderData<typeof loader>();
  useLiveCase(d.caseId);
  const room = useRoom(d.caseId, d.session.id, d.me.id);
  const { state } = room;
  const mesh = useMesh({ socket: room.socket, state, sessionId: d.session.id, iceServers: d.iceServers });
  const side = d.me.side;
  const mediator = side === "mediator";
  const caucus = state?.caucus ?? null;
  const [channel, setChannel] = useState<Channel>("joint");

  // A caucus opening moves the chat of those in it there; its end brings everyone back.
  useEffect(() => {
    if (caucus && (side === "mediator" || side === caucus)) setChannel(`caucus:${caucus}`);
    else setChannel((c) => (c === "notes" ? c : "joint"));
  }, [caucus, side]);

  const ownCaucus = side === "mediator" ? null : (`caucus:${side}` as const);
  const channels: Channel[] = mediator
    ? ["joint", "caucus:applicant", "caucus:respondent", "notes"]
    : ["joint", ...(ownCaucus && (caucus === side || room.messages.some((m) => m.channel === ownCaucus)) ? [ownCaucus] : [])];
  const current = channels.includes(channel) ? channel : "joint";

  return (
    <div className="room" data-room-side={side}>
      <p>
        <Link to={`/cases/${d.caseId}`}>← 返回案件</Link>
      </p>
      <h1>在线调解室</h1>
      <p className="room-meta">
        {d.caseNo} · {formatDateTime(d.session.scheduledAt)} · {d.session.mode === "joint" ? "联合调解" : "分别调解"} · 约{d.session.durationMin}分钟
      </p>
      <p className="room-meta muted">
        参加人：
        {d.participants.map((p, i) => (
          <span key={`${p.side}-${i}`}>
            {i > 0 ? "；" : ""}
            {SIDE_LABEL[p.side]} {p.name}
          </span>
        ))}
      </p>
      <p role="status" className={room.connected ? "sr-only" : "notice"}>
        {room.connected ? "已连接" : "正在连接调解室…如长时间没有反应，请检查网络。"}
      </p>
      {room.joinError ? (
        <div className="form-error" role="alert">
          <p>无法进入调解室：{room.joinError}</p>
          <button type="button" className="btn btn-ghost" onClick={room.rejoin}>
            重试
          </button>
        </div>
      ) : null}
      {room.notice ? (
        <p className="notice" role="status">
          {room.notice.text}
        </p>
      ) : null}
      <RoomLog items={room.announcements} />
      {!state ? (
        room.joinError ? null : (
          <p className="muted">正在进入调解室…</p>
        )
      ) : state.ended ? (
        <section className="card">
          <h2>本次调解已经结束</h2>
          <p>
            请回到<Link to={`/cases/${d.caseId}`}>案件页面</Link>查看结果和笔录。
          </p>
        </section>
      ) : !state.you.admitted ? (
        <PartyLobby state={state} sentAway={room.sentAway} onRejoin={room.rejoin} />
      ) : (
        <div className="room-grid" data-room="admitted" data-caucus={caucus ?? "none"}>
          <div className="room-main">
            {mediator ? <LobbyQueue state={state} hints={d.hints} socket={room.socket} sessionId={d.session.id} /> : null}
            {mediator ? <CaucusControls state={state} socket={room.socket} sessionId={d.session.id} /> : null}
            <MediaPanel mesh={mesh} state={state} socket={room.socket} sessionId={d.session.id} />
            <Chat
              channel={current}
              channels={channels}
              onChannel={setChannel}
              messages={room.messages}
              pending={room.pending}
              myUserId={d.me.id}
              connected={room.connected}
              onSend={room.send}
              onResend={room.resend}
            />
          </div>
          <div className="room-side">
            <PresenceList state={state} />
            <RecordingPanel state={state} socket={room.socket} sessionId={d.session.id} />
            {mediator ? <RecordEditor socket={room.socket} sessionId={d.session.id} record={state.record} onRefresh={room.rejoin} /> : null}
            <RoomAgreementPanel caseId={d.caseId} agreement={d.agreement as RoomAgreement} isMediator={mediator} />
          </div>
        </div>
      )}
    </div>
  );
}
