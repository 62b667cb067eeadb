// The board refreshes itself. While the page is open its socket watches the dispatcher's cities
// (board:watch, checked on the server, again after every reconnect); the server then says
// "board:changed" when a case there changes, and the page reloads its data — at most once every
// 2 seconds, however many cases change, never dropping the last one, and not while the dispatcher
// submits or navigates (board-refresh.ts). Once a minute it also reloads on its own, so
// "还剩 / 已超期" stays true without any event.
import { useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useSocket } from "~/components/realtime";
import { createRefreshScheduler, type RefreshScheduler } from "./board-refresh";

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
  const scheduler = useRef<RefreshScheduler | null>(null);
  scheduler.current ??= createRefreshScheduler({
    busy: () => live.current.busy || live.current.revalidator.state !== "idle",
    refresh: () => live.current.revalidator.revalidate(),
  });
  const schedule = useRef(() => scheduler.current!.schedule());

  useEffect(() => {
    const tick = setInterval(() => {
      if (document.visibilityState === "visible") schedule.current();
    }, TICK_MS);
    return () => {
      clearInterval(tick);
      scheduler.current?.stop();
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
