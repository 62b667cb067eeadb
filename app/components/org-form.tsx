import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, useNavigation } from "@remix-run/react";
import { CATEGORIES } from "~/lib/categories";
import { ORG_LEVEL_LABELS, ORG_LEVELS, ORG_TYPE_LABELS, ORG_TYPES, SECTOR_LABELS, SECTORS } from "~/lib/roles";
import { orgSchema } from "~/lib/validation";
import { FieldError, FormError, SelectField, TextField } from "./field";

export type OrgFormDefaults = {
  name?: string;
  type?: string;
  level?: string | null;
  regionCode?: string;
  areaCode?: string | null;
  sector?: string | null;
  categories?: string[];
  charges?: boolean;
  feeNote?: string | null;
  address?: string | null;
  phone?: string | null;
  parentId?: string | null;
};

export function OrgForm({
  lastResult,
  defaults,
  parents,
  submitLabel,
}: {
  lastResult?: SubmissionResult<string[]> | null;
  defaults?: OrgFormDefaults;
  parents: { id: string; name: string }[];
  submitLabel: string;
}) {
  const nav = useNavigation();
  const [form, fields] = useForm({
    lastResult,
    defaultValue: {
      ...defaults,
      level: defaults?.level ?? undefined,
      areaCode: defaults?.areaCode ?? undefined,
      sector: defaults?.sector ?? undefined,
      feeNote: defaults?.feeNote ?? undefined,
      address: defaults?.address ?? undefined,
      phone: defaults?.phone ?? undefined,
      parentId: defaults?.parentId ?? undefined,
      charges: defaults?.charges ? "on" : undefined,
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: orgSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const selected = new Set(defaults?.categories ?? []);
  return (
    <Form method="post" className="form" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="save" />
      <FormError errors={form.errors} />
      <TextField label="机构名称" meta={fields.name} />
      <SelectField label="机构类型" meta={fields.type} options={ORG_TYPES.map((t) => ({ value: t, label: ORG_TYPE_LABELS[t] }))} />
      <SelectField
        label="层级（人民调解委员会必填）"
        meta={fields.level}
        placeholder="不适用"
        options={ORG_LEVELS.map((l) => ({ value: l, label: ORG_LEVEL_LABELS[l] }))}
      />
      <TextField label="所在区县行政区划代码" meta={fields.regionCode} inputMode="numeric" hint="6位，如五华区 530102、盘龙区 530103、官渡区 530111" />
      <TextField label="服务的乡镇(街道)或村(社区)代码" meta={fields.areaCode} inputMode="numeric" hint="可选，9位或12位" />
      <SelectField
        label="行业领域（行政调解等）"
        meta={fields.sector}
        placeholder="无"
        options={SECTORS.map((s) => ({ value: s, label: SECTOR_LABELS[s] }))}
      />
      <SelectField label="上级机构" meta={fields.parentId} placeholder="无" options={parents.map((p) => ({ value: p.id, label: p.name }))} />
      <fieldset className="field" aria-describedby={fields.categories.errors ? fields.categories.errorId : undefined}>
        <legend>受理的纠纷类别（不选表示全部）</legend>
        <div className="checks">
          {CATEGORIES.map((c) => (
            <label key={c} className="check">
              <input type="checkbox" name={fields.categories.name} value={c} defaultChecked={selected.has(c)} />
              {c}
            </label>
          ))}
        </div>
        <FieldError id={fields.categories.errorId} errors={fields.categories.errors} />
      </fieldset>
      <div className="field">
        <div className="check">
          <input type="checkbox" id={fields.charges.id} name={fields.charges.name} defaultChecked={defaults?.charges ?? false} />
          <label htmlFor={fields.charges.id}>收取调解费用（人民调解不得收费）</label>
        </div>
      </div>
      <TextField label="收费说明" meta={fields.feeNote} />
      <TextField label="地址" meta={fields.address} autoComplete="street-address" />
      <TextField label="联系电话" meta={fields.phone} type="tel" />
      <button type="submit" className="btn" disabled={nav.state === "submitting"}>
        {submitLabel}
      </button>
    </Form>
  );
}
