import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { evidenceUploadSchema } from "~/lib/openapi-schemas";
import { evidenceListSchema, evidenceUploadedSchema } from "~/lib/openapi-responses";
import { requireUser } from "~/services/auth.server";
import { addEvidence, caseDetail, loadCaseFor } from "~/services/cases.server";
import { allowMethods, api, badInput, parseWith, reply } from "~/lib/openapi.server";

/** GET /api/v1/cases/{caseId}/evidence: the files on the case, as the case page lists them. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  return api(() => reply(evidenceListSchema, { items: caseDetail(loadCaseFor(user, params.caseId ?? "")).evidence }));
}

/** POST /api/v1/cases/{caseId}/evidence: multipart/form-data with `files`, `kind`, `description`. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request);
  return api(async () => {
    allowMethods(request, "POST");
    const caseId = params.caseId ?? "";
    loadCaseFor(user, caseId);
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      return badInput("请以 multipart/form-data 上传文件（字段 files）", "files");
    }
    const fields = parseWith(evidenceUploadSchema, {
      kind: form.get("kind") || undefined,
      description: form.get("description") || undefined,
    });
    const files: { name: string; bytes: Uint8Array }[] = [];
    for (const f of form.getAll("files")) {
      if (typeof f === "string") return badInput("files 字段须为文件", "files");
      files.push({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) });
    }
    const rows = await addEvidence(user, caseId, files, fields.kind, fields.description);
    const items = rows.map(({ id, filename, mime, size, sha256, kind, side, description }) => ({ id, filename, mime, size, sha256, kind, side, description }));
    return reply(evidenceUploadedSchema, { items }, { status: 201 });
  });
}
