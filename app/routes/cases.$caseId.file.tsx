import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { EvidenceUpload } from "~/components/evidence-upload";
import { PartyFields } from "~/components/party-fields";
import { RegionPicker } from "~/components/region-picker";
import { citizenFilingSchema, courtReferralSchema, referralFilingSchema, MAX_CLAIMS, MAX_FACTS } from "~/lib/case-schemas";
import { CASE_SOURCE_LABELS } from "~/lib/case-enums";
import { mergeDraft, toFormData } from "~/lib/draft-form";
import { stepOfPath, stepsFor } from "~/lib/filing-steps";
import { CATEGORIES } from "~/lib/categories";
import { isAppError, requireUser } from "~/services/auth.server";
import { caseDetail, loadCaseFor, mediationOrgOptions, removeDraftEvidence, saveDraft, submitDraft } from "~/services/cases.server";
import type { CaseSource } from "~/lib/case-enums";

export const meta: MetaFunction = () => [{ title: "申请调解 · 云解纷" }];

function schemaFor(source: CaseSource) {
  return source === "citizen" ? citizenFilingSchema : source === "lawyer_referral" ? referralFilingSchema : courtReferralSchema;
}

function loadDraft(request: Request, caseId: string | undefined) {
  const user = requireUser(request);
  try {
    const view = loadCaseFor(user, caseId ?? "");
    if (!view.roles.includes("filer")) throw new Response("案件不存在或您无权查看", { status: 404 });
    if (view.row.status !== "draft") throw redirect(`/cases/${view.row.id}`);
    return { user, view };
  } catch (e) {
    if (isAppError(e)) throw new Response(e.message, { status: e.status });
    throw e;
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, view } = loadDraft(request, params.caseId);
  const url = new URL(request.url);
  const steps = stepsFor(view.row.source);
  const step = steps.find((s) => s.key === url.searchParams.get("step")) ?? steps[0];
  const draft = { ...(view.row.draft ?? {}) } as Record<string, unknown>;
  const presetCategory = url.searchParams.get("category");
  if (!draft.category && presetCategory && (CATEGORIES as readonly string[]).includes(presetCategory)) draft.category = presetCategory;
  const detail = caseDetail(view);
  return {
    caseId: view.row.id,
    source: view.row.source,
    steps,
    step,
    draft,
    evidence: detail.evidence,
    me: { name: user.name, phone: user.phone },
    orgs: view.row.source.startsWith("court_") ? mediationOrgOptions().map((o) => ({ id: o.id, name: o.name })) : [],
  };
}

type WizardReply = { errors: Record<string, string[]>; formErrors?: string[]; problems?: { step: string; title: string; message: string }[] };

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, view } = loadDraft(request, params.caseId);
  const id = view.row.id;
  const steps = stepsFor(view.row.source);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "save");
  const step = steps.find((s) => s.key === formData.get("step")) ?? steps[0];
  const schema = schemaFor(view.row.source);
  try {
    if (intent === "remove-evidence") {
      removeDraftEvidence(user, id, String(formData.get("evidenceId") ?? ""));
      return redirect(`/cases/${id}/file?step=${step.key}`);
    }
    // Conform's parser gives the nested payload even when validation fails: that is the draft.
    const payload = parseWithZod(formData, { schema }).payload as Record<string, unknown>;
    let draft = mergeDraft(view.row.draft ?? {}, payload, step.fields);
    if (intent === "add-respondent" || intent.startsWith("remove-respondent-")) {
      const list = Array.isArray(draft.respondents) ? [...draft.respondents] : [];
      if (intent === "add-respondent") list.push({ kind: "person" });
      else list.splice(Number(intent.slice("remove-respondent-".length)), 1);
      draft = { ...draft, respondents: list.slice(0, 10) };
    }
    saveDraft(user, id, draft);
    const at = steps.indexOf(step);
    if (intent === "save" || intent === "add-respondent" || intent.startsWith("remove-respondent-"))
      return redirect(`/cases/${id}/file?step=${step.key}&saved=1`);
    if (intent === "back") return redirect(`/cases/${id}/file?step=${steps[Math.max(0, at - 1)].key}`);

    const whole = parseWithZod(toFormData(draft), { schema });
    const errors = whole.status === "success" ? {} : Object.fromEntries(Object.entries(whole.error ?? {}).filter(([, v]) => v?.length)) as Record<string, string[]>;
    if (intent === "next") {
      const mine = Object.fromEntries(Object.entries(errors).filter(([path]) => stepOfPath(steps, path)?.key === step.key));
      if (Object.keys(mine).length) return data<WizardReply>({ errors: mine }, { status: 400 });
      return redirect(`/cases/${id}/file?step=${steps[Math.min(steps.length - 1, at + 1)].key}`);
    }
    if (intent === "submit") {
      if (whole.status !== "success") {
        const problems = Object.entries(errors).map(([path, msgs]) => {
          const s = stepOfPath(steps, path) ?? step;
          return { step: s.key, title: s.title, message: msgs[0] };
        });
        return data<WizardReply>({ errors, formErrors: ["还有信息需要完善，请按下列提示修改后再提交"], problems }, { status: 400 });
      }
      const value = whole.value as Record<string, unknown>;
      const source = view.row.source === "citizen" ? "citizen" : view.row.source === "lawyer_referral" ? "lawyer_referral" : (value.mode as "court_delegated" | "court_entrusted");
      // The discriminated input matches the schema chosen by source above.
      await submitDraft(user, id, { source, data: value } as Parameters<typeof submitDraft>[2]);
      return redirect(`/cases/${id}?submitted=1`);
    }
    throw new Response("未知的操作", { status: 400 });
  } catch (e) {
    if (isAppError(e)) {
      const field = e.field ?? "";
      return data<WizardReply>({ errors: field ? { [field]: [e.message] } : {}, formErrors: [e.message] }, { status: e.status });
    }
    throw e;
  }
}

export default function FileWizard() {
  const d = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as WizardReply | undefined;
  const nav = useNavigation();
  const busy = nav.state !== "idle";
  const errors = reply?.errors ?? {};
  const e = (path: string) => errors[path]?.[0];
  const draft = d.draft as Record<string, unknown>;
  const text = (k: string) => (typeof draft[k] === "string" ? (draft[k] as string) : "");
  const at = d.steps.findIndex((s) => s.key === d.step.key);
  const respondents = (Array.isArray(draft.respondents) && draft.respondents.length ? draft.respondents : [{ kind: "person" }]) as Record<string, string>[];
  const isLast = at === d.steps.length - 1;
  const err = (path: string) =>
    e(path) ? (
      <p className="error" id={`${path}-error`} role="alert">
        {e(path)}
      </p>
    ) : null;
  const aria = (path: string) => ({ "aria-invalid": e(path) ? true : undefined, "aria-describedby": e(path) ? `${path}-error` : undefined });
  return (
    <section className="card" aria-labelledby="wizard-title">
      <h1 id="wizard-title">{CASE_SOURCE_LABELS[d.source]}</h1>
      <ol className="steps" aria-label="申请步骤">
        {d.steps.map((s, i) => (
          <li key={s.key} aria-current={s.key === d.step.key ? "step" : undefined}>
            {i + 1}. <Link to={`?step=${s.key}`}>{s.title}</Link>
          </li>
        ))}
      </ol>
      <h2>
        第 {at + 1} 步：{d.step.title}
      </h2>
      {reply?.formErrors?.length ? (
        <div className="form-error" role="alert">
          <p>{reply.formErrors[0]}</p>
          {reply.problems?.length ? (
            <ul>
              {reply.problems.map((p, i) => (
                <li key={i}>
                  <Link to={`?step=${p.step}`}>{p.title}</Link>：{p.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}

      {d.step.key === "evidence" ? (
        <EvidenceUpload caseId={d.caseId} items={d.evidence} step={d.step.key} needPowerOfAttorney={d.source === "lawyer_referral"} />
      ) : null}

      <Form method="post" className="form" noValidate>
        <input type="hidden" name="step" value={d.step.key} />

        {d.step.key === "applicant" && d.source === "citizen" ? (
          <>
            <p className="notice">
              申请人：{d.me.name}（实名信息来自您的账号），手机 {d.me.phone}
            </p>
            <div className="field">
              <label htmlFor="applicantAddress">您的送达地址</label>
              <p className="hint">调解文书将寄送到此地址，请写到门牌号</p>
              <input id="applicantAddress" name="applicantAddress" defaultValue={text("applicantAddress")} autoComplete="street-address" {...aria("applicantAddress")} />
              {err("applicantAddress")}
            </div>
            <RegionPicker name="applicantArea" countyName="applicantRegionCode" defaultValue={text("applicantRegionCode")} label="您所在的地区（选填，用于就近分流）" />
          </>
        ) : null}

        {d.step.key === "client" ? <PartyFields prefix="client" legend="委托人（申请人）" value={draft.client as Record<string, string>} errors={errors} /> : null}
        {d.step.key === "applicant" && d.source !== "citizen" ? <PartyFields prefix="applicant" legend="原告（申请人）" value={draft.applicant as Record<string, string>} errors={errors} /> : null}

        {d.step.key === "court" ? (
          <>
            <fieldset className="field">
              <legend>方式</legend>
              <label className="check">
                <input type="radio" name="mode" value="court_delegated" defaultChecked={text("mode") !== "court_entrusted"} /> 委派调解（立案前）
              </label>
              <label className="check">
                <input type="radio" name="mode" value="court_entrusted" defaultChecked={text("mode") === "court_entrusted"} /> 委托调解（立案后）
              </label>
              {err("mode")}
            </fieldset>
            <div className="field">
              <label htmlFor="courtCaseNo">法院案号（委托调解必填）</label>
              <input id="courtCaseNo" name="courtCaseNo" defaultValue={text("courtCaseNo")} {...aria("courtCaseNo")} />
              {err("courtCaseNo")}
            </div>
            <div className="field">
              <label htmlFor="orgId">调解组织</label>
              <select id="orgId" name="orgId" defaultValue={text("orgId")} {...aria("orgId")}>
                <option value="">请选择</option>
                {d.orgs.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
              {err("orgId")}
            </div>
          </>
        ) : null}

        {d.step.key === "respondents" ? (
          <>
            {respondents.map((r, i) => (
              <div key={i}>
                <PartyFields prefix={`respondents[${i}]`} legend={`对方当事人（被申请人）${respondents.length > 1 ? i + 1 : ""}`} value={r} errors={errors} />
                {respondents.length > 1 ? (
                  <button type="submit" name="intent" value={`remove-respondent-${i}`} className="btn btn-ghost">
                    删除这位被申请人
                  </button>
                ) : null}
              </div>
            ))}
            {err("respondents")}
            {respondents.length < 10 ? (
              <button type="submit" name="intent" value="add-respondent" className="btn btn-ghost">
                再添加一位被申请人
              </button>
            ) : null}
          </>
        ) : null}

        {d.step.key === "dispute" ? (
          <>
            <div className="field">
              <label htmlFor="category">纠纷类别</label>
              <select id="category" name="category" defaultValue={text("category")} {...aria("category")}>
                <option value="">请选择</option>
                {CATEGORIES.map((c) => (
                  <option key={c}>{c}</option>
                ))}
              </select>
              {err("category")}
            </div>
            <RegionPicker name="areaCode" defaultValue={text("areaCode") || text("regionCode")} label="纠纷发生地" required error={e("regionCode") ?? e("areaCode")} />
            <div className="field">
              <label htmlFor="address">详细地点（选填）</label>
              <input id="address" name="address" defaultValue={text("address")} {...aria("address")} />
              {err("address")}
            </div>
            <div className="field">
              <label htmlFor="facts">纠纷经过</label>
              <p className="hint" id="facts-hint">
                写清时间、地点、发生了什么、双方分歧在哪里（{MAX_FACTS}字以内）
              </p>
              <textarea id="facts" name="facts" rows={8} defaultValue={text("facts")} aria-invalid={e("facts") ? true : undefined} aria-describedby={e("facts") ? "facts-hint facts-error" : "facts-hint"} />
              {err("facts")}
            </div>
            <div className="field">
              <label htmlFor="claims">请求事项</label>
              <p className="hint" id="claims-hint">
                您希望对方做什么，如"赔偿医疗费8000元"（{MAX_CLAIMS}字以内）
              </p>
              <textarea id="claims" name="claims" rows={4} defaultValue={text("claims")} aria-invalid={e("claims") ? true : undefined} aria-describedby={e("claims") ? "claims-hint claims-error" : "claims-hint"} />
              {err("claims")}
            </div>
            <div className="field">
              <label htmlFor="amountYuan">争议金额（元，选填）</label>
              <input id="amountYuan" name="amountYuan" inputMode="decimal" defaultValue={text("amountYuan")} {...aria("amountYuan")} />
              {err("amountYuan")}
            </div>
          </>
        ) : null}

        {d.step.key === "confirm" ? (
          <>
            {d.source === "citizen" ? (
              <fieldset className="field">
                <legend>调解方式</legend>
                <label className="check">
                  <input type="radio" name="kindPreference" value="auto" defaultChecked={!text("kindPreference") || text("kindPreference") === "auto"} /> 由平台按纠纷类别和地区分派（推荐）
                </label>
                <label className="check">
                  <input type="radio" name="kindPreference" value="people" defaultChecked={text("kindPreference") === "people"} /> 人民调解（免费）
                </label>
                <label className="check">
                  <input type="radio" name="kindPreference" value="lawyer" defaultChecked={text("kindPreference") === "lawyer"} /> 律师调解（可能收取少量费用，受理前会告知；不受理婚姻家庭纠纷）
                </label>
                {err("kindPreference")}
                <p className="hint">
                  不确定？看看<Link to="/guide">哪种方式适合我</Link>。交通事故、消费、医疗、劳动争议会按法律规定分给对应的部门调解。
                </p>
              </fieldset>
            ) : null}
            <p>提交后，平台会评估风险并分给调解组织；调解员受理后，会以短信邀请对方当事人。调解须双方自愿。</p>
          </>
        ) : null}

        <div className="row">
          {at > 0 ? (
            <button type="submit" name="intent" value="back" className="btn btn-ghost" disabled={busy}>
              上一步
            </button>
          ) : null}
          <button type="submit" name="intent" value="save" className="btn btn-ghost" disabled={busy}>
            保存草稿
          </button>
          {isLast ? (
            <button type="submit" name="intent" value="submit" className="btn" disabled={busy}>
              {busy ? "正在提交…" : "提交申请"}
            </button>
          ) : (
            <button type="submit" name="intent" value="next" className="btn" disabled={busy}>
              下一步
            </button>
          )}
        </div>
      </Form>
    </section>
  );
}
