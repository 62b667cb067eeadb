// Pieces of the public verification pages: the document card, the upload form and the verdict.
import { Form } from "@remix-run/react";
import { formatDateTime } from "~/lib/case-format";
import type { UploadVerdict, VerifiedDocument } from "~/services/agreements.server";

export type VerifyReply = { error?: string; verdict?: UploadVerdict };

export function DocumentCard({ doc }: { doc: VerifiedDocument }) {
  return (
    <section className="card" aria-labelledby="doc-title">
      <h2 id="doc-title">{doc.title}</h2>
      <dl className="kv">
        <dt>文书类型</dt>
        <dd>{doc.kindLabel}</dd>
        <dt>核验编号</dt>
        <dd>{doc.docNo}</dd>
        <dt>状态</dt>
        <dd>
          <strong>{doc.status}</strong>
        </dd>
        <dt>签发时间</dt>
        <dd>{formatDateTime(doc.issuedAt)}</dd>
        <dt>签发机构</dt>
        <dd>{doc.issuer}</dd>
        <dt>当事人</dt>
        <dd>{doc.parties.map((p) => `${p.side} ${p.name}`).join("；")}</dd>
        <dt>文件 SHA-256</dt>
        <dd className="hash">{doc.sha256}</dd>
        <dt>文件大小</dt>
        <dd>{Math.round(doc.size / 1024)} KB</dd>
      </dl>
    </section>
  );
}

export function UploadCheck({ busy, reply, label }: { busy: boolean; reply?: VerifyReply; label: string }) {
  const v = reply?.verdict;
  return (
    <section className="card" aria-labelledby="upload-title">
      <h2 id="upload-title">{label}</h2>
      <p>上传您收到的文书 PDF，系统会比对它与平台签发的原件是否完全一致（逐字节比对 SHA-256）。文件只用于比对，不会保存。</p>
      <Form method="post" encType="multipart/form-data" className="form">
        <div className="field">
          <label htmlFor="file">PDF 文件</label>
          <input id="file" name="file" type="file" accept="application/pdf,.pdf" required />
        </div>
        <button className="btn" type="submit" disabled={busy}>
          {busy ? "正在核验…" : "核验文件"}
        </button>
      </Form>
      {reply?.error ? (
        <p className="form-error" role="alert">
          {reply.error}
        </p>
      ) : null}
      {v ? (
        v.genuine ? (
          <div className="verdict-ok" role="status">
            <strong>真实有效：</strong>该文件与平台签发的《{v.document.title}》原件完全一致，未被修改。
            <p className="hash">SHA-256：{v.sha256}</p>
          </div>
        ) : (
          <div className="verdict-bad" role="alert">
            <strong>不一致：</strong>
            {v.expected ? `该文件与平台签发的《${v.expected.title}》原件不一致，可能已被修改，请勿采信。` : "平台未签发过与该文件一致的文书，该文件不是本平台签发的原件或已被修改。"}
            <p className="hash">所传文件 SHA-256：{v.sha256}</p>
          </div>
        )
      ) : null}
    </section>
  );
}

/** Reads the uploaded file of a verify form; a missing or empty file is a clear 400. */
export async function uploadedBytes(request: Request): Promise<Uint8Array | string> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return "上传内容无法读取，请重新选择文件";
  }
  const f = form.get("file");
  if (!f || typeof f === "string" || f.size === 0) return "请选择要核验的PDF文件";
  return new Uint8Array(await f.arrayBuffer());
}
