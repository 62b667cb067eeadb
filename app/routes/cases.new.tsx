import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { isAppError, requireUser } from "~/services/auth.server";
import { createDraft } from "~/services/cases.server";
import { CATEGORIES } from "~/lib/categories";

// POST creates a draft and opens the wizard; GET (a link, e.g. from the route guide) does the same
// after a click-through, so that following a link never writes anything by itself.
export async function action({ request }: ActionFunctionArgs) {
  const user = requireUser(request);
  const form = await request.formData();
  const category = String(form.get("category") ?? "");
  try {
    const id = createDraft(user);
    const q = (CATEGORIES as readonly string[]).includes(category) ? `?category=${encodeURIComponent(category)}` : "";
    return redirect(`/cases/${id}/file${q}`);
  } catch (e) {
    if (isAppError(e)) throw new Response(e.message, { status: e.status });
    throw e;
  }
}

export async function loader({ request }: LoaderFunctionArgs) {
  requireUser(request);
  const category = new URL(request.url).searchParams.get("category");
  return { category: category && (CATEGORIES as readonly string[]).includes(category) ? category : null };
}

export default function NewCase() {
  const { category } = useLoaderData<typeof loader>();
  return (
    <section className="card" aria-labelledby="new-title">
      <h1 id="new-title">申请调解</h1>
      <p>申请分5步：申请人信息、对方当事人、纠纷情况、证据材料、选择调解方式。每一步都可以保存草稿，之后接着填写。</p>
      <p>请准备好对方的姓名（或单位名称）、身份证号码（或统一社会信用代码）、手机号码和地址。</p>
      <Form method="post">
        {category ? <input type="hidden" name="category" value={category} /> : null}
        <button type="submit" className="btn">
          开始填写{category ? `（${category}纠纷）` : ""}
        </button>
      </Form>
    </section>
  );
}
