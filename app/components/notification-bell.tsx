// The header's link to the notification centre with its unread count, kept live by the socket.
import { Link, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useNotificationsLive, useSocketEvent } from "./realtime";

export function NotificationBell({ unread }: { unread: number }) {
  const revalidator = useRevalidator();
  // A revalidation started during a navigation would cancel it and reload the page being left
  // (e.g. a wizard step that then redirects); the navigation brings fresh data anyway.
  const navigation = useNavigation();
  const navState = useRef(navigation.state);
  navState.current = navigation.state;
  const refresh = () => {
    if (navState.current === "idle") revalidator.revalidate();
  };
  // Events seen since the last loader answer: the badge moves at once, then the loader's count
  // (the source of truth) takes over when revalidation settles.
  const [pending, setPending] = useState(0);
  // Counts events since page load: the text changes each time, so screen readers speak each
  // one. No title in it, so the page's own copy of the title stays the only one.
  const [received, setReceived] = useState(0);

  useNotificationsLive(() => {
    setPending((p) => p + 1);
    setReceived((r) => r + 1);
    refresh();
  });
  // Marked read in another tab.
  useSocketEvent("notifications:read", refresh);
  useEffect(() => {
    if (revalidator.state === "idle") setPending(0);
  }, [revalidator.state, unread]);

  const count = unread + pending;
  return (
    <>
      <Link to="/notifications" className="btn btn-ghost" aria-label={count > 0 ? `通知（${count}条未读）` : "通知"}>
        通知
        {count > 0 ? (
          <span className="badge badge-count" aria-hidden="true">
            {count > 99 ? "99+" : count}
          </span>
        ) : null}
      </Link>
      <span aria-live="polite" className="sr-only">
        {received > 0 ? `本次访问已收到${received}条新通知` : ""}
      </span>
    </>
  );
}
