// The board refreshes itself: the server says "board:changed" when a case in the dispatcher's city
// changes, and the page reloads its data — at most once every 2 seconds, however many cases change
// (a burst of filings must not turn into a burst of loader calls), and never dropping the last one.
// Once a minute it also reloads on its own, so "还剩 / 已超期" stays true without any event.
import { useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useSocket, useSocketEvent } from "~/components/realtime";

export const BOARD_MIN_GAP_MS = 2000;
const TICK_MS = 60_000;

/** Subscribes the page to its board's changes; returns whether the live connection is up. */
export function useBoardLive(event: string): boolean {
  const revalidator = useRevalidator();
  const navigation = useNavigation();
  // The latest values without re-subscribing on every render.
  const live = useRef({ revalidator, busy: navigation.state !== "idle" });
  useEffect(() => {
    live.current = { revalidator, busy: navigation.state !== "idle" };
  });
  const last = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  function schedule() {
    if (timer.current) return; // a refresh is already on its way and will see this change too
    const wait = Math.max(0, last.current + BOARD_MIN_GAP_MS - Date.now());
    timer.current = setTimeout(() => {
      timer.current = null;
      const { revalidator: r, busy } = live.current;
      // While the dispatcher is submitting or navigating, that load brings fresh data anyway.
      if (busy || r.state !== "idle") {
        schedule();
        return;
      }
      last.current = Date.now();
      r.revalidate();
    }, wait);
  }

  useSocketEvent(event, schedule);

  useEffect(() => {
    const tick = setInterval(() => {
      if (document.visibilityState === "visible") schedule();
    }, TICK_MS);
    return () => {
      clearInterval(tick);
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    };
    // schedule only reads refs
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Shown on the page, so the dispatcher knows whether what they see is live.
  const socket = useSocket();
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    if (!socket) return;
    const up = () => setConnected(true);
    const down = () => setConnected(false);
    setConnected(socket.connected);
    socket.on("connect", up);
    socket.on("disconnect", down);
    return () => {
      socket.off("connect", up);
      socket.off("disconnect", down);
    };
  }, [socket]);
  return connected;
}
