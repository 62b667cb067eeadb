// Registration, login, logout and password change. Inputs arrive already parsed by the shared
// zod schemas in app/lib/validation.ts.
import { eq, or } from "drizzle-orm";
import { getDb } from "../../db/client";
import { users } from "../../db/schema";
import type { Role } from "../../app/lib/roles";
import { AppError } from "../lib/errors";
import { audit } from "../lib/audit";
import { createId } from "../lib/ids";
import { dummyVerify, hashPassword, verifyPassword } from "./password";
import { consumeLoginAttempt, loginSucceeded } from "./throttle";
import { disconnectSession, disconnectUser } from "../realtime/io";
import { createSession, generateSessionToken, invalidateSessionToken, invalidateUserSessions, sessionIdOf } from "./session";

export type NewAccount = { name: string; idNumber: string; phone: string; password: string };

/** Registers a citizen (当事人). Phone and ID number are each unique. */
export async function registerParty(input: NewAccount): Promise<{ userId: string }> {
  return createUser({ ...input, role: "party" }, null);
}

export async function createUser(
  input: NewAccount & { role: Role },
  actorId: string | null,
): Promise<{ userId: string }> {
  const db = getDb();
  assertUnique(input.phone, input.idNumber);
  // Hash before the transaction: argon2 is slow and a transaction should hold no lock meanwhile.
  const passwordHash = await hashPassword(input.password);
  const userId = createId();
  db.transaction((tx) => {
    assertUnique(input.phone, input.idNumber, tx);
    tx.insert(users)
      .values({ id: userId, name: input.name, idNumber: input.idNumber, phone: input.phone, passwordHash, role: input.role })
      .run();
    audit(tx, actorId ?? userId, { action: "user.registered", targetType: "user", targetId: userId });
  });
  return { userId };
}

function assertUnique(phone: string, idNumber: string, tx: Pick<ReturnType<typeof getDb>, "select"> = getDb()) {
  const clash = tx
    .select({ phone: users.phone, idNumber: users.idNumber })
    .from(users)
    .where(or(eq(users.phone, phone), eq(users.idNumber, idNumber)))
    .get();
  if (clash?.phone === phone) throw new AppError("CONFLICT", "该手机号码已注册，请直接登录", "phone");
  if (clash) throw new AppError("CONFLICT", "该身份证号码已注册账号，请用原手机号码登录", "idNumber");
}

export type LoginResult = { token: string; expiresAt: Date; userId: string; role: Role };

export async function login(
  phone: string,
  password: string,
  meta: { ip: string; userAgent?: string | null },
): Promise<LoginResult> {
  const left = await consumeLoginAttempt(phone, meta.ip);
  const db = getDb();
  const user = db.select().from(users).where(eq(users.phone, phone)).get();
  const ok = user ? await verifyPassword(user.passwordHash, password) : await dummyVerify(password);
  if (!user || !ok) {
    if (user) audit(db, null, { action: "user.login_failed", targetType: "user", targetId: user.id, data: { ip: meta.ip } });
    throw new AppError(
      "BAD_INPUT",
      left > 0 ? `手机号码或密码不正确，还可尝试 ${left} 次` : "手机号码或密码不正确，账号已暂时锁定，请稍后再试",
    );
  }
  if (!user.active) throw new AppError("FORBIDDEN", "该账号已停用，请联系所在机构或平台管理员");
  await loginSucceeded(phone, meta.ip);
  return startSession(user.id, user.role, meta);
}

/** A new session for a user who has just proved who they are (login, or registration). */
export function startSession(userId: string, role: Role, meta: { ip: string; userAgent?: string | null }): LoginResult {
  const db = getDb();
  const token = generateSessionToken();
  const session = db.transaction((tx) => {
    const s = createSession(token, userId, meta);
    audit(tx, userId, { action: "user.login", targetType: "user", targetId: userId, data: { ip: meta.ip } });
    return s;
  });
  return { token, expiresAt: session.expiresAt, userId, role };
}

export function logout(token: string, userId: string): void {
  const db = getDb();
  db.transaction((tx) => {
    invalidateSessionToken(token);
    audit(tx, userId, { action: "user.logout", targetType: "user", targetId: userId });
  });
  disconnectSession(sessionIdOf(token));
}

/** Changes the password and ends every other session of the user. */
export async function changePassword(
  userId: string,
  currentToken: string,
  currentPassword: string,
  newPassword: string,
): Promise<void> {
  const db = getDb();
  const user = db.select().from(users).where(eq(users.id, userId)).get();
  if (!user) throw new AppError("NOT_FOUND", "账号不存在");
  if (!(await verifyPassword(user.passwordHash, currentPassword)))
    throw new AppError("BAD_INPUT", "当前密码不正确", "currentPassword");
  const passwordHash = await hashPassword(newPassword);
  db.transaction((tx) => {
    tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, userId)).run();
    invalidateUserSessions(userId, currentToken);
    audit(tx, userId, { action: "user.password_changed", targetType: "user", targetId: userId });
  });
  // Open tabs reconnect; only the session kept above passes the handshake again.
  disconnectUser(userId);
}
