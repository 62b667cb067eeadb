// The parties of a case as cards: who they are and how to reach them (already masked by the
// server for viewers who may not see them in full). `extra` adds rows a page needs (consent, agent).
import type { ReactNode } from "react";

export type PartyCard = {
  id: string;
  side: "applicant" | "respondent";
  kind: "person" | "org";
  name: string;
  legalRep: string | null;
  idNumber: string;
  phone: string;
  address: string;
};

export function PartiesSection<P extends PartyCard>({ parties, extra }: { parties: P[]; extra?: (p: P) => ReactNode }) {
  return (
    <section className="card" aria-labelledby="parties-title">
      <h2 id="parties-title">当事人</h2>
      <div className="grid grid-2">
        {parties.map((p) => (
          <article key={p.id} className="party-block" aria-label={`${p.side === "applicant" ? "申请人" : "被申请人"} ${p.name}`}>
            <h3>
              {p.side === "applicant" ? "申请人" : "被申请人"}：{p.name}
            </h3>
            <dl className="kv">
              {p.legalRep ? (
                <>
                  <dt>法定代表人</dt>
                  <dd>{p.legalRep}</dd>
                </>
              ) : null}
              <dt>{p.kind === "org" ? "信用代码" : "身份证号"}</dt>
              <dd>{p.idNumber}</dd>
              <dt>手机</dt>
              <dd>{p.phone}</dd>
              <dt>送达地址</dt>
              <dd>{p.address}</dd>
              {extra?.(p)}
            </dl>
          </article>
        ))}
      </div>
    </section>
  );
}
