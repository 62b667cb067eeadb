// Helpers for the 赋强公证 tests: the demo notary, a second notary office with its own notary,
// and a whole joint application signed by both parties.
import { count, eq } from "drizzle-orm";
import { getDb } from "../../db/client";
import { counters, documents, handoffApplicants, handoffs, memberships, organisations, users } from "../../db/schema";
import type { SessionUser } from "../../server/auth/session";
import { sendNotarisationCode, signNotarisation, startNotarisation } from "../../server/handoff/notarisation/apply";
import { createId } from "../../server/lib/ids";
import { idNumber } from "./helpers";
import { notarisationCode } from "./performance-helpers";
import { META } from "./agreement-helpers";
import { orgId } from "./triage-helpers";

export const NOTARY_PHONE = "13800000401"; // 吴敏, 昆明市春城公证处
export const OFFICE = "昆明市春城公证处";

/** Another office and its notary: for "a notary of another office". */
export function otherOffice(): { officeId: string; notaryPhone: string } {
  const db = getDb();
  const name = "昆明市明诚公证处";
  const existing = db.select().from(organisations).where(eq(organisations.name, name)).get();
  if (existing) return { officeId: existing.id, notaryPhone: "13800000499" };
  const officeId = createId();
  const userId = createId();
  // City-level (530100): it serves every county of 昆明, the demo parties' 五华区 too (公证法 Art 25).
  db.insert(organisations).values({ id: officeId, name, type: "notary_office", regionCode: "530100", address: "昆明市盘龙区", phone: "0871-63600999" }).run();
  db.insert(users).values({ id: userId, name: "孔令明", phone: "13800000499", idNumber: idNumber(991, "19800101"), passwordHash: "x", role: "notary" }).run();
  db.insert(memberships).values({ id: createId(), userId, orgId: officeId, role: "member" }).run();
  return { officeId, notaryPhone: "13800000499" };
}

/** Gets a code by SMS and signs the application, as the sign form does. */
export async function signApplication(u: SessionUser, caseId: string, now?: Date) {
  await sendNotarisationCode(u, caseId, now);
  return signNotarisation(u, caseId, notarisationCode(u.phone), META, now);
}

/** Both parties apply jointly to the demo office: the case is with the notary. */
export async function applyJointly(applicant: SessionUser, respondent: SessionUser, caseId: string) {
  const { handoffId } = await startNotarisation(applicant, caseId, orgId(OFFICE));
  await signApplication(applicant, caseId);
  await signApplication(respondent, caseId);
  return handoffId;
}

/** Row counts of what a notarisation step may write: a refused step changes none of them. */
export function notarisationSnapshot() {
  const db = getDb();
  return {
    handoffs: db.select().from(handoffs).all().map((h) => `${h.id}:${h.status}:${h.outcome}:${h.execRequestedAt?.getTime()}:${h.execIssuedAt?.getTime()}`),
    applicants: db.select({ n: count() }).from(handoffApplicants).get()!.n,
    documents: db.select({ n: count() }).from(documents).get()!.n,
    counters: db.select().from(counters).all(),
  };
}
