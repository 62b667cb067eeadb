// An unexpected console.error fails the test: errors must not pass silently.
import { afterEach, beforeEach, vi } from "vitest";

let calls: unknown[][] = [];
let allowed = 0;

/** Declare that the current test expects `n` console.error calls. */
export function allowConsoleErrors(n = 1) {
  allowed += n;
}

beforeEach(() => {
  calls = [];
  allowed = 0;
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    calls.push(args);
  });
});

afterEach(() => {
  vi.mocked(console.error).mockRestore();
  if (calls.length > allowed) {
    throw new Error(`Unexpected console.error:\n${calls.map((c) => c.map(String).join(" ")).join("\n")}`);
  }
});
