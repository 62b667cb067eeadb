// 矛调中心看板: a dispatcher's live view of their city — red and yellow cases, deadlines across every
// stage, the unrouted queue and each organisation's load — with 改派 and 上报 for any case on it.
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { BoardActPanel, boardEscalateSchema, boardReassignSchema, type BoardActReply } from "~/components/oversight/board-act-panel";
import { useBoardLive } from "~/components/oversight/board-live";
import { DeadlineSection, LoadSection, RiskSection, UnroutedSection } from "~/components/oversight/board-sections";
import { formatDateTime } from "~/lib/case-format";
import { isAppError, requireRole } from "~/services/auth.server";
import { dispatchBoard, escalateFromBoard, parseBoardQuery, reassignFromBoard } from "~/services/board.server";

export const meta: MetaFunction = () => [{ title: "矛调中心看板 · 云解纷" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, "dispatcher");
  try {
    return dispatchBoard(user, parseBoardQuery(new URL(request.url).searchParams));
  } catch (e) {
    if (isAppError(e)) throw new Response(e.message, { status: e.status });
    throw e;
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requireRole(request, "dispatcher");
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "reassign") {
    const s = parseWithZod(formData, { schema: boardReassignSchema });
    if (s.status !== "success") return data<BoardActReply>({ intent, reply: s.reply() }, { status: 400 });
    return act(intent, s, async () => {
      await reassignFromBoard(user, s.value);
      return "已改派，新的调解员须在3个工作日内受理或说明理由不予受理";
    });
  }
  if (intent === "escalate") {
    const s = parseWithZod(formData, { schema: boardEscalateSchema });
    if (s.status !== "success") return data<BoardActReply>({ intent, reply: s.reply() }, { status: 400 });
    return act(intent, s, async () => {
      const row = await escalateFromBoard(user, s.value);
      return `已${row.routingReason ?? "上报"}`;
    });
  }
  throw new Response("未知的操作", { status: 400 });
}

type Parsed = { reply: (o?: { resetForm?: boolean; formErrors?: string[]; fieldErrors?: Record<string, string[]> }) => BoardActReply["reply"] };

/** Runs the act; its refusals (wrong level, stale board, no mediator) come back on the form, nothing written. */
async function act(intent: BoardActReply["intent"], submission: Parsed, run: () => Promise<string>) {
  try {
    const done = await run();
    return { intent, reply: submission.reply({ resetForm: true }), done } satisfies BoardActReply;
  } catch (e) {
    if (!isAppError(e)) throw e;
    // A case outside the dispatcher's cities is simply not there.
    if (e.code === "NOT_FOUND") throw new Response(e.message, { status: 404 });
    const reply = e.field ? submission.reply({ fieldErrors: { [e.field]: [e.message] } }) : submission.reply({ formErrors: [e.message] });
    return data<BoardActReply>({ intent, reply }, { status: e.status });
  }
}

const WITHIN_OPTIONS = [
  { value: "24h", label: "24小时内到期及已超期" },
  { value: "3d", label: "3日内到期及已超期" },
  { value: "overdue", label: "仅已超期" },
] as const;

export default function Board() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as BoardActReply | undefined;
  const [params] = useSearchParams();
  const live = useBoardLive(d.live);
  return (
    <>
      <h1>矛调中心看板</h1>
      <p className="muted">
        辖区：{d.cities.map((c) => c.name).join("、")} · 数据更新于 <time dateTime={new Date(d.now).toISOString()}>{formatDateTime(d.now)}</time>
      </p>
      <p className="muted">{live ? "● 实时更新中：辖区内案件有变化时自动刷新" : "实时连接未建立，看板每分钟自动刷新"}</p>

      <Form method="get" className="form row" aria-label="看板筛选">
        <div className="field">
          <label htmlFor="board-within">期限范围</label>
          <select id="board-within" name="within" defaultValue={d.within}>
            {WITHIN_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        {params.get("act") ? <input type="hidden" name="act" value={params.get("act")!} /> : null}
        <button type="submit" className="btn btn-ghost">
          筛选
        </button>
      </Form>

      {d.acting ? <BoardActPanel key={d.acting.id} line={d.acting} orgOptions={d.orgOptions} result={result} /> : null}

      <RiskSection risk={d.risk} />
      <DeadlineSection deadlines={d.deadlines} within={d.within} />
      <UnroutedSection unrouted={d.unrouted} />
      <LoadSection loads={d.loads} />
    </>
  );
}
