import { Form, useNavigation } from "@remix-run/react";
import { formatDateTime } from "~/lib/case-format";

type Item = { id: string; filename: string; mime: string; size: number; kind: string; createdAt: string | Date; mine: boolean };

const KB = 1024;
const sizeText = (n: number) => (n > KB * KB ? `${(n / KB / KB).toFixed(1)} MB` : `${Math.ceil(n / KB)} KB`);

/** Upload (multipart, to /cases/:id/evidence) and the list of files already on the case. */
export function EvidenceUpload({
  caseId,
  items,
  step,
  needPowerOfAttorney = false,
  canRemove = true,
}: {
  caseId: string;
  items: Item[];
  step?: string;
  needPowerOfAttorney?: boolean;
  canRemove?: boolean;
}) {
  const nav = useNavigation();
  const uploading = nav.state === "submitting" && nav.formAction?.endsWith("/evidence");
  const back = step ? `/cases/${caseId}/file?step=${step}` : `/cases/${caseId}`;
  const hasPoa = items.some((i) => i.kind === "power_of_attorney");
  return (
    <div className="card">
      {items.length ? (
        <ul>
          {items.map((i) => (
            <li key={i.id}>
              <a href={`/cases/${caseId}/evidence/${i.id}`}>{i.filename}</a>{" "}
              <span className="muted">
                {i.kind === "power_of_attorney" ? "授权委托书 · " : ""}
                {sizeText(i.size)} · {formatDateTime(i.createdAt)}
              </span>
              {canRemove && step && i.mine ? (
                <Form method="post" className="lt-toggle">
                  <input type="hidden" name="step" value={step} />
                  <input type="hidden" name="evidenceId" value={i.id} />
                  <button type="submit" name="intent" value="remove-evidence" className="btn btn-ghost" aria-label={`删除 ${i.filename}`}>
                    删除
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">还没有上传材料。</p>
      )}
      {needPowerOfAttorney && !hasPoa ? <p className="notice">律调对接须上传当事人签署的授权委托书（图片或PDF）。</p> : null}
      <Form method="post" action={`/cases/${caseId}/evidence`} encType="multipart/form-data" className="form">
        <input type="hidden" name="redirectTo" value={back} />
        {needPowerOfAttorney ? (
          <div className="field">
            <label htmlFor="ev-kind">材料类型</label>
            <select id="ev-kind" name="kind" defaultValue={hasPoa ? "evidence" : "power_of_attorney"}>
              <option value="power_of_attorney">授权委托书</option>
              <option value="evidence">证据材料</option>
            </select>
          </div>
        ) : (
          <input type="hidden" name="kind" value="evidence" />
        )}
        <div className="field">
          <label htmlFor="ev-files">选择文件</label>
          <p className="hint" id="ev-hint">
            图片、PDF或录音，每个不超过10MB，一次最多5个。手机可直接拍照上传。
          </p>
          <input id="ev-files" name="files" type="file" multiple accept="image/*,application/pdf,audio/*" aria-describedby="ev-hint" />
        </div>
        <button type="submit" className="btn btn-ghost" disabled={uploading}>
          {uploading ? "正在上传…" : "上传"}
        </button>
      </Form>
    </div>
  );
}
