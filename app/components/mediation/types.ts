import type { SerializeFrom } from "@remix-run/node";
import type { loader } from "~/routes/cases.$caseId._index";

export type MediationData = NonNullable<SerializeFrom<typeof loader>["mediation"]>;
export type Reply = { intent: string; error?: string; fieldErrors?: Record<string, string[]>; done?: string } | undefined;

export function errorOf(reply: Reply, intent: string, field: string): string | undefined {
  return reply?.intent === intent ? reply.fieldErrors?.[field]?.[0] : undefined;
}
