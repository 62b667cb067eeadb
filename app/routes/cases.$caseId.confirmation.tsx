// 司法确认 for the parties (人民调解法 Art 33): the 30-day window, the competent courts, the joint
// application each party signs with an SMS code, its progress at the court and the ruling; and,
// after a rejection, the mediator's way back to mediation.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { StatusBadge } from "~/components/case-badges";
import { ApplicationProgress, SignatureList, type Reply } from "~/components/handoff/confirmation-parts";
import { ReasonAction, SignApplication, StartForm } from "~/components/handoff/confirmation-forms";
import { ReplyNote } from "~/components/handoff/reply-note";
import { useLiveCase } from "~/components/use-live-case";
import { formatDateTime } from "~/lib/case-format";
import { requireUser } from "~/services/auth.server";
import { loadCaseFor } from "~/services/cases.server";
import {
  applySchema,
  codeSchema,
  confirmationPage,
  fieldErrors,
  reasonSchema,
  remediateAfterRejection,
  sendConfirmationCode,
  signConfirmation,
  startConfirmation,
  withdrawConfirmation,
} from "~/services/confirmation.server";
import { failureOf, orErrorPage, replyToError, signMetaOf } from "~/services/route-helpers.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `司法确认 · ${data?.caseNoText ?? "案件"} · 云解纷` }];

function load(request: Request, caseId: string | undefined) {
  const user = requireUser(request);
  return orErrorPage(() => loadCaseFor(user, caseId ?? ""));
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  return confirmationPage(await load(request, params.caseId));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const view = await load(request, params.caseId);
  const user = view.user;
  const id = view.row.id;
  const fd = await request.formData();
  const intent = String(fd.get("intent") ?? "");
  const fields = Object.fromEntries([...fd.entries()].filter(([, v]) => typeof v === "string")) as Record<string, string>;
  const fail = failureOf<Reply>(intent);
  const meta = signMetaOf(request, context);
  try {
    switch (intent) {
      case "start": {
        const s = applySchema.safeParse(fields);
        if (!s.success) return fail(400, "请选择申请司法确认的人民法院", { errors: fieldErrors(s.error) });
        await startConfirmation(user, id, s.data);
        return data<Reply>({ intent, done: "已发起司法确认申请。请获取验证码签署您的申请；对方当事人也签署后，申请将提交法院。" });
      }
      case "send_code": {
        const r = await sendConfirmationCode(user, id);
        return data<Reply>({ intent, sentTo: r.sentTo });
      }
      case "sign": {
        const s = codeSchema.safeParse(fields);
        if (!s.success) return fail(400, "请输入短信中的6位验证码", { errors: fieldErrors(s.error) });
        const r = await signConfirmation(user, id, s.data, meta);
        return data<Reply>({ intent, done: r.submitted ? "签署成功。各方当事人均已签署，申请已提交法院。" : "签署成功。待其他当事人签署后，申请将提交法院。" });
      }
      case "withdraw": {
        const s = reasonSchema.safeParse(fields);
        if (!s.success) return fail(400, "请填写撤回的理由", { errors: fieldErrors(s.error) });
        await withdrawConfirmation(user, id, s.data);
        return data<Reply>({ intent, done: "申请已撤回，可重新发起。" });
      }
      case "remediate": {
        const s = reasonSchema.safeParse(fields);
        if (!s.success) return fail(400, "请填写重新调解的情况", { errors: fieldErrors(s.error) });
        await remediateAfterRejection(user, id, s.data);
        return redirect(`/cases/${id}`);
      }
      default:
        return fail(400, "未知的操作");
    }
  } catch (e) {
    return replyToError(e, (err) => fail(err.status, err.message, { errors: err.field ? { [err.field]: err.message } : undefined }));
  }
}

export default function ConfirmationRoute() {
  const d = useLoaderData<typeof loader>();
  useLiveCase(d.caseId);
  const reply = useActionData<typeof action>() as Reply | undefined;
  const nav = useNavigation();
  const busy = nav.state !== "idle";
  const c = d.current;
  const fieldError = reply?.errors && Object.values(reply.errors).includes(reply.error ?? "");
  return (
    <>
      <p>
        <Link to={`/cases/${d.caseId}`}>← 返回案件 {d.caseNoText}</Link>
      </p>
      <h1>
        司法确认 <StatusBadge status={d.status} />
      </h1>
      {/* An error beside a field, or of signing (shown by the signing form), is not repeated here. */}
      <ReplyNote reply={reply && { done: reply.done, error: fieldError || reply.intent === "sign" ? undefined : reply.error }} />

      {d.agreement ? (
        <p className="muted">
          调解协议 {d.agreement.docNoText}，{formatDateTime(d.agreement.effectiveAt)} 生效 · <a href={d.agreement.pdf}>下载协议</a>
        </p>
      ) : (
        <p className="notice">调解协议生效后，双方当事人可以共同申请司法确认。</p>
      )}

      {d.refusal ? (
        <section className="notice notice-warn" role="alert" aria-label="不能申请司法确认">
          <p>
            <strong>本协议不能申请司法确认。</strong>
            {d.refusal.reason}（{d.refusal.article}）
          </p>
        </section>
      ) : d.window ? (
        d.window.open ? (
          <p className={d.window.daysLeft <= 3 ? "notice notice-warn" : "notice"}>
            申请期限：须在调解协议生效之日起30日内由双方共同申请（《人民调解法》第三十三条），还剩 <strong>{d.window.daysLeft}</strong> 天，{formatDateTime(d.window.endsAt)} 截止。
          </p>
        ) : c?.status === "submitted" || c?.status === "accepted" || c?.status === "decided" ? null : (
          <p className="notice notice-warn" role="alert">
            申请期限已于 {formatDateTime(d.window.endsAt)} 届满，不能再申请司法确认：《人民调解法》第三十三条规定，双方当事人应当自调解协议生效之日起三十日内共同申请。调解协议仍然有效，一方不履行的，另一方可以向人民法院提起诉讼。
          </p>
        )
      ) : null}

      {d.notarising ? <p className="notice">双方正在申请赋强公证，不能同时申请司法确认。</p> : null}

      {c ? (
        <section className="card" aria-labelledby="current-title">
          <h2 id="current-title">本次申请</h2>
          <ApplicationProgress h={c} />
          <h3>各方签署</h3>
          <SignatureList items={c.signatures} />
          {c.ruling ? (
            <p className="row">
              <a className="btn" href={c.ruling.url} download>
                下载民事裁定书
              </a>
              <Link to={c.ruling.verify}>核验页面（文书编号 {c.ruling.docNo}）</Link>
            </p>
          ) : null}
          {c.outcome === "rejected" ? (
            <p>
              法院裁定驳回申请后，双方可以通过调解变更原调解协议或者达成新的调解协议（由调解员组织重新调解），也可以向人民法院提起诉讼：
              <Link to={`/cases/${d.caseId}`}>在案件页办理</Link>。
            </p>
          ) : null}
        </section>
      ) : null}

      {d.can.sign && c ? <SignApplication names={d.me.unsigned} courtName={c.courtName} reply={reply} busy={busy} /> : null}
      {reply?.intent === "sign" && reply.error && !d.can.sign ? (
        <p className="form-error" role="alert">
          {reply.error}
        </p>
      ) : null}
      {d.can.start ? <StartForm courts={d.competence.courts} invited={d.competence.invited} reply={reply} busy={busy} /> : null}
      {!d.can.start && !c && d.window?.open && !d.refusal && d.competence.courts.length === 0 && d.competence.none ? <p className="notice notice-warn">{d.competence.none}</p> : null}
      {d.can.withdraw ? (
        <ReasonAction intent="withdraw" title="撤回尚未提交的申请（例如改选法院）" label="撤回理由" button="撤回申请" reply={reply} busy={busy} danger />
      ) : null}
      {d.can.remediate ? (
        <ReasonAction
          intent="remediate"
          title="重新调解"
          intro="法院已裁定驳回司法确认申请。经双方同意重新调解的，原调解协议作废存档，可起草新的调解协议。当事人也可以向人民法院提起诉讼。"
          label="双方同意重新调解的情况"
          button="重新调解"
          reply={reply}
          busy={busy}
        />
      ) : null}

      {d.history.length ? (
        <section className="card" aria-labelledby="history-title">
          <h2 id="history-title">以往申请</h2>
          {d.history.map((h) => (
            <article key={h.id} aria-label={`${h.courtName} ${h.statusText}`}>
              <ApplicationProgress h={h} />
            </article>
          ))}
        </section>
      ) : null}
    </>
  );
}
