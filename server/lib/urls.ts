import { getEnv } from "../env";

/** An absolute link for SMS and e-mail, where a relative path means nothing. */
export function publicUrl(path: string): string {
  const env = getEnv();
  const origin = env.APP_ORIGIN ? new URL(env.APP_ORIGIN).origin : `http://localhost:${env.PORT}`;
  return origin + path;
}
