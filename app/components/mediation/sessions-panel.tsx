import { Form, Link } from "@remix-run/react";
import { useState } from "react";
import { FAIL_REASON_LABELS } from "~/lib/case-enums";
import { formatDateTime } from "~/lib/case-format";
import { FieldErr } from "./field-error";
import { errorOf, type MediationData, type Reply } from "./types";

const OUTCOME: Record<string, string> = { adjourned: "择期继续", agreement: "达成一致", failed: "调解不成" };
const STATUS: Record<string, string> = { scheduled: "待开始", open: "进行中", ended: "已结束", cancelled: "已取消" };

export function SessionsPanel({ caseId, version, mediating, m, reply }: { caseId: string; version: number; mediating: boolean; m: MediationData; reply: Reply }) {
  const isMediator = m.side === "mediator";
  const upcoming = m.sessions.filter((s) => s.status === "scheduled" || s.status === "open");
  const past = m.sessions.filter((s) => s.status === "ended" || s.status === "cancelled");
  return (
    <section className="card" aria-labelledby="sessions-title">
      <h2 id="sessions-title">调解会议</h2>
      {m.sessions.length === 0 ? <p className="muted">尚未安排调解。</p> : null}
      {upcoming.length ? (
        <>
          <h3>即将进行</h3>
          <ul>
            {upcoming.map((s) => (
              <li key={s.id}>
                {formatDateTime(s.scheduledAt)} · {s.mode === "joint" ? "联合调解" : "分别调解"} · 约{s.durationMin}分钟 · {STATUS[s.status]}{" "}
                {m.side ? (
                  <Link className="btn" to={`/cases/${caseId}/room/${s.id}`}>
                    进入调解室
                  </Link>
                ) : null}
                {isMediator ? <EndForm sessionId={s.id} version={version} reply={reply} /> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {past.length ? (
        <>
          <h3>已结束</h3>
          <ul>
            {past.map((s) => (
              <li key={s.id}>
                {formatDateTime(s.scheduledAt)} · {STATUS[s.status]}
                {s.outcome ? ` · ${OUTCOME[s.outcome]}` : ""}
                {s.failReason ? `（${FAIL_REASON_LABELS[s.failReason as keyof typeof FAIL_REASON_LABELS]}）` : ""}
                {s.nextAt ? ` · 拟定下次 ${formatDateTime(s.nextAt)}` : ""}
                {s.hasRecord ? (
                  <>
                    {" "}
                    <a href={`/cases/${caseId}/sessions/${s.id}/record`}>下载笔录</a>
                  </>
                ) : null}
                {s.hasRecord && m.side && m.side !== "mediator" ? <RecordConfirm session={s} reply={reply} /> : null}
                {isMediator && s.confirmations.length ? (
                  <ul>
                    {s.confirmations.map((c) => (
                      <li key={c.userId}>
                        {c.name}：{c.confirmed ? "确认无争议事实" : `有异议（${c.disputed}）`}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {isMediator && mediating ? <ScheduleForm reply={reply} /> : null}
    </section>
  );
}

function ScheduleForm({ reply }: { reply: Reply }) {
  return (
    <details open={reply?.intent === "schedule" && !!reply.error}>
      <summary>安排调解</summary>
      <Form method="post" className="form">
        <div className="field">
          <label htmlFor="sch-at">调解时间（北京时间）</label>
          <input id="sch-at" name="scheduledAt" type="datetime-local" />
          <FieldErr id="sch-at-error" text={errorOf(reply, "schedule", "scheduledAt")} />
        </div>
        <div className="field">
          <label htmlFor="sch-dur">预计时长（分钟）</label>
          <input id="sch-dur" name="durationMin" type="number" min={15} max={480} defaultValue={60} />
          <FieldErr id="sch-dur-error" text={errorOf(reply, "schedule", "durationMin")} />
        </div>
        <fieldset className="field">
          <legend>方式</legend>
          <label className="check">
            <input type="radio" name="mode" value="joint" defaultChecked /> 联合调解（各方同时在线）
          </label>
          <label className="check">
            <input type="radio" name="mode" value="separate" /> 分别调解（各方分时段）
          </label>
        </fieldset>
        <div className="field">
          <label htmlFor="sch-note">备注（选填）</label>
          <input id="sch-note" name="note" />
        </div>
        <button type="submit" name="intent" value="schedule" className="btn">
          安排并通知当事人
        </button>
      </Form>
    </details>
  );
}

function EndForm({ sessionId, version, reply }: { sessionId: string; version: number; reply: Reply }) {
  const [outcome, setOutcome] = useState("adjourned");
  return (
    <details>
      <summary>结束本次调解</summary>
      <Form method="post" className="form">
        <input type="hidden" name="sessionId" value={sessionId} />
        <input type="hidden" name="version" value={version} />
        <fieldset className="field">
          <legend>结果</legend>
          {Object.entries(OUTCOME).map(([k, v]) => (
            <label className="check" key={k}>
              <input type="radio" name="outcome" value={k} checked={outcome === k} onChange={() => setOutcome(k)} /> {v}
            </label>
          ))}
        </fieldset>
        {outcome === "adjourned" ? (
          <div className="field">
            <label htmlFor={`next-${sessionId}`}>下次调解时间（选填）</label>
            <input id={`next-${sessionId}`} name="nextAt" type="datetime-local" />
          </div>
        ) : null}
        {outcome === "failed" ? (
          <div className="field">
            <label htmlFor={`reason-${sessionId}`}>调解不成的原因</label>
            <select id={`reason-${sessionId}`} name="failReason" defaultValue="">
              <option value="">请选择</option>
              {Object.entries(FAIL_REASON_LABELS).map(([k, v]) => (
                <option key={k} value={k}>
                  {v}
                </option>
              ))}
            </select>
            <FieldErr id={`reason-${sessionId}-error`} text={errorOf(reply, "end-session", "failReason")} />
          </div>
        ) : null}
        <div className="field">
          <label htmlFor={`note-${sessionId}`}>说明（选填）</label>
          <textarea id={`note-${sessionId}`} name="note" rows={2} />
        </div>
        <button type="submit" name="intent" value="end-session" className="btn btn-ghost">
          结束本次调解
        </button>
      </Form>
    </details>
  );
}

function RecordConfirm({ session, reply }: { session: MediationData["sessions"][number]; reply: Reply }) {
  const [disputing, setDisputing] = useState(false);
  return (
    <div className="card">
      <h4>本次调解笔录</h4>
      <pre className="record-text">{session.record}</pre>
      <Form method="post" className="form">
        <input type="hidden" name="sessionId" value={session.id} />
        <fieldset className="field">
          <legend>请确认笔录中记载的无争议事实</legend>
          <label className="check">
            <input type="radio" name="confirmed" value="yes" defaultChecked onChange={() => setDisputing(false)} /> 确认无误
          </label>
          <label className="check">
            <input type="radio" name="confirmed" value="no" onChange={() => setDisputing(true)} /> 有异议
          </label>
        </fieldset>
        {disputing ? (
          <div className="field">
            <label htmlFor={`disputed-${session.id}`}>有异议的内容</label>
            <textarea id={`disputed-${session.id}`} name="disputed" rows={2} />
            <FieldErr id={`disputed-${session.id}-error`} text={errorOf(reply, "confirm-record", "disputed")} />
          </div>
        ) : null}
        <button type="submit" name="intent" value="confirm-record" className="btn btn-ghost">
          提交
        </button>
      </Form>
    </div>
  );
}
