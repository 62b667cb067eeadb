import { data, redirect, type ActionFunctionArgs } from "@remix-run/node";
import { isAppError, requireUser } from "~/services/auth.server";
import { loadCaseFor } from "~/services/cases.server";
import { signMetaOf } from "~/services/route-helpers.server";
import { uploadSignedScan } from "~/services/agreements.server";

/** The mediator uploads the wet-signed paper agreement, page by page (电子签名法 Art 3). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(request);
  // Who may upload is settled before the body (up to 10 pages of 8 MB) is read: an outsider gets
  // 404 and anyone but the case's mediator a refusal, without the server buffering their upload.
  let roles: string[];
  try {
    roles = loadCaseFor(user, params.caseId ?? "").roles;
  } catch (e) {
    if (isAppError(e)) throw new Response(e.message, { status: e.status });
    throw e;
  }
  const back = `/cases/${params.caseId}/agreement`;
  if (!roles.includes("mediator")) return redirect(`${back}?uploadError=${encodeURIComponent("只有本案调解员可以上传纸质签署件")}`);
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new Response("上传内容无法读取，请重新选择文件", { status: 400 });
  }
  const files = form.getAll("scans").filter((f): f is File => typeof f === "object" && f !== null && "arrayBuffer" in f && f.size > 0);
  try {
    const scans = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
    const meta = signMetaOf(request, context);
    await uploadSignedScan(user, params.caseId ?? "", Number(form.get("version")), scans, meta);
  } catch (e) {
    if (isAppError(e)) {
      if (e.code === "NOT_FOUND") throw new Response(e.message, { status: 404 });
      return redirect(`${back}?uploadError=${encodeURIComponent(e.message)}`);
    }
    throw e;
  }
  return redirect(back);
}

export async function loader() {
  return data(null, { status: 405 });
}
