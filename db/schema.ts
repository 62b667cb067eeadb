// The drizzle schema. `npm run db:generate` turns changes here into SQL under migrations/.
import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { ORG_TYPES, ROLES, MEMBERSHIP_ROLES, ORG_LEVELS } from "../app/lib/roles";

const now = sql`(unixepoch('subsec') * 1000)`;

export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    // 18-digit 居民身份证号码, upper-case X. Unique: one real person, one account.
    idNumber: text("id_number").notNull(),
    phone: text("phone").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(now),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull().default(now),
  },
  (t) => [
    uniqueIndex("users_phone_uq").on(t.phone),
    uniqueIndex("users_id_number_uq").on(t.idNumber),
    index("users_role_idx").on(t.role),
  ],
);

export const sessions = sqliteTable(
  "sessions",
  {
    // SHA-256 (hex) of the token; the token itself is never stored.
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(now),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user_idx").on(t.userId), index("sessions_expires_idx").on(t.expiresAt)],
);

export const organisations = sqliteTable(
  "organisations",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    type: text("type", { enum: ORG_TYPES }).notNull(),
    // Only people's mediation committees have a level; it drives "go up a level" routing.
    level: text("level", { enum: ORG_LEVELS }),
    // 6-digit 行政区划代码 of the county/district the organisation sits in.
    regionCode: text("region_code").notNull(),
    // Finer 乡镇/街道 (9 digits) or 村/社区 (12 digits) code where the organisation serves one.
    areaCode: text("area_code"),
    parentId: text("parent_id"),
    // JSON array of dispute categories (see app/lib/categories.ts); empty = all.
    categories: text("categories", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    // Statutory sector of an administrative or sector body: traffic, police, consumer, medical, labour.
    sector: text("sector"),
    charges: integer("charges", { mode: "boolean" }).notNull().default(false),
    feeNote: text("fee_note"),
    address: text("address"),
    phone: text("phone"),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(now),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull().default(now),
  },
  (t) => [
    uniqueIndex("organisations_name_uq").on(t.name),
    index("organisations_type_region_idx").on(t.type, t.regionCode),
    index("organisations_parent_idx").on(t.parentId),
  ],
);

export const memberships = sqliteTable(
  "memberships",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    role: text("role", { enum: MEMBERSHIP_ROLES }).notNull().default("member"),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(now),
  },
  (t) => [
    uniqueIndex("memberships_user_org_uq").on(t.userId, t.orgId),
    index("memberships_org_idx").on(t.orgId),
  ],
);

// Append-only record of who did what outside a case (admin acts, logins, password changes).
export const auditEvents = sqliteTable(
  "audit_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at", { mode: "timestamp_ms" }).notNull().default(now),
    actorId: text("actor_id"),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    data: text("data", { mode: "json" }).$type<Record<string, unknown>>(),
  },
  (t) => [index("audit_target_idx").on(t.targetType, t.targetId), index("audit_at_idx").on(t.at)],
);

// Development outbox for SMS and e-mail: what a real gateway would have sent.
export const outbox = sqliteTable(
  "outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at", { mode: "timestamp_ms" }).notNull().default(now),
    channel: text("channel", { enum: ["sms", "email"] }).notNull(),
    to: text("to").notNull(),
    body: text("body").notNull(),
  },
  (t) => [index("outbox_to_idx").on(t.to)],
);

export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type Organisation = typeof organisations.$inferSelect;
export type Membership = typeof memberships.$inferSelect;

// Counters of rate-limiter-flexible (RateLimiterSQLite). Declared here so that the migration,
// not the library, creates the table; the library's CREATE IF NOT EXISTS is then a no-op.
export const rateLimits = sqliteTable("rate_limits", {
  key: text("key").primaryKey(),
  points: integer("points").notNull().default(0),
  expire: integer("expire"),
});
