// The agreement as the parties read it before signing: the same sections, in the same order, as
// the PDF (人民调解法 Art 29), so what they sign on screen is what gets printed.
import type { AgreementContent } from "~/lib/agreement-schema";
import { enforcementSentence } from "~/lib/agreement-schema";
import { fenToCapital } from "~/lib/amount";
import { formatFen } from "~/lib/case-format";

export function AgreementText({ content, title }: { content: AgreementContent; title?: string }) {
  const name = (id: string) => content.parties.find((p) => p.partyId === id)?.name ?? "";
  const p = content.payment;
  return (
    <article className="agreement-text" aria-label={title ?? "调解协议书"}>
      {title ? <h3 className="agreement-title">{title}</h3> : null}
      <section>
        <h4>当事人</h4>
        <ul className="agreement-parties">
          {content.parties.map((x) => (
            <li key={x.partyId}>
              <strong>{x.side === "applicant" ? "申请人" : "被申请人"}：</strong>
              {x.kind === "person"
                ? `${x.name}，${x.sex}，${x.age}岁，${x.ethnicity}，${x.occupation}，身份证号码 ${x.idNumber}，住${x.address}`
                : `${x.name}，统一社会信用代码 ${x.idNumber}，住所地${x.address}；法定代表人 ${x.legalRep}${x.legalRepTitle ? `（${x.legalRepTitle}）` : ""}`}
            </li>
          ))}
        </ul>
      </section>
      <section>
        <h4>纠纷的主要事实</h4>
        <p className="pre">{content.facts}</p>
        <h4>争议事项</h4>
        <p className="pre">{content.disputes}</p>
        <h4>各方当事人的责任</h4>
        <p className="pre">{content.responsibilities}</p>
      </section>
      <section>
        <h4>协议内容</h4>
        <ol>
          {content.terms.map((t, i) => (
            <li key={i} className="pre">
              {t}
            </li>
          ))}
        </ol>
        {p ? (
          <div className="agreement-payment">
            <p>
              {name(p.payerPartyId)}应向{name(p.payeePartyId)}支付 {formatFen(p.totalFen)}（{fenToCapital(p.totalFen)}），付款方式：{p.method}。
            </p>
            <div className="table-wrap">
              <table className="data">
                <caption className="sr-only">分期履行安排</caption>
                <thead>
                  <tr>
                    <th scope="col">期数</th>
                    <th scope="col">履行期限</th>
                    <th scope="col">金额</th>
                    <th scope="col">大写</th>
                  </tr>
                </thead>
                <tbody>
                  {p.instalments.map((x, i) => (
                    <tr key={i}>
                      <td>第{i + 1}期</td>
                      <td>{x.dueDate}前</td>
                      <td>{formatFen(x.amountFen)}</td>
                      <td>{fenToCapital(x.amountFen)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        ) : null}
        <dl className="kv">
          <dt>履行方式</dt>
          <dd>{content.performance.manner}</dd>
          <dt>履行地点</dt>
          <dd>{content.performance.place}</dd>
          <dt>履行期限</dt>
          <dd>{content.performance.deadline}前</dd>
        </dl>
        {content.enforcementClause && p ? <p>{enforcementSentence(name(p.payerPartyId))}</p> : null}
        {content.other ? <p className="pre">其他约定：{content.other}</p> : null}
      </section>
    </article>
  );
}
