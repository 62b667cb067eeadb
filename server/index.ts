// The Node process: validate the environment, open and migrate the database, serve.
import type { ServerBuild } from "@remix-run/node";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { closeDb, getDb } from "../db/client";
import { createAppServer } from "./app";
import { startSweeper } from "./jobs/sweep";
import { hasHolidayCalendar } from "./triage/deadlines";
import { databasePath, getEnv } from "./env";

let env;
try {
  env = getEnv();
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
process.env.DATABASE_PATH = databasePath(env);

const started = Date.now();
getDb(); // opens the file and applies pending migrations before the first request

const buildPath = path.resolve("build/index.js");
let build: ServerBuild;
try {
  build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;
} catch {
  console.error(`找不到前端构建产物 ${buildPath}，请先运行 npm run build`);
  process.exit(1);
}

const { server, close } = createAppServer(env, build);
const nextYear = new Date().getFullYear() + 1;
if (!hasHolidayCalendar(nextYear))
  console.warn(`注意：节假日数据（chinese-days）尚未包含 ${nextYear} 年的安排，跨年期限只跳过周末。请升级 chinese-days。`);
const stopSweeper = startSweeper();
server.listen(env.PORT, env.HOST, () => {
  console.log(`云解纷 portal listening on http://localhost:${env.PORT} (db ${process.env.DATABASE_PATH}, ready in ${Date.now() - started} ms)`);
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: shutting down`);
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  stopSweeper();
  server.close(); // stop accepting; in-flight requests finish
  await close(); // disconnect sockets
  closeDb();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
