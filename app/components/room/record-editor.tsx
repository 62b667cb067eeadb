// The mediator's record (笔录): saved 1.5 s after typing stops, or at once with the button.
// Each save names the version it was based on; if another window saved in between, the server
// refuses and nothing is overwritten: the mediator loads the latest and keeps their own text.
import { useCallback, useEffect, useRef, useState } from "react";
import type { Socket } from "socket.io-client";
import { EV } from "~/lib/room-protocol";
import { request } from "./socket-request";

type Status = "saved" | "dirty" | "saving" | "conflict" | "error";
const AUTOSAVE_MS = 1500;

type Props = { socket: Socket | null; sessionId: string; record: { text: string; version: number }; onRefresh: () => void };

export function RecordEditor({ socket, sessionId, record, onRefresh }: Props) {
  const [text, setText] = useState(record.text);
  const [status, setStatus] = useState<Status>("saved");
  const [error, setError] = useState<string | null>(null);
  const base = useRef(record.version);
  const saved = useRef(record.text);
  const saving = useRef(false);
  const merging = useRef(false);
  const latest = useRef(text);
  latest.current = text;

  // Another window saved (we learn it from the room state): take it if we have no edits, or,
  // after a conflict, put it above what we typed so that nothing is lost.
  useEffect(() => {
    if (record.version <= base.current) return;
    const mine = latest.current;
    if (merging.current) {
      merging.current = false;
      base.current = record.version;
      saved.current = record.text;
      setText(mine.trim() && mine !== record.text ? `${record.text}\n\n—— 本窗口未保存的内容 ——\n${mine}` : record.text);
      setStatus("dirty");
    } else if (mine === saved.current) {
      base.current = record.version;
      saved.current = record.text;
      setText(record.text);
      setStatus("saved");
    }
    // Otherwise we keep our base: the next save meets the conflict and offers the merge.
  }, [record.version, record.text]);

  const save = useCallback(async () => {
    if (!socket || saving.current) return;
    const sent = latest.current;
    if (sent === saved.current) return setStatus("saved");
    saving.current = true;
    setStatus("saving");
    const r = await request<{ version: number }>(socket, EV.record, { sessionId, text: sent, baseVersion: base.current });
    saving.current = false;
    if (r.ok) {
      base.current = r.version;
      saved.current = sent;
      setError(null);
      setStatus(latest.current === sent ? "saved" : "dirty");
    } else if (/别处更新/.test(r.error)) {
      setError(r.error);
      setStatus("conflict");
    } else {
      setError(r.error);
      setStatus("error");
    }
  }, [socket, sessionId]);

  useEffect(() => {
    if (status !== "dirty") return;
    const t = setTimeout(() => void save(), AUTOSAVE_MS);
    return () => clearTimeout(t);
  }, [text, status, save]);

  const label: Record<Status, string> = {
    saved: "已保存",
    dirty: "有未保存的修改",
    saving: "保存中…",
    conflict: "未保存：笔录已在别处更新",
    error: "未保存",
  };

  return (
    <section className="card room-record" aria-labelledby="record-title">
      <h2 id="record-title">调解笔录</h2>
      <p className="muted">只有调解员可以编辑。调解结束后，当事人将在案件页面确认笔录中无争议的事实。</p>
      <div className="field">
        <label htmlFor="record-text">笔录内容</label>
        <textarea
          id="record-text"
          rows={10}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            if (status !== "conflict") setStatus("dirty");
          }}
          aria-describedby="record-status"
        />
      </div>
      <div className="row">
        <button type="button" className="btn" onClick={() => void save()} disabled={status === "saving" || status === "conflict"}>
          保存笔录
        </button>
        <span id="record-status" role="status" className={status === "saved" ? "record-saved" : "muted"} data-record-status={status}>
          {label[status]}
          {status === "saved" ? `（第${base.current}版）` : ""}
        </span>
      </div>
      {error ? (
        <div className="form-error" role="alert">
          <p>{error}</p>
          {status === "conflict" ? (
            <button
              type="button"
              className="btn btn-ghost"
              onClick={() => {
                merging.current = true;
                setError(null);
                onRefresh();
              }}
            >
              载入最新版本（保留我的内容）
            </button>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
