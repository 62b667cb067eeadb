// "How late" in words, for the board. Pure: the clock is passed in.
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function span(ms: number): string {
  if (ms >= DAY) {
    const d = Math.floor(ms / DAY);
    const h = Math.floor((ms % DAY) / HOUR);
    return h ? `${d}天${h}小时` : `${d}天`;
  }
  if (ms >= HOUR) {
    const h = Math.floor(ms / HOUR);
    const m = Math.floor((ms % HOUR) / MINUTE);
    return m ? `${h}小时${m}分钟` : `${h}小时`;
  }
  return `${Math.max(1, Math.floor(ms / MINUTE))}分钟`;
}

export type Lateness = { passed: boolean; text: string };

/** "已超期 2天3小时" once passed, "还剩 5小时" before. */
export function lateness(due: Date, now: Date): Lateness {
  const left = due.getTime() - now.getTime();
  return left <= 0 ? { passed: true, text: `已超期 ${span(-left)}` } : { passed: false, text: `还剩 ${span(left)}` };
}
