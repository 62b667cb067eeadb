// The board is live: an open board page's socket asks to watch (board:watch); the server checks the
// user is a dispatcher covering the city and joins it to the city's board room. It then hears
// "board:changed" after any case in that city changes — filed, acted on through withCase, or moved
// by the sweep — and nothing about another city. Parties are refused; sockets that do not watch
// (a dispatcher on another page) hear nothing.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { io as connectClient, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { memberships, organisations, users } from "../../db/schema";
import { seed } from "../../db/seed";
import { startSession } from "../../server/auth/accounts";
import type { SessionUser } from "../../server/auth/session";
import { runSweep } from "../../server/jobs/sweep";
import { createId } from "../../server/lib/ids";
import { BOARD_CHANGED, BOARD_EVENTS, type WatchAck } from "../../server/oversight/board/rooms";
import { createIo } from "../../server/realtime/io";
import { acceptCase } from "../../server/triage/decisions";
import { idNumber } from "./helpers";
import { citizenInput, fileCase, PHONE, userByPhone } from "./triage-helpers";

let server: http.Server;
let url = "";
const sockets: Socket[] = [];
let liMing: SessionUser;
let cuihu: SessionUser;
let kunming: SessionUser;
let qujing: SessionUser;
let qujingMembership = "";

type Listener = { socket: Socket; events: number[]; next: () => Promise<void>; watched: WatchAck | null };

async function listen(user: SessionUser, watch = true): Promise<Listener> {
  const token = startSession(user.id, user.role, { ip: "127.0.0.1" }).token;
  const socket = connectClient(url, { transports: ["websocket"], reconnection: false, forceNew: true, auth: { token } });
  sockets.push(socket);
  const events: number[] = [];
  let waiters: (() => void)[] = [];
  socket.on(BOARD_CHANGED, () => {
    events.push(Date.now());
    for (const w of waiters) w();
    waiters = [];
  });
  await new Promise<void>((resolve, reject) => {
    socket.on("connect", () => resolve());
    socket.on("connect_error", reject);
  });
  const watched = watch ? ((await socket.timeout(3000).emitWithAck(BOARD_EVENTS.watch, {})) as WatchAck) : null;
  const next = () =>
    new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no ${BOARD_CHANGED} for ${user.name}`)), 3000);
      waiters.push(() => {
        clearTimeout(t);
        resolve();
      });
    });
  return { socket, events, next, watched };
}

/** Lets anything else in flight arrive before a test says that nothing did. */
const settle = () => new Promise((r) => setTimeout(r, 150));

beforeAll(async () => {
  await seed();
  liMing = userByPhone(PHONE.liMing);
  cuihu = userByPhone(PHONE.cuihu);
  kunming = userByPhone(PHONE.dispatcher);
  const org = createId();
  const user = createId();
  qujingMembership = createId();
  getDb().insert(organisations).values({ id: org, name: "曲靖市麒麟区社会治理综合服务中心（矛调中心）", type: "dispatch_center", regionCode: "530302" }).run();
  getDb().insert(users).values({ id: user, name: "钱涛", idNumber: idNumber(951), phone: "13800009951", passwordHash: "x", role: "dispatcher" }).run();
  getDb().insert(memberships).values({ id: qujingMembership, userId: user, orgId: org }).run();
  qujing = userByPhone("13800009951");
  server = http.createServer();
  createIo(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await new Promise((r) => server.close(r));
});

describe("board:changed reaches the dispatchers of the case's city, and only them", () => {
  it("filing, an act through withCase and the sweep each tell 昆明's board; 曲靖's board and a party hear nothing", async () => {
    const km = await listen(kunming);
    const qj = await listen(qujing);
    const party = await listen(liMing);
    const elsewhere = await listen(kunming, false); // the same dispatcher on another page
    expect(km.watched).toEqual({ ok: true, cities: ["5301"] });
    expect(party.watched).toEqual({ ok: false, error: "矛调中心看板仅供分流员使用" });

    let heard = km.next();
    const { caseId } = await fileCase(liMing);
    await heard;
    heard = km.next();
    await acceptCase(cuihu, caseId, { conflict: "none" });
    await heard;

    // The minute sweep: an acceptance left to lapse is reassigned (no withCase on that path).
    await fileCase(liMing); // awaiting acceptance; 30 days on, its 3 working days are long gone
    await settle();
    const before = km.events.length;
    heard = km.next();
    const report = await runSweep(new Date(Date.now() + 30 * 24 * 3600_000));
    expect(report.reassigned).toBeGreaterThanOrEqual(1);
    await heard;
    expect(km.events.length).toBeGreaterThan(before);

    await settle();
    expect(qj.events).toEqual([]);
    expect(party.events).toEqual([]);
    expect(elsewhere.events).toEqual([]);

    // Leaving the page (board:unwatch) stops it.
    await km.socket.timeout(3000).emitWithAck(BOARD_EVENTS.unwatch, {});
    const count = km.events.length;
    const other = await listen(kunming);
    const heardByOther = other.next();
    await fileCase(liMing);
    await heardByOther;
    await settle();
    expect(km.events.length).toBe(count);
  });

  it("a case in 曲靖 tells 曲靖's board, not 昆明's", async () => {
    const km = await listen(kunming);
    const qj = await listen(qujing);
    const heard = qj.next();
    await fileCase(liMing, citizenInput({ regionCode: "530302", areaCode: undefined }));
    await heard;
    await settle();
    expect(km.events).toEqual([]);
  });

  it("rooms come from a fresh check on each watch: a dispatcher who left the centre is refused and hears nothing", async () => {
    getDb().update(memberships).set({ active: false }).where(eq(memberships.id, qujingMembership)).run();
    const gone = await listen(qujing);
    expect(gone.watched).toMatchObject({ ok: false });
    const km = await listen(kunming);
    const heard = km.next();
    await fileCase(liMing, citizenInput({ regionCode: "530302", areaCode: undefined }));
    await fileCase(liMing);
    await heard;
    await settle();
    expect(gone.events).toEqual([]);
  });
});
