// Routes reach server/ through *.server.ts files: the Remix compiler leaves these out of the
// browser bundle, so argon2, SQLite and friends never reach the client (ADR 003).
export { changePassword, login, logout, registerParty, startSession } from "../../server/auth/accounts";
export { getAuth, getToken, optionalUser, requireAnonymous, requirePermission, requireRole, requireUser } from "../../server/auth/guards";
export { blankSessionCookie, sessionCookie } from "../../server/auth/session";
export { errorResponse, isAppError } from "../../server/lib/errors";
