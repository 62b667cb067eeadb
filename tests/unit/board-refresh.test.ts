// The board's refresh timing (app/components/oversight/board-refresh.ts): at most one reload per
// 2 s gap however many changes arrive, the last one never dropped, and while a submit or navigation
// is in flight it waits a fixed interval between checks — it does not spin with 0 ms timers.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { BOARD_MIN_GAP_MS, BUSY_RETRY_MS, createRefreshScheduler } from "~/components/oversight/board-refresh";

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date("2026-03-02T09:00:00+08:00"));
});
afterEach(() => {
  vi.useRealTimers();
});

function setup() {
  const state = { busy: false, refreshes: 0, busyChecks: 0 };
  const s = createRefreshScheduler({
    busy: () => {
      state.busyChecks++;
      return state.busy;
    },
    refresh: () => state.refreshes++,
  });
  return { state, s };
}

describe("board refresh", () => {
  it("a burst of changes becomes one reload now and one after the 2 s gap", () => {
    const { state, s } = setup();
    s.schedule();
    vi.advanceTimersByTime(0);
    expect(state.refreshes).toBe(1);
    for (let i = 0; i < 50; i++) s.schedule();
    vi.advanceTimersByTime(BOARD_MIN_GAP_MS - 1);
    expect(state.refreshes).toBe(1);
    vi.advanceTimersByTime(1);
    expect(state.refreshes).toBe(2); // the last change is not dropped
    vi.advanceTimersByTime(10 * BOARD_MIN_GAP_MS);
    expect(state.refreshes).toBe(2);
  });

  it("while a submit is in flight past the gap it checks every BUSY_RETRY_MS, not in a 0 ms loop, then reloads once", () => {
    const { state, s } = setup();
    s.schedule();
    vi.advanceTimersByTime(0);
    vi.advanceTimersByTime(BOARD_MIN_GAP_MS * 2); // the gap has passed
    state.busy = true;
    state.busyChecks = 0;
    s.schedule();
    vi.advanceTimersByTime(5_000); // a 5-second submit
    expect(state.busyChecks).toBeLessThanOrEqual(Math.ceil(5_000 / BUSY_RETRY_MS) + 1);
    expect(vi.getTimerCount()).toBe(1);
    expect(state.refreshes).toBe(1);
    state.busy = false;
    vi.advanceTimersByTime(BUSY_RETRY_MS);
    expect(state.refreshes).toBe(2);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("stop cancels a pending reload", () => {
    const { state, s } = setup();
    s.schedule();
    s.stop();
    vi.advanceTimersByTime(BOARD_MIN_GAP_MS * 3);
    expect(state.refreshes).toBe(0);
  });
});
