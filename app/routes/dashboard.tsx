import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { orgsOfUser } from "~/services/admin.server";
import { requireUser } from "~/services/auth.server";
import { MEMBERSHIP_ROLE_LABELS, ORG_TYPE_LABELS, ROLE_LABELS, type Role } from "~/lib/roles";

export const meta: MetaFunction = () => [{ title: "工作台 · 云解纷" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request);
  return { user: { name: user.name, role: user.role }, orgs: orgsOfUser(user.id) };
}

// What each role does on the platform, in plain words, shown until their work lists arrive.
const ROLE_INTRO: Record<Role, string> = {
  party: "您可以在线申请调解、回应对方的调解邀请、参加视频调解并在线签署调解协议。",
  lawyer: "您可以代当事人申请调解（律调对接），并以代理人身份参加调解。",
  mediator: "您会在这里看到分给您的待受理案件，安排调解、主持调解室、起草调解协议。",
  dispatcher: "您负责矛调中心的分流队列：人工分派规则无法确定的案件，关注红黄预警和超期案件。",
  judge: "您可以委派、委托案件调解，并在收件箱中办理司法确认申请。",
  notary: "您会在这里办理赋强公证申请，出具公证书和执行证书。",
  arbitrator: "您会在这里接收调解不成、转入仲裁的案件。",
  admin: "您可以管理平台上的调解组织、法院、公证处、仲裁委及其成员。",
};

export default function Dashboard() {
  const { user, orgs } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <>
      {params.get("welcome") ? (
        <p className="notice" role="status">
          注册成功，欢迎使用云解纷！
        </p>
      ) : null}
      <h1>
        {user.name}，您好
        <span className="muted">（{ROLE_LABELS[user.role]}）</span>
      </h1>
      <section className="card" aria-labelledby="role-title">
        <h2 id="role-title">我的工作</h2>
        <p>{ROLE_INTRO[user.role]}</p>
        <div className="row">
          {user.role === "admin" ? (
            <Link className="btn" to="/admin/orgs">
              进入机构管理
            </Link>
          ) : null}
          {["party", "lawyer", "judge"].includes(user.role) ? (
            <Form method="post" action="/cases/new">
              <button type="submit" className="btn">
                {user.role === "judge" ? "委派/委托调解" : user.role === "lawyer" ? "代当事人申请调解" : "申请调解"}
              </button>
            </Form>
          ) : null}
          {["party", "lawyer", "judge", "mediator"].includes(user.role) ? (
            <Link className="btn btn-ghost" to="/cases">
              {user.role === "mediator" ? "待受理与我的案件" : "我的案件"}
            </Link>
          ) : null}
          {user.role === "dispatcher" ? (
            <Link className="btn" to="/cases?scope=queue">
              进入分流队列
            </Link>
          ) : null}
        </div>
      </section>
      {orgs.length ? (
        <section className="card" aria-labelledby="orgs-title">
          <h2 id="orgs-title">所在机构</h2>
          <ul>
            {orgs.map((o) => (
              <li key={o.id}>
                {o.name}（{ORG_TYPE_LABELS[o.type]} · {MEMBERSHIP_ROLE_LABELS[o.role]}）
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="card" aria-labelledby="acct-title">
        <h2 id="acct-title">账号安全</h2>
        <p>
          <Link to="/account">修改密码</Link>（修改后其他设备上的登录会全部退出）
        </p>
      </section>
    </>
  );
}
