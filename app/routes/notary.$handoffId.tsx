// One 赋强公证 application as the 公证员 handles it: the package to check, then the 公证书 issued
// or refused with a reason; later, on the creditor's request after a default, the 执行证书.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { NotarisationPackage } from "~/components/handoff/notarisation-package";
import { ReplyNote } from "~/components/handoff/reply-note";
import { formatDateTime } from "~/lib/case-format";
import { requireRole } from "~/services/auth.server";
import { issueExecCertificate, issueNotarialCertificate, notaryPackage, refuseExecCertificate, refuseNotarisation } from "~/services/notarisation.server";
import { failureOf, orErrorPage, replyToError } from "~/services/route-helpers.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `公证申请 ${data?.file?.caseNo ?? ""} · 云解纷` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireRole(request, "notary");
  return orErrorPage(() => notaryPackage(user, params.handoffId ?? ""));
}

type Reply = { intent: string; error?: string; done?: string };

const issueSchema = z.object({ checked: z.literal("on", { error: "请先确认已核对协议、当事人身份和给付内容" }) });
const reasonSchema = z.object({ reason: z.string().trim().min(4, { error: "请填写理由（至少4个字）" }).max(500, { error: "理由不能超过500个字" }) });
const noteSchema = z.object({ note: z.string().trim().max(1000, { error: "核实情况不能超过1000个字" }) });

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireRole(request, "notary");
  const id = params.handoffId ?? "";
  const fd = await request.formData();
  const intent = String(fd.get("intent") ?? "");
  const fail = failureOf<Reply>(intent);
  const field = (k: string) => String(fd.get(k) ?? "");
  try {
    switch (intent) {
      case "issue": {
        const s = issueSchema.safeParse({ checked: fd.get("checked") ?? undefined });
        if (!s.success) return fail(400, s.error.issues[0].message);
        const r = await issueNotarialCertificate(user, id);
        return data<Reply>({ intent, done: `已出具公证书 ${r.refNo}，已送达双方当事人` });
      }
      case "refuse": {
        const s = reasonSchema.safeParse({ reason: field("reason") });
        if (!s.success) return fail(400, s.error.issues[0].message);
        await refuseNotarisation(user, id, s.data.reason);
        return data<Reply>({ intent, done: "已决定不予办理，并通知了当事人" });
      }
      case "issue_exec": {
        const s = noteSchema.safeParse({ note: field("note") });
        if (!s.success) return fail(400, s.error.issues[0].message);
        const r = await issueExecCertificate(user, id, s.data.note);
        return data<Reply>({ intent, done: `已出具执行证书 ${r.refNo}，已送达双方当事人` });
      }
      case "refuse_exec": {
        const s = reasonSchema.safeParse({ reason: field("reason") });
        if (!s.success) return fail(400, s.error.issues[0].message);
        await refuseExecCertificate(user, id, s.data.reason);
        return data<Reply>({ intent, done: "已决定不予出具执行证书，并通知了债权人" });
      }
      default:
        return fail(400, "未知的操作");
    }
  } catch (e) {
    return replyToError(e, (err) => fail(err.status, err.message));
  }
}

/** Refusing, with the reason the parties are told (4 to 500 characters, as the action checks). */
function RefuseForm({ intent, id, label, rows, button, busy }: { intent: string; id: string; label: string; rows: number; button: string; busy: boolean }) {
  return (
    <Form method="post" className="form">
      <input type="hidden" name="intent" value={intent} />
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <textarea id={id} name="reason" rows={rows} minLength={4} maxLength={500} required />
      </div>
      <button className="btn btn-danger" type="submit" disabled={busy}>
        {button}
      </button>
    </Form>
  );
}

export default function NotaryApplication() {
  const d = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as Reply | undefined;
  const nav = useNavigation();
  const busy = nav.state !== "idle";
  const f = d.file;
  const pending = d.status === "submitted" || d.status === "accepted";
  const execPending = !!f && d.outcome === "issued" && !!f.exec.requestedAt && !f.exec.issuedAt;
  return (
    <>
      <p>
        <Link to="/notary">← 公证申请</Link>
      </p>
      <h1>赋强公证申请{f ? ` · ${f.caseNo}` : ""}</h1>
      <p className="muted">
        {d.office} · 提交于 {formatDateTime(d.submittedAt)}
        {d.refNo ? ` · 公证书 ${d.refNo}` : ""}
      </p>
      <ReplyNote reply={reply} />
      {d.outcome === "refused" ? (
        <p className="notice notice-warn">
          已于 {formatDateTime(d.decidedAt)} 决定不予办理。理由：{d.outcomeNote}
        </p>
      ) : null}

      {f ? <NotarisationPackage caseId={d.caseId} file={f} /> : <p className="muted">本申请已办结，案件材料已不在本处。</p>}

      {f && pending ? (
        <section className="card" aria-labelledby="decide-title">
          <h2 id="decide-title">审查决定</h2>
          <Form method="post" className="form">
            <input type="hidden" name="intent" value="issue" />
            <label className="check">
              <input type="checkbox" name="checked" required /> 我已核对调解协议、当事人身份、给付内容及债务人接受强制执行的承诺
            </label>
            <button className="btn" type="submit" disabled={busy}>
              出具公证书
            </button>
          </Form>
          <RefuseForm intent="refuse" id="refuse-reason" label="不予办理的理由" rows={3} button="不予办理" busy={busy} />
        </section>
      ) : null}

      {f && d.outcome === "issued" ? (
        <section className="card" aria-labelledby="exec-title">
          <h2 id="exec-title">执行证书</h2>
          {f.exec.issuedAt ? (
            <p>已于 {formatDateTime(f.exec.issuedAt)} 出具执行证书。</p>
          ) : execPending ? (
            <>
              <p>
                债权人{f.exec.requestedBy ? ` ${f.exec.requestedBy} ` : ""}于 {formatDateTime(f.exec.requestedAt)} 申请出具执行证书。请核实上方的履行情况{f.hasDefault ? "（有逾期未履行的款项）" : "（目前没有逾期款项）"}，必要时与债务人联系核实。
              </p>
              <Form method="post" className="form">
                <input type="hidden" name="intent" value="issue_exec" />
                <div className="field">
                  <label htmlFor="exec-note">核实情况（写入执行证书）</label>
                  <textarea id="exec-note" name="note" rows={3} maxLength={1000} placeholder="例如：已电话联系债务人，债务人确认第1期款项尚未支付" />
                </div>
                <button className="btn" type="submit" disabled={busy}>
                  出具执行证书
                </button>
              </Form>
              <RefuseForm intent="refuse_exec" id="exec-refuse-reason" label="不予出具的理由" rows={2} button="不予出具执行证书" busy={busy} />
            </>
          ) : (
            <p className="muted">{f.exec.note ? `${f.exec.note}。` : ""}债务人违约后，债权人可申请出具执行证书。</p>
          )}
        </section>
      ) : null}

      {f?.documents.length ? (
        <section className="card" aria-labelledby="docs-title">
          <h2 id="docs-title">已出具的文书</h2>
          <ul>
            {f.documents.map((doc) => (
              <li key={doc.docNo}>
                <a href={`/cases/${d.caseId}/notarisation/${doc.docNo}`} download>
                  下载{doc.kindLabel}
                </a>{" "}
                · {doc.title} · <Link to={`/verify/${doc.docNo}`}>核验</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
