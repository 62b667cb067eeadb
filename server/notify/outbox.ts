// The development outbox: what an SMS or e-mail gateway would have sent, kept in the database so
// that developers, demo users and e2e tests can read the codes and links the platform "sent".
import { count, desc, eq, type SQL } from "drizzle-orm";
import { getDb } from "../../db/client";
import { outbox } from "../../db/schema";
import { requireRole } from "../auth/guards";
import { getEnv } from "../env";

export const BRAND = "【云解纷】";
export const OUTBOX_PAGE_SIZE = 20;

/** Carriers reject unsigned messages, so every text starts with the platform's signature. */
export function branded(text: string): string {
  return text.startsWith(BRAND) ? text : `${BRAND}${text}`;
}

export function writeOutbox(channel: "sms" | "email", to: string, body: string): void {
  getDb().insert(outbox).values({ channel, to: to.trim(), body }).run();
}

export function listOutbox(opts: { to?: string; page?: number }) {
  const db = getDb();
  // Exact match: the index on `to` serves it, and a test asking for one phone gets only its rows.
  const where: SQL | undefined = opts.to ? eq(outbox.to, opts.to.trim()) : undefined;
  const total = db.select({ n: count() }).from(outbox).where(where).get()?.n ?? 0;
  const pages = Math.max(1, Math.ceil(total / OUTBOX_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(opts.page ?? 1) || 1), pages);
  const rows = db
    .select()
    .from(outbox)
    .where(where)
    .orderBy(desc(outbox.id))
    .limit(OUTBOX_PAGE_SIZE)
    .offset((page - 1) * OUTBOX_PAGE_SIZE)
    .all();
  return { rows, total, page, pages };
}

/**
 * Outside production the outbox is a demo aid open to anyone, signed in or not. In production it
 * may still hold real codes (until a gateway is configured), so only an administrator reads it.
 */
export function requireOutboxAccess(request: Request, nodeEnv: string = getEnv().NODE_ENV): { production: boolean } {
  if (nodeEnv !== "production") return { production: false };
  requireRole(request, "admin");
  return { production: true };
}
