// Login throttling per account and per IP, kept in SQLite so a restart does not reset it.
import { RateLimiterSQLite, type RateLimiterRes } from "rate-limiter-flexible";
import type Database from "better-sqlite3";
import { getDb } from "../../db/client";
import { getEnv } from "../env";
import { AppError } from "../lib/errors";

type Limiters = { account: RateLimiterSQLite; ip: RateLimiterSQLite };
const byClient = new WeakMap<Database.Database, Limiters>();

function limiters(): Limiters {
  const client = getDb().$client;
  let l = byClient.get(client);
  if (!l) {
    const env = getEnv();
    const common = {
      storeClient: client,
      storeType: "better-sqlite3" as const,
      tableName: "rate_limits",
      // Our migration created the table (db/schema.ts rateLimits), so the limiter is usable at once.
      tableCreated: true,
      clearExpiredByTimeout: true,
      duration: env.LOGIN_BLOCK_MINUTES * 60,
      blockDuration: env.LOGIN_BLOCK_MINUTES * 60,
    };
    l = {
      account: new RateLimiterSQLite({ ...common, keyPrefix: "login_acct", points: env.LOGIN_MAX_FAILS_PER_ACCOUNT }),
      ip: new RateLimiterSQLite({ ...common, keyPrefix: "login_ip", points: env.LOGIN_MAX_FAILS_PER_IP }),
    };
    byClient.set(client, l);
  }
  return l;
}

function minutesLeft(res: RateLimiterRes): number {
  return Math.max(1, Math.ceil(res.msBeforeNext / 60000));
}

/**
 * Counts one login attempt against the account and the IP *before* the password is checked, so
 * that guesses sent at the same moment cannot all slip under the limit. Throws TOO_MANY when
 * either budget is spent; returns how many attempts the account has left after this one.
 */
export async function consumeLoginAttempt(phone: string, ip: string): Promise<number> {
  const l = limiters();
  let acct: RateLimiterRes;
  try {
    acct = await l.account.consume(phone, 1);
  } catch (res) {
    if (res instanceof Error) throw res;
    throw new AppError("TOO_MANY", `该账号登录失败次数过多，已暂时锁定，请 ${minutesLeft(res as RateLimiterRes)} 分钟后再试，或联系平台客服`);
  }
  try {
    await l.ip.consume(ip, 1);
  } catch (res) {
    if (res instanceof Error) throw res;
    throw new AppError("TOO_MANY", `当前网络登录失败次数过多，请 ${minutesLeft(res as RateLimiterRes)} 分钟后再试`);
  }
  return acct.remainingPoints;
}

/** A successful login: the account's counter resets and the IP gets its attempt back. */
export async function loginSucceeded(phone: string, ip: string): Promise<void> {
  const l = limiters();
  await l.account.delete(phone);
  await l.ip.reward(ip, 1);
}
