// Sends a failed case to the chosen arbitration commission or court. The case page's transfer panel
// posts here (with a fetcher, so errors show in the panel); without JavaScript the browser lands on
// this page, which shows the error and a way back.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/services/auth.server";
import { replyToError } from "~/services/route-helpers.server";
import { transferCase } from "~/services/transfer.server";

export const meta: MetaFunction = () => [{ title: "移送案件 · 云解纷" }];

const transferSchema = z.object({
  caseId: z.string({ error: "缺少案件" }).min(1, { error: "缺少案件" }).max(64),
  version: z.coerce.number({ error: "页面已过期，请刷新后重试" }).int().min(0),
  // "arbitration:<orgId>" or "litigation:<orgId>": the radio button the person chose.
  target: z
    .string({ error: "请选择移送的仲裁委员会或人民法院" })
    .regex(/^(arbitration|litigation):[A-Za-z0-9_-]{1,64}$/, { error: "请选择移送的仲裁委员会或人民法院" }),
  arbitrationAgreement: z.enum(["yes", "no"], { error: "请说明双方是否订有仲裁协议" }).default("no"),
  confirm: z.literal("yes", { error: "请确认已核对移送的案卷内容" }),
});

export type TransferReply = { ok: false; error: string; field?: string; caseId?: string };

export async function loader({ request }: LoaderFunctionArgs) {
  requireUser(request);
  throw redirect("/cases");
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requireUser(request);
  const raw = Object.fromEntries(await request.formData());
  const parsed = transferSchema.safeParse(raw);
  const caseId = typeof raw.caseId === "string" ? raw.caseId : undefined;
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return data<TransferReply>({ ok: false, error: issue.message, field: String(issue.path[0] ?? ""), caseId }, { status: 400 });
  }
  const v = parsed.data;
  const [kind, orgId] = v.target.split(":") as ["arbitration" | "litigation", string];
  try {
    await transferCase(user, v.caseId, { kind, orgId, arbitrationAgreement: v.arbitrationAgreement === "yes" }, { version: v.version });
  } catch (e) {
    return replyToError(e, (err) => data<TransferReply>({ ok: false, error: err.message, field: err.field, caseId }, { status: err.status }));
  }
  return redirect(`/cases/${v.caseId}?transferred=1`);
}

export default function TransferSent() {
  const reply = useActionData<typeof action>();
  return (
    <>
      <h1>移送案件</h1>
      {reply && !reply.ok ? (
        <p className="form-error" role="alert">
          {reply.error}
        </p>
      ) : null}
      <p>{reply?.caseId ? <Link to={`/cases/${reply.caseId}`}>返回案件</Link> : <Link to="/cases">返回案件列表</Link>}</p>
    </>
  );
}
