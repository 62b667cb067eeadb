import { Form } from "@remix-run/react";
import { formatDateTime } from "~/lib/case-format";
import { errorOf, type Reply } from "./types";
import { FieldErr } from "./field-error";

const DAY = 24 * 3600_000;

/** The mediation time limit, a warning as it nears, and (for the mediator) an agreed extension. */
export function DeadlineBanner({ due, rule, isMediator, version, reply }: { caseId: string; version: number; due: string | Date | null; rule: string | null; isMediator: boolean; reply: Reply }) {
  if (!due) return null;
  const left = new Date(due).getTime() - Date.now();
  const tone = left < 0 ? "form-error" : left < 3 * DAY ? "notice notice-warn" : "notice";
  const text = left < 0 ? `调解期限已于 ${formatDateTime(due)} 届满` : left < 3 * DAY ? `调解期限即将届满：${formatDateTime(due)}` : `调解期限：${formatDateTime(due)}`;
  return (
    <section className={tone} aria-label="调解期限" role={left < 3 * DAY ? "alert" : undefined}>
      <p>
        <strong>{text}</strong>
        {rule ? <span className="muted">（{rule}）</span> : null}
      </p>
      {isMediator ? (
        <details>
          <summary>经当事人同意延长期限</summary>
          <Form method="post" className="form">
            <input type="hidden" name="version" value={version} />
            <div className="field">
              <label htmlFor="extend-until">延长至</label>
              <input id="extend-until" name="until" type="datetime-local" aria-describedby={errorOf(reply, "extend", "until") ? "extend-until-error" : undefined} />
              <FieldErr id="extend-until-error" text={errorOf(reply, "extend", "until")} />
            </div>
            <div className="field">
              <label htmlFor="extend-reason">当事人同意延长的情况</label>
              <textarea id="extend-reason" name="reason" rows={2} />
              <FieldErr id="extend-reason-error" text={errorOf(reply, "extend", "reason")} />
            </div>
            <button type="submit" name="intent" value="extend" className="btn btn-ghost">
              延长期限
            </button>
          </Form>
        </details>
      ) : null}
    </section>
  );
}
