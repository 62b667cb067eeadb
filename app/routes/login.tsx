import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { isAppError, login, requireAnonymous, sessionCookie } from "~/services/auth.server";
import { FormError, TextField } from "~/components/field";
import { ROLE_HOME } from "~/lib/roles";
import { safeRedirect } from "~/lib/safe-redirect";
import { loginSchema } from "~/lib/validation";

export const meta: MetaFunction = () => [{ title: "登录 · 云解纷" }];

export async function loader({ request }: LoaderFunctionArgs) {
  requireAnonymous(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  requireAnonymous(request);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: loginSchema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const { phone, password, redirectTo } = submission.value;
  try {
    const s = await login(phone, password, { ip: context?.ip ?? "unknown", userAgent: request.headers.get("user-agent") });
    return redirect(safeRedirect(redirectTo, ROLE_HOME[s.role]), {
      headers: { "Set-Cookie": sessionCookie(s.token, s.expiresAt) },
    });
  } catch (e) {
    if (isAppError(e)) return data(submission.reply({ formErrors: [e.message], hideFields: ["password"] }), { status: e.status });
    throw e;
  }
}

export default function Login() {
  const lastResult = useActionData<typeof action>();
  const nav = useNavigation();
  const [params] = useSearchParams();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: loginSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <section className="card" aria-labelledby="login-title">
      <h1 id="login-title">登录</h1>
      <Form method="post" className="form" {...getFormProps(form)}>
        <FormError errors={form.errors} />
        <TextField label="手机号码" meta={fields.phone} type="tel" autoComplete="username" inputMode="numeric" />
        <TextField label="密码" meta={fields.password} type="password" autoComplete="current-password" />
        <input type="hidden" name={fields.redirectTo.name} value={params.get("redirectTo") ?? ""} />
        <button type="submit" className="btn" disabled={nav.state === "submitting"}>
          {nav.state === "submitting" ? "正在登录…" : "登录"}
        </button>
        <p>
          还没有账号？<Link to="/register">实名注册</Link>
        </p>
      </Form>
    </section>
  );
}
