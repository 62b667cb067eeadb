// Small pieces the 司法确认 pages share: deadlines with their warning, the parties' signatures on
// the application, and one application's progress as the parties see it.
import type { SerializeFrom } from "@remix-run/node";
import { Fragment } from "react";
import { formatDateTime } from "~/lib/case-format";
import type { HandoffView } from "~/services/confirmation.server";

export type Reply = { intent: string; error?: string; errors?: Record<string, string>; done?: string; sentTo?: string };

export function errorFor(reply: Reply | undefined, intent: string, field: string): string | undefined {
  return reply?.intent === intent ? reply.errors?.[field] : undefined;
}

export function FieldError({ id, text }: { id: string; text?: string }) {
  return text ? (
    <p className="error" id={id} role="alert">
      {text}
    </p>
  ) : null;
}

const TONE_CLASS = { ok: "badge", near: "badge risk-yellow", passed: "badge risk-red" } as const;
const TONE_TEXT = { ok: "", near: "即将届满", passed: "已超期" } as const;

/** A deadline, with a visible warning within a day of it and once it has passed. */
export function Deadline({ label, due, tone }: { label: string; due: string | Date | null; tone: "ok" | "near" | "passed" }) {
  if (!due) return null;
  return (
    <span>
      {label}：{formatDateTime(due)} {tone !== "ok" ? <span className={TONE_CLASS[tone]}>{TONE_TEXT[tone]}</span> : null}
    </span>
  );
}

export function SignatureList({ items }: { items: SerializeFrom<HandoffView>["signatures"] }) {
  return (
    <ul className="slots" aria-label="各方当事人签署情况">
      {items.map((s) => (
        <li key={s.partyId}>
          {s.side === "applicant" ? "申请人" : "被申请人"} {s.name}：
          {s.signedAt ? `已签署（${formatDateTime(s.signedAt)}${s.byAgent ? "，由委托代理人签署" : ""}）` : <strong>待签署</strong>}
        </li>
      ))}
    </ul>
  );
}

/** Where one application stands, for the parties and the mediator. */
export function ApplicationProgress({ h }: { h: SerializeFrom<HandoffView> }) {
  return (
    <dl className="kv">
      <dt>受理法院</dt>
      <dd>{h.courtName}</dd>
      <dt>管辖依据</dt>
      <dd>{h.basis}</dd>
      <dt>状态</dt>
      <dd>
        {h.statusText}
        {h.outcomeText && h.status !== "decided" ? `（${h.outcomeText}）` : ""}
      </dd>
      {h.submittedAt ? (
        <>
          <dt>提交法院</dt>
          <dd>{formatDateTime(h.submittedAt)}</dd>
        </>
      ) : null}
      {h.status === "submitted" && h.acceptDue ? (
        <>
          <dt>受理期限</dt>
          <dd>法院应于 {formatDateTime(h.acceptDue)} 前决定是否受理</dd>
        </>
      ) : null}
      {h.refNo ? (
        <>
          <dt>案号</dt>
          <dd>{h.refNo}</dd>
        </>
      ) : null}
      {h.status === "accepted" && h.decisionDue ? (
        <>
          <dt>审查期限</dt>
          <dd>
            {formatDateTime(h.decisionDue)}
            {h.extendedAt ? `（已延长：${h.extensionReason ?? ""}）` : ""}
          </dd>
        </>
      ) : null}
      {h.inquiries.map((i, n) => (
        <Fragment key={n}>
          <dt>到场询问</dt>
          <dd>
            {formatDateTime(i.at)}，{i.place}
            {i.note ? `（${i.note}）` : ""}
          </dd>
        </Fragment>
      ))}
      {h.decidedAt ? (
        <>
          <dt>{h.status === "decided" ? "裁定" : "结果"}</dt>
          <dd>
            {formatDateTime(h.decidedAt)} {h.outcomeText}
            {h.note ? `：${h.note}` : ""}
          </dd>
        </>
      ) : null}
    </dl>
  );
}
