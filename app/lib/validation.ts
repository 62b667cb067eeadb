// Field schemas with human Chinese messages, shared by the browser (Conform) and the server.
import { z } from "zod";
import { checkCreditCode, checkMobile, checkResidentId } from "./id-checks";
import { CATEGORIES } from "./categories";
import { ORG_LEVELS, ORG_TYPES, SECTORS } from "./roles";

export const nameField = z
  .string({ error: "请填写姓名" })
  .trim()
  .min(2, { error: "姓名至少2个字" })
  .max(30, { error: "姓名不能超过30个字" })
  .regex(/^[\u4e00-\u9fa5·A-Za-z ]+$/, { error: "姓名只能包含汉字、字母和间隔号" });

export const residentIdField = z
  .string({ error: "请填写身份证号码" })
  .trim()
  .transform((v) => v.toUpperCase())
  .superRefine((v, ctx) => {
    const r = checkResidentId(v);
    if (!r.ok) ctx.addIssue({ code: "custom", message: r.message });
  });

export const creditCodeField = z
  .string({ error: "请填写统一社会信用代码" })
  .trim()
  .transform((v) => v.toUpperCase())
  .superRefine((v, ctx) => {
    const r = checkCreditCode(v);
    if (!r.ok) ctx.addIssue({ code: "custom", message: r.message });
  });

export const mobileField = z
  .string({ error: "请填写手机号码" })
  .trim()
  .superRefine((v, ctx) => {
    const r = checkMobile(v);
    if (!r.ok) ctx.addIssue({ code: "custom", message: r.message });
  });

const COMMON_PASSWORDS = new Set([
  "12345678",
  "123456789",
  "1234567890",
  "password",
  "password1",
  "qwertyui",
  "11111111",
  "88888888",
  "abc12345",
  "a1234567",
  "aa123456",
  "qq123456",
  "woaini1314",
]);

export const passwordField = z
  .string({ error: "请设置密码" })
  .min(8, { error: "密码至少8位" })
  .max(64, { error: "密码不能超过64位" })
  .refine((v) => /[A-Za-z]/.test(v) && /\d/.test(v), { error: "密码需同时包含字母和数字" })
  .refine((v) => !COMMON_PASSWORDS.has(v.toLowerCase()), { error: "密码过于常见，请换一个" });

export const registerSchema = z
  .object({
    name: nameField,
    idNumber: residentIdField,
    phone: mobileField,
    password: passwordField,
    confirmPassword: z.string({ error: "请再次输入密码" }),
    agree: z.literal("on", { error: "请阅读并同意用户协议与隐私说明" }),
  })
  .refine((v) => v.password === v.confirmPassword, {
    path: ["confirmPassword"],
    error: "两次输入的密码不一致",
  })
  .refine((v) => !v.password.includes(v.phone), {
    path: ["password"],
    error: "密码不能包含手机号码",
  });

export const loginSchema = z.object({
  phone: mobileField,
  password: z.string({ error: "请输入密码" }).min(1, { error: "请输入密码" }).max(64),
  redirectTo: z.string().optional(),
});

export const changePasswordSchema = z
  .object({
    currentPassword: z.string({ error: "请输入当前密码" }).min(1, { error: "请输入当前密码" }),
    newPassword: passwordField,
    confirmPassword: z.string({ error: "请再次输入新密码" }),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ["confirmPassword"],
    error: "两次输入的密码不一致",
  });

export const regionCodeField = z
  .string({ error: "请填写6位行政区划代码" })
  .trim()
  .regex(/^[1-9]\d{5}$/, { error: "行政区划代码应为6位数字，如五华区 530102" });

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, { error: `${label}不能超过${max}个字` })
    .optional()
    .transform((v) => (v ? v : undefined));

export const orgSchema = z
  .object({
    name: z
      .string({ error: "请填写机构名称" })
      .trim()
      .min(4, { error: "机构名称至少4个字" })
      .max(60, { error: "机构名称不能超过60个字" }),
    type: z.enum(ORG_TYPES, { error: "请选择机构类型" }),
    level: z.enum(ORG_LEVELS, { error: "请选择层级" }).optional(),
    regionCode: regionCodeField,
    areaCode: z
      .string()
      .trim()
      .regex(/^\d{9}(\d{3})?$/, { error: "乡镇/村代码应为9位或12位数字" })
      .optional(),
    sector: z.enum(SECTORS, { error: "请选择行业领域" }).optional(),
    categories: z.array(z.enum(CATEGORIES, { error: "纠纷类别不正确" })).default([]),
    charges: z
      .literal("on")
      .optional()
      .transform((v) => v === "on"),
    feeNote: optionalText(200, "收费说明"),
    address: optionalText(120, "地址"),
    phone: z
      .string()
      .trim()
      .regex(/^[\d-]{7,20}$/, { error: "联系电话格式不正确" })
      .optional(),
    parentId: z.string().optional(),
  })
  .refine((v) => v.type !== "people_committee" || v.level, {
    path: ["level"],
    error: "人民调解委员会需选择层级",
  })
  .refine((v) => !v.areaCode || v.areaCode.startsWith(v.regionCode), {
    path: ["areaCode"],
    error: "乡镇/村代码须属于所填区县",
  });

export const addMemberSchema = z.object({
  phone: mobileField,
  role: z.enum(["head", "member"], { error: "请选择成员身份" }),
});
