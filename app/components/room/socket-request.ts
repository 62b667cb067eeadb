// One request over the room socket: the server answers every event through an ack, and a lost
// ack (network drop) becomes an error the caller can act on instead of a promise that never ends.
import type { Socket } from "socket.io-client";

export type Reply<T> = ({ ok: true } & T) | { ok: false; error: string; timeout?: true };

export function request<T extends object = Record<string, never>>(socket: Socket, event: string, payload: unknown, timeoutMs = 8000): Promise<Reply<T>> {
  return new Promise((resolve) => {
    socket.timeout(timeoutMs).emit(event, payload, (err: Error | null, ack: Reply<T>) => {
      if (err) resolve({ ok: false, error: "网络不稳定，服务器没有及时回应，请稍后重试", timeout: true });
      else resolve(ack);
    });
  });
}

/** A random id that also works on plain-HTTP intranet deployments (no crypto.randomUUID). */
export function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
