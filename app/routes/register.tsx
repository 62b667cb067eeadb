import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { isAppError, registerParty, requireAnonymous, sessionCookie, startSession } from "~/services/auth.server";
import { FieldError, FormError, TextField } from "~/components/field";
import { registerSchema } from "~/lib/validation";

export const meta: MetaFunction = () => [{ title: "注册 · 云解纷" }];

export async function loader({ request }: LoaderFunctionArgs) {
  requireAnonymous(request);
  return null;
}

const HIDDEN = ["password", "confirmPassword"];

export async function action({ request, context }: ActionFunctionArgs) {
  requireAnonymous(request);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: registerSchema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: HIDDEN }), { status: 400 });
  }
  const { name, idNumber, phone, password } = submission.value;
  let userId: string;
  try {
    ({ userId } = await registerParty({ name, idNumber, phone, password }));
  } catch (e) {
    if (isAppError(e)) {
      const reply = e.field
        ? submission.reply({ fieldErrors: { [e.field]: [e.message] }, hideFields: HIDDEN })
        : submission.reply({ formErrors: [e.message], hideFields: HIDDEN });
      return data(reply, { status: e.status });
    }
    throw e;
  }
  // The password was just set: start the session directly instead of logging in again, which
  // would cost a second hash and could be refused by the login throttle.
  const session = startSession(userId, "party", { ip: context?.ip ?? "unknown", userAgent: request.headers.get("user-agent") });
  return redirect("/dashboard?welcome=1", { headers: { "Set-Cookie": sessionCookie(session.token, session.expiresAt) } });
}

export default function Register() {
  const lastResult = useActionData<typeof action>();
  const nav = useNavigation();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: registerSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <section className="card" aria-labelledby="register-title">
      <h1 id="register-title">实名注册</h1>
      <p className="muted">调解需要核实双方身份。您的身份证号码只用于实名认证和调解文书，不会向对方完整展示。</p>
      <Form method="post" className="form" {...getFormProps(form)}>
        <FormError errors={form.errors} />
        <TextField label="真实姓名" meta={fields.name} autoComplete="name" />
        <TextField label="居民身份证号码" meta={fields.idNumber} hint="18位，末位可能是X" autoComplete="off" inputMode="text" />
        <TextField label="手机号码" meta={fields.phone} type="tel" autoComplete="tel" inputMode="numeric" hint="用于登录和接收调解通知短信" />
        <TextField label="设置密码" meta={fields.password} type="password" autoComplete="new-password" hint="至少8位，需同时包含字母和数字" />
        <TextField label="确认密码" meta={fields.confirmPassword} type="password" autoComplete="new-password" />
        <div className="field">
          <div className="check">
            <input type="checkbox" id={fields.agree.id} name={fields.agree.name} aria-invalid={fields.agree.errors ? true : undefined} aria-describedby={fields.agree.errors ? fields.agree.errorId : undefined} />
            <label htmlFor={fields.agree.id}>我已阅读并同意《用户协议》和《个人信息保护说明》</label>
          </div>
          <FieldError id={fields.agree.errorId} errors={fields.agree.errors} />
        </div>
        <button type="submit" className="btn" disabled={nav.state === "submitting"}>
          {nav.state === "submitting" ? "正在注册…" : "注册"}
        </button>
        <p>
          已有账号？<Link to="/login">去登录</Link>
        </p>
      </Form>
    </section>
  );
}
