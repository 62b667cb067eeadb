import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { z } from "zod";
import { isAppError } from "~/services/auth.server";
import { consumeLookup, publicLookup } from "~/services/cases.server";
import { FormError, TextField } from "~/components/field";
import { formatDateTime } from "~/lib/case-format";
import { lookupSchema } from "~/lib/case-schemas";

export const meta: MetaFunction = () => [{ title: "案件进度查询 · 云解纷" }, { name: "robots", content: "noindex" }];

/** Full-width digits and letters, as Chinese input methods often type them. */
function halfWidth(v: string): string {
  return v.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** Accepts YJF2026000123 as well as the printed form 云解纷〔2026〕000123号, spaces and all. */
function normalizeCaseNo(v: unknown): unknown {
  if (typeof v !== "string") return v;
  const s = halfWidth(v).replace(/\s+/g, "");
  const printed = /^云解纷[〔[【(（]?(\d{4})[〕\]】)）]?(\d{6})号?$/.exec(s);
  const out = printed ? `YJF${printed[1]}${printed[2]}` : s;
  return out === "" ? undefined : out;
}

/** 139 0000 0001, 139-0000-0001 and +86 13900000001 all mean the same phone. */
function normalizePhone(v: unknown): unknown {
  if (typeof v !== "string") return v;
  const s = halfWidth(v).replace(/[\s-]/g, "").replace(/^\+?86(?=1\d{10}$)/, "");
  return s === "" ? undefined : s;
}

const schema = z.object({
  caseNo: z.preprocess(normalizeCaseNo, lookupSchema.shape.caseNo),
  phone: z.preprocess(normalizePhone, lookupSchema.shape.phone),
});

// Phone numbers must not end up in URLs, logs or caches: POST, and no-store on the answer.
const NO_STORE = { "Cache-Control": "no-store" };

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== "success") return data({ reply: submission.reply(), found: null }, { status: 400, headers: NO_STORE });
  try {
    // The per-IP budget (20 per 15 min) shared with POST /api/v1/lookup, counted before the
    // database is asked so parallel guesses cannot slip under it.
    await consumeLookup(context?.ip ?? "unknown");
    const found = publicLookup(submission.value.caseNo, submission.value.phone);
    return data({ reply: submission.reply(), found }, { headers: NO_STORE });
  } catch (e) {
    // NOT_FOUND: one message whether the case is missing or the phone differs (no enumeration).
    // TOO_MANY: the message says how many minutes are left.
    if (isAppError(e) && (e.code === "NOT_FOUND" || e.code === "TOO_MANY"))
      return data({ reply: submission.reply({ formErrors: [e.message] }), found: null }, { status: e.status, headers: NO_STORE });
    throw e;
  }
}

const SIDE_LABELS: Record<string, string> = { applicant: "申请人", respondent: "被申请人" };

export default function Lookup() {
  const result = useActionData<typeof action>();
  const nav = useNavigation();
  const found = result?.found ?? null;
  const [form, fields] = useForm({
    lastResult: result?.reply,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const resultRef = useRef<HTMLHeadingElement>(null);
  // Focus the answer so screen-reader and zoomed-in users notice it appeared below the form.
  useEffect(() => {
    if (found) resultRef.current?.focus();
  }, [found]);

  return (
    <>
      <section className="card" aria-labelledby="lookup-title">
        <h1 id="lookup-title">案件进度查询</h1>
        <p>不用登录。输入案件编号和案件登记的手机号码（申请人或被申请人的都可以），即可查看办理进度。</p>
        <Form method="post" className="form" {...getFormProps(form)}>
          <FormError errors={form.errors} />
          <TextField
            label="案件编号"
            meta={fields.caseNo}
            hint="在短信或申请回执里，如 YJF2026000123，也可以输入 云解纷〔2026〕000123号"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
          />
          <TextField label="手机号码" meta={fields.phone} type="tel" inputMode="numeric" autoComplete="tel" hint="案件登记时填写的11位手机号码" />
          <button type="submit" className="btn" disabled={nav.state === "submitting"}>
            {nav.state === "submitting" ? "正在查询…" : "查询"}
          </button>
        </Form>
        <p className="muted">
          还没有申请？先看看<Link to="/guide">哪种方式适合我的纠纷</Link>。
        </p>
      </section>

      {found ? (
        <section className="card" aria-labelledby="found-title">
          <h2 id="found-title" ref={resultRef} tabIndex={-1}>
            {found.caseNoText}
          </h2>
          <dl>
            <dt>当前状态</dt>
            <dd>
              <strong>{found.statusText}</strong>
            </dd>
            <dt>纠纷类别</dt>
            <dd>{found.category}</dd>
            <dt>调解组织</dt>
            <dd>{found.orgName ?? "正在分流，尚未确定"}</dd>
            <dt>提交时间</dt>
            <dd>{formatDateTime(found.submittedAt)}</dd>
            <dt>当事人</dt>
            <dd>
              <ul>
                {found.parties.map((p, i) => (
                  <li key={i}>
                    {SIDE_LABELS[p.side] ?? p.side}：{p.name}
                  </li>
                ))}
              </ul>
            </dd>
          </dl>
          <h3>办理记录</h3>
          {found.events.length ? (
            <ol>
              {found.events.map((e, i) => (
                <li key={i}>
                  <time dateTime={new Date(e.at).toISOString()}>{formatDateTime(e.at)}</time>　{e.summary}
                </li>
              ))}
            </ol>
          ) : (
            <p>暂无记录。</p>
          )}
          <p className="muted">为保护隐私，这里只显示姓名的一部分和公开的办理步骤。当事人登录后可查看全部材料。</p>
        </section>
      ) : null}
    </>
  );
}
