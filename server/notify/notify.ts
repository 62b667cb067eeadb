// In-app notifications. Rows are written inside the caller's transaction (so a rolled-back
// change notifies no one); the socket push happens only after commit, via the returned function.
import { and, count, desc, eq, inArray, isNull, type SQL } from "drizzle-orm";
import { getDb, type Db } from "../../db/client";
import { notifications } from "../../db/schema";
import { getIo } from "../realtime/io";

export type NotificationInput = { userId: string; caseId?: string | null; title: string; body: string; link?: string | null };

/** What the browser receives on the socket event "notification". */
export type LiveNotification = { id: number; title: string; body: string; link: string | null; createdAt: string };

export const NOTIFICATIONS_PAGE_SIZE = 20;

type Tx = Pick<Db, "insert">;

export function queueNotifications(tx: Tx, items: NotificationInput[]): () => void {
  if (items.length === 0) return () => {};
  const rows = tx
    .insert(notifications)
    .values(items.map((i) => ({ userId: i.userId, caseId: i.caseId ?? null, title: i.title, body: i.body, link: i.link ?? null })))
    .returning()
    .all();
  return () => {
    const io = getIo();
    if (!io) return;
    for (const r of rows) {
      const payload: LiveNotification = { id: r.id, title: r.title, body: r.body, link: r.link, createdAt: r.createdAt.toISOString() };
      io.to(`user:${r.userId}`).emit("notification", payload);
    }
  };
}

export function listNotifications(userId: string, opts: { page?: number; unreadOnly?: boolean }) {
  const db = getDb();
  const mine = eq(notifications.userId, userId);
  const where: SQL = opts.unreadOnly ? and(mine, isNull(notifications.readAt))! : mine;
  const total = db.select({ n: count() }).from(notifications).where(where).get()?.n ?? 0;
  const pages = Math.max(1, Math.ceil(total / NOTIFICATIONS_PAGE_SIZE));
  // Clamped: after "mark all read" with the unread filter on, page 3 may no longer exist.
  const page = Math.min(Math.max(1, Math.floor(opts.page ?? 1) || 1), pages);
  const rows = db
    .select()
    .from(notifications)
    .where(where)
    .orderBy(desc(notifications.id))
    .limit(NOTIFICATIONS_PAGE_SIZE)
    .offset((page - 1) * NOTIFICATIONS_PAGE_SIZE)
    .all();
  return { rows, total, unread: unreadCount(userId), page, pages };
}

export function unreadCount(userId: string): number {
  return (
    getDb()
      .select({ n: count() })
      .from(notifications)
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
      .get()?.n ?? 0
  );
}

/** Marks the user's own unread rows; ids of other users' rows are silently ignored. */
export function markRead(userId: string, ids: number[] | "all"): number {
  if (ids !== "all" && ids.length === 0) return 0;
  const conds = [eq(notifications.userId, userId), isNull(notifications.readAt)];
  if (ids !== "all") conds.push(inArray(notifications.id, ids));
  const changed = getDb()
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(...conds))
    .run().changes;
  // Other tabs of the same user refresh their badge; the loader remains the source of truth.
  if (changed > 0) getIo()?.to(`user:${userId}`).emit("notifications:read");
  return changed;
}
