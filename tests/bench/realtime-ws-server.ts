// The yardstick for tests/bench/realtime.ts: a bare `ws` server (the library engine.io itself
// runs on) that fans each chat frame out to its room and acknowledges it to the sender — the
// same message path as the mediation room, without auth, validation, storage or socket.io.
// Runs in its own process like the app: node --import tsx tests/bench/realtime-ws-server.ts
import http from "node:http";
import { WebSocketServer, type WebSocket } from "ws";

const rooms = new Map<string, Set<WebSocket>>();

const server = http.createServer((req, res) => {
  res.writeHead(req.url === "/healthz" ? 200 : 404, { "content-type": "application/json" });
  res.end('{"status":"ok"}');
});
const wss = new WebSocketServer({ server, maxPayload: 1e6 });

wss.on("connection", (ws, req) => {
  const room = new URL(req.url ?? "/", "http://x").searchParams.get("room") ?? "";
  const members = rooms.get(room) ?? new Set<WebSocket>();
  rooms.set(room, members);
  members.add(ws);
  ws.on("message", (raw) => {
    // Parsed and re-serialised, as socket.io does with every packet.
    const m = JSON.parse(raw.toString()) as { id: number; body: string };
    const out = JSON.stringify({ t: "message", body: m.body });
    for (const peer of members) peer.send(out);
    ws.send(JSON.stringify({ t: "ack", id: m.id }));
  });
  ws.on("close", () => members.delete(ws));
});

const port = Number(process.env.PORT ?? 3998);
server.listen(port, process.env.HOST ?? "127.0.0.1", () => console.log(`bare ws fan-out listening on ${port}`));
process.on("SIGTERM", () => process.exit(0));
