import { Link, useLocation } from "@remix-run/react";

/** Previous/next links that keep the current filters. */
export function Pager({ page, pages }: { page: number; pages: number }) {
  const location = useLocation();
  const to = (p: number) => {
    const q = new URLSearchParams(location.search);
    q.set("page", String(p));
    return `?${q}`;
  };
  if (pages <= 1) return null;
  return (
    <nav className="pager" aria-label="分页">
      {page > 1 ? <Link to={to(page - 1)}>上一页</Link> : null}
      <span>
        第 {page} / {pages} 页
      </span>
      {page < pages ? <Link to={to(page + 1)}>下一页</Link> : null}
    </nav>
  );
}
