// A fresh SQLite file per test file, migrated with the real migrations on first use.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { closeDb } from "../../db/client";

closeDb();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "yjf-test-"));
process.env.DATABASE_PATH = path.join(dir, "test.db");

afterAll(() => {
  closeDb();
  fs.rmSync(dir, { recursive: true, force: true });
});
