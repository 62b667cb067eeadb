// The agreement's place on the case page: where it stands and the way to it.
import { Link } from "@remix-run/react";
import { AGREEMENT_STATUS_LABELS, type AgreementStatus } from "~/lib/agreement-enums";

export type AgreementSummary = { docNoText: string; status: AgreementStatus; currentVersion: number; signed: number; signers: number } | null;

export function AgreementCard({ caseId, summary, isMediator, caseStatus }: { caseId: string; summary: AgreementSummary; isMediator: boolean; caseStatus: string }) {
  if (!summary && !(isMediator && caseStatus === "agreed")) return null;
  return (
    <section className="card" aria-labelledby="agreement-card-title">
      <h2 id="agreement-card-title">调解协议书</h2>
      {summary ? (
        <p>
          {summary.docNoText} · 第{summary.currentVersion}版 · {AGREEMENT_STATUS_LABELS[summary.status]}
          {summary.status === "drafting" ? ` · 已签署 ${summary.signed}/${summary.signers}` : ""}
        </p>
      ) : (
        <p>双方已达成调解意向，请起草调解协议。</p>
      )}
      <p className="row">
        <Link className="btn" to={`/cases/${caseId}/agreement`}>
          {!summary ? "起草调解协议" : summary.status === "effective" ? "查看和下载协议" : isMediator ? "查看、修改协议" : "查看协议、提出意见或签署"}
        </Link>
        {summary?.status === "effective" ? (
          <a href={`/cases/${caseId}/agreement/pdf`} download>
            下载 PDF
          </a>
        ) : null}
      </p>
    </section>
  );
}
