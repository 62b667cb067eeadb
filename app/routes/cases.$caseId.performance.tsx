// 履行: the creditor confirms an instalment was paid. Posted by the schedule on the case page
// (a fetcher: the page stays where it is and revalidates).
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { isAppError, requireUser } from "~/services/auth.server";
import { confirmPayment } from "~/services/performance.server";
import { failureOf } from "~/services/route-helpers.server";

export type PerformanceReply = { intent: string; error?: string; done?: string };

const confirmSchema = z.object({ instalmentId: z.string().trim().min(1, { error: "请选择要确认的款项" }).max(40) });

export async function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/cases/${params.caseId}`);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request);
  const fd = await request.formData();
  const intent = String(fd.get("intent") ?? "");
  const fail = failureOf<PerformanceReply>(intent);
  try {
    if (intent !== "confirm-payment") return fail(400, "未知的操作");
    const s = confirmSchema.safeParse({ instalmentId: fd.get("instalmentId") ?? "" });
    if (!s.success) return fail(400, s.error.issues[0].message);
    const r = await confirmPayment(user, params.caseId ?? "", s.data.instalmentId);
    return data<PerformanceReply>({ intent, done: `已确认收到第${r.seq}期款项，已通知付款方` });
  } catch (e) {
    if (isAppError(e)) return fail(e.status, e.message);
    throw e;
  }
}
