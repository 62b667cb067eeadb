// The 司法确认 forms, one schema each, with the messages a person reads next to the field.
import { z } from "zod";
import { chinaDateTimeField } from "../../../app/lib/mediation-schemas";
import { REJECT_GROUNDS, type RejectGround } from "../../../app/lib/handoff-enums";

const reason = (label: string, min = 2) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, { error: `请填写${label}` })
    .min(min, { error: `${label}至少${min}个字` })
    .max(500, { error: `${label}不能超过500字` });

export const applySchema = z.object({ courtId: z.string({ error: "请选择申请司法确认的人民法院" }).trim().min(1, { error: "请选择申请司法确认的人民法院" }) });
export const codeSchema = z.object({ code: z.string({ error: "请输入短信中的6位验证码" }).trim().regex(/^\d{6}$/, { error: "请输入短信中的6位验证码" }) });
export const reasonSchema = z.object({ reason: reason("理由") });
export const declineSchema = z.object({ reason: reason("不予受理的理由") });
export const extendSchema = z.object({ reason: reason("需要延长审查期限的特殊情况", 4) });
export const inquirySchema = z.object({
  at: chinaDateTimeField,
  place: z.string({ error: "请填写询问地点" }).trim().min(2, { error: "请填写询问地点" }).max(100, { error: "地点不能超过100字" }),
  note: z.string().trim().max(300, { error: "备注不能超过300字" }).optional(),
});

const GROUNDS = Object.keys(REJECT_GROUNDS) as [RejectGround, ...RejectGround[]];

export const ruleSchema = z.discriminatedUnion(
  "outcome",
  [
    z.object({ outcome: z.literal("valid"), reason: z.string().trim().max(1000, { error: "说明不能超过1000字" }).optional() }),
    z.object({
      outcome: z.literal("rejected"),
      ground: z.enum(GROUNDS, { error: "请选择驳回申请的理由（民诉解释第三百五十八条）" }),
      reason: reason("驳回的具体理由", 4),
    }),
  ],
  { error: "请选择裁定结果" },
);

/** The first message per field, as the forms show them. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of error.issues) {
    const key = String(i.path[0] ?? "form");
    out[key] ??= i.message;
  }
  return out;
}
