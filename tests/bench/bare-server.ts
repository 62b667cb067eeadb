// The yardstick: Express with one handler and nothing else, on the same Node, in its own process
// like the app. The list pages are measured as a share of what this does on the same machine.
import express from "express";

const page = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>案件 · 云解纷</title></head><body><h1>案件</h1><p>共 0 件</p></body></html>`;

const app = express();
app.disable("x-powered-by");
app.get("/", (_req, res) => {
  res.type("html").send(page);
});
const port = Number(process.env.PORT ?? 3999);
app.listen(port, "127.0.0.1", () => console.log(`bare express listening on http://127.0.0.1:${port}`));
process.on("SIGTERM", () => process.exit(0));
