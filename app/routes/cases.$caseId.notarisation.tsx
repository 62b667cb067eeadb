// 赋强公证, the parties' actions from the case page: start a joint application to a notary office,
// get the signing code, sign, withdraw before it is sent, and (the creditor, after a default) ask
// for an 执行证书. Posted by fetchers: the case page stays and revalidates.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { isAppError, requireUser } from "~/services/auth.server";
import { requestExecCertificate, sendNotarisationCode, signNotarisation, startNotarisation, withdrawNotarisation } from "~/services/notarisation.server";
import { failureOf, signMetaOf } from "~/services/route-helpers.server";

export type NotarisationReply = { intent: string; error?: string; field?: string; done?: string; sentTo?: string };

const startSchema = z.object({ officeId: z.string({ error: "请选择公证处" }).trim().min(1, { error: "请选择公证处" }).max(40) });
const signSchema = z.object({ code: z.string().trim().regex(/^\d{6}$/, { error: "请输入短信中的6位验证码" }) });

export async function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/cases/${params.caseId}`);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(request);
  const caseId = params.caseId ?? "";
  const fd = await request.formData();
  const intent = String(fd.get("intent") ?? "");
  const fail = failureOf<NotarisationReply>(intent);
  const meta = signMetaOf(request, context);
  try {
    switch (intent) {
      case "start": {
        const s = startSchema.safeParse({ officeId: fd.get("officeId") ?? "" });
        if (!s.success) return fail(400, s.error.issues[0].message, { field: "officeId" });
        await startNotarisation(user, caseId, s.data.officeId);
        return data<NotarisationReply>({ intent, done: "已发起赋强公证申请。请获取验证码签署，并请对方当事人签署。" });
      }
      case "send_code": {
        const r = await sendNotarisationCode(user, caseId);
        return data<NotarisationReply>({ intent, sentTo: r.sentTo });
      }
      case "sign": {
        const s = signSchema.safeParse({ code: fd.get("code") ?? "" });
        if (!s.success) return fail(400, s.error.issues[0].message, { field: "code" });
        const r = await signNotarisation(user, caseId, s.data.code, meta);
        return data<NotarisationReply>({ intent, done: r.submitted ? "签署成功。各方均已签署，申请已提交公证处。" : "签署成功，等待对方签署后提交公证处。" });
      }
      case "withdraw":
        await withdrawNotarisation(user, caseId);
        return data<NotarisationReply>({ intent, done: "已撤回赋强公证申请" });
      case "request_exec":
        await requestExecCertificate(user, caseId);
        return data<NotarisationReply>({ intent, done: "已申请出具执行证书，公证员核实履行情况后出具" });
      default:
        return fail(400, "未知的操作");
    }
  } catch (e) {
    if (isAppError(e)) return fail(e.status, e.message, { field: e.field });
    throw e;
  }
}
