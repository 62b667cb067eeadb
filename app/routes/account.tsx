import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { changePassword, getToken, isAppError, requireUser } from "~/services/auth.server";
import { FormError, TextField } from "~/components/field";
import { changePasswordSchema } from "~/lib/validation";

export const meta: MetaFunction = () => [{ title: "账号 · 云解纷" }];

export async function loader({ request }: LoaderFunctionArgs) {
  requireUser(request);
  return null;
}

const HIDDEN = ["currentPassword", "newPassword", "confirmPassword"];

export async function action({ request }: ActionFunctionArgs) {
  const user = requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: changePasswordSchema });
  if (submission.status !== "success") return data({ reply: submission.reply({ hideFields: HIDDEN }), done: false }, { status: 400 });
  try {
    await changePassword(user.id, getToken(request)!, submission.value.currentPassword, submission.value.newPassword);
  } catch (e) {
    if (!isAppError(e)) throw e;
    const reply = e.field
      ? submission.reply({ fieldErrors: { [e.field]: [e.message] }, hideFields: HIDDEN })
      : submission.reply({ formErrors: [e.message], hideFields: HIDDEN });
    return data({ reply, done: false }, { status: e.status });
  }
  return { reply: submission.reply({ resetForm: true }), done: true };
}

export default function Account() {
  const result = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: result?.reply,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: changePasswordSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <section className="card" aria-labelledby="pw-title">
      <h1 id="pw-title">修改密码</h1>
      {result?.done ? (
        <p className="notice" role="status">
          密码已修改，其他设备上的登录已全部退出。
        </p>
      ) : null}
      <Form method="post" className="form" {...getFormProps(form)}>
        <FormError errors={form.errors} />
        <TextField label="当前密码" meta={fields.currentPassword} type="password" autoComplete="current-password" />
        <TextField label="新密码" meta={fields.newPassword} type="password" autoComplete="new-password" hint="至少8位，需同时包含字母和数字" />
        <TextField label="确认新密码" meta={fields.confirmPassword} type="password" autoComplete="new-password" />
        <button type="submit" className="btn">
          修改密码
        </button>
      </Form>
    </section>
  );
}
