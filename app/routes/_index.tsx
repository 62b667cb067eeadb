import { Link } from "@remix-run/react";
import { useRootData } from "~/root";

const KINDS = [
  { name: "人民调解", text: "村(社区)、乡镇(街道)、县(区)人民调解委员会调解邻里、婚姻家庭、合同等日常纠纷，不收费。" },
  { name: "行政调解", text: "交警调解交通事故赔偿，市场监管与消协调解消费纠纷，卫健、人社部门调解医疗、劳动争议。" },
  { name: "司法调解", text: "法院委派或委托特邀调解组织调解，调解成功后可由法院司法确认，具有强制执行力。" },
  { name: "律师调解", text: "律师调解工作室调解民商事纠纷，可能收取少量费用，申请前会明示；不受理婚姻家庭身份纠纷。" },
];

export default function Index() {
  const data = useRootData();
  const signedIn = Boolean(data?.user);
  return (
    <>
      <section className="hero" aria-labelledby="hero-title">
        <h1 id="hero-title">有纠纷，先调解 —— 在线矛盾纠纷多元化解平台</h1>
        <p>
          在手机上就能申请调解：平台核实身份、评估风险，把您的纠纷分给就近、对口的调解组织；
          调解员通过视频调解室组织双方协商，达成的调解协议可在线签署，并可申请法院司法确认或公证，
          让协议真正管用。
        </p>
        <div className="cta">
          {signedIn ? (
            <Link className="btn" to="/dashboard">
              进入我的工作台
            </Link>
          ) : (
            <>
              <Link className="btn" to="/register">
                注册并申请调解
              </Link>
              <Link className="btn btn-ghost" to="/login">
                已有账号，登录
              </Link>
            </>
          )}
          <Link className="btn btn-ghost" to="/guide">
            哪种方式适合我的纠纷？
          </Link>
          <Link className="btn btn-ghost" to="/lookup">
            查询案件进度
          </Link>
        </div>
      </section>

      <section aria-labelledby="pipeline-title">
        <h2 id="pipeline-title">三步化解纠纷：分 · 调 · 裁</h2>
        <ol className="pipeline">
          <li>
            <h3>
              <span className="step-mark" aria-hidden="true">分</span>在线申请，智能分流
            </h3>
            <p>填写双方信息、纠纷经过和请求事项，上传证据。平台按纠纷类别、所在地区把案件分给对口调解组织，并征求对方同意——调解必须双方自愿。</p>
          </li>
          <li>
            <h3>
              <span className="step-mark" aria-hidden="true">调</span>远程调解，当面协商
            </h3>
            <p>调解员在线组织音视频调解，也可以与每一方单独沟通（背对背）。调解员记录笔录，起草调解协议，双方在手机上签名确认。</p>
          </li>
          <li>
            <h3>
              <span className="step-mark" aria-hidden="true">裁</span>司法确认，依法保障
            </h3>
            <p>调解协议生效后 30 日内可共同申请法院司法确认，或就金钱债务申请赋予强制执行效力公证；调解不成的，案件带着材料转入仲裁或诉讼，无需从头再来。</p>
          </li>
        </ol>
      </section>

      <section aria-labelledby="kinds-title">
        <h2 id="kinds-title">四类调解，一个入口</h2>
        <div className="grid grid-4">
          {KINDS.map((k) => (
            <article key={k.name} className="card">
              <h3>{k.name}</h3>
              <p>{k.text}</p>
            </article>
          ))}
        </div>
      </section>

      <section aria-labelledby="how-title" className="card">
        <h2 id="how-title">如何开始</h2>
        <ol>
          <li>用本人手机号码和身份证号码注册账号（实名认证）。</li>
          <li>在工作台点击"申请调解"，按提示填写，可以随时保存草稿。</li>
          <li>留意短信通知：对方同意后，调解员会联系您安排调解。</li>
        </ol>
        <p className="muted">看不清？点击页面上方的"大字模式"。律师可代当事人申请（律调对接），法院可委派、委托调解。</p>
      </section>
    </>
  );
}
