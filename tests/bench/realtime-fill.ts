// A fresh database for tests/bench/realtime.ts: N cases in mediation, each with an open session
// and four admitted people (mediator, applicant, the applicant's lawyer, respondent), and a login
// for each. Direct inserts in one transaction: setup speed, not the services, is what matters here.
import { closeDb, getDb } from "../../db/client";
import { admissions, caseParties, cases, mediationSessions, users } from "../../db/schema";
import { createSession, generateSessionToken } from "../../server/auth/session";
import { createId } from "../../server/lib/ids";

export type Seat = { room: number; seat: number; caseId: string; sessionId: string; token: string };

const SEATS = [
  { role: "mediator", side: "mediator", label: "调解员" },
  { role: "party", side: "applicant", label: "申请人" },
  { role: "lawyer", side: "applicant", label: "代理律师" },
  { role: "party", side: "respondent", label: "被申请人" },
] as const;

export async function fillRooms(file: string, rooms: number): Promise<Seat[]> {
  closeDb();
  process.env.DATABASE_PATH = file;
  const db = getDb(); // creates and migrates the file
  const now = new Date();
  const seats: Seat[] = [];
  const logins: { userId: string; seat: Seat }[] = [];
  db.transaction((tx) => {
    for (let r = 0; r < rooms; r++) {
      const ids = SEATS.map(() => createId());
      SEATS.forEach((s, i) => {
        const n = r * SEATS.length + i;
        tx.insert(users)
          .values({ id: ids[i], name: `${s.label}${r}`, idNumber: `RT${String(n).padStart(16, "0")}`, phone: `19${String(n).padStart(9, "0")}`, passwordHash: "-", role: s.role })
          .run();
      });
      const [mediatorId, applicantId, lawyerId, respondentId] = ids;
      const caseId = createId();
      tx.insert(cases)
        .values({ id: caseId, caseNo: `RT${String(r).padStart(10, "0")}`, status: "mediating", source: "citizen", kind: "people", category: "邻里", regionCode: "530102", filedById: applicantId, mediatorId, submittedAt: now, acceptedAt: now })
        .run();
      const party = (side: "applicant" | "respondent", userId: string, agentUserId: string | null, k: number) =>
        tx.insert(caseParties)
          .values({ id: createId(), caseId, side, kind: "person", name: `${side}${r}`, idNumber: `RP${String(r * 2 + k).padStart(16, "0")}`, phone: `18${String(r * 2 + k).padStart(9, "0")}`, address: "昆明市五华区", userId, agentUserId, consent: "consented" })
          .run();
      party("applicant", applicantId, lawyerId, 0);
      party("respondent", respondentId, null, 1);
      const sessionId = createId();
      tx.insert(mediationSessions).values({ id: sessionId, caseId, scheduledAt: now, startedAt: now, status: "open", mode: "joint", durationMin: 60, createdById: mediatorId }).run();
      SEATS.forEach((s, i) => {
        tx.insert(admissions).values({ sessionId, userId: ids[i], side: s.side, state: "admitted", identityCheckedAt: now }).run();
        const seat = { room: r, seat: i, caseId, sessionId, token: generateSessionToken() };
        seats.push(seat);
        logins.push({ userId: ids[i], seat });
      });
    }
  });
  db.transaction(() => {
    for (const l of logins) createSession(l.seat.token, l.userId, { ip: "127.0.0.1", userAgent: "realtime-bench" });
  });
  closeDb();
  return seats;
}
