// On the case page: where a failed case went and whether it arrived — or, for a party or the
// mediator of a failed case, the choice of where to send it, each body with the rule behind it.
// The side that sends it sues (or applies), so the courts offered depend on who is looking.
import type { SerializeFrom } from "@remix-run/node";
import { Link, useFetcher } from "@remix-run/react";
import { useState } from "react";
import { formatDateTime } from "~/lib/case-format";
import type { TransferPanelData } from "~/services/transfer.server";

type Data = SerializeFrom<TransferPanelData>;
type Reply = { ok: false; error: string; field?: string };

export function TransferPanel({ data }: { data: Data | null }) {
  if (!data) return null;
  return (
    <>
      {data.sent ? <Destination sent={data.sent} /> : null}
      {data.choices ? <SendForm caseId={data.caseId} version={data.version} choices={data.choices} /> : null}
    </>
  );
}

function Destination({ sent }: { sent: NonNullable<Data["sent"]> }) {
  return (
    <section className="card" aria-labelledby="transfer-where">
      <h2 id="transfer-where">案件去向</h2>
      <p>
        已移送至 <strong>{sent.orgName}</strong>（{formatDateTime(sent.submittedAt)}，{sent.kindText}）
        {sent.sentBy ? `，由${sent.sentBy}办理` : ""}。
      </p>
      {sent.acknowledged ? (
        <p role="status">
          {sent.orgName} 已于 {formatDateTime(sent.acceptedAt)} 确认收到{sent.refNo ? `，案号 ${sent.refNo}` : ""}。
        </p>
      ) : (
        <p className="muted">等待{sent.orgName}确认收到。</p>
      )}
      <p className="muted">移送依据：{sent.basis}</p>
      {sent.fileLink ? <Link to={sent.fileLink}>查看随案移送的案卷</Link> : null}
    </section>
  );
}

function SendForm({ caseId, version, choices }: { caseId: string; version: number; choices: NonNullable<Data["choices"]> }) {
  const fetcher = useFetcher<Reply>();
  const [agreement, setAgreement] = useState<"no" | "yes">("no");
  const c = agreement === "yes" && choices.withAgreement ? choices.withAgreement : choices.withoutAgreement;
  const reply = fetcher.data && !fetcher.data.ok ? fetcher.data : null;
  const busy = fetcher.state !== "idle";
  return (
    <section className="card" aria-labelledby="transfer-title">
      <h2 id="transfer-title">移送仲裁或诉讼</h2>
      <p>调解不成的，案件可以连同当事人信息、请求事项、证据材料和经各方确认的无争议事实一并移送，当事人无需重新提交材料。</p>
      <p className="muted">
        由{choices.plaintiff === "applicant" ? "申请人" : "被申请人"}一方{choices.labour ? "申请仲裁" : "起诉或申请仲裁"}，
        {choices.plaintiff === "applicant" ? "被申请人" : "申请人"}一方为被告（被申请人）；下列机构据此确定。
      </p>
      {choices.labour ? <p className="muted">劳动争议须先申请劳动争议仲裁，对仲裁裁决不服的才可以起诉（《劳动争议调解仲裁法》第五条）。</p> : null}
      <fetcher.Form method="post" action="/transfers/send" className="form">
        <input type="hidden" name="caseId" value={caseId} />
        <input type="hidden" name="version" value={version} />
        {choices.asksAboutAgreement ? (
          <fieldset className="field">
            <legend>双方是否订有仲裁协议（合同中的仲裁条款，或纠纷发生后书面约定仲裁）</legend>
            <label className="check">
              <input type="radio" name="arbitrationAgreement" value="no" checked={agreement === "no"} onChange={() => setAgreement("no")} /> 没有
            </label>
            <label className="check">
              <input type="radio" name="arbitrationAgreement" value="yes" checked={agreement === "yes"} onChange={() => setAgreement("yes")} /> 有，约定由仲裁委员会仲裁
            </label>
          </fieldset>
        ) : (
          <input type="hidden" name="arbitrationAgreement" value="no" />
        )}
        {c.options.length ? (
          <fieldset className="field" aria-describedby={reply?.field === "orgId" || reply?.field === "target" ? "transfer-error" : undefined}>
            <legend>移送至</legend>
            {c.options.map((o) => (
              <label className="check" key={`${o.kind}:${o.orgId}`}>
                <input type="radio" name="target" value={`${o.kind}:${o.orgId}`} aria-describedby={`basis-${o.orgId}`} /> {o.name}（{o.kind === "arbitration" ? "申请仲裁" : "起诉立案"}）
                <span className="muted" id={`basis-${o.orgId}`} style={{ display: "block" }}>
                  依据：{o.basis}
                </span>
              </label>
            ))}
          </fieldset>
        ) : (
          <p>本平台暂无可以移送的机构。</p>
        )}
        {c.refusals.length ? (
          <div className="muted">
            <p>不能选择的途径：</p>
            <ul>
              {c.refusals.map((r) => (
                <li key={r.kind + r.reason}>{r.reason}</li>
              ))}
            </ul>
          </div>
        ) : null}
        {c.options.length ? (
          <>
            <label className="check">
              <input type="checkbox" name="confirm" value="yes" /> 我已核对案件信息，同意将本案移送所选机构（移送后本平台的调解程序终结）
            </label>
            {reply ? (
              <p className="form-error" role="alert" id="transfer-error">
                {reply.error}
              </p>
            ) : null}
            <button type="submit" className="btn" disabled={busy}>
              {busy ? "正在移送…" : "确认移送"}
            </button>
          </>
        ) : null}
      </fetcher.Form>
    </section>
  );
}
