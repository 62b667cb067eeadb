// When the board reloads its data: on request (a "board:changed" event, the minute tick, a
// reconnect), but at most once every BOARD_MIN_GAP_MS however many requests come (a burst of
// filings must not become a burst of loader calls), never dropping the last one — and, while the
// dispatcher is submitting or navigating, not at all: it tries again after BUSY_RETRY_MS, a fixed
// wait, so a long submit is polled a few times a second instead of spinning with 0 ms timers.
// No React here, so the timing is tested with fake timers (tests/unit/board-refresh.test.ts).

export const BOARD_MIN_GAP_MS = 2000;
export const BUSY_RETRY_MS = 500;

export type RefreshScheduler = { schedule: () => void; stop: () => void };

export function createRefreshScheduler(o: { busy: () => boolean; refresh: () => void }): RefreshScheduler {
  let last = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const run = () => {
    timer = null;
    if (o.busy()) {
      timer = setTimeout(run, BUSY_RETRY_MS);
      return;
    }
    last = Date.now();
    o.refresh();
  };
  return {
    schedule() {
      if (timer) return; // a refresh is already on its way and will see this change too
      timer = setTimeout(run, Math.max(0, last + BOARD_MIN_GAP_MS - Date.now()));
    },
    stop() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
