// The judge's forms on one application: accept or decline (司法确认程序规定 Art 4), call the parties in
// (Art 6), extend once (Art 5), and rule (民事诉讼法 Art 206; grounds of 民诉解释 Art 358).
import { Form } from "@remix-run/react";
import { useState } from "react";
import { REJECT_GROUNDS, type RejectGround } from "~/lib/handoff-enums";
import { errorFor, FieldError, type Reply } from "./confirmation-parts";

type Props = { reply?: Reply; busy: boolean };

function Reason({ intent, label, reply, rows = 2 }: { intent: string; label: string; reply?: Reply; rows?: number }) {
  const id = `${intent}-reason`;
  const err = errorFor(reply, intent, "reason");
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} name="reason" rows={rows} maxLength={1000} aria-describedby={err ? `${id}-error` : undefined} />
      <FieldError id={`${id}-error`} text={err} />
    </div>
  );
}

export function AcceptOrDecline({ reply, busy }: Props) {
  return (
    <section className="card" aria-labelledby="accept-title">
      <h2 id="accept-title">决定是否受理</h2>
      <p>受理的，系统按本院本年度顺序编立"调确字"案号，并通知当事人；审查期限为受理之日起15日。</p>
      <Form method="post">
        <button className="btn" type="submit" name="intent" value="accept" disabled={busy}>
          受理并编立案号
        </button>
      </Form>
      <Form method="post" className="form">
        <Reason intent="decline" label="不予受理的理由" reply={reply} />
        <button className="btn btn-ghost" type="submit" name="intent" value="decline" disabled={busy}>
          不予受理
        </button>
      </Form>
    </section>
  );
}

export function InquiryForm({ reply, busy }: Props) {
  const at = errorFor(reply, "inquire", "at");
  const place = errorFor(reply, "inquire", "place");
  return (
    <details className="card" open={!!(at || place)}>
      <summary>通知当事人到场询问</summary>
      <Form method="post" className="form">
        <input type="hidden" name="intent" value="inquire" />
        <div className="field">
          <label htmlFor="inquiry-at">询问时间</label>
          <input id="inquiry-at" name="at" type="datetime-local" aria-describedby={at ? "inquiry-at-error" : undefined} />
          <FieldError id="inquiry-at-error" text={at} />
        </div>
        <div className="field">
          <label htmlFor="inquiry-place">地点（或在线方式）</label>
          <input id="inquiry-place" name="place" maxLength={100} aria-describedby={place ? "inquiry-place-error" : undefined} />
          <FieldError id="inquiry-place-error" text={place} />
        </div>
        <div className="field">
          <label htmlFor="inquiry-note">备注（选填）</label>
          <input id="inquiry-note" name="note" maxLength={300} />
        </div>
        <button className="btn btn-ghost" type="submit" disabled={busy}>
          发出通知
        </button>
      </Form>
    </details>
  );
}

export function ExtendForm({ reply, busy }: Props) {
  return (
    <details className="card" open={!!errorFor(reply, "extend", "reason")}>
      <summary>延长审查期限（只能延长一次，10日）</summary>
      <Form method="post" className="form">
        <input type="hidden" name="intent" value="extend" />
        <Reason intent="extend" label="需要延长的特殊情况（经院长批准）" reply={reply} />
        <button className="btn btn-ghost" type="submit" disabled={busy}>
          延长10日
        </button>
      </Form>
    </details>
  );
}

export function RuleForm({ reply, busy }: Props) {
  const [outcome, setOutcome] = useState<"valid" | "rejected">("valid");
  const ground = errorFor(reply, "rule", "ground");
  return (
    <section className="card" aria-labelledby="rule-title">
      <h2 id="rule-title">作出裁定</h2>
      <Form method="post" className="form">
        <input type="hidden" name="intent" value="rule" />
        <fieldset className="field">
          <legend>裁定结果</legend>
          <label className="check">
            <input type="radio" name="outcome" value="valid" checked={outcome === "valid"} onChange={() => setOutcome("valid")} /> 裁定调解协议有效
          </label>
          <label className="check">
            <input type="radio" name="outcome" value="rejected" checked={outcome === "rejected"} onChange={() => setOutcome("rejected")} /> 裁定驳回申请
          </label>
        </fieldset>
        {outcome === "rejected" ? (
          <>
            <div className="field">
              <label htmlFor="rule-ground">驳回理由（民诉解释第三百五十八条）</label>
              <select id="rule-ground" name="ground" defaultValue="" aria-describedby={ground ? "rule-ground-error" : undefined}>
                <option value="" disabled>
                  请选择
                </option>
                {(Object.keys(REJECT_GROUNDS) as RejectGround[]).map((k) => (
                  <option key={k} value={k}>
                    {REJECT_GROUNDS[k]}
                  </option>
                ))}
              </select>
              <FieldError id="rule-ground-error" text={ground} />
            </div>
            <Reason intent="rule" label="具体理由（写入裁定书）" reply={reply} rows={3} />
          </>
        ) : null}
        <p className="muted">裁定书加盖本院电子印章，自即日起发生法律效力，并送达双方当事人。</p>
        <button className="btn" type="submit" disabled={busy}>
          作出裁定
        </button>
      </Form>
    </section>
  );
}
