// Two speed measures must not change what users see: one session lookup per HTTP request
// (server/lib/request-scope.ts) and compiled statements kept by their SQL text (db/client.ts).
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { seed } from "../../db/seed";
import { sessions, users } from "../../db/schema";
import { createSession, generateSessionToken, invalidateSessionToken, invalidateUserSessions, validateSessionToken } from "../../server/auth/session";
import { withRequestScope } from "../../server/lib/request-scope";

let userId: string;
beforeAll(async () => {
  await seed();
  userId = getDb().select({ id: users.id }).from(users).where(eq(users.phone, "13900000001")).get()!.id;
});

function newToken() {
  const token = generateSessionToken();
  createSession(token, userId);
  return token;
}

describe("one session lookup per request", () => {
  it("answers from the first lookup for the rest of the request", () => {
    const token = newToken();
    withRequestScope(() => {
      expect(validateSessionToken(token)?.user.id).toBe(userId);
      // The row vanishing behind the request's back (another request logging out) is not seen
      // again within this one — that is the point of remembering...
      getDb().delete(sessions).run();
      expect(validateSessionToken(token)?.user.id).toBe(userId);
    });
    // ...and the next request asks the database again.
    withRequestScope(() => expect(validateSessionToken(token)).toBeNull());
  });

  it("a request that logs out stops trusting what it looked up", () => {
    const token = newToken();
    withRequestScope(() => {
      expect(validateSessionToken(token)).not.toBeNull();
      invalidateSessionToken(token);
      expect(validateSessionToken(token)).toBeNull();
    });
  });

  it("a request that ends all of a user's sessions (password change) stops trusting them too", () => {
    const token = newToken();
    withRequestScope(() => {
      expect(validateSessionToken(token)).not.toBeNull();
      invalidateUserSessions(userId);
      expect(validateSessionToken(token)).toBeNull();
    });
  });

  it("outside a request (sockets, jobs) every call asks the database", () => {
    const token = newToken();
    expect(validateSessionToken(token)).not.toBeNull();
    getDb().delete(sessions).run();
    expect(validateSessionToken(token)).toBeNull();
  });
});

describe("compiled statements kept by their text", () => {
  it("a statement drizzle used for array rows gives objects to the next caller of the same SQL", () => {
    const db = getDb();
    const q = db.select({ id: users.id, name: users.name }).from(users).where(eq(users.phone, "13900000001"));
    expect(q.get()).toEqual({ id: userId, name: "李明" }); // drizzle reads this one as an array row
    const { sql, params } = q.toSQL();
    expect(db.$client.prepare(sql).get(...params)).toEqual({ id: userId, name: "李明" });
  });

  it("the same text prepared twice is compiled once", () => {
    const db = getDb();
    expect(db.$client.prepare("select 1 as one")).toBe(db.$client.prepare("select 1 as one"));
  });
});
