import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { createOrg, orgOptions } from "~/services/admin.server";
import { isAppError, requirePermission } from "~/services/auth.server";
import { OrgForm } from "~/components/org-form";
import { orgSchema } from "~/lib/validation";

export const meta: MetaFunction = () => [{ title: "新建机构 · 云解纷" }];

export async function loader({ request }: LoaderFunctionArgs) {
  requirePermission(request, "admin:orgs");
  return { parents: orgOptions() };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = requirePermission(request, "admin:orgs");
  const submission = parseWithZod(await request.formData(), { schema: orgSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    const id = createOrg(admin.id, submission.value);
    return redirect(`/admin/orgs/${id}?saved=1`);
  } catch (e) {
    if (!isAppError(e)) throw e;
    const reply = e.field ? submission.reply({ fieldErrors: { [e.field]: [e.message] } }) : submission.reply({ formErrors: [e.message] });
    return data(reply, { status: e.status });
  }
}

export default function NewOrg() {
  const { parents } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <section className="card">
      <p>
        <Link to="/admin/orgs">← 返回机构列表</Link>
      </p>
      <h1>新建机构</h1>
      <OrgForm lastResult={lastResult} parents={parents} submitLabel="创建机构" />
    </section>
  );
}
