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

/** Throws TOO_MANY when this account or this IP has used up its failed attempts. */
export async function assertLoginAllowed(phone: string, ip: string): Promise<void> {
  const l = limiters();
  const [acct, byIp] = await Promise.all([l.account.get(phone), l.ip.get(ip)]);
  const env = getEnv();
  if (acct && acct.consumedPoints >= env.LOGIN_MAX_FAILS_PER_ACCOUNT) {
    throw new AppError("TOO_MANY", `该账号登录失败次数过多，已暂时锁定，请 ${minutesLeft(acct)} 分钟后再试，或联系平台客服`);
  }
  if (byIp && byIp.consumedPoints >= env.LOGIN_MAX_FAILS_PER_IP) {
    throw new AppError("TOO_MANY", `当前网络登录失败次数过多，请 ${minutesLeft(byIp)} 分钟后再试`);
  }
}

/** Records one failure; returns how many attempts the account has left. */
export async function recordLoginFailure(phone: string, ip: string): Promise<number> {
  const l = limiters();
  const results = await Promise.allSettled([l.account.penalty(phone, 1), l.ip.penalty(ip, 1)]);
  const acct = results[0].status === "fulfilled" ? results[0].value : null;
  return acct ? Math.max(0, getEnv().LOGIN_MAX_FAILS_PER_ACCOUNT - acct.consumedPoints) : 0;
}

export async function clearLoginFailures(phone: string): Promise<void> {
  await limiters().account.delete(phone);
}
