// The environment, validated once. A bad value stops the server with a clear message at start
// rather than failing later in a request.
import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATA_DIR: z.string().default("data"),
  DATABASE_PATH: z.string().optional(),
  // Public origin when behind a proxy (e.g. https://jiefen.example.cn); used by the Origin check.
  APP_ORIGIN: z.url({ error: "APP_ORIGIN 必须是完整网址，如 https://jiefen.example.cn" }).optional(),
  TRUST_PROXY: z
    .enum(["0", "1", "true", "false"])
    .default("0")
    .transform((v) => v === "1" || v === "true"),
  SESSION_DAYS: z.coerce.number().int().min(1).max(90).default(30),
  // Largest request body accepted outside upload routes, in bytes.
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(1_000_000),
  // Largest evidence upload request (several files at once), in bytes.
  MAX_UPLOAD_BYTES: z.coerce.number().int().min(1024).default(45_000_000),
  LOGIN_MAX_FAILS_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  LOGIN_MAX_FAILS_PER_IP: z.coerce.number().int().min(1).default(30),
  LOGIN_BLOCK_MINUTES: z.coerce.number().int().min(1).default(15),
  // How long a respondent has to answer an invitation; a reminder goes out a day before it ends.
  INVITE_EXPIRY_HOURS: z.coerce.number().int().min(2).max(24 * 30).default(120),
  // WebRTC: STUN servers (comma separated) and an optional TURN relay for parties behind NATs.
  STUN_URLS: z.string().default(""),
  TURN_URL: z.string().optional(),
  TURN_USERNAME: z.string().optional(),
  TURN_CREDENTIAL: z.string().optional(),
  // The organisations' digital seals (PAdES): one PKCS#12 per organisation, named <org id>.p12.
  // Defaults to DATA_DIR/certs, where a self-signed certificate is generated on first use; put a
  // CA-issued .p12 there under the same name (and set its password here) to use a real one.
  SEAL_CERT_DIR: z.string().optional(),
  SEAL_CERT_PASSWORD: z.string().min(1).default("yunjiefen-dev-seal"),
  LOG_REQUESTS: z
    .enum(["0", "1"])
    .default("1")
    .transform((v) => v === "1"),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function getEnv(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`环境变量配置有误，服务无法启动：\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}

export function databasePath(env: Env = getEnv()): string {
  return env.DATABASE_PATH ?? `${env.DATA_DIR}/app.db`;
}
