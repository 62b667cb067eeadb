import { useState } from "react";
import { RegionPicker } from "./region-picker";

type PartyValue = { kind?: string; name?: string; idNumber?: string; legalRep?: string; phone?: string; address?: string; regionCode?: string };
type Errors = Record<string, string[] | null | undefined> | undefined;

/**
 * One party's identity, contact and address for service. Names follow the filing schema
 * (`respondents[0].name`…) so Conform's parser and the server's zod schema read them directly.
 */
export function PartyFields({ prefix, legend, value, errors }: { prefix: string; legend: string; value?: PartyValue; errors: Errors }) {
  const [kind, setKind] = useState(value?.kind === "org" ? "org" : "person");
  const id = (f: string) => `${prefix}-${f}`.replace(/[[\].]/g, "-");
  const err = (f: string) => errors?.[`${prefix}.${f}`]?.[0];
  const field = (f: string, label: string, props: React.InputHTMLAttributes<HTMLInputElement> = {}, hint?: string) => {
    const e = err(f);
    return (
      <div className="field">
        <label htmlFor={id(f)}>{label}</label>
        {hint ? (
          <p className="hint" id={`${id(f)}-hint`}>
            {hint}
          </p>
        ) : null}
        <input
          id={id(f)}
          name={`${prefix}.${f}`}
          defaultValue={(value as Record<string, string> | undefined)?.[f] ?? ""}
          aria-invalid={e ? true : undefined}
          aria-describedby={[hint ? `${id(f)}-hint` : "", e ? `${id(f)}-error` : ""].filter(Boolean).join(" ") || undefined}
          {...props}
        />
        {e ? (
          <p className="error" id={`${id(f)}-error`} role="alert">
            {e}
          </p>
        ) : null}
      </div>
    );
  };
  return (
    <fieldset className="party-block">
      <legend>{legend}</legend>
      <div className="field" role="radiogroup" aria-label={`${legend}类型`}>
        <div className="row">
          <label className="check">
            <input type="radio" name={`${prefix}.kind`} value="person" checked={kind === "person"} onChange={() => setKind("person")} />
            个人
          </label>
          <label className="check">
            <input type="radio" name={`${prefix}.kind`} value="org" checked={kind === "org"} onChange={() => setKind("org")} />
            单位（企业、机构）
          </label>
        </div>
      </div>
      {field("name", kind === "org" ? "单位名称" : "姓名", { autoComplete: "off" })}
      {kind === "org"
        ? field("idNumber", "统一社会信用代码", { autoComplete: "off" }, "18位，见营业执照")
        : field("idNumber", "身份证号码", { autoComplete: "off" }, "18位，末位可能是X")}
      {kind === "org" ? field("legalRep", "法定代表人姓名") : null}
      {field("phone", "手机号码", { type: "tel", inputMode: "numeric" }, "平台将向此号码发送调解邀请短信")}
      {field("address", "送达地址", {}, "调解文书将寄送到此地址，请写到门牌号")}
      <RegionPicker name={`${prefix}.regionArea`} countyName={`${prefix}.regionCode`} defaultValue={value?.regionCode} label="所在地区（选填，用于就近分流）" error={err("regionCode")} />
    </fieldset>
  );
}
