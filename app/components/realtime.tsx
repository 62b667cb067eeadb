// The browser side of realtime: one socket.io connection per page load, opened lazily and only
// for a signed-in user. socket.io-client is imported dynamically here and nowhere else, so
// visitors (home, login, register) never download it and nobody waits for it before hydration.
import { useRouteLoaderData } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import type { Socket } from "socket.io-client";
import type { LiveNotification } from "~/services/notify.server";

export type { LiveNotification };

// Module state = per page load. Keyed by user so that logging in as someone else never reuses
// a socket authenticated as the previous account.
let current: { userId: string; socket: Promise<Socket> } | null = null;

function connect(userId: string): Promise<Socket> {
  if (current?.userId === userId) return current.socket;
  closeCurrent();
  const socket = import("socket.io-client").then(({ io }) => io({ withCredentials: true }));
  current = { userId, socket };
  return socket;
}

function closeCurrent() {
  if (!current) return;
  void current.socket.then((s) => s.disconnect(), () => undefined);
  current = null;
}

/** The page's socket once connected, or null (signed out, not yet loaded, or load failed). */
export function useSocket(): Socket | null {
  const root = useRouteLoaderData("root") as { user?: { id: string } | null } | undefined;
  const userId = root?.user?.id ?? null;
  const [socket, setSocket] = useState<Socket | null>(null);
  useEffect(() => {
    if (!userId) {
      closeCurrent();
      setSocket(null);
      return;
    }
    let live = true;
    // A failed chunk load (offline) only costs the live updates; loaders still work.
    connect(userId).then(
      (s) => live && setSocket(s),
      () => live && setSocket(null),
    );
    return () => {
      live = false;
    };
  }, [userId]);
  return socket;
}

/** Subscribes to one server event for as long as the component is mounted. */
export function useSocketEvent<T = void>(event: string, handler: (payload: T) => void): void {
  const socket = useSocket();
  // The latest handler without re-subscribing on every render.
  const ref = useRef(handler);
  useEffect(() => {
    ref.current = handler;
  });
  useEffect(() => {
    if (!socket) return;
    const listener = (payload: T) => ref.current(payload);
    socket.on(event, listener);
    return () => {
      socket.off(event, listener);
    };
  }, [socket, event]);
}

export function useNotificationsLive(onNotification: (n: LiveNotification) => void): void {
  useSocketEvent<LiveNotification>("notification", onNotification);
}
