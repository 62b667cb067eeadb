import type { LoaderFunctionArgs } from "@remix-run/node";
import { formatCaseNo, formatDateTime } from "~/lib/case-format";
import { isAppError, requireUser } from "~/services/auth.server";
import { loadCaseFor } from "~/services/cases.server";
import { getSession, recordConfirmationsOf, sideOf } from "~/services/mediation.server";

/** The session record (笔录) as a UTF-8 text file, with who confirmed or disputed it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  try {
    const view = loadCaseFor(user, params.caseId ?? "");
    const side = sideOf(view);
    const s = getSession(view.row.id, params.sessionId ?? "");
    if (!side || (side !== "mediator" && s.status !== "ended")) throw new Response("调解结束后可下载笔录", { status: 403 });
    const lines = [
      "调解笔录",
      `案件编号：${formatCaseNo(view.row.caseNo)}`,
      `调解时间：${formatDateTime(s.startedAt ?? s.scheduledAt)} 至 ${formatDateTime(s.endedAt)}`,
      `当事人：${view.parties.map((p) => `${p.side === "applicant" ? "申请人" : "被申请人"} ${p.name}`).join("；")}`,
      "",
      s.record,
      "",
      "当事人确认：",
      ...recordConfirmationsOf(s.id).map((c) => `${c.name}：${c.confirmed ? "确认无争议事实" : `有异议：${c.disputed}`}（${formatDateTime(c.at)}）`),
    ];
    // A BOM so that Windows Notepad opens the Chinese text correctly.
    return new Response("\uFEFF" + lines.join("\r\n"), {
      headers: {
        "Content-Type": "text/plain; charset=utf-8",
        "Content-Disposition": `attachment; filename="record.txt"; filename*=UTF-8''${encodeURIComponent(`调解笔录-${view.row.caseNo}.txt`)}`,
        "Cache-Control": "private, no-store",
      },
    });
  } catch (e) {
    if (isAppError(e)) throw new Response(e.message, { status: e.status });
    throw e;
  }
}
