// Typed errors, turned into HTTP responses at the edge (routes, API, sockets).
export type AppErrorCode = "BAD_INPUT" | "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND" | "CONFLICT" | "TOO_MANY";

const STATUS: Record<AppErrorCode, number> = {
  BAD_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_MANY: 429,
};

export class AppError extends Error {
  constructor(
    public code: AppErrorCode,
    message: string,
    public field?: string,
  ) {
    super(message);
    this.name = "AppError";
  }
  get status(): number {
    return STATUS[this.code];
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof Error && e.name === "AppError" && "code" in e;
}

/** A JSON Response for an API client; Remix routes use their own ErrorBoundary instead. */
export function errorResponse(e: AppError): Response {
  return Response.json({ error: { code: e.code, message: e.message, field: e.field } }, { status: e.status });
}
