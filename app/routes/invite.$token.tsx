import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { inviteCodeSchema } from "~/lib/case-schemas";
import { formatDateTime } from "~/lib/case-format";
import { nameField, passwordField, residentIdField } from "~/lib/validation";
import { isAppError, sessionCookie } from "~/services/auth.server";
import { openInvitation, verifyInvitation } from "~/services/cases.server";

export const meta: MetaFunction = () => [{ title: "调解邀请 · 云解纷" }, { name: "robots", content: "noindex" }];

export async function loader({ params }: LoaderFunctionArgs) {
  try {
    return openInvitation(params.token ?? "");
  } catch (e) {
    if (isAppError(e)) throw new Response(e.message, { status: e.status });
    throw e;
  }
}

const verifySchema = inviteCodeSchema.extend({
  name: nameField,
  idNumber: residentIdField,
  // Optional: someone who already has an account does not set a new password here.
  password: z.union([z.literal(""), passwordField]).optional(),
});

type Reply = { errors: Record<string, string | undefined>; form?: string };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = Object.fromEntries(await request.formData());
  const parsed = verifySchema.safeParse(form);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const i of parsed.error.issues) errors[String(i.path[0])] ??= i.message;
    return data<Reply>({ errors }, { status: 400 });
  }
  try {
    const { caseId, session } = await verifyInvitation(
      params.token ?? "",
      { ...parsed.data, password: parsed.data.password || undefined },
      { ip: context?.ip ?? "unknown", userAgent: request.headers.get("user-agent") },
    );
    if (!session) return redirect(`/login?redirectTo=${encodeURIComponent(`/cases/${caseId}`)}`);
    return redirect(`/cases/${caseId}`, { headers: { "Set-Cookie": sessionCookie(session.token, session.expiresAt) } });
  } catch (e) {
    if (isAppError(e)) return data<Reply>({ errors: e.field ? { [e.field]: e.message } : {}, form: e.message }, { status: e.status });
    throw e;
  }
}

export default function Invite() {
  const inv = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as Reply | undefined;
  const nav = useNavigation();
  const err = (k: string) =>
    reply?.errors[k] ? (
      <p className="error" id={`${k}-error`} role="alert">
        {reply.errors[k]}
      </p>
    ) : null;
  const aria = (k: string) => ({ "aria-invalid": reply?.errors[k] ? true : undefined, "aria-describedby": reply?.errors[k] ? `${k}-error` : undefined });
  return (
    <section className="card" aria-labelledby="invite-title">
      <h1 id="invite-title">调解邀请</h1>
      <p>
        {inv.applicant} 申请与您调解一起<strong>{inv.category}</strong>纠纷（{inv.caseNo}）。
        {inv.org ? `调解组织：${inv.org.name}。` : ""}
      </p>
      <p>
        <strong>调解完全自愿。</strong>
        {inv.org?.charges ? `本调解组织收费：${inv.org.feeNote ?? "受理前告知"}。` : "本次调解不收取任何费用。"}
      </p>
      {inv.state !== "open" ? (
        <p className="form-error" role="alert">
          {inv.state === "expired" ? "该邀请已过期。" : inv.state === "answered" ? "您已答复过该邀请，请登录查看案件。" : "该案件已结束或已不在等待答复的阶段。"}
        </p>
      ) : (
        <>
          <p className="muted">请在 {formatDateTime(inv.expiresAt)} 前答复。先核验身份，再查看申请内容并决定是否同意调解。</p>
          {reply?.form ? (
            <p className="form-error" role="alert">
              {reply.form}
            </p>
          ) : null}
          <Form method="post" className="form" noValidate>
            <div className="field">
              <label htmlFor="code">短信验证码</label>
              <input id="code" name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} {...aria("code")} />
              {err("code")}
            </div>
            <div className="field">
              <label htmlFor="name">{inv.party.kind === "org" ? "经办人姓名" : "您的姓名"}</label>
              <input id="name" name="name" autoComplete="name" {...aria("name")} />
              {err("name")}
            </div>
            <div className="field">
              <label htmlFor="idNumber">{inv.party.kind === "org" ? "经办人身份证号码" : "您的身份证号码"}</label>
              <input id="idNumber" name="idNumber" autoComplete="off" {...aria("idNumber")} />
              {err("idNumber")}
            </div>
            <div className="field">
              <label htmlFor="password">设置登录密码</label>
              <p className="hint" id="password-hint">
                以便之后查看案件、参加视频调解。已在本平台注册的，可不填。
              </p>
              <input id="password" name="password" type="password" autoComplete="new-password" aria-invalid={reply?.errors.password ? true : undefined} aria-describedby={reply?.errors.password ? "password-hint password-error" : "password-hint"} />
              {err("password")}
            </div>
            <button type="submit" className="btn" disabled={nav.state !== "idle"}>
              核验身份并查看
            </button>
          </Form>
        </>
      )}
    </section>
  );
}
