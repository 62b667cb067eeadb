// Who did something, as the timeline shows it. Labels are frozen at the time of the act.
import type { SessionUser } from "../auth/session";
import { ROLE_LABELS } from "../../app/lib/roles";

export type Actor = { id: string | null; name: string; label: string };

export const SYSTEM: Actor = { id: null, name: "系统", label: "系统" };

export function actorOf(user: Pick<SessionUser, "id" | "name" | "role">, caseRoleLabel?: string): Actor {
  return { id: user.id, name: user.name, label: `${user.name}（${caseRoleLabel ?? ROLE_LABELS[user.role]}）` };
}
