// 改派 and 上报 for one case, opened from a board row (?act=<caseId>). One zod schema per form, used
// by the browser (conform) and by the route's action alike.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { SerializeFrom } from "@remix-run/node";
import { Form, Link, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { z } from "zod";
import { FieldError, FormError } from "~/components/field";
import { RiskBadge } from "~/components/case-badges";
import { assignSchema } from "~/lib/case-schemas";
import type { DispatchBoard } from "~/services/board.server";
import { useBoardHref } from "./board-sections";

const caseRef = { caseId: z.string().min(1).max(40), version: z.number().int().min(0).optional() };

/** 改派: the existing manual assignment (same fields and messages as on the case page). */
export const boardReassignSchema = assignSchema.extend(caseRef);

/** 上报: a reason is required; it goes on the case timeline. */
export const boardEscalateSchema = z.object({
  ...caseRef,
  reason: z
    .string({ error: "请填写上报理由" })
    .trim()
    .min(2, { error: "请填写上报理由" })
    .max(500, { error: "上报理由不能超过500字" }),
});

export type BoardActReply = { intent: "reassign" | "escalate"; reply: SubmissionResult<string[]>; done?: string };

type Board = SerializeFrom<DispatchBoard>;

export function BoardActPanel({ line, orgOptions, result }: { line: NonNullable<Board["acting"]>; orgOptions: Board["orgOptions"]; result?: BoardActReply }) {
  const href = useBoardHref();
  const nav = useNavigation();
  const busy = nav.state === "submitting";
  const heading = useRef<HTMLHeadingElement>(null);
  const [orgId, setOrgId] = useState("");
  // Opening the panel (or acting on another case) moves focus to it, so keyboard and screen-reader
  // users land where they just asked to go.
  useEffect(() => {
    heading.current?.focus();
  }, [line.id]);

  const [reassign, rf] = useForm({
    id: `reassign-${line.id}`,
    lastResult: result?.intent === "reassign" ? result.reply : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: boardReassignSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const [escalate, ef] = useForm({
    id: `escalate-${line.id}`,
    lastResult: result?.intent === "escalate" ? result.reply : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: boardEscalateSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const mediators = orgOptions.find((o) => o.id === orgId)?.mediators ?? [];

  return (
    <section className="card" aria-labelledby="board-act-title">
      <h2 id="board-act-title" ref={heading} tabIndex={-1}>
        处置：{line.caseNoText}
      </h2>
      <p>
        {line.category} · {line.statusText} <RiskBadge risk={line.risk === "green" ? null : line.risk} />
        <br />
        承办：{line.orgName ?? "未分派"}
        {line.mediatorName ? `，调解员 ${line.mediatorName}` : ""}
      </p>
      <p>
        <Link to={`/cases/${line.id}`}>查看案件详情与办理过程</Link> · <Link to={href({ act: null })}>关闭</Link>
      </p>
      {result?.done ? (
        <p className="notice" role="status">
          {result.done}
        </p>
      ) : null}

      <div className="grid grid-2">
        {line.mayReassign ? (
          <Form method="post" className="form" {...getFormProps(reassign)} aria-labelledby="board-reassign-title">
            <h3 id="board-reassign-title">改派</h3>
            <input type="hidden" name="caseId" value={line.id} />
            <input type="hidden" name="version" value={line.version} />
            <FormError errors={reassign.errors} />
            <div className="field">
              <label htmlFor={rf.orgId.id}>调解组织</label>
              <select
                id={rf.orgId.id}
                name={rf.orgId.name}
                value={orgId}
                onChange={(e) => setOrgId(e.target.value)}
                aria-invalid={rf.orgId.errors ? true : undefined}
                aria-describedby={rf.orgId.errors ? rf.orgId.errorId : undefined}
              >
                <option value="">请选择</option>
                {orgOptions.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}（{o.mediators.length}名调解员）
                  </option>
                ))}
              </select>
              <FieldError id={rf.orgId.errorId} errors={rf.orgId.errors} />
            </div>
            <div className="field">
              <label htmlFor={rf.mediatorId.id}>调解员（不选则由系统按工作量指定）</label>
              <select id={rf.mediatorId.id} name={rf.mediatorId.name} defaultValue="" key={orgId}>
                <option value="">系统指定</option>
                {mediators.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
              </select>
              <FieldError id={rf.mediatorId.errorId} errors={rf.mediatorId.errors} />
            </div>
            <ReasonField label="改派理由" meta={rf.reason} />
            <button type="submit" name="intent" value="reassign" className="btn" disabled={busy}>
              改派
            </button>
          </Form>
        ) : null}

        <Form method="post" className="form" {...getFormProps(escalate)} aria-labelledby="board-escalate-title">
          <h3 id="board-escalate-title">上报上级调解组织</h3>
          {line.escalateTo ? (
            <>
              <p>
                上报至 <strong>{line.escalateTo}</strong>，由其调解员在3个工作日内受理。理由将记入办理过程，当事人可以看到。
              </p>
              <input type="hidden" name="caseId" value={line.id} />
              <input type="hidden" name="version" value={line.version} />
              <FormError errors={escalate.errors} />
              <ReasonField label="上报理由" meta={ef.reason} />
              <button type="submit" name="intent" value="escalate" className="btn" disabled={busy}>
                上报
              </button>
            </>
          ) : (
            <p className="muted">{line.escalateBlocked}</p>
          )}
        </Form>
      </div>
    </section>
  );
}

/** The reason for a 改派 or 上报 (it goes on the case timeline). Uncontrolled: it keeps what was typed after a reply. */
function ReasonField({ label, meta }: { label: string; meta: { id: string; name: string; errorId: string; errors?: string[] } }) {
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      <textarea id={meta.id} name={meta.name} rows={3} aria-invalid={meta.errors ? true : undefined} aria-describedby={meta.errors ? meta.errorId : undefined} />
      <FieldError id={meta.errorId} errors={meta.errors} />
    </div>
  );
}
