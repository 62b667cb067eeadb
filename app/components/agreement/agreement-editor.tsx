// The mediator's editor of the 调解协议书. Plain named inputs (see app/lib/agreement-form.ts), so it
// works without JavaScript; errors arrive keyed by input name and show beside their input.
import { Form, Link } from "@remix-run/react";
import { useState } from "react";
import { AGREEMENT_TEMPLATES, TEMPLATE_LABELS, type AgreementContent } from "~/lib/agreement-schema";
import { fenToYuanText } from "~/lib/agreement-form";

type DraftParty = AgreementContent["parties"][number] | (Omit<Extract<AgreementContent["parties"][number], { kind: "person" }>, "sex" | "age"> & { sex: "男" | "女" | null; age: number | null });
export type EditorDraft = Omit<AgreementContent, "parties"> & { parties: DraftParty[] };

function Err({ errors, name }: { errors: Record<string, string>; name: string }) {
  const e = errors[name];
  return e ? (
    <p id={`${name}-error`} className="error" role="alert">
      {e}
    </p>
  ) : null;
}

function Input({ label, name, errors, defaultValue, type = "text", ...rest }: { label: string; name: string; errors: Record<string, string>; defaultValue?: string | number | null; type?: string } & Omit<React.InputHTMLAttributes<HTMLInputElement>, "defaultValue" | "type">) {
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <input id={name} name={name} type={type} defaultValue={defaultValue ?? ""} aria-invalid={errors[name] ? true : undefined} aria-describedby={errors[name] ? `${name}-error` : undefined} {...rest} />
      <Err errors={errors} name={name} />
    </div>
  );
}

function Area({ label, name, errors, defaultValue, rows = 4, hint }: { label: string; name: string; errors: Record<string, string>; defaultValue?: string; rows?: number; hint?: string }) {
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      {hint ? (
        <p id={`${name}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <textarea id={name} name={name} rows={rows} defaultValue={defaultValue ?? ""} aria-invalid={errors[name] ? true : undefined} aria-describedby={[hint ? `${name}-hint` : "", errors[name] ? `${name}-error` : ""].join(" ").trim() || undefined} />
      <Err errors={errors} name={name} />
    </div>
  );
}

export function AgreementEditor({
  draft,
  baseVersion,
  errors,
  busy,
  signedCount,
  wetForced,
}: {
  draft: EditorDraft;
  baseVersion: number;
  errors: Record<string, string>;
  busy: boolean;
  signedCount: number;
  wetForced: boolean;
}) {
  const [hasPayment, setHasPayment] = useState(!!draft.payment);
  const rows = Math.max(draft.payment?.instalments.length ?? 0, 1) + 2;
  const [instalmentRows, setInstalmentRows] = useState(rows);
  const partyOptions = draft.parties.map((p) => ({ value: p.partyId, label: `${p.name}（${p.side === "applicant" ? "申请人" : "被申请人"}）` }));
  return (
    <Form method="post" className="form agreement-form" style={{ maxWidth: "48rem" }} aria-labelledby="editor-title">
      <h2 id="editor-title">{baseVersion === 0 ? "起草调解协议" : `修改调解协议（当前第${baseVersion}版）`}</h2>
      <input type="hidden" name="intent" value="save" />
      <input type="hidden" name="baseVersion" value={baseVersion} />
      {signedCount > 0 ? (
        <p className="notice notice-warn" role="note">
          已有{signedCount}人签署当前版本。保存修改后，所有签名将作废，各方需重新签署。
        </p>
      ) : null}
      <div className="field">
        <label htmlFor="template">协议模板</label>
        <select id="template" name="template" defaultValue={draft.template}>
          {AGREEMENT_TEMPLATES.map((t) => (
            <option key={t} value={t}>
              {TEMPLATE_LABELS[t]}
            </option>
          ))}
        </select>
        <p className="hint">
          换用模板会重新生成建议文本：
          {AGREEMENT_TEMPLATES.filter((t) => t !== draft.template).map((t) => (
            <Link key={t} to={`?template=${t}`} style={{ marginRight: ".75rem" }}>
              {TEMPLATE_LABELS[t]}
            </Link>
          ))}
        </p>
      </div>

      <fieldset>
        <legend>当事人基本情况（人民调解法第二十九条）</legend>
        {draft.parties.map((p, i) => (
          <div key={p.partyId} className="party-block">
            <input type="hidden" name={`parties.${i}.partyId`} value={p.partyId} />
            <input type="hidden" name={`parties.${i}.side`} value={p.side} />
            <input type="hidden" name={`parties.${i}.kind`} value={p.kind} />
            <input type="hidden" name={`parties.${i}.name`} value={p.name} />
            <input type="hidden" name={`parties.${i}.idNumber`} value={p.idNumber} />
            <strong>
              {p.side === "applicant" ? "申请人" : "被申请人"}：{p.name}
            </strong>
            {p.kind === "person" ? (
              <div className="grid grid-2">
                <div className="field">
                  <label htmlFor={`parties.${i}.sex`}>性别</label>
                  <select id={`parties.${i}.sex`} name={`parties.${i}.sex`} defaultValue={p.sex ?? ""}>
                    <option value="">请选择</option>
                    <option value="男">男</option>
                    <option value="女">女</option>
                  </select>
                  <Err errors={errors} name={`parties.${i}.sex`} />
                </div>
                <Input label="年龄" name={`parties.${i}.age`} errors={errors} defaultValue={p.age} inputMode="numeric" />
                <Input label="民族" name={`parties.${i}.ethnicity`} errors={errors} defaultValue={p.ethnicity} placeholder="如 汉族、彝族" />
                <Input label="职业" name={`parties.${i}.occupation`} errors={errors} defaultValue={p.occupation} />
              </div>
            ) : (
              <div className="grid grid-2">
                <Input label="法定代表人" name={`parties.${i}.legalRep`} errors={errors} defaultValue={p.legalRep} />
                <Input label="职务" name={`parties.${i}.legalRepTitle`} errors={errors} defaultValue={p.legalRepTitle} />
              </div>
            )}
            <Input label={p.kind === "person" ? "住址" : "住所地"} name={`parties.${i}.address`} errors={errors} defaultValue={p.address} />
          </div>
        ))}
      </fieldset>

      <Area label="纠纷的主要事实" name="facts" errors={errors} defaultValue={draft.facts} rows={5} />
      <Area label="争议事项" name="disputes" errors={errors} defaultValue={draft.disputes} />
      <Area label="各方当事人的责任" name="responsibilities" errors={errors} defaultValue={draft.responsibilities} />
      <Area label="协议内容" name="terms" errors={errors} defaultValue={draft.terms.join("\n")} rows={6} hint="每行一条，保存后自动编号" />
      <Err errors={errors} name="terms.0" />

      <fieldset>
        <legend>给付金钱</legend>
        <label className="check">
          <input type="checkbox" name="hasPayment" checked={hasPayment} onChange={(e) => setHasPayment(e.target.checked)} />
          协议包含一方向另一方支付款项
        </label>
        {hasPayment ? (
          <div className="grid" style={{ marginTop: ".75rem" }}>
            <div className="grid grid-2">
              {(["payerPartyId", "payeePartyId"] as const).map((k) => (
                <div className="field" key={k}>
                  <label htmlFor={`payment.${k}`}>{k === "payerPartyId" ? "付款方" : "收款方"}</label>
                  <select id={`payment.${k}`} name={`payment.${k}`} defaultValue={draft.payment?.[k] ?? ""}>
                    <option value="">请选择</option>
                    {partyOptions.map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </select>
                  <Err errors={errors} name={`payment.${k}`} />
                </div>
              ))}
            </div>
            <Input label="协议金额（元）" name="payment.totalYuan" errors={errors} defaultValue={fenToYuanText(draft.payment?.totalFen)} inputMode="decimal" />
            <Input label="付款方式" name="payment.method" errors={errors} defaultValue={draft.payment?.method ?? "银行转账至收款方指定账户"} />
            <fieldset className="instalments">
              <legend>分期履行（各期之和须等于协议金额；空行不计）</legend>
              <Err errors={errors} name="payment.instalments" />
              {Array.from({ length: instalmentRows }, (_, i) => {
                const x = draft.payment?.instalments[i];
                return (
                  <div className="instalment-row" key={i}>
                    <Input label={`第${i + 1}期 履行期限`} type="date" name={`payment.instalments.${i}.dueDate`} errors={errors} defaultValue={x?.dueDate} />
                    <Input label={`第${i + 1}期 金额（元）`} name={`payment.instalments.${i}.amountYuan`} errors={errors} defaultValue={fenToYuanText(x?.amountFen)} inputMode="decimal" />
                  </div>
                );
              })}
              <button type="button" className="btn btn-ghost" onClick={() => setInstalmentRows((n) => Math.min(n + 1, 60))}>
                增加一期
              </button>
            </fieldset>
            <label className="check">
              <input type="checkbox" name="enforcementClause" defaultChecked={draft.enforcementClause} />
              付款方承诺：未按期足额履行的，自愿接受强制执行（可申请司法确认或赋强公证）
            </label>
            <Err errors={errors} name="enforcementClause" />
          </div>
        ) : null}
      </fieldset>

      <fieldset>
        <legend>履行方式、地点、期限</legend>
        <Input label="履行方式" name="performance.manner" errors={errors} defaultValue={draft.performance.manner} />
        <Input label="履行地点" name="performance.place" errors={errors} defaultValue={draft.performance.place} />
        <Input label="履行期限" type="date" name="performance.deadline" errors={errors} defaultValue={draft.performance.deadline} />
      </fieldset>

      <Area label="其他约定（可不填）" name="other" errors={errors} defaultValue={draft.other ?? ""} rows={3} />
      <label className="check">
        <input type="checkbox" name="personalStatus" defaultChecked={draft.personalStatus || wetForced} disabled={wetForced} />
        协议涉及婚姻、收养或继承（依照《电子签名法》第三条不能电子签名，须纸质签署后上传扫描件）
      </label>
      {wetForced ? <input type="hidden" name="personalStatus" value="on" /> : null}
      <label className="check">
        <input type="checkbox" name="paperSigning" defaultChecked={draft.paperSigning ?? false} />
        当事人选择线下签署纸质协议（如不便在屏幕上手写签名或没有账号），由调解员上传签署后的扫描件
      </label>
      <Input label="修改说明（可不填）" name="note" errors={errors} maxLength={200} />
      <button className="btn" type="submit" disabled={busy}>
        {busy ? "正在保存…" : baseVersion === 0 ? "保存为第1版" : `保存为第${baseVersion + 1}版`}
      </button>
    </Form>
  );
}
