import { Form, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { RISK_GRADES, RISK_LABELS } from "~/lib/case-enums";
import type { CaseDetail } from "~/services/cases.server";

type Reply = { intent: string; fieldErrors?: Record<string, string[]> } | undefined;
type OrgOption = { id: string; name: string; mediators: { id: string; name: string }[] };

function ReasonField({ id, label, reply, intent }: { id: string; label: string; reply: Reply; intent: string }) {
  const error = reply?.intent === intent ? reply.fieldErrors?.reason?.[0] : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} name="reason" rows={2} maxLength={500} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
      {error ? (
        <p className="error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A form that needs only a reason: decline, refuse, ask for another mediator, withdraw. */
function ReasonForm(p: { id: string; label: string; intent: string; button: string; buttonClass: string; version: number; reply: Reply; busy: boolean }) {
  return (
    <Form method="post" className="form">
      <input type="hidden" name="version" value={p.version} />
      <ReasonField id={p.id} label={p.label} reply={p.reply} intent={p.intent} />
      <button type="submit" name="intent" value={p.intent} className={p.buttonClass} disabled={p.busy}>
        {p.button}
      </button>
    </Form>
  );
}

/** The buttons a person may press on this case now; the server checks each again. */
export function CaseActions({ detail, orgOptions, reply }: { detail: CaseDetail; orgOptions: OrgOption[]; reply: Reply }) {
  const nav = useNavigation();
  const busy = nav.state !== "idle";
  const a = new Set(detail.actions);
  const c = detail.case;
  const [orgId, setOrgId] = useState("");
  const [conflict, setConflict] = useState("none");
  const isParty = detail.roles.includes("applicant") || detail.roles.includes("respondent");
  const me = detail.parties.find((p) => p.own && p.side === "respondent");
  const blocks: React.ReactNode[] = [];

  if (a.has("accept")) {
    blocks.push(
      <section key="accept" className="card" aria-labelledby="accept-title">
        <h2 id="accept-title">受理本案</h2>
        <p>请在受理期限内决定是否受理。受理前请声明是否与本案存在利益冲突（当事人或其近亲属、与纠纷有利害关系或其他关系）。</p>
        <Form method="post" className="form">
          <input type="hidden" name="version" value={c.version} />
          <fieldset className="field">
            <legend>利益冲突声明</legend>
            <label className="check">
              <input type="radio" name="conflict" value="none" checked={conflict === "none"} onChange={() => setConflict("none")} /> 本人与本案当事人及纠纷无利益冲突
            </label>
            <label className="check">
              <input type="radio" name="conflict" value="declare" checked={conflict === "declare"} onChange={() => setConflict("declare")} /> 存在可能影响公正调解的情形，如实披露
            </label>
          </fieldset>
          {conflict === "declare" ? (
            <div className="field">
              <label htmlFor="conflictDetail">披露内容（当事人知悉后同意，方可继续）</label>
              <textarea id="conflictDetail" name="conflictDetail" rows={2} />
              {reply?.intent === "accept" && reply.fieldErrors?.conflictDetail ? (
                <p className="error" role="alert">
                  {reply.fieldErrors.conflictDetail[0]}
                </p>
              ) : null}
            </div>
          ) : null}
          <button type="submit" name="intent" value="accept" className="btn" disabled={busy}>
            受理
          </button>
        </Form>
        <ReasonForm id="decline-reason" label="不予受理的理由" intent="decline" button="不予受理" buttonClass="btn btn-ghost" version={c.version} reply={reply} busy={busy} />
      </section>,
    );
  }

  if (me && me.consent === "pending" && a.has("consent")) {
    blocks.push(
      <section key="consent" className="card" aria-labelledby="consent-title">
        <h2 id="consent-title">是否同意调解？</h2>
        <p>调解遵循自愿原则。您同意后，调解员将与双方约定时间进行调解；不同意的，调解程序终止，申请人可以通过其他途径解决。</p>
        {c.conflictDisclosure ? (
          <p className="notice">
            <strong>调解员披露的利益冲突：</strong>
            {c.conflictDisclosure}。同意调解即表示您知悉并同意由其继续调解；如不同意，可申请更换调解员。
          </p>
        ) : null}
        <p>
          <strong>费用：</strong>
          {detail.org?.charges ? (detail.org.feeNote ?? "本调解组织收费，调解员会事先告知") : "本调解组织不收取任何费用"}
        </p>
        <Form method="post">
          <input type="hidden" name="version" value={c.version} />
          <button type="submit" name="intent" value="consent" className="btn" disabled={busy}>
            同意调解
          </button>
        </Form>
        <ReasonForm id="refuse-reason" label="不同意的理由" intent="refuse" button="不同意调解" buttonClass="btn btn-ghost" version={c.version} reply={reply} busy={busy} />
      </section>,
    );
  }

  if (c.conflictDisclosure && a.has("disclosure_agree") && !(me && me.consent === "pending")) {
    blocks.push(
      <section key="disclosure" className="card" aria-labelledby="disclosure-title">
        <h2 id="disclosure-title">调解员利益冲突披露</h2>
        <p>{c.conflictDisclosure}</p>
        <p>您可以同意继续由该调解员调解，也可以申请更换调解员。</p>
        <Form method="post">
          <input type="hidden" name="version" value={c.version} />
          <button type="submit" name="intent" value="disclosure-agree" className="btn btn-ghost" disabled={busy}>
            知悉并同意继续
          </button>
        </Form>
      </section>,
    );
  }

  if (a.has("assign")) {
    const mediators = orgOptions.find((o) => o.id === orgId)?.mediators ?? [];
    blocks.push(
      <section key="assign" className="card" aria-labelledby="assign-title">
        <h2 id="assign-title">人工指派</h2>
        <Form method="post" className="form">
          <input type="hidden" name="version" value={c.version} />
          <div className="field">
            <label htmlFor="assign-org">调解组织</label>
            <select id="assign-org" name="orgId" value={orgId} onChange={(e) => setOrgId(e.target.value)}>
              <option value="">请选择</option>
              {orgOptions.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}（{o.mediators.length}名调解员）
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="assign-mediator">调解员（不选则由系统按工作量指定）</label>
            <select id="assign-mediator" name="mediatorId" defaultValue="">
              <option value="">系统指定</option>
              {mediators.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </div>
          <ReasonField id="assign-reason" label="指派理由" reply={reply} intent="assign" />
          <button type="submit" name="intent" value="assign" className="btn" disabled={busy}>
            指派
          </button>
        </Form>
      </section>,
    );
  }

  if (a.has("set_risk")) {
    blocks.push(
      <section key="risk" className="card" aria-labelledby="risk-title">
        <h2 id="risk-title">风险等级</h2>
        <Form method="post" className="form">
          <input type="hidden" name="version" value={c.version} />
          <div className="field">
            <label htmlFor="risk-grade">调整为</label>
            <select id="risk-grade" name="risk" defaultValue={c.risk ?? "green"}>
              {RISK_GRADES.map((r) => (
                <option key={r} value={r}>
                  {RISK_LABELS[r]}
                </option>
              ))}
            </select>
          </div>
          <ReasonField id="risk-reason" label="调整理由" reply={reply} intent="risk" />
          <button type="submit" name="intent" value="risk" className="btn btn-ghost" disabled={busy}>
            调整风险等级
          </button>
        </Form>
      </section>,
    );
  }

  if (a.has("request_mediator_change") && isParty) {
    blocks.push(
      <details key="change" className="card">
        <summary>申请更换调解员</summary>
        <ReasonForm id="change-reason" label="申请理由" intent="mediator-change" button="提交申请" buttonClass="btn btn-ghost" version={c.version} reply={reply} busy={busy} />
      </details>,
    );
  }

  if (a.has("withdraw")) {
    blocks.push(
      <details key="withdraw" className="card">
        <summary>撤回申请</summary>
        <ReasonForm id="withdraw-reason" label="撤回理由（如双方已自行和解）" intent="withdraw" button="确认撤回" buttonClass="btn btn-danger" version={c.version} reply={reply} busy={busy} />
      </details>,
    );
  }

  return blocks.length ? <div className="actions">{blocks}</div> : null;
}
