// A fresh SQLite file per test file, migrated with the real migrations on first use.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { closeDb } from "../../db/client";

closeDb();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "yjf-test-"));
process.env.DATABASE_PATH = path.join(dir, "test.db");
// Blobs and seal certificates of this file's world live beside its database (a test file may
// still point DATA_DIR elsewhere before anything reads the environment).
process.env.DATA_DIR = path.join(dir, "data");

afterAll(() => {
  closeDb();
  fs.rmSync(dir, { recursive: true, force: true });
});
