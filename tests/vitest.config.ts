import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.resolve(import.meta.dirname, "..");

export default defineConfig({
  root,
  resolve: { alias: { "~": path.join(root, "app") } },
  test: {
    // Playwright specs live in tests/e2e and are run by Playwright only.
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    setupFiles: ["tests/setup/db.ts", "tests/setup/console.ts"],
    pool: "forks",
    isolate: true,
    testTimeout: 20_000,
    env: { NODE_ENV: "test", LOG_REQUESTS: "0" },
  },
});
