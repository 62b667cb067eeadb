// The board's four sections as tables: red and yellow cases, deadlines, the unrouted queue and the
// organisations' loads. Each paginates on its own query parameter, keeping the others.
import type { SerializeFrom } from "@remix-run/node";
import { Link, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import { RiskBadge } from "~/components/case-badges";
import { formatDateTime } from "~/lib/case-format";
import type { DispatchBoard } from "~/services/board.server";

type Board = SerializeFrom<DispatchBoard>;
type Line = Board["risk"]["items"][number];

/** The current URL with some parameters changed (null removes one). */
export function useBoardHref() {
  const location = useLocation();
  return (changes: Record<string, string | null>) => {
    const q = new URLSearchParams(location.search);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) q.delete(k);
      else q.set(k, v);
    }
    q.delete("index");
    const s = q.toString();
    return s ? `?${s}` : location.pathname;
  };
}

function SectionPager({ param, page, pages, label }: { param: string; page: number; pages: number; label: string }) {
  const href = useBoardHref();
  if (pages <= 1) return null;
  return (
    <nav className="pager" aria-label={`${label}分页`}>
      {page > 1 ? (
        <Link to={href({ [param]: String(page - 1) })} preventScrollReset>
          上一页
        </Link>
      ) : null}
      <span>
        第 {page} / {pages} 页
      </span>
      {page < pages ? (
        <Link to={href({ [param]: String(page + 1) })} preventScrollReset>
          下一页
        </Link>
      ) : null}
    </nav>
  );
}

/** The case number (to the case page) and the link that opens 改派 / 上报 for it on the board. */
function CaseCell({ line, children }: { line: Line; children?: ReactNode }) {
  const href = useBoardHref();
  return (
    <td>
      <Link to={`/cases/${line.id}`}>{line.caseNoText}</Link>
      <div className="muted">{line.category}</div>
      {children}
      {line.mayReassign || line.escalateTo ? (
        <div>
          <Link to={href({ act: line.id })} className="btn btn-ghost">
            处置<span className="sr-only">{line.caseNoText}</span>
          </Link>
        </div>
      ) : null}
    </td>
  );
}

function WhoCell({ line }: { line: Line }) {
  return (
    <td>
      {line.orgName ?? "未分派"}
      {line.mediatorName ? <div className="muted">调解员 {line.mediatorName}</div> : null}
    </td>
  );
}

function Section({ id, title, total, children, empty }: { id: string; title: string; total: number; children: ReactNode; empty: string }) {
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        {title}（{total}）
      </h2>
      {total === 0 ? <p className="muted">{empty}</p> : children}
    </section>
  );
}

export function RiskSection({ risk }: { risk: Board["risk"] }) {
  return (
    <Section id="board-risk" title="红黄预警案件" total={risk.total} empty="辖区内暂无在办的红色或黄色预警案件。">
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">案件</th>
              <th scope="col">预警及原因</th>
              <th scope="col">状态</th>
              <th scope="col">承办</th>
              <th scope="col">提交时间</th>
            </tr>
          </thead>
          <tbody>
            {risk.items.map((l) => (
              <tr key={l.id}>
                <CaseCell line={l} />
                <td>
                  <RiskBadge risk={l.risk} />
                  {l.riskReasons.length ? (
                    <ul className="muted">
                      {l.riskReasons.map((r, i) => (
                        <li key={i}>{r}</li>
                      ))}
                    </ul>
                  ) : null}
                </td>
                <td>{l.statusText}</td>
                <WhoCell line={l} />
                <td>{formatDateTime(l.submittedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <SectionPager param="riskPage" page={risk.page} pages={risk.pages} label="红黄预警案件" />
    </Section>
  );
}

const WITHIN_TEXT = { "24h": "24小时内到期及已超期", "3d": "3日内到期及已超期", overdue: "仅已超期" } as const;

export function DeadlineSection({ deadlines, within }: { deadlines: Board["deadlines"]; within: Board["within"] }) {
  return (
    <Section id="board-due" title={`临期与超期：${WITHIN_TEXT[within]}`} total={deadlines.total} empty="辖区内暂无临近或超过期限的案件。">
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">案件</th>
              <th scope="col">期限</th>
              <th scope="col">届满时间</th>
              <th scope="col">超期情况</th>
              <th scope="col">承办</th>
            </tr>
          </thead>
          <tbody>
            {deadlines.items.map((d) => (
              <tr key={d.key}>
                <CaseCell line={d.line}>
                  <RiskBadge risk={d.line.risk === "green" ? null : d.line.risk} />
                </CaseCell>
                <td>
                  {d.label}
                  <div className="muted">{d.line.statusText}</div>
                </td>
                <td>
                  <time dateTime={new Date(d.due).toISOString()}>{formatDateTime(d.due)}</time>
                </td>
                <td>
                  <span className={d.passed ? "badge risk-red" : "badge risk-yellow"}>{d.late}</span>
                </td>
                {d.where ? <td>{d.where}</td> : <WhoCell line={d.line} />}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <SectionPager param="duePage" page={deadlines.page} pages={deadlines.pages} label="临期与超期" />
    </Section>
  );
}

export function UnroutedSection({ unrouted }: { unrouted: Board["unrouted"] }) {
  return (
    <Section id="board-queue" title="待人工分流" total={unrouted.total} empty="分流队列为空。">
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">案件</th>
              <th scope="col">风险</th>
              <th scope="col">无法自动分流的原因</th>
              <th scope="col">提交时间</th>
            </tr>
          </thead>
          <tbody>
            {unrouted.items.map((l) => (
              <tr key={l.id}>
                <CaseCell line={l} />
                <td>
                  <RiskBadge risk={l.risk} />
                </td>
                <td>{l.routingReason ?? "—"}</td>
                <td>{formatDateTime(l.submittedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <SectionPager param="queuePage" page={unrouted.page} pages={unrouted.pages} label="待人工分流" />
    </Section>
  );
}

export function LoadSection({ loads }: { loads: Board["loads"] }) {
  return (
    <Section id="board-loads" title="各调解组织工作量" total={loads.total} empty="辖区内暂无调解组织。">
      <p className="muted">按人均在办案件数从高到低排列；在办 = 待受理、待对方同意、调解中。</p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">调解组织</th>
              <th scope="col">在办案件</th>
              <th scope="col">调解员</th>
              <th scope="col">人均在办</th>
              <th scope="col">红色预警在办</th>
            </tr>
          </thead>
          <tbody>
            {loads.items.map((o) => (
              <tr key={o.id}>
                <th scope="row">
                  {o.name}
                  <div className="muted">{o.kindText}</div>
                </th>
                <td>{o.openCases}</td>
                <td>{o.noMediator ? <span className="badge risk-red">无可用调解员</span> : o.mediators}</td>
                <td>{o.perMediator ?? "—"}</td>
                <td>{o.redCases ? <span className="badge risk-red">{o.redCases}</span> : 0}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <SectionPager param="orgPage" page={loads.page} pages={loads.pages} label="各调解组织工作量" />
    </Section>
  );
}
