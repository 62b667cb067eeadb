// Audit events are a typed union: a new kind of event must be declared here first.
import { auditEvents } from "../../db/schema";
import type { Db } from "../../db/client";

export type AuditEvent =
  | { action: "user.registered"; targetType: "user"; targetId: string }
  | { action: "user.login"; targetType: "user"; targetId: string; data: { ip: string } }
  | { action: "user.login_failed"; targetType: "user"; targetId: string; data: { ip: string } }
  | { action: "user.logout"; targetType: "user"; targetId: string }
  | { action: "user.password_changed"; targetType: "user"; targetId: string }
  | { action: "org.created"; targetType: "org"; targetId: string; data: Record<string, unknown> }
  | { action: "org.updated"; targetType: "org"; targetId: string; data: Record<string, unknown> }
  | { action: "org.deactivated" | "org.reactivated"; targetType: "org"; targetId: string }
  | { action: "member.added"; targetType: "org"; targetId: string; data: { userId: string; role: string } }
  | { action: "member.removed"; targetType: "org"; targetId: string; data: { userId: string } };

type Tx = Pick<Db, "insert">;

/** Writes an audit entry; call it inside the same transaction as the change it records. */
export function audit(tx: Tx, actorId: string | null, event: AuditEvent): void {
  tx.insert(auditEvents)
    .values({
      actorId,
      action: event.action,
      targetType: event.targetType,
      targetId: event.targetId,
      data: "data" in event ? event.data : null,
    })
    .run();
}
