// What the 公证员 checks before issuing: the agreement (PDF), the parties with identities and
// contacts and when each signed the application, the payment schedule with what was paid or is
// overdue, and the debtor's acceptance of enforcement.
import type { SerializeFrom } from "@remix-run/node";
import { formatDateTime } from "~/lib/case-format";
import type { NotaryPackage } from "~/services/notarisation.server";
import { INSTALMENT_STATE } from "./performance-panel";

type File = NonNullable<SerializeFrom<NotaryPackage>["file"]>;

export type ScheduleLine = { seq: number; dueDate: string; amountText: string; capital: string; state: string; paidAt: Date | string | null; confirmedBy: string | null };

export function ScheduleTable({ lines, caption }: { lines: ScheduleLine[]; caption: string }) {
  return (
    <div className="table-wrap">
      <table className="data">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">期数</th>
            <th scope="col">履行期限</th>
            <th scope="col">金额</th>
            <th scope="col">大写</th>
            <th scope="col">履行情况</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.seq}>
              <td>第{l.seq}期</td>
              <td>{l.dueDate} 前</td>
              <td>{l.amountText}</td>
              <td>{l.capital}</td>
              <td>
                <strong className={l.state === "overdue" ? "error" : undefined}>{INSTALMENT_STATE[l.state]}</strong>
                {l.paidAt ? `（${l.confirmedBy ?? "债权人"}于 ${formatDateTime(l.paidAt)} 确认收到）` : ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function NotarisationPackage({ caseId, file }: { caseId: string; file: File }) {
  return (
    <>
      <section className="card" aria-labelledby="pkg-agreement">
        <h2 id="pkg-agreement">调解协议</h2>
        <dl className="kv">
          <dt>案号</dt>
          <dd>{file.caseNo}</dd>
          <dt>协议编号</dt>
          <dd>{file.agreement.docNoText}</dd>
          <dt>生效时间</dt>
          <dd>{formatDateTime(file.agreement.effectiveAt)}</dd>
          {file.agreement.pdfSha256 ? (
            <>
              <dt>文件 SHA-256</dt>
              <dd className="hash">{file.agreement.pdfSha256}</dd>
            </>
          ) : null}
        </dl>
        <p className="row">
          <a className="btn btn-ghost" href={`/cases/${caseId}/agreement/pdf`} download>
            下载调解协议 PDF
          </a>
          <a href={`/verify/${file.agreement.docNo}`}>核验协议</a>
        </p>
        {file.refusal ? (
          <p className="notice notice-warn" role="alert">
            {file.refusal}
          </p>
        ) : null}
        <h3>协议内容</h3>
        <ol>
          {file.terms.map((t, i) => (
            <li key={i}>{t}</li>
          ))}
        </ol>
      </section>

      <section className="card" aria-labelledby="pkg-parties">
        <h2 id="pkg-parties">当事人身份及联系方式</h2>
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">身份</th>
                <th scope="col">姓名/名称</th>
                <th scope="col">证件号码</th>
                <th scope="col">手机</th>
                <th scope="col">地址</th>
                <th scope="col">签署申请</th>
              </tr>
            </thead>
            <tbody>
              {file.parties.map((p) => (
                <tr key={p.id}>
                  <td>
                    {p.side === "applicant" ? "申请人" : "被申请人"}·{p.role}
                  </td>
                  <td>
                    {p.name}
                    {p.details ? <div className="muted">{p.details}</div> : null}
                    {p.legalRep ? <div className="muted">法定代表人：{p.legalRep}</div> : null}
                    {p.agentName ? <div className="muted">代理人：{p.agentName}</div> : null}
                  </td>
                  <td>{p.idNumber}</td>
                  <td>{p.phone}</td>
                  <td>{p.address}</td>
                  <td>{p.signedAt ? formatDateTime(p.signedAt) : "未签署"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {file.payment ? (
        <section className="card" aria-labelledby="pkg-payment">
          <h2 id="pkg-payment">给付内容及履行情况</h2>
          <p>
            给付总额 {file.payment.totalText}（{file.payment.totalCapital}），付款方式：{file.payment.method}
          </p>
          <ScheduleTable lines={file.payment.lines} caption="付款计划及履行情况" />
        </section>
      ) : null}

      <section className="card" aria-labelledby="pkg-clause">
        <h2 id="pkg-clause">债务人接受强制执行的承诺</h2>
        {file.clause ? <blockquote>{file.clause}</blockquote> : <p className="error">协议中没有债务人接受强制执行的承诺。</p>}
      </section>
    </>
  );
}
