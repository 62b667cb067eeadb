// The public progress lookup's per-IP budget, one for the /lookup page and POST /api/v1/lookup,
// so the API is no way round the page's limit. On globalThis: server modules may be evaluated
// twice in one process (ADR 001), and two limiters would each allow the full budget.
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { AppError } from "../lib/errors";

const LOOKUPS_PER_WINDOW = 20;
const WINDOW_MINUTES = 15;

const g = globalThis as typeof globalThis & { __yjfLookupLimiter?: RateLimiterMemory };

/** Counts one lookup for `ip`; throws TOO_MANY once the window's budget is spent. */
export async function consumeLookup(ip: string): Promise<void> {
  g.__yjfLookupLimiter ??= new RateLimiterMemory({ keyPrefix: "lookup_ip", points: LOOKUPS_PER_WINDOW, duration: WINDOW_MINUTES * 60 });
  try {
    await g.__yjfLookupLimiter.consume(ip);
  } catch (res) {
    if (!(res instanceof RateLimiterRes)) throw res;
    const minutes = Math.max(1, Math.ceil(res.msBeforeNext / 60000));
    throw new AppError("TOO_MANY", `查询次数过多：为保护当事人信息，同一网络${WINDOW_MINUTES}分钟内最多查询${LOOKUPS_PER_WINDOW}次。请 ${minutes} 分钟后再试。`);
  }
}
