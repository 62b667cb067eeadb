// POST only: a party's satisfaction rating, sent by the rating panel on the case page (a fetcher,
// so the page stays where it is and revalidates). Its own route, so the case page's action stays
// the case workflow's; see ADR 017.
import { data, type ActionFunctionArgs } from "@remix-run/node";
import { isAppError, requireUser } from "~/services/auth.server";
import { loadCaseFor } from "~/services/cases.server";
import { fieldErrors, rateCase, ratingSchema } from "~/services/ratings.server";

export type RatingReply = { ok: boolean; error?: string; fieldErrors?: Record<string, string>; done?: string };

export async function loader() {
  throw new Response("页面不存在", { status: 404 });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request);
  const fd = await request.formData();
  const caseId = params.caseId ?? "";
  const fail = (status: number, error: string, fieldErrors?: Record<string, string>) => data<RatingReply>({ ok: false, error, fieldErrors }, { status });
  const raw = {
    mediatorScore: fd.get("mediatorScore"),
    processScore: fd.get("processScore"),
    outcomeScore: fd.get("outcomeScore"),
    comment: fd.get("comment"),
    partyId: fd.get("partyId"),
  };
  try {
    // 404 before 400: someone with no standing on the case learns nothing from validation.
    loadCaseFor(user, caseId);
    const s = ratingSchema.safeParse(raw);
    if (!s.success) {
      const errors = fieldErrors(s.error);
      return fail(400, Object.values(errors)[0], errors);
    }
    await rateCase(user, caseId, s.data);
    return data<RatingReply>({ ok: true, done: "感谢您的评价！评价已提交，调解组织负责人将据此改进服务。" });
  } catch (e) {
    if (isAppError(e)) return fail(e.status, e.message, e.field ? { [e.field]: e.message } : undefined);
    throw e;
  }
}
