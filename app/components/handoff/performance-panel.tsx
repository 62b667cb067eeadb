// 履行 on the case page: the payment schedule with each instalment 待履行 / 已履行 / 逾期, amounts
// in 大写, the creditor's "确认收到" button, and after a default the way to enforcement.
import { useFetcher } from "@remix-run/react";
import { formatDateTime } from "~/lib/case-format";
import type { FulfilmentSection } from "~/services/performance.server";
import type { PerformanceReply } from "~/routes/cases.$caseId.performance";
import { ReplyNote } from "./reply-note";

type Data = NonNullable<FulfilmentSection["performance"]>;

/** An instalment's state as everyone reads it (the schedule here and the notary's package). */
export const INSTALMENT_STATE: Record<string, string> = { paid: "已履行", due: "待履行", overdue: "逾期" };

export function PerformancePanel({ caseId, data }: { caseId: string; data: Data }) {
  const confirm = useFetcher<PerformanceReply>();
  return (
    <section className="card" aria-labelledby="performance-title">
      <h2 id="performance-title">协议履行</h2>
      <p>
        {data.payer}（付款方）向 {data.payee}（收款方）支付 {data.totalText}（{data.totalCapital}），付款方式：{data.method}。
        {data.isCreditor ? " 收到每期款项后，请点击“确认收到”。" : data.isDebtor ? " 付款期限前3天会短信提醒您。" : ""}
      </p>
      <div className="table-wrap">
        <table className="data">
          <caption className="sr-only">付款计划及履行情况</caption>
          <thead>
            <tr>
              <th scope="col">期数</th>
              <th scope="col">履行期限</th>
              <th scope="col">金额</th>
              <th scope="col">状态</th>
              {data.isCreditor ? <th scope="col">操作</th> : null}
            </tr>
          </thead>
          <tbody>
            {data.lines.map((l) => (
              <tr key={l.id} aria-label={`第${l.seq}期`}>
                <td>第{l.seq}期</td>
                <td>{l.dueDate} 前</td>
                <td>
                  {l.amountText}
                  <div className="muted">{l.capital}</div>
                </td>
                <td>
                  <strong className={l.state === "overdue" ? "error" : l.state === "paid" ? "badge badge-ok" : undefined}>{INSTALMENT_STATE[l.state]}</strong>
                  {l.paidAt ? <div className="muted">{`${l.confirmedBy ?? "收款方"}于 ${formatDateTime(l.paidAt)} 确认收到`}</div> : null}
                </td>
                {data.isCreditor ? (
                  <td>
                    {l.canConfirm ? (
                      <confirm.Form method="post" action={`/cases/${caseId}/performance`}>
                        <input type="hidden" name="intent" value="confirm-payment" />
                        <input type="hidden" name="instalmentId" value={l.id} />
                        <button className="btn btn-ghost" type="submit" disabled={confirm.state !== "idle"} aria-label={`确认收到第${l.seq}期款项`}>
                          确认收到
                        </button>
                      </confirm.Form>
                    ) : (
                      "—"
                    )}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ReplyNote reply={confirm.data} />
      {data.defaulted && data.isDebtor ? (
        <p className="notice notice-warn" role="note">
          您有逾期未付的款项。请尽快向{data.payee}付款，并请对方在平台上确认收到；逾期不付的，对方可以依法申请强制执行。
        </p>
      ) : null}
      {data.route ? (
        <section className="notice notice-warn" aria-labelledby="route-title">
          <h3 id="route-title">{data.route.title}</h3>
          {data.route.kind === "options" ? (
            <ul>
              {data.route.lines.map((l) => (
                <li key={l}>{l}</li>
              ))}
            </ul>
          ) : (
            data.route.lines.map((l) => <p key={l}>{l}</p>)
          )}
        </section>
      ) : null}
    </section>
  );
}
