// 赋强公证 on the case page: offered for a monetary agreement with the debtor's acceptance of
// enforcement (otherwise the rule that refuses it), the joint application and who signed, the
// notary's answer, the issued 公证书 / 执行证书, and the creditor's request for an 执行证书.
import { Link, useFetcher } from "@remix-run/react";
import { formatDateTime } from "~/lib/case-format";
import type { NotarisationReply } from "~/routes/cases.$caseId.notarisation";
import type { FulfilmentSection } from "~/services/performance.server";
import { NotarisationSign, SIGN_FETCHER } from "./notarisation-sign";
import { ReplyNote } from "./reply-note";

type Data = NonNullable<FulfilmentSection["notarisation"]>;

function Current({ c }: { c: NonNullable<Data["current"]> }) {
  if (c.status === "applying")
    return (
      <>
        <p>
          {c.startedBy}发起了向 <strong>{c.office}</strong> 的申请，需各方当事人签署后才会提交公证处：
        </p>
        <ul className="slots">
          {c.signers.map((s) => (
            <li key={s.name}>
              {s.side === "applicant" ? "申请人" : "被申请人"} {s.name}：{s.signedAt ? `已签署（${formatDateTime(s.signedAt)}）` : s.canSignOnline ? "待签署" : "尚未注册账号，无法在线签署"}
            </li>
          ))}
        </ul>
      </>
    );
  if (c.status === "submitted" || c.status === "accepted")
    return (
      <p>
        申请已于 {formatDateTime(c.submittedAt)} 提交 <strong>{c.office}</strong>，公证员正在审查。
      </p>
    );
  if (c.outcome === "issued")
    return (
      <p>
        <strong>{c.office}</strong> 已于 {formatDateTime(c.decidedAt)} 出具具有强制执行效力的债权文书公证书（{c.refNo}）。
      </p>
    );
  if (c.outcome === "refused")
    return (
      <p className="notice notice-warn">
        {c.office} 于 {formatDateTime(c.decidedAt)} 决定不予办理。理由：{c.outcomeNote}
      </p>
    );
  return null;
}

export function NotarisationPanel({ caseId, data, isDebtor }: { caseId: string; data: Data; isDebtor: boolean }) {
  const start = useFetcher<NotarisationReply>();
  const withdraw = useFetcher<NotarisationReply>();
  const exec = useFetcher<NotarisationReply>();
  const signed = useFetcher<NotarisationReply>({ key: SIGN_FETCHER });
  const action = `/cases/${caseId}/notarisation`;
  const c = data.current;
  const issued = c?.outcome === "issued";
  return (
    <section className="card" aria-labelledby="notarisation-title">
      <h2 id="notarisation-title">赋强公证</h2>
      <p className="muted">
        约定给付金钱、且付款方承诺自愿接受强制执行的调解协议，双方可以共同向公证处申请赋予强制执行效力（公证法第三十七条）。公证后付款方不按期履行的，收款方可以申请执行证书，直接向法院申请执行，无需再起诉。
      </p>
      {data.refusal ? (
        <p className="notice" role="note">
          本协议不能办理赋强公证：{data.refusal}
        </p>
      ) : null}
      {data.blocked ? (
        <p className="notice" role="note">
          {data.blocked}
        </p>
      ) : null}
      {c ? <Current c={c} /> : null}
      {signed.data?.done ? <ReplyNote reply={signed.data} /> : null}
      {data.mySignOpen && c ? <NotarisationSign caseId={caseId} office={c.office} isDebtor={isDebtor} /> : null}
      {data.mayWithdraw ? (
        <withdraw.Form method="post" action={action} className="row">
          <input type="hidden" name="intent" value="withdraw" />
          <button className="btn btn-ghost" type="submit" disabled={withdraw.state !== "idle"}>
            撤回申请
          </button>
        </withdraw.Form>
      ) : null}
      <ReplyNote reply={withdraw.data} />

      {data.mayStart && data.offices.length ? (
        <start.Form method="post" action={action} className="form">
          <input type="hidden" name="intent" value="start" />
          <div className="field">
            <label htmlFor="notary-office">公证处</label>
            <select id="notary-office" name="officeId" required defaultValue="">
              <option value="" disabled>
                请选择公证处
              </option>
              {data.offices.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
            <p className="muted">{data.basis}。发起后，双方各自用短信验证码签署申请。</p>
          </div>
          <button className="btn" type="submit" disabled={start.state !== "idle"}>
            {c?.outcome === "refused" ? "重新申请赋强公证" : "申请赋强公证"}
          </button>
        </start.Form>
      ) : null}
      <ReplyNote reply={start.data} />

      {data.documents.length ? (
        <ul aria-label="公证文书">
          {data.documents.map((d) => (
            <li key={d.docNo}>
              <a href={`/cases/${caseId}/notarisation/${d.docNo}`} download>
                下载{d.kindLabel}
              </a>{" "}
              · {d.title} · <Link to={`/verify/${d.docNo}`}>核验{d.kindLabel}</Link>
            </li>
          ))}
        </ul>
      ) : null}

      {issued && c ? (
        <section aria-labelledby="exec-cert-title">
          <h3 id="exec-cert-title">执行证书</h3>
          {c.exec.issuedAt ? (
            <p>执行证书已于 {formatDateTime(c.exec.issuedAt)} 出具，可在上方下载。</p>
          ) : c.exec.requestedAt ? (
            <p>已于 {formatDateTime(c.exec.requestedAt)} 申请出具执行证书，公证员核实履行情况后出具。</p>
          ) : (
            <>
              {c.exec.note ? <p className="notice notice-warn">{c.exec.note}</p> : null}
              {data.mayRequestExec && data.hasDefault ? (
                <exec.Form method="post" action={action} className="row">
                  <input type="hidden" name="intent" value="request_exec" />
                  <button className="btn" type="submit" disabled={exec.state !== "idle"}>
                    申请出具执行证书
                  </button>
                </exec.Form>
              ) : (
                <p className="muted">付款方逾期未付款的，收款方可以在这里申请公证处出具执行证书。</p>
              )}
            </>
          )}
          <ReplyNote reply={exec.data} />
        </section>
      ) : null}

      {data.isNotary && c ? (
        <p>
          <Link to={`/notary/${c.id}`}>在公证员页面办理本申请</Link>
        </p>
      ) : null}
    </section>
  );
}
