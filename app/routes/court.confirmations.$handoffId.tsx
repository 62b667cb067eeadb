// One 司法确认 application as the judge reviews it: the package (application, agreement, proof that
// the organisation presided, identities and contacts, powers of attorney), the deadlines, and the
// acts the court may take now. Judges of any other court get 404.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { AcceptOrDecline, ExtendForm, InquiryForm, RuleForm } from "~/components/handoff/confirmation-court";
import { Deadline, type Reply } from "~/components/handoff/confirmation-parts";
import { ReplyNote } from "~/components/handoff/reply-note";
import { formatDateTime } from "~/lib/case-format";
import { requireRole } from "~/services/auth.server";
import {
  acceptApplication,
  courtApplicationPage,
  declineApplication,
  declineSchema,
  extendReview,
  extendSchema,
  fieldErrors,
  inquirySchema,
  ruleOnApplication,
  ruleSchema,
  scheduleInquiry,
} from "~/services/confirmation.server";
import { failureOf, orErrorPage, replyToError } from "~/services/route-helpers.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.refNo ?? "司法确认申请"} · 云解纷` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireRole(request, "judge");
  return orErrorPage(() => courtApplicationPage(user, params.handoffId ?? ""));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireRole(request, "judge");
  const id = params.handoffId ?? "";
  await orErrorPage(() => courtApplicationPage(user, id)); // 404 before reading anything for another court
  const fd = await request.formData();
  const intent = String(fd.get("intent") ?? "");
  const fields = Object.fromEntries([...fd.entries()].filter(([, v]) => typeof v === "string" && v !== "")) as Record<string, string>;
  const fail = failureOf<Reply>(intent);
  try {
    switch (intent) {
      case "accept": {
        const r = await acceptApplication(user, id);
        return data<Reply>({ intent, done: `已受理，案号 ${r.refNo}，请于 ${formatDateTime(r.decisionDue)} 前作出裁定。` });
      }
      case "decline": {
        const s = declineSchema.safeParse(fields);
        if (!s.success) return fail(400, "请填写不予受理的理由", { errors: fieldErrors(s.error) });
        await declineApplication(user, id, s.data);
        return data<Reply>({ intent, done: "已决定不予受理，并通知了当事人。" });
      }
      case "inquire": {
        const s = inquirySchema.safeParse(fields);
        if (!s.success) return fail(400, "请填写询问时间和地点", { errors: fieldErrors(s.error) });
        await scheduleInquiry(user, id, s.data);
        return data<Reply>({ intent, done: "已通知双方当事人到场询问。" });
      }
      case "extend": {
        const s = extendSchema.safeParse(fields);
        if (!s.success) return fail(400, "请填写需要延长的特殊情况", { errors: fieldErrors(s.error) });
        const r = await extendReview(user, id, s.data);
        return data<Reply>({ intent, done: `审查期限已延长至 ${formatDateTime(r.decisionDue)}。` });
      }
      case "rule": {
        const s = ruleSchema.safeParse(fields);
        if (!s.success) return fail(400, "请检查裁定内容", { errors: fieldErrors(s.error) });
        const r = await ruleOnApplication(user, id, s.data);
        return data<Reply>({ intent, done: `已作出民事裁定书（${r.refNo}），文书编号 ${r.docNo}，已送达双方当事人。` });
      }
      default:
        return fail(400, "未知的操作");
    }
  } catch (e) {
    return replyToError(e, (err) => fail(err.status, err.message, { errors: err.field ? { [err.field]: err.message } : undefined }));
  }
}

export default function CourtApplication() {
  const d = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as Reply | undefined;
  const nav = useNavigation();
  const busy = nav.state !== "idle";
  const fieldError = reply?.errors && Object.keys(reply.errors).length > 0;
  return (
    <>
      <p>
        <Link to="/court/confirmations">← 司法确认申请</Link>
      </p>
      <h1>{d.refNo ?? "司法确认申请"}</h1>
      <p className="muted">
        {d.courtName} · {d.caseNoText} · {d.category} · {d.statusText}
        {d.handler ? ` · 审判员 ${d.handler}` : ""}
      </p>
      {/* An error beside a field is shown there, not twice. */}
      <ReplyNote reply={reply && { done: reply.done, error: fieldError ? undefined : reply.error }} />
      {d.due ? (
        <p className={d.tone === "ok" ? "notice" : "notice notice-warn"} role={d.tone === "ok" ? undefined : "alert"}>
          <Deadline label={d.status === "submitted" ? "受理期限（司法确认程序规定第四条）" : "审查期限（司法确认程序规定第五条）"} due={d.due} tone={d.tone} />
          {d.extendedAt ? `（已延长：${d.extensionReason}）` : ""}
        </p>
      ) : null}
      {d.refusal ? (
        <p className="notice notice-warn">
          提示：{d.refusal.reason}（{d.refusal.article}）
        </p>
      ) : null}

      {d.can.accept ? <AcceptOrDecline reply={reply} busy={busy} /> : null}
      {d.can.rule ? <RuleForm reply={reply} busy={busy} /> : null}
      {d.can.inquire ? <InquiryForm reply={reply} busy={busy} /> : null}
      {d.can.extend ? <ExtendForm reply={reply} busy={busy} /> : null}
      {d.ruling ? (
        <section className="card" aria-labelledby="ruling-title">
          <h2 id="ruling-title">民事裁定书</h2>
          <p>
            {d.outcomeText}（{formatDateTime(d.decidedAt)}）{d.note ? `：${d.note}` : ""}
          </p>
          <p className="row">
            {d.ruling.url ? (
              <a className="btn" href={d.ruling.url} download>
                下载民事裁定书
              </a>
            ) : null}
            <Link to={d.ruling.verify}>核验页面（{d.ruling.docNo}）</Link>
          </p>
        </section>
      ) : d.status === "declined" ? (
        <p className="notice">已于 {formatDateTime(d.decidedAt)} 决定不予受理：{d.note}</p>
      ) : null}

      <section className="card" aria-labelledby="package-title">
        <h2 id="package-title">申请材料</h2>
        <ul>
          <li>
            <a href={d.package.application}>司法确认申请书（含调解组织主持调解的证明、当事人身份及联系方式）</a>
          </li>
          {d.package.agreement ? (
            <li>
              {d.package.agreement.url ? <a href={d.package.agreement.url}>调解协议书 {d.package.agreement.docNoText}</a> : `调解协议书 ${d.package.agreement.docNoText}`} ·{" "}
              <Link to={d.package.agreement.verify}>核验</Link>
            </li>
          ) : null}
          {d.package.powersOfAttorney.map((p) => (
            <li key={p.id}>{p.url ? <a href={p.url}>授权委托书：{p.filename}</a> : `授权委托书：${p.filename}`}</li>
          ))}
          {d.parties.some((p) => p.agent) && d.package.powersOfAttorney.length === 0 ? <li className="error">有委托代理人，但未提交授权委托书</li> : null}
        </ul>
        <h3>调解组织主持调解的证明</h3>
        <dl className="kv">
          <dt>调解组织</dt>
          <dd>{d.proof.orgName}</dd>
          <dt>住所地</dt>
          <dd>{d.proof.orgAddress ?? "—"}</dd>
          <dt>调解员</dt>
          <dd>{d.proof.mediatorName ?? "—"}</dd>
          <dt>受理调解</dt>
          <dd>{formatDateTime(d.proof.mediationAcceptedAt)}</dd>
          <dt>协议生效</dt>
          <dd>{formatDateTime(d.proof.effectiveAt)}</dd>
          <dt>管辖依据</dt>
          <dd>{d.basis}</dd>
        </dl>
        <h3>协议主要内容</h3>
        <ol>
          {d.terms.map((t, i) => (
            <li key={i}>{t}</li>
          ))}
        </ol>
      </section>

      <section className="card" aria-labelledby="parties-title">
        <h2 id="parties-title">申请人身份及联系方式</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">申请人</th>
                <th scope="col">身份证件号码</th>
                <th scope="col">联系电话</th>
                <th scope="col">送达地址</th>
                <th scope="col">委托代理人</th>
                <th scope="col">电子签署</th>
              </tr>
            </thead>
            <tbody>
              {d.parties.map((p) => (
                <tr key={p.partyId}>
                  <td>
                    {p.name}（{p.side === "applicant" ? "调解申请人" : "调解被申请人"}）{p.detail ? <div className="muted">{p.detail}</div> : null}
                  </td>
                  <td>{p.idNumber}</td>
                  <td>{p.phone}</td>
                  <td>{p.address}</td>
                  <td>{p.agent ? `${p.agent.name} ${p.agent.phone}` : "—"}</td>
                  <td>{p.signedAt ? `${p.signedBy}，${formatDateTime(p.signedAt)}` : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {d.inquiries.length ? (
        <section className="card" aria-labelledby="inquiries-title">
          <h2 id="inquiries-title">到场询问</h2>
          <ul>
            {d.inquiries.map((i, n) => (
              <li key={n}>
                {formatDateTime(i.at)} · {i.place}
                {i.note ? ` · ${i.note}` : ""}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {d.caseLink ? (
        <p>
          <Link to={d.caseLink}>查看案件办理过程</Link>
        </p>
      ) : null}
    </>
  );
}
