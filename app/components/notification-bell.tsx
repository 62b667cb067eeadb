// The header's link to the notification centre with its unread count, kept live by the socket.
import { Link, useRevalidator } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useNotificationsLive, useSocketEvent } from "./realtime";

// Read by screen readers, invisible on screen (app.css has no utility class for it).
const srOnly: React.CSSProperties = {
  position: "absolute",
  width: 1,
  height: 1,
  overflow: "hidden",
  clip: "rect(0 0 0 0)",
  whiteSpace: "nowrap",
};

export function NotificationBell({ unread }: { unread: number }) {
  const revalidator = useRevalidator();
  // Events seen since the last loader answer: the badge moves at once, then the loader's count
  // (the source of truth) takes over when revalidation settles.
  const [pending, setPending] = useState(0);
  // Counts events since page load: the text changes each time, so screen readers speak each
  // one. No title in it, so the page's own copy of the title stays the only one.
  const [received, setReceived] = useState(0);

  useNotificationsLive(() => {
    setPending((p) => p + 1);
    setReceived((r) => r + 1);
    revalidator.revalidate();
  });
  // Marked read in another tab.
  useSocketEvent("notifications:read", () => revalidator.revalidate());
  useEffect(() => {
    if (revalidator.state === "idle") setPending(0);
  }, [revalidator.state, unread]);

  const count = unread + pending;
  return (
    <>
      <Link to="/notifications" className="btn btn-ghost" aria-label={count > 0 ? `通知（${count}条未读）` : "通知"}>
        通知
        {count > 0 ? (
          <span className="badge" style={{ marginLeft: ".25rem", color: "var(--c-danger)" }} aria-hidden="true">
            {count > 99 ? "99+" : count}
          </span>
        ) : null}
      </Link>
      <span aria-live="polite" style={srOnly}>
        {received > 0 ? `本次访问已收到${received}条新通知` : ""}
      </span>
    </>
  );
}
