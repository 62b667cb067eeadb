import { data, redirect, type ActionFunctionArgs } from "@remix-run/node";
import { isAppError, requireUser } from "~/services/auth.server";
import { addEvidence } from "~/services/cases.server";
import { safeRedirect } from "~/lib/safe-redirect";

/** Multipart upload of evidence; the body limit for this path is MAX_UPLOAD_BYTES (server/app.ts). */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request);
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new Response("上传内容无法读取，请重新选择文件", { status: 400 });
  }
  const files = form.getAll("files").filter((f): f is File => typeof f === "object" && f !== null && "arrayBuffer" in f && f.size > 0);
  const kind = form.get("kind") === "power_of_attorney" ? "power_of_attorney" : "evidence";
  const back = safeRedirect(form.get("redirectTo"), `/cases/${params.caseId}`);
  try {
    const uploads = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
    await addEvidence(user, params.caseId ?? "", uploads, kind);
  } catch (e) {
    if (isAppError(e)) {
      if (e.code === "NOT_FOUND") throw new Response(e.message, { status: 404 });
      // Back to the page with the message; nothing was recorded.
      const sep = back.includes("?") ? "&" : "?";
      return redirect(`${back}${sep}uploadError=${encodeURIComponent(e.message)}`);
    }
    throw e;
  }
  return redirect(back);
}

export async function loader() {
  return data(null, { status: 405 });
}
