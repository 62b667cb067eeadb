// The board refreshes itself. While the page is open its socket watches the dispatcher's cities
// (board:watch, checked on the server, again after every reconnect); the server then says
// "board:changed" when a case there changes, and the page reloads its data — at most once every
// 2 seconds, however many cases change (a burst of filings must not become a burst of loader
// calls), and never dropping the last one. Once a minute it also reloads on its own, so
// "还剩 / 已超期" stays true without any event.
import { useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useSocket } from "~/components/realtime";

export const BOARD_MIN_GAP_MS = 2000;
const TICK_MS = 60_000;

type Events = { changed: string; watch: string; unwatch: string };

/** Keeps the page live; returns whether the server accepted the watch (shown to the dispatcher). */
export function useBoardLive(events: Events): boolean {
  const revalidator = useRevalidator();
  const navigation = useNavigation();
  // The latest values without re-subscribing on every render.
  const live = useRef({ revalidator, busy: navigation.state !== "idle" });
  useEffect(() => {
    live.current = { revalidator, busy: navigation.state !== "idle" };
  });
  const last = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const schedule = useRef(() => {
    if (timer.current) return; // a refresh is already on its way and will see this change too
    const wait = Math.max(0, last.current + BOARD_MIN_GAP_MS - Date.now());
    timer.current = setTimeout(() => {
      timer.current = null;
      const { revalidator: r, busy } = live.current;
      // While the dispatcher is submitting or navigating, try again shortly.
      if (busy || r.state !== "idle") {
        schedule.current();
        return;
      }
      last.current = Date.now();
      r.revalidate();
    }, wait);
  });

  useEffect(() => {
    const tick = setInterval(() => {
      if (document.visibilityState === "visible") schedule.current();
    }, TICK_MS);
    return () => {
      clearInterval(tick);
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    };
  }, []);

  const socket = useSocket();
  const [watching, setWatching] = useState(false);
  const { changed, watch, unwatch } = events;
  useEffect(() => {
    if (!socket) return;
    const onChanged = () => schedule.current();
    const start = () =>
      socket.emit(watch, {}, (ack: { ok: boolean }) => {
        setWatching(ack?.ok === true);
        // Whatever changed while the socket was away is picked up now.
        schedule.current();
      });
    const down = () => setWatching(false);
    socket.on(changed, onChanged);
    socket.on("connect", start);
    socket.on("disconnect", down);
    if (socket.connected) start();
    return () => {
      socket.off(changed, onChanged);
      socket.off("connect", start);
      socket.off("disconnect", down);
      if (socket.connected) socket.emit(unwatch, {});
    };
  }, [socket, changed, watch, unwatch]);
  return watching;
}
