// The 调解协议书 of a case: the mediator drafts and revises it, the parties read and comment on
// it (live), everyone signs it, and once effective anyone on the case downloads the sealed PDF.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { AgreementEditor } from "~/components/agreement/agreement-editor";
import { AgreementText } from "~/components/agreement/agreement-text";
import { SignForm } from "~/components/agreement/sign-form";
import { StatusBadge } from "~/components/case-badges";
import { useLiveCase } from "~/components/use-live-case";
import { AGREEMENT_STATUS_LABELS, MAX_COMMENT_CHARS, SIGN_METHOD_LABELS } from "~/lib/agreement-enums";
import { parseAgreementForm } from "~/lib/agreement-form";
import { AGREEMENT_TEMPLATES, type AgreementTemplate } from "~/lib/agreement-schema";
import { formatCaseNo, formatDateTime } from "~/lib/case-format";
import { isAppError, requireUser } from "~/services/auth.server";
import { signMetaOf } from "~/services/route-helpers.server";
import { agreementPage, commentOnDraft, MAX_SCAN_PAGES, saveDraft, sendAgreementCode, signAgreement } from "~/services/agreements.server";
import { loadCaseFor } from "~/services/cases.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `调解协议 · ${data?.caseNoText ?? "案件"} · 云解纷` }];

function load(request: Request, caseId: string | undefined) {
  const user = requireUser(request);
  try {
    return loadCaseFor(user, caseId ?? "");
  } catch (e) {
    if (isAppError(e)) throw new Response(e.message, { status: e.status });
    throw e;
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const view = load(request, params.caseId);
  const t = new URL(request.url).searchParams.get("template");
  const template = AGREEMENT_TEMPLATES.includes(t as AgreementTemplate) ? (t as AgreementTemplate) : undefined;
  return {
    caseId: view.row.id,
    caseNoText: formatCaseNo(view.row.caseNo),
    status: view.row.status,
    category: view.row.category,
    ...agreementPage(view, { template }),
  };
}

type Reply = { intent: string; error?: string; errors?: Record<string, string>; done?: string; sentTo?: string };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const view = load(request, params.caseId);
  const user = view.user;
  const fd = await request.formData();
  const intent = String(fd.get("intent") ?? "");
  const fail = (status: number, error: string, errors?: Record<string, string>) => data<Reply>({ intent, error, errors }, { status });
  const meta = signMetaOf(request, context);
  try {
    switch (intent) {
      case "save": {
        const parsed = parseAgreementForm(fd);
        if (!parsed.ok) return fail(400, "协议内容有误，请按提示修改后再保存", parsed.errors);
        // A missing or non-numeric version is not 0 (Number(null) would be): the service refuses it.
        const base = String(fd.get("baseVersion") ?? "");
        const r = await saveDraft(user, view.row.id, { content: parsed.content, baseVersion: /^\d{1,6}$/.test(base) ? Number(base) : NaN, note: String(fd.get("note") ?? "").trim().slice(0, 200) });
        return data<Reply>({ intent, done: r.voided ? `已保存为第${r.version}版；此前的${r.voided}个签名已作废，已通知相关人员重新签署。` : `已保存为第${r.version}版，当事人可以查看并提出意见。` });
      }
      case "comment": {
        await commentOnDraft(user, view.row.id, String(fd.get("body") ?? ""));
        return data<Reply>({ intent, done: "意见已提交，调解员和对方当事人都会看到。" });
      }
      case "send_code": {
        const r = await sendAgreementCode(user, view.row.id);
        return data<Reply>({ intent, sentTo: r.sentTo });
      }
      case "sign": {
        const r = await signAgreement(user, view.row.id, { version: Number(fd.get("version")), code: String(fd.get("code") ?? "").trim(), signature: String(fd.get("signature") ?? "") }, meta);
        return data<Reply>({ intent, done: r.effective ? "签署成功。各方均已签署，调解协议已生效。" : "签署成功，等待其他人签署。" });
      }
      default:
        return fail(400, "未知的操作");
    }
  } catch (e) {
    if (isAppError(e)) return fail(e.status, e.message, e.field ? { [e.field]: e.message } : undefined);
    throw e;
  }
}

export default function AgreementPage() {
  const d = useLoaderData<typeof loader>();
  useLiveCase(d.caseId);
  const reply = useActionData<typeof action>() as Reply | undefined;
  const nav = useNavigation();
  const busy = (intent: string) => nav.state !== "idle" && nav.formData?.get("intent") === intent;
  const [params] = useSearchParams();
  const a = d.agreement;
  const signedCount = d.slots.filter((s) => s.signedAt).length;
  return (
    <>
      <p>
        <Link to={`/cases/${d.caseId}`}>← 返回案件 {d.caseNoText}</Link>
      </p>
      <h1>
        调解协议书 <StatusBadge status={d.status} />
      </h1>
      {a ? (
        <p className="muted">
          文书编号 {a.docNoText} · {AGREEMENT_STATUS_LABELS[a.status]} · 第{a.currentVersion}版
          {a.effectiveAt ? ` · ${formatDateTime(a.effectiveAt)} 生效` : ""}
        </p>
      ) : null}
      {params.get("uploadError") ? (
        <p className="form-error" role="alert">
          上传失败：{params.get("uploadError")}
        </p>
      ) : null}
      {reply?.done ? (
        <p className="notice" role="status">
          {reply.done}
        </p>
      ) : null}
      {reply?.error && reply.intent !== "sign" && reply.intent !== "send_code" ? (
        <div className="form-error" role="alert">
          {reply.error}
          {reply.errors ? (
            <ul>
              {[...new Set(Object.values(reply.errors))].map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}

      {a?.status === "effective" ? (
        <section className="card" aria-labelledby="download-title">
          <h2 id="download-title">协议已生效</h2>
          <p>协议已由各方签署并加盖调解组织电子印章。您可以随时下载协议文本；任何人可扫描协议上的二维码或在"文书核验"页核验真伪。</p>
          <p className="row">
            <a className="btn" href={`/cases/${d.caseId}/agreement/pdf`} download>
              下载协议 PDF
            </a>
            <Link to={`/verify/${a.docNo}`}>核验页面</Link>
          </p>
          {a.pdfSha256 ? <p className="hash">SHA-256：{a.pdfSha256}</p> : null}
        </section>
      ) : null}

      {d.current ? (
        <AgreementText content={d.current.content} title={`调解协议书（第${d.current.version}版）`} />
      ) : (
        <p className="notice">
          {d.mayDraft
            ? "尚未起草协议，请在下方填写。"
            : d.draftsHidden
              ? "调解协议尚未生效。协议生效前，草稿只向当事人和调解员公开；生效后可在此查看和下载。"
              : "调解员尚未起草调解协议。达成调解意向后，调解员会在这里起草协议，您可以查看并提出意见。"}
        </p>
      )}

      {d.current ? (
        <section className="card" aria-labelledby="signers-title">
          <h2 id="signers-title">签署情况</h2>
          {d.current.signMode === "wet" ? (
            <p className="notice notice-warn">
              {d.current.content.paperSigning && !d.current.content.personalStatus && d.category !== "婚姻家庭"
                ? "当事人选择线下签署："
                : "本协议涉及婚姻、收养或继承，依照《电子签名法》第三条不能电子签名："}
              各方在纸质协议上签字后，由调解员上传扫描件，协议自上传并加盖电子印章时生效。
            </p>
          ) : null}
          <ul className="slots">
            {d.slots.map((s) => (
              <li key={s.slot}>
                {s.roleLabel} {s.name}：
                {s.signedAt ? `已签署（${formatDateTime(s.signedAt)}，${s.method ? SIGN_METHOD_LABELS[s.method] : ""}）` : s.canSignOnline ? "待签署" : "尚未注册账号，无法在线签署"}
              </li>
            ))}
          </ul>
          {d.voided.length ? (
            <details>
              <summary>已作废的签名（{d.voided.length}）</summary>
              <ul>
                {d.voided.map((v, i) => (
                  <li key={i}>
                    {v.roleLabel} {v.name} 签署的第{v.version}版：{v.voidReason}（{formatDateTime(v.voidedAt)}）
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </section>
      ) : null}

      {d.mySlotsOpen.length && d.current ? (
        <SignForm version={d.current.version} signers={d.mySlotsOpen} busy={busy("sign")} error={reply?.intent === "sign" || reply?.intent === "send_code" ? reply.error : undefined} />
      ) : null}

      {d.mayUploadScan && d.current ? (
        <section className="card" aria-labelledby="scan-title">
          <h2 id="scan-title">上传纸质签署件</h2>
          <p>请打印第{d.current.version}版协议，由各方当事人和调解员签字后，逐页拍照或扫描上传（JPG 或 PNG，最多{MAX_SCAN_PAGES}页）。上传后协议即生效。</p>
          <Form method="post" action={`/cases/${d.caseId}/agreement/scans`} encType="multipart/form-data" className="form">
            <input type="hidden" name="version" value={d.current.version} />
            <div className="field">
              <label htmlFor="scans">扫描件（按页码顺序选择）</label>
              <input id="scans" name="scans" type="file" accept="image/jpeg,image/png" multiple required />
            </div>
            <button className="btn" type="submit">
              上传并使协议生效
            </button>
          </Form>
        </section>
      ) : null}

      {d.mayComment ? (
        <section className="card" aria-labelledby="comments-title">
          <h2 id="comments-title">对协议草稿的意见</h2>
          {d.comments.length ? (
            <ul className="thread">
              {d.comments.map((c) => (
                <li key={c.id}>
                  <strong>{c.author}</strong> <span className="muted">（第{c.version}版 · {formatDateTime(c.createdAt)}）</span>
                  <p>{c.body}</p>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">暂无意见。</p>
          )}
          <Form method="post" className="form" key={d.comments.length}>
            <input type="hidden" name="intent" value="comment" />
            <div className="field">
              <label htmlFor="comment-body">我的意见</label>
              <textarea id="comment-body" name="body" rows={3} maxLength={MAX_COMMENT_CHARS} required aria-describedby="comment-body-hint" />
              <p id="comment-body-hint" className="hint">
                调解员和对方当事人都会看到您的意见。
              </p>
            </div>
            <button className="btn btn-ghost" type="submit" disabled={busy("comment")}>
              提交意见
            </button>
          </Form>
        </section>
      ) : null}

      {d.draft ? (
        <AgreementEditor
          key={`${a?.currentVersion ?? 0}-${params.get("template") ?? ""}`}
          draft={d.draft}
          baseVersion={a?.currentVersion ?? 0}
          errors={reply?.intent === "save" ? (reply.errors ?? {}) : {}}
          busy={busy("save")}
          signedCount={signedCount}
          wetForced={d.category === "婚姻家庭"}
        />
      ) : null}

      {d.versions.length ? (
        <section className="card" aria-labelledby="versions-title">
          <h2 id="versions-title">历史版本</h2>
          <ul>
            {d.versions.map((v) => (
              <li key={v.version}>
                第{v.version}版 · {v.author} · {formatDateTime(v.createdAt)}
                {v.note ? ` · ${v.note}` : ""}
                <span className="hash"> · {v.contentSha256.slice(0, 16)}…</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
