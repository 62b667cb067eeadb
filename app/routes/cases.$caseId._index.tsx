import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useLiveCase } from "~/components/use-live-case";
import type { z } from "zod";
import { CaseActions } from "~/components/case-actions";
import { RiskBadge, StatusBadge } from "~/components/case-badges";
import { EvidenceUpload } from "~/components/evidence-upload";
import { acceptSchema, assignSchema, declineSchema, mediatorChangeSchema, refuseSchema, riskSchema, withdrawSchema } from "~/lib/case-schemas";
import { CASE_SOURCE_LABELS, ENDED_STATUSES, MEDIATION_KIND_LABELS } from "~/lib/case-enums";
import { formatDateTime, formatFen } from "~/lib/case-format";
import { MediationPanel } from "~/components/mediation-panel";
import { confirmRecordSchema, endSessionSchema, extendSchema, offerResponseSchema, offerSchema, scheduleSchema, serviceAddressSchema, threadPostSchema } from "~/lib/mediation-schemas";
import { isAppError, requireUser } from "~/services/auth.server";
import { agreementSummary } from "~/services/agreements.server";
import { AgreementCard } from "~/components/agreement/agreement-card";
import { PartiesSection } from "~/components/parties-section";
import { ConfirmationCard } from "~/components/handoff/confirmation-card";
import { confirmationCard } from "~/services/confirmation.server";
import { TransferPanel } from "~/components/handoff/transfer-panel";
import { transferPanel } from "~/services/transfer.server";
import { PerformanceSection } from "~/components/handoff/performance-section";
import { fulfilmentSection } from "~/services/performance.server";
import { RatingPanel } from "~/components/oversight/rating-panel";
import { ratingPanel } from "~/services/ratings.server";
import {
  confirmRecord,
  confirmServiceAddress,
  endSession,
  extendDeadline,
  history,
  listOffers,
  listSessions,
  makeOffer,
  postThreadMessage,
  recordConfirmationsOf,
  respondOffer,
  scheduleSession,
  serviceAddressOf,
  sideOf,
} from "~/services/mediation.server";
import {
  acceptCase,
  agreeToDisclosure,
  assignByHand,
  caseDetail,
  consent,
  declineCase,
  loadCaseFor,
  mediationOrgOptions,
  refuse,
  regionName,
  requestMediatorChange,
  setRisk,
  withdrawCase,
} from "~/services/cases.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.case.caseNoText ?? "案件"} · 云解纷` }];

function load(request: Request, caseId: string | undefined) {
  const user = requireUser(request);
  try {
    return { user, view: loadCaseFor(user, caseId ?? "") };
  } catch (e) {
    if (isAppError(e)) throw new Response(e.message, { status: e.status });
    throw e;
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { view } = load(request, params.caseId);
  if (view.row.status === "draft") throw redirect(`/cases/${view.row.id}/file`);
  const detail = caseDetail(view);
  const canAssign = detail.actions.includes("assign");
  const side = sideOf(view);
  // From mediation on, the sessions, record, offers and the agreement stay on the case page.
  const inMediation = ["mediating", "agreed", "effective", "confirming", "confirmed", "confirm_rejected", "notarising", "notarised", "failed", "transferred"].includes(view.row.status);
  // 在线调解规则 Art 18: what a party conceded to settle may not be used against them later. The
  // offers, the thread and what the records say reach only the two sides and the mediator; a court,
  // notary office or commission holding the case (and the overseeing staff) see when sessions were
  // held and how they ended, never what was said or offered (ADR 015: offers stay behind).
  const mediation = inMediation
    ? {
        side,
        due: view.row.mediationDue,
        dueRule: view.row.mediationDueRule,
        sessions: listSessions(view.row.id).map((s) => ({
          id: s.id,
          scheduledAt: s.scheduledAt,
          durationMin: s.durationMin,
          mode: s.mode,
          status: s.status,
          outcome: s.outcome,
          failReason: s.failReason,
          nextAt: s.nextAt,
          hasRecord: !!side && s.record.trim().length > 0,
          // Parties read the record once the session has ended, to confirm it.
          record: side === "mediator" || (side && s.status === "ended") ? s.record : null,
          confirmations: side ? recordConfirmationsOf(s.id) : [],
        })),
        offers: side ? listOffers(view.row.id) : [],
        thread: side ? history(view.user, view.row.id, null, 0) : [],
        addressConfirmed: side && side !== "mediator" ? !!serviceAddressOf(view.row.id, view.user.id) : true,
        myParty: view.parties.find((p) => p.userId === view.user.id || p.agentUserId === view.user.id) ?? null,
      }
    : null;
  return {
    ...detail,
    mediation,
    agreement: inMediation ? agreementSummary(view) : null,
    confirmation: confirmationCard(view),
    region: view.row.areaCode ? regionName(view.row.areaCode) : view.row.regionCode ? regionName(view.row.regionCode) : null,
    orgOptions: canAssign ? mediationOrgOptions() : [],
    transfer: transferPanel(view),
    fulfilment: fulfilmentSection(view),
    rating: ratingPanel(view),
  };
}

type Reply = { intent: string; error?: string; fieldErrors?: Record<string, string[]>; done?: string };

function parse<T extends z.ZodTypeAny>(formData: FormData, schema: T) {
  return parseWithZod(formData, { schema });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, view } = load(request, params.caseId);
  const id = view.row.id;
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const fail = (status: number, error: string, fieldErrors?: Record<string, string[]>) => data<Reply>({ intent, error, fieldErrors }, { status });
  // The page carries the version it showed: acting on a stale page (someone else just accepted,
  // reassigned or withdrew) is refused instead of silently undoing their step.
  const seen = formData.get("version");
  if (seen !== null && Number(seen) !== view.row.version) return fail(409, "案件刚刚有了新进展，请查看最新状态后再操作");
  try {
    switch (intent) {
      case "accept": {
        const s = parse(formData, acceptSchema);
        if (s.status !== "success") return fail(400, "请检查填写内容", s.error as Record<string, string[]>);
        await acceptCase(user, id, s.value);
        return { intent, done: "已受理，系统已短信邀请对方当事人" } satisfies Reply;
      }
      case "decline": {
        const s = parse(formData, declineSchema);
        if (s.status !== "success") return fail(400, "请填写不予受理的理由", s.error as Record<string, string[]>);
        await declineCase(user, id, s.value.reason);
        return redirect("/cases?scope=to_accept");
      }
      case "assign": {
        const s = parse(formData, assignSchema);
        if (s.status !== "success") return fail(400, "请选择调解组织并填写理由", s.error as Record<string, string[]>);
        await assignByHand(user, id, s.value);
        return { intent, done: "已指派" } satisfies Reply;
      }
      case "risk": {
        const s = parse(formData, riskSchema);
        if (s.status !== "success") return fail(400, "请选择风险等级并填写理由", s.error as Record<string, string[]>);
        await setRisk(user, id, s.value);
        return { intent, done: "风险等级已调整" } satisfies Reply;
      }
      case "withdraw": {
        const s = parse(formData, withdrawSchema);
        if (s.status !== "success") return fail(400, "请填写撤回理由", s.error as Record<string, string[]>);
        await withdrawCase(user, id, s.value.reason);
        return { intent, done: "申请已撤回" } satisfies Reply;
      }
      case "consent":
        await consent(user, id);
        return { intent, done: "您已同意调解，调解员将与您联系安排调解" } satisfies Reply;
      case "refuse": {
        const s = parse(formData, refuseSchema);
        if (s.status !== "success") return fail(400, "请填写不同意调解的理由", s.error as Record<string, string[]>);
        await refuse(user, id, s.value.reason);
        return { intent, done: "已答复不同意调解" } satisfies Reply;
      }
      case "mediator-change": {
        const s = parse(formData, mediatorChangeSchema);
        if (s.status !== "success") return fail(400, "请填写申请更换调解员的理由", s.error as Record<string, string[]>);
        await requestMediatorChange(user, id, s.value.reason);
        return { intent, done: "已提交更换调解员的申请，矛调中心将尽快处理" } satisfies Reply;
      }
      case "disclosure-agree":
        await agreeToDisclosure(user, id);
        return { intent, done: "已确认同意继续由该调解员调解" } satisfies Reply;
      case "schedule": {
        const s = parse(formData, scheduleSchema);
        if (s.status !== "success") return fail(400, "请检查调解安排", s.error as Record<string, string[]>);
        await scheduleSession(user, id, s.value);
        return { intent, done: "已安排调解，并通知了当事人" } satisfies Reply;
      }
      case "end-session": {
        const s = parse(formData, endSessionSchema);
        if (s.status !== "success") return fail(400, "请选择本次调解的结果", s.error as Record<string, string[]>);
        const summary = await endSession(user, id, String(formData.get("sessionId") ?? ""), s.value);
        return { intent, done: summary } satisfies Reply;
      }
      case "extend": {
        const s = parse(formData, extendSchema);
        if (s.status !== "success") return fail(400, "请填写新的期限和理由", s.error as Record<string, string[]>);
        await extendDeadline(user, id, s.value);
        return { intent, done: "调解期限已延长" } satisfies Reply;
      }
      case "offer": {
        const s = parse(formData, offerSchema);
        if (s.status !== "success") return fail(400, "请检查方案内容", s.error as Record<string, string[]>);
        await makeOffer(user, id, s.value);
        return { intent, done: "方案已提交，等待对方答复" } satisfies Reply;
      }
      case "offer-respond": {
        const s = parse(formData, offerResponseSchema);
        if (s.status !== "success") return fail(400, "请检查答复内容", s.error as Record<string, string[]>);
        await respondOffer(user, id, String(formData.get("offerId") ?? ""), s.value);
        return { intent, done: "已答复" } satisfies Reply;
      }
      case "confirm-record": {
        const s = parse(formData, confirmRecordSchema);
        if (s.status !== "success") return fail(400, "请确认笔录或写明异议", s.error as Record<string, string[]>);
        confirmRecord(user, id, String(formData.get("sessionId") ?? ""), s.value);
        return { intent, done: s.value.confirmed ? "已确认笔录" : "已提交对笔录的异议" } satisfies Reply;
      }
      case "confirm-address": {
        const s = parse(formData, serviceAddressSchema);
        if (s.status !== "success") return fail(400, "请检查送达地址", s.error as Record<string, string[]>);
        confirmServiceAddress(user, id, s.value);
        return { intent, done: "送达地址已确认" } satisfies Reply;
      }
      case "thread-post": {
        const s = parse(formData, threadPostSchema);
        if (s.status !== "success") return fail(400, "请输入留言", s.error as Record<string, string[]>);
        postThreadMessage(user, id, s.value.body, s.value.clientId ?? crypto.randomUUID());
        return { intent, done: "留言已发送" } satisfies Reply;
      }
      default:
        return fail(400, "未知的操作");
    }
  } catch (e) {
    if (isAppError(e)) {
      if (e.code === "NOT_FOUND") throw new Response(e.message, { status: 404 });
      return fail(e.status, e.message, e.field ? { [e.field]: [e.message] } : undefined);
    }
    throw e;
  }
}

const OTHER_ROUTES = [
  "向其他调解组织申请调解（如行业调解、律师调解）",
  "劳动争议可向劳动人事争议仲裁委员会申请仲裁",
  "合同约定了仲裁条款的，可申请仲裁",
  "向人民法院提起诉讼",
];

export default function CasePage() {
  const d = useLoaderData<typeof loader>();
  useLiveCase(d.case.id);
  const reply = useActionData<typeof action>() as Reply | undefined;
  const [params] = useSearchParams();
  const c = d.case;
  const ended = ENDED_STATUSES.includes(c.status);
  const mayUpload = !ended && d.roles.some((r) => ["filer", "applicant", "respondent", "mediator"].includes(r));
  return (
    <>
      <p>
        <Link to="/cases">← 案件列表</Link>
      </p>
      <h1>
        {c.caseNoText} <StatusBadge status={c.status} /> <RiskBadge risk={c.risk} />
      </h1>
      <p className="muted">
        {c.category} · {CASE_SOURCE_LABELS[c.source]}
        {c.kind ? ` · ${MEDIATION_KIND_LABELS[c.kind]}` : ""} · 提交于 {formatDateTime(c.submittedAt)}
      </p>
      {params.get("submitted") ? (
        <p className="notice" role="status">
          申请已提交。案件编号 {c.caseNoText}，可凭编号和手机号在"进度查询"中查看。
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
      {reply?.error ? (
        <div className="form-error" role="alert">
          {reply.error}
          {reply.fieldErrors
            ? Object.values(reply.fieldErrors)
                .flat()
                .filter((m) => m !== reply.error)
                .map((m, i) => <div key={i}>{m}</div>)
            : null}
        </div>
      ) : null}

      {ended && d.roles.some((r) => r === "applicant" || r === "filer") ? (
        <section className="card" aria-labelledby="routes-title">
          <h2 id="routes-title">调解未能进行，您还可以：</h2>
          <ul>
            {OTHER_ROUTES.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
          <p>
            <Link to="/guide">看看哪种方式适合我</Link>
          </p>
        </section>
      ) : null}

      <CaseActions detail={d} orgOptions={d.orgOptions} reply={reply} />

      <AgreementCard caseId={c.id} summary={d.agreement} isMediator={d.roles.includes("mediator")} caseStatus={c.status} />
      <ConfirmationCard caseId={c.id} card={d.confirmation} />

      <TransferPanel data={d.transfer} />

      <PerformanceSection caseId={c.id} data={d.fulfilment} />

      <RatingPanel data={d.rating} />

      {d.mediation ? <MediationPanel caseId={c.id} version={c.version} status={c.status} m={d.mediation} reply={reply} /> : null}

      <div className="grid grid-2">
        <section className="card" aria-labelledby="dispute-title">
          <h2 id="dispute-title">纠纷情况</h2>
          <dl className="kv">
            <dt>发生地</dt>
            <dd>
              {d.region ?? "—"}
              {c.address ? ` ${c.address}` : ""}
            </dd>
            <dt>纠纷经过</dt>
            <dd>{c.facts}</dd>
            <dt>请求事项</dt>
            <dd>{c.claims}</dd>
            <dt>争议金额</dt>
            <dd>{formatFen(c.amountFen)}</dd>
            {c.courtCaseNo ? (
              <>
                <dt>法院案号</dt>
                <dd>{c.courtCaseNo}</dd>
              </>
            ) : null}
          </dl>
        </section>
        <section className="card" aria-labelledby="org-title">
          <h2 id="org-title">调解组织</h2>
          {d.org ? (
            <dl className="kv">
              <dt>组织</dt>
              <dd>{d.org.name}</dd>
              <dt>调解员</dt>
              <dd>{d.mediator?.name ?? "待指派"}</dd>
              <dt>收费</dt>
              <dd>{d.org.charges ? (d.org.feeNote ?? "收费，受理前告知") : "免费"}</dd>
              {d.org.phone ? (
                <>
                  <dt>电话</dt>
                  <dd>{d.org.phone}</dd>
                </>
              ) : null}
              {c.status === "awaiting_acceptance" && c.acceptDeadline ? (
                <>
                  <dt>受理期限</dt>
                  <dd>{formatDateTime(c.acceptDeadline)}</dd>
                </>
              ) : null}
            </dl>
          ) : (
            <p>正在由矛调中心人工分派调解组织。</p>
          )}
          {d.court ? <p>委派/委托法院：{d.court.name}</p> : null}
          {d.staff && c.routingReason ? <p className="muted">分流依据：{c.routingReason}</p> : null}
          {d.staff && c.riskReasons.length ? <p className="muted">风险因素：{c.riskReasons.join("；")}</p> : null}
        </section>
      </div>

      <PartiesSection
        parties={d.parties}
        extra={(p) => (
          <>
            <dt>调解意愿</dt>
            <dd>{p.consent === "consented" ? "同意调解" : p.consent === "refused" ? `不同意${p.refuseReason ? `（${p.refuseReason}）` : ""}` : "待答复"}</dd>
            {p.hasAgent ? (
              <>
                <dt>代理人</dt>
                <dd>有代理律师</dd>
              </>
            ) : null}
          </>
        )}
      />

      <section aria-labelledby="evidence-title">
        <h2 id="evidence-title">证据材料</h2>
        {mayUpload ? (
          <EvidenceUpload caseId={c.id} items={d.evidence} canRemove={false} />
        ) : (
          <ul className="card">
            {d.evidence.length === 0 ? <li className="muted">暂无材料</li> : null}
            {d.evidence.map((f) => (
              <li key={f.id}>
                <a href={`/cases/${c.id}/evidence/${f.id}`}>{f.filename}</a>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card" aria-labelledby="timeline-title">
        <h2 id="timeline-title">办理过程</h2>
        <ol className="timeline">
          {d.events.map((e) => (
            <li key={e.id}>
              <time dateTime={new Date(e.at).toISOString()}>{formatDateTime(e.at)}</time>
              <strong>{e.actor}</strong>：{e.summary}
              {e.reason ? <div className="muted">理由：{e.reason}</div> : null}
              {e.visibility === "staff" ? <span className="badge badge-off">仅工作人员可见</span> : null}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
