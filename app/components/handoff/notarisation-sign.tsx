// Signing one's part of the joint 赋强公证 application: a code on one's own phone, typed back.
import { useFetcher } from "@remix-run/react";
import { SignCodeRow } from "~/components/sign-code-row";
import type { NotarisationReply } from "~/routes/cases.$caseId.notarisation";
import { ReplyNote } from "./reply-note";

export const SIGN_FETCHER = "notarisation-sign";

export function NotarisationSign({ caseId, office, isDebtor }: { caseId: string; office: string; isDebtor: boolean }) {
  const code = useFetcher<NotarisationReply>();
  // Keyed: the panel shows the outcome after this form is gone (everyone signed).
  const sign = useFetcher<NotarisationReply>({ key: SIGN_FETCHER });
  const action = `/cases/${caseId}/notarisation`;
  return (
    <section aria-labelledby="notary-sign-title">
      <h3 id="notary-sign-title">签署赋强公证申请</h3>
      <p>
        签署即表示您同意与对方共同向{office}申请，赋予本调解协议强制执行效力。
        {isDebtor ? "您在协议中承诺：未按期足额付款的，自愿接受强制执行；公证后，对方可凭公证书和执行证书直接申请法院执行。" : ""}
      </p>
      <SignCodeRow code={code} action={action} showError={false} />
      {code.data?.error ? <ReplyNote reply={code.data} /> : null}
      <sign.Form method="post" action={action} className="form">
        <input type="hidden" name="intent" value="sign" />
        <div className="field">
          <label htmlFor="notary-code">短信验证码</label>
          <input id="notary-code" name="code" inputMode="numeric" autoComplete="one-time-code" pattern="\d{6}" maxLength={6} required />
        </div>
        <button className="btn" type="submit" disabled={sign.state !== "idle"}>
          签署申请
        </button>
      </sign.Form>
      {sign.data?.error ? <ReplyNote reply={sign.data} /> : null}
    </section>
  );
}
