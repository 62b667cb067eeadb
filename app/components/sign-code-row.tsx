// The "get an SMS code" row of every signing form (agreement, 司法确认 and 赋强公证 applications):
// a fetcher form posting intent=send_code, telling where the code went or why it was not sent.
// The caller owns the fetcher, so it may show the error elsewhere (showError={false}).
import type { FetcherWithComponents } from "@remix-run/react";

type CodeReply = { error?: string; sentTo?: string };

export function SignCodeRow({ code, action, showError = true }: { code: FetcherWithComponents<CodeReply>; action?: string; showError?: boolean }) {
  const sent = code.data?.sentTo;
  return (
    <code.Form method="post" action={action} className="row">
      <input type="hidden" name="intent" value="send_code" />
      <button className="btn btn-ghost" type="submit" disabled={code.state !== "idle"}>
        {sent ? "重新获取验证码" : "获取短信验证码"}
      </button>
      {sent ? (
        <span role="status">验证码已发送至 {sent}</span>
      ) : showError && code.data?.error ? (
        <span className="error" role="alert">
          {code.data.error}
        </span>
      ) : null}
    </code.Form>
  );
}
