// 司法确认 on the case page: the 30-day countdown (人民调解法 Art 33), where the application stands,
// the ruling to download, and the way to the application page.
import type { SerializeFrom } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { formatDateTime } from "~/lib/case-format";
import type { ConfirmationCard as Card } from "~/services/confirmation.server";

export function ConfirmationCard({ caseId, card }: { caseId: string; card: SerializeFrom<Card> | null | undefined }) {
  if (!card) return null;
  const page = `/cases/${caseId}/confirmation`;
  const c = card.current;
  return (
    <section className="card" aria-labelledby="confirmation-card-title">
      <h2 id="confirmation-card-title">司法确认</h2>
      {c ? (
        <p>
          {c.courtName} · {c.statusText}
          {c.refNo ? ` · 案号 ${c.refNo}` : ""}
          {c.outcomeText ? ` · ${c.outcomeText}` : ""}
          {!c.refNo && c.needed && c.signed < c.needed ? ` · 已签署 ${c.signed}/${c.needed}` : ""}
        </p>
      ) : null}
      {card.refusal ? (
        <p className="notice notice-warn">本协议不能申请司法确认：{card.refusal}</p>
      ) : card.window && (!c || c.outcome === null) ? (
        card.window.open ? (
          <p>
            申请期限：自调解协议生效之日起30日内，还剩 <strong>{card.window.daysLeft}</strong> 天（{formatDateTime(card.window.endsAt)} 截止，《人民调解法》第三十三条）
          </p>
        ) : (
          <p className="notice notice-warn">
            司法确认的申请期限已于 {formatDateTime(card.window.endsAt)} 届满：依照《人民调解法》第三十三条，须在调解协议生效之日起30日内由双方共同申请，现已不能申请。调解协议仍然有效，一方不履行的，另一方可向人民法院提起诉讼。
          </p>
        )
      ) : null}
      {c?.outcome === "rejected" ? <p>法院裁定驳回申请后，双方可以重新调解（变更原协议或达成新的调解协议），也可以向人民法院提起诉讼。</p> : null}
      <p className="row">
        {card.canStart ? (
          <Link className="btn" to={page}>
            申请司法确认
          </Link>
        ) : card.myTurn ? (
          <Link className="btn" to={page}>
            签署司法确认申请
          </Link>
        ) : c || card.canRemediate ? (
          <Link className={card.canRemediate ? "btn" : undefined} to={page}>
            {card.canRemediate ? "重新调解" : "查看司法确认进度"}
          </Link>
        ) : null}
        {c?.ruling ? (
          <a href={c.ruling.url} download>
            下载民事裁定书
          </a>
        ) : null}
      </p>
    </section>
  );
}
