import { test as base, expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "Demo2026";
export const DEMO = {
  admin: "13800000000",
  dispatcher: "13800000010",
  mediator: "13800000101",
  lawyer: "13800000201",
  judge: "13800000301",
  notary: "13800000401",
  arbitrator: "13800000501",
  party: "13900000001",
  quiet: "13900000004",
} as const;

/** Logs in through the API and puts the session cookie in the browser: no login form. */
export const test = base.extend<{ loginAs: (phone: string) => Promise<void> }>({
  loginAs: async ({ page, baseURL }, use) => {
    await use(async (phone: string) => {
      const res = await page.request.post("/api/v1/sessions", {
        data: { phone, password: DEMO_PASSWORD },
        headers: { origin: baseURL! },
      });
      expect(res.status(), await res.text()).toBe(201);
      const { token } = (await res.json()) as { token: string };
      const url = new URL(baseURL!);
      await page.context().addCookies([{ name: "yjf_session", value: token, domain: url.hostname, path: "/", httpOnly: true, sameSite: "Lax" }]);
    });
  },
});

export { expect };

/** A valid 身份证 number, unique per call, with its GB 11643 check character. */
export function freshIdNumber(seed = Date.now()): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const seq = String(seed % 1000).padStart(3, "0");
  const day = String((Math.floor(seed / 1000) % 28) + 1).padStart(2, "0");
  const first17 = `53010219880${String((Math.floor(seed / 28000) % 9) + 1)}${day}${seq}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * w[i];
  return first17 + "10X98765432"[sum % 11];
}

export function freshPhone(seed = Date.now()): string {
  return `137${String(seed % 100_000_000).padStart(8, "0")}`;
}

export async function expectNoConsoleErrors(page: Page, errors: string[]) {
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
}
