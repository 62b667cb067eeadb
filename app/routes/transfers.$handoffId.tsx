// The file of a transferred case (案卷): what the receiving 仲裁员 or 法官 reads, and where they
// confirm it arrived (with their own filing number, if they have one yet). The parties and the
// mediator read the same page; anyone else gets 404.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { PartiesSection } from "~/components/parties-section";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { ReplyNote } from "~/components/handoff/reply-note";
import { useLiveCase } from "~/components/use-live-case";
import { formatDateTime, formatFen } from "~/lib/case-format";
import { requireUser } from "~/services/auth.server";
import { orErrorPage, replyToError } from "~/services/route-helpers.server";
import { acknowledgeTransfer, transferFile } from "~/services/transfer.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `移送案卷 · ${data?.case.caseNoText ?? "案件"} · 云解纷` }];

const SESSION_OUTCOMES: Record<string, string> = { adjourned: "择期继续", agreement: "达成一致", failed: "调解不成" };
const SESSION_STATUS: Record<string, string> = { scheduled: "待开始", open: "进行中", ended: "已结束", cancelled: "已取消" };

const acknowledgeSchema = z.object({
  intent: z.literal("acknowledge", { error: "无法识别的操作，请刷新页面后重试" }),
  refNo: z
    .string()
    .trim()
    .max(60, { error: "案号不能超过60个字" })
    .regex(/^[^<>]*$/, { error: "案号含有不允许的字符" })
    .optional(),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  return orErrorPage(() => transferFile(user, params.handoffId ?? ""));
}

type Reply = { ok: boolean; error?: string; done?: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request);
  const parsed = acknowledgeSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data<Reply>({ ok: false, error: parsed.error.issues[0].message }, { status: 400 });
  try {
    const r = await acknowledgeTransfer(user, params.handoffId ?? "", { refNo: parsed.data.refNo });
    return data<Reply>({ ok: true, done: `已确认收到${r.refNo ? `，案号 ${r.refNo}` : ""}，已通知当事人` });
  } catch (e) {
    return replyToError(e, (err) => data<Reply>({ ok: false, error: err.message }, { status: err.status }));
  }
}

export default function TransferFilePage() {
  const d = useLoaderData<typeof loader>();
  useLiveCase(d.case.id);
  const reply = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const h = d.handoff;
  return (
    <>
      <p>{d.receiver ? <Link to="/transfers">← 移送案件</Link> : <Link to={`/cases/${d.case.id}`}>← 返回案件</Link>}</p>
      <h1>移送案卷 {d.case.caseNoText}</h1>
      <p className="muted">
        {d.case.category} · {d.case.source}
        {d.case.kind ? ` · ${d.case.kind}` : ""} · {h.kindText}至{h.orgName}
      </p>
      <ReplyNote reply={reply} />

      <section className="card" aria-labelledby="handoff-title">
        <h2 id="handoff-title">移送情况</h2>
        <dl className="kv">
          <dt>移送至</dt>
          <dd>{h.orgName}</dd>
          <dt>移送依据</dt>
          <dd>{h.basis}</dd>
          <dt>移送时间</dt>
          <dd>
            {formatDateTime(h.submittedAt)}
            {h.sentBy ? `（${h.sentBy}办理）` : ""}
          </dd>
          <dt>接收情况</dt>
          <dd>
            {h.status === "submitted" ? "待确认收到" : `已于 ${formatDateTime(h.acceptedAt)} 确认收到${h.handler ? `（${h.handler}）` : ""}${h.refNo ? `，案号 ${h.refNo}` : ""}`}
          </dd>
        </dl>
        {d.mayAcknowledge ? (
          <Form method="post" className="form">
            <div className="field">
              <label htmlFor="refNo">本单位案号（选填，可稍后告知当事人）</label>
              <input id="refNo" name="refNo" maxLength={60} autoComplete="off" />
            </div>
            <button type="submit" name="intent" value="acknowledge" className="btn" disabled={busy}>
              确认收到
            </button>
          </Form>
        ) : null}
      </section>

      <section className="card" aria-labelledby="ending-title">
        <h2 id="ending-title">调解结果</h2>
        {d.ending ? (
          <>
            <p>{d.ending.reason}</p>
            {d.ending.note ? <p className="muted">说明：{d.ending.note}</p> : null}
            {d.ending.at ? <p className="muted">{formatDateTime(d.ending.at)}</p> : null}
          </>
        ) : (
          <p className="muted">—</p>
        )}
      </section>

      <PartiesSection
        parties={d.parties}
        extra={(p) =>
          p.agent ? (
            <>
              <dt>代理律师</dt>
              <dd>{p.agent}</dd>
            </>
          ) : null
        }
      />

      <section className="card" aria-labelledby="claims-title">
        <h2 id="claims-title">请求事项与纠纷经过</h2>
        <dl className="kv">
          <dt>请求事项</dt>
          <dd className="pre">{d.case.claims}</dd>
          <dt>纠纷经过</dt>
          <dd className="pre">{d.case.facts}</dd>
          <dt>争议金额</dt>
          <dd>{formatFen(d.case.amountFen)}</dd>
          <dt>纠纷发生地</dt>
          <dd>
            {d.case.region ?? "—"}
            {d.case.address ? ` ${d.case.address}` : ""}
          </dd>
          {d.case.courtCaseNo ? (
            <>
              <dt>法院案号</dt>
              <dd>{d.case.courtCaseNo}</dd>
            </>
          ) : null}
        </dl>
      </section>

      <section className="card" aria-labelledby="facts-title">
        <h2 id="facts-title">经各方书面确认的无争议事实</h2>
        {d.undisputed ? (
          <>
            <pre className="record-text">{d.undisputed.text}</pre>
            <p className="muted">
              {d.undisputed.confirmedBy.map((c) => `${c.name}于 ${formatDateTime(c.at)} 确认`).join("；")}（《人民法院在线调解规则》第二十二条）
            </p>
          </>
        ) : (
          <p className="muted">调解笔录未经各方确认，没有可随案移送的无争议事实。</p>
        )}
      </section>

      <section className="card" aria-labelledby="evidence-title">
        <h2 id="evidence-title">证据材料</h2>
        {d.evidence.length === 0 ? <p className="muted">没有证据材料。</p> : null}
        <ul>
          {d.evidence.map((f) => (
            <li key={f.id}>
              <a href={`/cases/${d.case.id}/evidence/${f.id}`}>{f.filename}</a>
              <span className="muted">
                {" "}
                {f.kind === "power_of_attorney" ? "授权委托书" : f.side === "respondent" ? "被申请人提交" : f.side === "applicant" ? "申请人提交" : "证据"} · {formatDateTime(f.createdAt)}
              </span>
            </li>
          ))}
        </ul>
      </section>

      <section className="card" aria-labelledby="history-title">
        <h2 id="history-title">调解经过</h2>
        <dl className="kv">
          <dt>调解组织</dt>
          <dd>
            {d.history.org ?? "—"}
            {d.history.orgPhone ? `（${d.history.orgPhone}）` : ""}
          </dd>
          <dt>调解员</dt>
          <dd>{d.history.mediator ?? "—"}</dd>
          <dt>受理时间</dt>
          <dd>{formatDateTime(d.history.acceptedAt)}</dd>
          <dt>终结时间</dt>
          <dd>{formatDateTime(d.history.endedAt)}</dd>
        </dl>
        {d.history.lawyerMediation ? <p className="muted">依规定，调解过本案的律师不得在后续仲裁或诉讼中代理任何一方当事人（司发通〔2017〕105号）。</p> : null}
        <h3>调解会议</h3>
        {d.history.sessions.length === 0 ? <p className="muted">未举行调解会议。</p> : null}
        <ul>
          {d.history.sessions.map((s) => (
            <li key={s.id}>
              {formatDateTime(s.scheduledAt)} · {s.mode === "joint" ? "联合调解" : "分别调解"} · {SESSION_STATUS[s.status]}
              {s.outcome ? ` · ${SESSION_OUTCOMES[s.outcome]}` : ""}
              {s.failReason ? `（${s.failReason}）` : ""}
            </li>
          ))}
        </ul>
        <h3>办理过程</h3>
        <p className="muted">调解中各方提出的方案不随案移送（《人民法院在线调解规则》第十八条）。</p>
        <ol className="timeline">
          {d.history.events.map((e) => (
            <li key={e.id}>
              <time dateTime={new Date(e.at).toISOString()}>{formatDateTime(e.at)}</time> <strong>{e.actor}</strong>：{e.summary}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
