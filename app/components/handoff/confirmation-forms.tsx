// The parties' forms on the 司法确认 page: start the joint application (choosing a competent court),
// sign one's part with an SMS code, take an unsigned application back; and the mediator's
// re-mediation after a rejection. Every form posts to the page's own action, which checks again.
import type { SerializeFrom } from "@remix-run/node";
import { Form, useFetcher } from "@remix-run/react";
import { useState } from "react";
import { SignCodeRow } from "~/components/sign-code-row";
import type { ConfirmationPage } from "~/services/confirmation.server";
import { errorFor, FieldError, type Reply } from "./confirmation-parts";

type Courts = SerializeFrom<ConfirmationPage>["competence"]["courts"];

export function StartForm({ courts, invited, reply, busy }: { courts: Courts; invited: boolean; reply?: Reply; busy: boolean }) {
  const [chosen, setChosen] = useState(courts[0]?.id ?? "");
  const err = errorFor(reply, "start", "courtId");
  return (
    <section className="card" aria-labelledby="start-title">
      <h2 id="start-title">发起司法确认申请</h2>
      <p>
        司法确认须由双方当事人共同申请：您发起后，对方当事人也须签署，申请才会提交法院。
        {invited ? "本案系人民法院邀请调解，只能向作出邀请的人民法院申请（《民事诉讼法》第二百零五条第一项）。" : "可向当事人住所地、标的物所在地或调解组织所在地的基层人民法院申请（《民事诉讼法》第二百零五条第二项）。"}
      </p>
      <Form method="post" className="form">
        <input type="hidden" name="intent" value="start" />
        <fieldset className="field" aria-describedby={err ? "court-error" : undefined}>
          <legend>选择受理的人民法院</legend>
          {courts.map((c) => (
            <label key={c.id} className="check">
              <input type="radio" name="courtId" value={c.id} checked={chosen === c.id} onChange={() => setChosen(c.id)} />
              <span>
                <strong>{c.name}</strong>
                <span className="muted">（{c.bases.join("；")}）</span>
              </span>
            </label>
          ))}
          <FieldError id="court-error" text={err} />
        </fieldset>
        <button className="btn" type="submit" disabled={busy}>
          发起申请
        </button>
      </Form>
    </section>
  );
}

/** Get a code on one's own phone, type it, sign: the application goes to court with the last part. */
export function SignApplication({ names, courtName, reply, busy }: { names: string[]; courtName: string; reply?: Reply; busy: boolean }) {
  const code = useFetcher<Reply>();
  const err = errorFor(reply, "sign", "code") ?? (reply?.intent === "sign" ? reply.error : undefined);
  return (
    <section className="card" aria-labelledby="sign-app-title">
      <h2 id="sign-app-title">签署司法确认申请</h2>
      <p>
        您将以 <strong>{names.join("、")}</strong> 的名义，请求{courtName}确认调解协议有效。您确认：协议系出于解决纠纷的目的自愿达成，没有恶意串通、规避法律的行为；提交的材料真实、合法。
      </p>
      <SignCodeRow code={code} />
      <Form method="post" className="form">
        <input type="hidden" name="intent" value="sign" />
        <div className="field">
          <label htmlFor="app-code">短信验证码</label>
          <input id="app-code" name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} aria-describedby={err ? "app-code-error" : undefined} />
          <FieldError id="app-code-error" text={err} />
        </div>
        <button className="btn" type="submit" disabled={busy}>
          确认签署申请
        </button>
      </Form>
    </section>
  );
}

/** A form with one reason field: withdrawing an unsigned application, re-mediating. */
export function ReasonAction({ intent, title, label, button, intro, reply, busy, danger }: { intent: string; title: string; label: string; button: string; intro?: string; reply?: Reply; busy: boolean; danger?: boolean }) {
  const id = `${intent}-reason`;
  const err = errorFor(reply, intent, "reason");
  return (
    <details className="card" open={!!err}>
      <summary>{title}</summary>
      {intro ? <p>{intro}</p> : null}
      <Form method="post" className="form">
        <input type="hidden" name="intent" value={intent} />
        <div className="field">
          <label htmlFor={id}>{label}</label>
          <textarea id={id} name="reason" rows={2} maxLength={500} aria-describedby={err ? `${id}-error` : undefined} />
          <FieldError id={`${id}-error`} text={err} />
        </div>
        <button className={danger ? "btn btn-ghost" : "btn"} type="submit" disabled={busy}>
          {button}
        </button>
      </Form>
    </details>
  );
}
