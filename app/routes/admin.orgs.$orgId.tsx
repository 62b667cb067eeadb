import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { addMember, getOrg, listMembers, orgOptions, removeMember, setOrgActive, updateOrg } from "~/services/admin.server";
import { isAppError, requirePermission } from "~/services/auth.server";
import { FormError, SelectField, TextField } from "~/components/field";
import { OrgForm } from "~/components/org-form";
import { MEMBERSHIP_ROLE_LABELS, ORG_TYPE_LABELS, ROLE_LABELS } from "~/lib/roles";
import { addMemberSchema, orgSchema } from "~/lib/validation";
import { maskPhone } from "~/lib/id-checks";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.org.name ?? "机构"} · 机构管理` }];

function loadOrg(id: string | undefined) {
  try {
    return getOrg(id ?? "");
  } catch (e) {
    if (isAppError(e)) throw new Response(e.message, { status: e.status });
    throw e;
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  requirePermission(request, "admin:orgs");
  const org = loadOrg(params.orgId);
  return { org, members: listMembers(org.id).map((m) => ({ ...m, phone: maskPhone(m.phone) })), parents: orgOptions(org.id) };
}

const toggleSchema = z.object({ intent: z.literal("toggle-active"), active: z.enum(["0", "1"]) });
const removeSchema = z.object({ intent: z.literal("remove-member"), membershipId: z.string().min(1) });

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = requirePermission(request, "admin:orgs");
  const org = loadOrg(params.orgId);
  const formData = await request.formData();
  const intent = formData.get("intent");
  try {
    if (intent === "save") {
      const submission = parseWithZod(formData, { schema: orgSchema });
      if (submission.status !== "success") return data({ save: submission.reply() }, { status: 400 });
      try {
        updateOrg(admin.id, org.id, submission.value);
      } catch (e) {
        if (!isAppError(e)) throw e;
        const reply = e.field ? submission.reply({ fieldErrors: { [e.field]: [e.message] } }) : submission.reply({ formErrors: [e.message] });
        return data({ save: reply }, { status: e.status });
      }
      return { save: submission.reply(), saved: true };
    }
    if (intent === "add-member") {
      const submission = parseWithZod(formData, { schema: addMemberSchema });
      if (submission.status !== "success") return data({ member: submission.reply() }, { status: 400 });
      try {
        addMember(admin.id, org.id, submission.value.phone, submission.value.role);
      } catch (e) {
        if (!isAppError(e)) throw e;
        return data({ member: submission.reply({ fieldErrors: { [e.field ?? "phone"]: [e.message] } }) }, { status: e.status });
      }
      return { member: submission.reply({ resetForm: true }) };
    }
    if (intent === "toggle-active") {
      const v = toggleSchema.parse(Object.fromEntries(formData));
      setOrgActive(admin.id, org.id, v.active === "1");
      return { toggled: true };
    }
    if (intent === "remove-member") {
      const v = removeSchema.parse(Object.fromEntries(formData));
      removeMember(admin.id, org.id, v.membershipId);
      return { removed: true };
    }
  } catch (e) {
    if (e instanceof z.ZodError) throw new Response("提交的内容不完整", { status: 400 });
    if (isAppError(e)) throw new Response(e.message, { status: e.status });
    throw e;
  }
  throw new Response("未知的操作", { status: 400 });
}

export default function OrgDetail() {
  const { org, members, parents } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as
    | { save?: Parameters<typeof OrgForm>[0]["lastResult"]; member?: Parameters<typeof OrgForm>[0]["lastResult"]; saved?: boolean }
    | undefined;
  const [params] = useSearchParams();
  const [memberForm, memberFields] = useForm({
    id: "add-member",
    lastResult: actionData?.member,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: addMemberSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <>
      <p>
        <Link to="/admin/orgs">← 返回机构列表</Link>
      </p>
      <h1>
        {org.name} {org.active ? null : <span className="badge badge-off">已停用</span>}
      </h1>
      <p className="muted">{ORG_TYPE_LABELS[org.type]}</p>
      {actionData?.saved || params.get("saved") ? (
        <p className="notice" role="status">
          已保存
        </p>
      ) : null}
      <div className="grid grid-2">
        <section className="card" aria-labelledby="edit-title">
          <h2 id="edit-title">机构信息</h2>
          <OrgForm key={org.id} lastResult={actionData?.save} defaults={org} parents={parents} submitLabel="保存修改" />
        </section>
        <div>
          <section className="card" aria-labelledby="members-title">
            <h2 id="members-title">成员</h2>
            {members.length === 0 ? <p className="muted">暂无成员</p> : null}
            <ul>
              {members.map((m) => (
                <li key={m.id}>
                  {m.name}（{ROLE_LABELS[m.userRole]} · {MEMBERSHIP_ROLE_LABELS[m.role]}） {m.phone}{" "}
                  {m.active ? (
                    <Form method="post" className="lt-toggle">
                      <input type="hidden" name="intent" value="remove-member" />
                      <input type="hidden" name="membershipId" value={m.id} />
                      <button type="submit" className="btn btn-ghost" aria-label={`移出 ${m.name}`}>
                        移出
                      </button>
                    </Form>
                  ) : (
                    <span className="badge badge-off">已移出</span>
                  )}
                </li>
              ))}
            </ul>
            <h3>添加成员</h3>
            <Form method="post" className="form" {...getFormProps(memberForm)}>
              <FormError errors={memberForm.errors} />
              <TextField label="成员手机号码" meta={memberFields.phone} type="tel" inputMode="numeric" hint="需已有工作人员账号" />
              <SelectField
                label="成员身份"
                meta={memberFields.role}
                options={[
                  { value: "member", label: "成员" },
                  { value: "head", label: "负责人" },
                ]}
              />
              <button type="submit" className="btn" name="intent" value="add-member">
                添加
              </button>
            </Form>
          </section>
          <section className="card" aria-labelledby="status-title">
            <h2 id="status-title">启用状态</h2>
            <p>停用后，该机构不再接收新分流的案件，已有案件和记录保留。</p>
            <Form method="post">
              <input type="hidden" name="intent" value="toggle-active" />
              <input type="hidden" name="active" value={org.active ? "0" : "1"} />
              <button type="submit" className={org.active ? "btn btn-danger" : "btn"}>
                {org.active ? "停用机构" : "重新启用"}
              </button>
            </Form>
          </section>
        </div>
      </div>
    </>
  );
}
