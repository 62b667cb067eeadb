// The waiting room. A party waits here until the mediator has checked who they are; the mediator
// sees the queue and admits (after ticking that the identity was checked) or sends away.
import { useState } from "react";
import type { Socket } from "socket.io-client";
import { EV, type Presence, type RoomState } from "~/lib/room-protocol";
import { request } from "./socket-request";

export function PartyLobby({ state, sentAway, onRejoin }: { state: RoomState; sentAway: string | null; onRejoin: () => void }) {
  const mediatorHere = state.present.some((p) => p.side === "mediator");
  if (sentAway !== null)
    return (
      <section className="card lobby" aria-labelledby="lobby-title">
        <h2 id="lobby-title">您已离开调解室</h2>
        <p>调解员请您暂时离开调解室{sentAway ? `：${sentAway}` : "。"}</p>
        <p>如调解员通知您回来，请点击下面的按钮重新进入等候区。</p>
        <button type="button" className="btn" onClick={onRejoin}>
          重新进入等候区
        </button>
      </section>
    );
  return (
    <section className="card lobby" aria-labelledby="lobby-title" data-lobby="waiting">
      <h2 id="lobby-title">等候区</h2>
      <p className="lobby-wait">请稍候，调解员将核对您的身份后请您进入</p>
      <p className="muted">{mediatorHere ? "调解员已在线。" : "调解员还没有进入调解室，请不要关闭本页面。"}请准备好身份证，调解员可能会请您出示。</p>
    </section>
  );
}

export type IdentityHint = { partyName: string; idTail: string; phoneTail: string };

function Waiting({ person, hint, socket, sessionId }: { person: Presence; hint?: IdentityHint; socket: Socket | null; sessionId: string }) {
  const [checked, setChecked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = `idcheck-${person.userId}`;

  async function act(event: string, payload: Record<string, unknown>) {
    if (!socket) return;
    setBusy(true);
    const r = await request(socket, event, { sessionId, userId: person.userId, ...payload });
    setBusy(false);
    setError(r.ok ? null : r.error);
  }

  return (
    <li className="lobby-person" data-waiting-user={person.userId}>
      <p className="lobby-name">{person.label}</p>
      {hint ? (
        <p className="muted">
          案件登记：{hint.partyName}，身份证号码尾号 {hint.idTail}，手机尾号 {hint.phoneTail}
        </p>
      ) : null}
      <div className="check">
        <input id={id} type="checkbox" checked={checked} onChange={(e) => setChecked(e.target.checked)} />
        <label htmlFor={id}>已核对{person.name}的身份</label>
      </div>
      <div className="row">
        <button type="button" className="btn" disabled={!checked || busy} onClick={() => void act(EV.admit, { identityChecked: true })} aria-label={`核对身份并准许进入：${person.name}`}>
          核对身份并准许进入
        </button>
        <button type="button" className="btn btn-ghost" disabled={busy} onClick={() => void act(EV.sendAway, {})} aria-label={`请离开：${person.name}`}>
          请离开
        </button>
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </li>
  );
}

/** The mediator's view of the lobby, shown above the room while someone is waiting. */
export function LobbyQueue({ state, hints, socket, sessionId }: { state: RoomState; hints: Record<string, IdentityHint>; socket: Socket | null; sessionId: string }) {
  const waiting = state.present.filter((p) => p.state === "waiting");
  return (
    <section className="card lobby-queue" aria-labelledby="queue-title">
      <h2 id="queue-title">等候区{waiting.length > 0 ? `（${waiting.length}人等候）` : ""}</h2>
      {waiting.length === 0 ? (
        <p className="muted">没有人在等候。</p>
      ) : (
        <>
          <p className="muted">请电话联系对方，请其报出姓名和身份证号码后四位，与案件登记信息一致后勾选，再准许进入。</p>
          <ul className="lobby-list">
            {waiting.map((p) => (
              <Waiting key={p.userId} person={p} hint={hints[p.userId]} socket={socket} sessionId={sessionId} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
