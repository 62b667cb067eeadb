import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { z } from "zod";
import { CATEGORIES } from "~/lib/categories";
import { guideAnswersSchema, ROUTE_INFO, suggestRoute, type RouteId } from "~/lib/route-guide";

export const meta: MetaFunction = () => [{ title: "哪种方式适合我的纠纷？ · 云解纷" }];

type Errors = Partial<Record<string, string[]>>;

// A GET form: the answers live in the address, so the page works without JavaScript and a
// result can be bookmarked or sent to a relative.
export function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const values = Object.fromEntries([...params].filter(([k, v]) => v !== "" && k !== "ask"));
  // A link may preset only the category; errors appear once the questionnaire was submitted.
  const submitted = params.has("ask");
  const noErrors: Errors = {};
  if (!submitted) return { values, errors: noErrors, suggestion: null };
  const parsed = guideAnswersSchema.safeParse(values);
  if (!parsed.success) return { values, errors: z.flattenError(parsed.error).fieldErrors as Errors, suggestion: null };
  return { values, errors: noErrors, suggestion: { ...suggestRoute(parsed.data), category: parsed.data.category } };
}

const OPTION_STYLE = { minHeight: 44, padding: ".5rem .75rem", border: "1px solid var(--c-border)", borderRadius: "var(--radius)", alignItems: "center" };

function Choice({
  name,
  legend,
  hint,
  options,
  value,
  error,
}: {
  name: string;
  legend: string;
  hint?: string;
  options: [string, string][];
  value?: string;
  error?: string;
}) {
  const hintId = hint ? `${name}-hint` : undefined;
  const errorId = error ? `${name}-error` : undefined;
  return (
    <fieldset className="field" aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}>
      <legend>{legend}</legend>
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      <div className="checks">
        {options.map(([v, label]) => (
          <label key={v} className="check" style={OPTION_STYLE}>
            <input type="radio" name={name} value={v} defaultChecked={value === v} aria-invalid={error ? true : undefined} />
            {label}
          </label>
        ))}
      </div>
      {error ? (
        <p id={errorId} className="error" role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

function RouteCard({ id, primary }: { id: RouteId; primary?: boolean }) {
  const r = ROUTE_INFO[id];
  const Heading = primary ? "h3" : "h4";
  return (
    <article className={primary ? "card notice" : "card"}>
      <Heading>
        <span className="badge">{r.kind}</span> {r.title}
      </Heading>
      <p>{r.text}</p>
      <dl>
        <dt>需要多久</dt>
        <dd>{r.time}</dd>
        <dt>费用</dt>
        <dd>{r.cost}</dd>
      </dl>
    </article>
  );
}

export default function Guide() {
  const { values, errors, suggestion } = useLoaderData<typeof loader>();
  const nav = useNavigation();
  const location = useLocation();
  const resultRef = useRef<HTMLHeadingElement>(null);
  // Move focus to the answer so screen-reader and zoomed-in users notice it appeared.
  useEffect(() => {
    if (suggestion) resultRef.current?.focus();
  }, [location.search, suggestion]);
  const err = (k: string) => errors[k]?.[0];
  const yesNo: [string, string][] = [
    ["yes", "是"],
    ["no", "否"],
  ];
  const category = suggestion?.category ?? values.category;

  return (
    <>
      <section className="card" aria-labelledby="guide-title">
        <h1 id="guide-title">哪种方式适合我的纠纷？</h1>
        <p>回答下面几个问题，我们告诉您可以找谁、接下来会怎样、大概要多久。只作参考，不会提交任何信息。</p>
        <p className="notice" role="note">
          如果有人正在打人、威胁您或家人，请马上拨打 <a href="tel:110">110</a>。
        </p>
        <Form method="get" action="/guide#result" className="form" noValidate>
          {Object.keys(errors).length ? (
            <div className="form-error" role="alert">
              还有问题没有回答，请看下面的红字提示。
            </div>
          ) : null}
          <div className="field">
            <label htmlFor="guide-category">1. 您遇到的是哪一类纠纷？</label>
            <select
              id="guide-category"
              name="category"
              defaultValue={values.category ?? ""}
              aria-invalid={err("category") ? true : undefined}
              aria-describedby={err("category") ? "category-error" : undefined}
            >
              <option value="">请选择</option>
              {CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
            {err("category") ? (
              <p id="category-error" className="error" role="alert">
                {err("category")}
              </p>
            ) : null}
          </div>
          <Choice
            name="willing"
            legend="2. 对方愿意和您坐下来商量吗？"
            options={[
              ["yes", "愿意"],
              ["no", "不愿意"],
              ["unsure", "不清楚"],
            ]}
            value={values.willing}
            error={err("willing")}
          />
          <Choice name="money" legend="3. 是不是为了钱？" hint="比如欠款、赔偿、工资、押金" options={yesNo} value={values.money} error={err("money")} />
          <Choice name="courtFiled" legend="4. 是否已经到法院起诉并立案？" options={yesNo} value={values.courtFiled} error={err("courtFiled")} />
          <Choice name="urgent" legend="5. 有没有打人、威胁、可能出事的情况？" options={yesNo} value={values.urgent} error={err("urgent")} />
          <Choice
            name="clause"
            legend="6. 合同里有没有写“发生争议提交仲裁委员会仲裁”？"
            hint="只有合同、生产经营、借贷、物业纠纷需要回答，其他可以不填"
            options={[
              ["yes", "有"],
              ["no", "没有"],
              ["unsure", "不清楚"],
            ]}
            value={values.clause}
          />
          <input type="hidden" name="ask" value="1" />
          <button type="submit" className="btn" disabled={nav.state === "loading"}>
            看看建议
          </button>
        </Form>
      </section>

      {suggestion ? (
        <section id="result" className="card" aria-labelledby="result-title">
          <h2 id="result-title" ref={resultRef} tabIndex={-1}>
            建议：{ROUTE_INFO[suggestion.primary].kind === "报警" ? "先报警" : ROUTE_INFO[suggestion.primary].kind}
          </h2>
          <RouteCard id={suggestion.primary} primary />
          <h3>为什么这样建议</h3>
          <ul>
            {suggestion.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
          {suggestion.alternatives.length ? (
            <>
              <h3>{suggestion.primary === "call110" ? "安全以后，可以这样解决" : "其他途径"}</h3>
              {suggestion.alternatives.map((id) => (
                <RouteCard key={id} id={id} />
              ))}
            </>
          ) : null}
        </section>
      ) : null}

      <section className="card" aria-labelledby="apply-title">
        <h2 id="apply-title">想在网上申请调解？</h2>
        <p>人民调解、行政调解、法院委派调解和律师调解都可以在本平台申请，平台会分给就近、对口的调解组织。</p>
        <p className="cta">
          <Link className="btn" to={category ? `/cases/new?category=${encodeURIComponent(category)}` : "/cases/new"}>
            申请调解
          </Link>
          <Link className="btn btn-ghost" to="/lookup">
            查询案件进度
          </Link>
        </p>
      </section>
    </>
  );
}
