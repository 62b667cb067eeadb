import { data, redirect, type ActionFunctionArgs } from "@remix-run/node";
import { isAppError, requireUser } from "~/services/auth.server";
import { signMetaOf } from "~/services/route-helpers.server";
import { uploadSignedScan } from "~/services/agreements.server";

/** The mediator uploads the wet-signed paper agreement, page by page (电子签名法 Art 3). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(request);
  const back = `/cases/${params.caseId}/agreement`;
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
