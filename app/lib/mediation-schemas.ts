// Forms of the 调 stage, shared by the case page and /api/v1.
import { z } from "zod";
import { amountYuanField, reasonField } from "./case-schemas";
import { FAIL_REASON_LABELS } from "./case-enums";
import { MAX_MESSAGE_CHARS } from "./room-protocol";
import { mobileField } from "./validation";

/** A datetime-local value ("2026-11-22T14:30") is China time, whatever the server's zone. */
export const chinaDateTimeField = z
  .string({ error: "请选择时间" })
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { error: "时间格式不正确" })
  .transform((v) => new Date(`${v}:00+08:00`))
  .refine((d) => !Number.isNaN(d.getTime()), { error: "时间不存在" });

export const scheduleSchema = z.object({
  scheduledAt: chinaDateTimeField,
  durationMin: z.coerce.number({ error: "请填写时长" }).int().min(15, { error: "时长至少15分钟" }).max(480, { error: "时长不超过8小时" }),
  mode: z.enum(["joint", "separate"], { error: "请选择调解方式" }),
  note: z.string().trim().max(200, { error: "备注不能超过200字" }).optional(),
});

const FAIL_REASONS = Object.keys(FAIL_REASON_LABELS) as [keyof typeof FAIL_REASON_LABELS, ...(keyof typeof FAIL_REASON_LABELS)[]];

export const endSessionSchema = z.discriminatedUnion(
  "outcome",
  [
    z.object({ outcome: z.literal("adjourned"), nextAt: chinaDateTimeField.optional(), note: z.string().trim().max(500).optional() }),
    z.object({ outcome: z.literal("agreement"), note: z.string().trim().max(500).optional() }),
    z.object({ outcome: z.literal("failed"), failReason: z.enum(FAIL_REASONS, { error: "请选择调解不成的原因" }), note: z.string().trim().max(500).optional() }),
  ],
  { error: "请选择本次调解的结果" },
);

export const extendSchema = z.object({ until: chinaDateTimeField, reason: reasonField });

export const offerSchema = z.object({
  amountYuan: amountYuanField.optional(),
  terms: z.string({ error: "请写明方案内容" }).trim().min(4, { error: "方案内容至少4个字" }).max(1000, { error: "方案内容不能超过1000字" }),
  payBy: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "日期格式不正确" })
    .optional(),
});

export const offerResponseSchema = z.discriminatedUnion(
  "action",
  [z.object({ action: z.literal("accept") }), z.object({ action: z.literal("reject") }), z.object({ action: z.literal("counter"), counter: offerSchema })],
  { error: "请选择接受、拒绝或还价" },
);

export const confirmRecordSchema = z
  .object({ confirmed: z.enum(["yes", "no"], { error: "请选择是否确认" }).transform((v) => v === "yes"), disputed: z.string().trim().max(2000).optional() })
  .refine((v) => v.confirmed || (v.disputed && v.disputed.length >= 2), { path: ["disputed"], error: "请写明有异议的内容" });

export const serviceAddressSchema = z.object({
  address: z.string({ error: "请填写送达地址" }).trim().min(5, { error: "送达地址至少5个字" }).max(120, { error: "地址不能超过120个字" }),
  phone: mobileField,
  agree: z.literal("on", { error: "请勾选确认" }),
});

export const threadPostSchema = z.object({
  body: z.string({ error: "请输入留言" }).trim().min(1, { error: "请输入留言" }).max(MAX_MESSAGE_CHARS, { error: `留言不能超过${MAX_MESSAGE_CHARS}字` }),
  // Set by the page just before sending, so that a double submit is stored once; absent without JS.
  clientId: z.string().min(8).max(64).optional(),
});
