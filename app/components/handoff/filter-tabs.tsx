// The tabs above a paged list that filter it by one query parameter, and how many it found.
import { Link } from "@remix-run/react";

/** `labels`: each filter's tab, in order; the "all" tab drops the parameter. */
export function FilterTabs<F extends string>({ label, param, labels, current, total }: { label: string; param: string; labels: Record<F, string>; current: F; total: number }) {
  return (
    <>
      <nav className="tabs" aria-label={label}>
        {(Object.keys(labels) as F[]).map((f) => (
          <Link key={f} to={f === "all" ? "?" : `?${param}=${f}`} aria-current={current === f ? "page" : undefined}>
            {labels[f]}
          </Link>
        ))}
      </nav>
      <p className="muted" role="status">
        共 {total} 件
      </p>
    </>
  );
}
