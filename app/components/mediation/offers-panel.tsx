import { Form } from "@remix-run/react";
import { useState } from "react";
import { formatDateTime, formatFen } from "~/lib/case-format";
import { FieldErr } from "./field-error";
import { errorOf, type MediationData, type Reply } from "./types";

const STATUS: Record<string, string> = { open: "待答复", accepted: "已接受", rejected: "已拒绝", countered: "已还价", withdrawn: "已撤回" };
const SIDE: Record<string, string> = { applicant: "申请人", respondent: "被申请人" };

function OfferFields({ prefix, reply, intent }: { prefix: string; reply: Reply; intent: string }) {
  const name = (f: string) => (prefix ? `${prefix}.${f}` : f);
  const id = (f: string) => `${intent}-${f}`;
  return (
    <>
      <div className="field">
        <label htmlFor={id("amount")}>金额（元，选填）</label>
        <input id={id("amount")} name={name("amountYuan")} inputMode="decimal" />
        <FieldErr id={`${id("amount")}-error`} text={errorOf(reply, intent, name("amountYuan"))} />
      </div>
      <div className="field">
        <label htmlFor={id("terms")}>方案内容（履行方式、地点等）</label>
        <textarea id={id("terms")} name={name("terms")} rows={3} />
        <FieldErr id={`${id("terms")}-error`} text={errorOf(reply, intent, name("terms"))} />
      </div>
      <div className="field">
        <label htmlFor={id("payBy")}>履行期限（选填）</label>
        <input id={id("payBy")} name={name("payBy")} type="date" />
      </div>
    </>
  );
}

/** Structured offers (amount, terms, deadline); the other side accepts, rejects or counters. */
export function OffersPanel({ mediating, side, offers, reply }: { mediating: boolean; side: string; offers: MediationData["offers"]; reply: Reply }) {
  const isParty = side === "applicant" || side === "respondent";
  return (
    <section className="card" id="offers" aria-labelledby="offers-title">
      <h2 id="offers-title">调解方案</h2>
      {offers.length === 0 ? <p className="muted">还没有方案。当事人可以提出金额、履行方式和期限，由对方接受、拒绝或还价。</p> : null}
      <ul className="offers">
        {offers.map((o) => (
          <li key={o.id} className="party-block">
            <p>
              <strong>{SIDE[o.fromSide]}</strong>提出 · {formatDateTime(o.createdAt)} · <span className="badge">{STATUS[o.status]}</span>
            </p>
            <p>
              {o.amountFen != null ? `金额 ${formatFen(o.amountFen)}；` : ""}
              {o.terms}
              {o.payBy ? `；履行期限 ${o.payBy}` : ""}
            </p>
            {mediating && isParty && o.status === "open" && o.fromSide !== side ? <Respond offerId={o.id} reply={reply} /> : null}
          </li>
        ))}
      </ul>
      {mediating && isParty ? (
        <details>
          <summary>提出方案</summary>
          <Form method="post" className="form">
            <OfferFields prefix="" reply={reply} intent="offer" />
            <button type="submit" name="intent" value="offer" className="btn">
              提交方案
            </button>
          </Form>
        </details>
      ) : null}
    </section>
  );
}

function Respond({ offerId, reply }: { offerId: string; reply: Reply }) {
  const [counter, setCounter] = useState(false);
  return (
    <Form method="post" className="form">
      <input type="hidden" name="offerId" value={offerId} />
      <div className="row">
        <button type="submit" name="action" value="accept" className="btn">
          接受
        </button>
        <button type="submit" name="action" value="reject" className="btn btn-ghost">
          拒绝
        </button>
        <button type="button" className="btn btn-ghost" aria-expanded={counter} onClick={() => setCounter((c) => !c)}>
          还价
        </button>
      </div>
      <input type="hidden" name="intent" value="offer-respond" />
      {counter ? (
        <>
          <OfferFields prefix="counter" reply={reply} intent="offer-respond" />
          <button type="submit" name="action" value="counter" className="btn">
            提出还价方案
          </button>
        </>
      ) : null}
    </Form>
  );
}
