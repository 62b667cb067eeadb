import { defineConfig, devices } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const PORT = Number(process.env.E2E_PORT ?? 3100);
// Debian's Chromium on CI and these machines; Playwright's own browser on a laptop.
const debianChromium = "/usr/bin/chromium";
const executablePath = fs.existsSync(debianChromium) ? debianChromium : undefined;

export default defineConfig({
  testDir: "./e2e",
  // Per port, so that two runs at once (two developers, or CI beside a dev) do not clobber traces.
  outputDir: path.join(root, "test-results", String(PORT)),
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  timeout: 30_000,
  use: {
    baseURL: `http://localhost:${PORT}`,
    locale: "zh-CN",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"] }, testIgnore: /mobile\.spec\.ts/ },
    { name: "mobile", use: { ...devices["Pixel 7"] }, testMatch: /mobile\.spec\.ts/ },
  ],
  webServer: {
    // A fresh database for every run: the demo world, then the real server.
    command: `rm -rf tests/.tmp/e2e-${PORT} && node --import tsx db/seed.ts && node --import tsx server/index.ts`,
    cwd: root,
    url: `http://localhost:${PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: { PORT: String(PORT), DATA_DIR: `tests/.tmp/e2e-${PORT}`, NODE_ENV: "test", LOG_REQUESTS: "0" },
  },
});
