// What changed in the room, in words: read out by the live region and shown in the room's log.
// Pure, so it is easy to check and costs nothing to run on every state the server sends.
import type { RoomState } from "~/lib/room-protocol";

const SIDE_TEXT = { applicant: "申请人方", respondent: "被申请人方" } as const;

export function caucusText(caucus: RoomState["caucus"], mySide: RoomState["you"]["side"]): string {
  if (!caucus) return "回到联合调解，各方都能看到和听到";
  if (mySide === "mediator") return `正在与${SIDE_TEXT[caucus]}单独沟通（背对背），另一方看不到也听不到`;
  if (mySide === caucus) return "调解员正在与您方单独沟通，对方看不到也听不到";
  return "调解员正在与对方单独沟通，请稍候";
}

export function describeChange(prev: RoomState | null, next: RoomState): string[] {
  const me = next.you.userId;
  if (!prev) {
    if (next.ended) return ["本次调解已经结束"];
    return [next.you.admitted ? "您已进入调解室" : "您已进入等候区，请稍候"];
  }
  const out: string[] = [];
  if (!prev.you.admitted && next.you.admitted) out.push("调解员已核对您的身份，准许您进入调解室");
  if (prev.you.admitted && !next.you.admitted && !next.ended) out.push("您已离开调解室，回到等候区");
  const before = new Map(prev.present.map((p) => [p.userId, p]));
  const after = new Set(next.present.map((p) => p.userId));
  for (const p of next.present) {
    if (p.userId === me) continue;
    const was = before.get(p.userId);
    if (!was) out.push(p.state === "waiting" ? `${p.label}进入等候区` : `${p.label}进入调解室`);
    else if (was.state === "waiting" && p.state === "admitted") out.push(`${p.label}已获准进入调解室`);
  }
  for (const p of prev.present) if (p.userId !== me && !after.has(p.userId)) out.push(`${p.label}已离开`);
  if (prev.caucus !== next.caucus && next.you.admitted) out.push(caucusText(next.caucus, next.you.side));
  if (prev.recording.on !== next.recording.on) out.push(next.recording.on ? "全体参与人同意，录音录像已开始" : "录音录像已停止");
  if (!prev.ended && next.ended) out.push("本次调解已经结束");
  return out;
}
