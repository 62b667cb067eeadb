import { Pager } from "~/components/pager";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { listOrgs } from "~/services/admin.server";
import { requirePermission } from "~/services/auth.server";
import { ORG_LEVEL_LABELS, ORG_TYPE_LABELS, ORG_TYPES, type OrgType } from "~/lib/roles";

export const meta: MetaFunction = () => [{ title: "机构管理 · 云解纷" }];

export async function loader({ request }: LoaderFunctionArgs) {
  requirePermission(request, "admin:orgs");
  const url = new URL(request.url);
  const type = url.searchParams.get("type");
  const result = listOrgs({
    page: Number(url.searchParams.get("page")) || 1,
    q: url.searchParams.get("q")?.trim().slice(0, 40) || undefined,
    type: ORG_TYPES.includes(type as OrgType) ? (type as OrgType) : undefined,
    includeInactive: url.searchParams.get("all") === "1",
  });
  return { ...result, q: url.searchParams.get("q") ?? "", type: type ?? "", all: url.searchParams.get("all") === "1" };
}

export default function OrgList() {
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <h1>机构管理</h1>
      <p>
        <Link className="btn" to="/admin/orgs/new">
          新建机构
        </Link>
      </p>
      <Form method="get" className="card grid grid-3" role="search" aria-label="筛选机构">
        <div className="field">
          <label htmlFor="q">名称或区划代码</label>
          <input id="q" name="q" defaultValue={d.q} />
        </div>
        <div className="field">
          <label htmlFor="type">类型</label>
          <select id="type" name="type" defaultValue={d.type}>
            <option value="">全部类型</option>
            {ORG_TYPES.map((t) => (
              <option key={t} value={t}>
                {ORG_TYPE_LABELS[t]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <div className="check">
            <input type="checkbox" id="all" name="all" value="1" defaultChecked={d.all} />
            <label htmlFor="all">包含已停用</label>
          </div>
          <button type="submit" className="btn btn-ghost">
            筛选
          </button>
        </div>
      </Form>
      <p className="muted">共 {d.total} 个机构</p>
      <div className="table-wrap">
        <table className="data">
          <thead>
            <tr>
              <th scope="col">名称</th>
              <th scope="col">类型</th>
              <th scope="col">区划</th>
              <th scope="col">受理类别</th>
              <th scope="col">状态</th>
            </tr>
          </thead>
          <tbody>
            {d.rows.map((o) => (
              <tr key={o.id}>
                <td>
                  <Link to={`/admin/orgs/${o.id}`}>{o.name}</Link>
                </td>
                <td>
                  {ORG_TYPE_LABELS[o.type]}
                  {o.level ? ` · ${ORG_LEVEL_LABELS[o.level]}` : ""}
                </td>
                <td>{o.areaCode ?? o.regionCode}</td>
                <td>{o.categories.length ? o.categories.join("、") : "全部"}</td>
                <td>{o.active ? <span className="badge badge-ok">启用</span> : <span className="badge badge-off">已停用</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div><Pager page={d.page} pages={d.pages} />
    </>
  );
}
