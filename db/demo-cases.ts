// Demo cases at every stage of 分-调-协议, made through the real services (so every row, timeline
// entry, SMS and PDF is what a real user's action would produce). Only `npm run demo` runs this
// (SEED_DEMO_CASES=1): tests and the browser tests start from organisations and people alone.
import { and, desc, eq, like } from "drizzle-orm";
import { deflateSync } from "node:zlib";
import { getDb } from "./client";
import { counters, outbox, users } from "./schema";
import { citizenFilingSchema } from "../app/lib/case-schemas";
import type { AgreementContent } from "../app/lib/agreement-schema";
import type { SessionUser } from "../server/auth/session";
import { loadCaseFor } from "../server/cases/access";
import { createDraft, submitDraft } from "../server/cases/filing";
import { saveDraft } from "../server/agreements/drafts";
import { draftFor } from "../server/agreements/page";
import { sendAgreementCode, signAgreement } from "../server/agreements/signing";
import { PLACEHOLDER } from "../server/agreements/templates";
import { endSession, scheduleSession } from "../server/mediation/sessions";
import { consent, verifyInvitation } from "../server/triage/consent";
import { acceptCase } from "../server/triage/decisions";

const MARKER = "demo_cases_seeded";
const META = { ip: "127.0.0.1", userAgent: "demo seed" };

/** A real PNG of a pen stroke (what signature_pad would send), drawn here so the demo needs no browser. */
function signaturePng(): string {
  const w = 320;
  const h = 100;
  const rows: Buffer[] = [];
  for (let y = 0; y < h; y++) {
    const row = Buffer.alloc(1 + w * 4); // filter byte 0, then RGBA
    for (let x = 0; x < w; x++) {
      const curve = 50 + 28 * Math.sin(x / 18) * Math.cos(x / 53);
      const ink = x > 20 && x < 300 && Math.abs(y - curve) < 2.2;
      if (ink) row.writeUInt32BE(0x111111ff, 1 + x * 4);
    }
    rows.push(row);
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(Buffer.concat(rows))), chunk("IEND", Buffer.alloc(0))]);
  return `data:image/png;base64,${png.toString("base64")}`;
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function user(phone: string): SessionUser & { idNumber: string } {
  const u = getDb().select({ id: users.id, name: users.name, role: users.role, phone: users.phone, active: users.active, idNumber: users.idNumber }).from(users).where(eq(users.phone, phone)).get();
  if (!u) throw new Error(`演示账号缺失：${phone}`);
  return u;
}

/** The newest SMS to `phone` containing `marker`: the demo reads codes where a person would. */
function sms(phone: string, marker: string): string {
  const row = getDb().select({ body: outbox.body }).from(outbox).where(and(eq(outbox.to, phone), like(outbox.body, `%${marker}%`))).orderBy(desc(outbox.id)).get();
  if (!row) throw new Error(`没有发给 ${phone} 的短信：${marker}`);
  return row.body;
}

async function file(applicant: SessionUser, respondent: { name: string; idNumber: string; phone: string }, dispute: Record<string, unknown>) {
  const caseId = createDraft(applicant);
  const data = citizenFilingSchema.parse({
    regionCode: "530102",
    areaCode: "530102001",
    applicantAddress: "昆明市五华区翠湖南路12号2单元301室",
    respondents: [{ kind: "person", name: respondent.name, idNumber: respondent.idNumber, phone: respondent.phone, address: "昆明市五华区翠湖南路12号2单元401室" }],
    ...dispute,
  });
  await submitDraft(applicant, caseId, { source: "citizen", data });
  return caseId;
}

async function toMediation(caseId: string, mediator: SessionUser, respondent: SessionUser & { idNumber: string }) {
  await acceptCase(mediator, caseId, { conflict: "none" });
  const invite = sms(respondent.phone, "/invite/");
  const token = /\/invite\/([a-z2-7]{32})/.exec(invite)![1];
  const code = /验证码 (\d{6})/.exec(invite)![1];
  await verifyInvitation(token, { code, name: respondent.name, idNumber: respondent.idNumber }, META);
  await consent(respondent, caseId);
}

/** The template's draft with what only the mediator knows filled in. */
function completed(mediator: SessionUser, caseId: string): AgreementContent {
  const d = draftFor(loadCaseFor(mediator, caseId));
  const fill = (s: string) => s.split(PLACEHOLDER).join("双方确认的内容");
  return {
    ...d,
    facts: fill(d.facts),
    disputes: fill(d.disputes),
    responsibilities: fill(d.responsibilities),
    terms: d.terms.map(fill),
    performance: { ...d.performance, manner: fill(d.performance.manner), place: fill(d.performance.place) },
    parties: d.parties.map((p) => (p.kind === "person" ? { ...p, sex: p.sex ?? "男", age: p.age ?? 40, ethnicity: p.ethnicity || "汉族", occupation: p.occupation || "职员" } : p)),
  } as AgreementContent;
}

async function agree(caseId: string, mediator: SessionUser) {
  const sessionId = await scheduleSession(mediator, caseId, { scheduledAt: new Date(Date.now() + 60_000), durationMin: 60, mode: "joint" });
  await endSession(mediator, caseId, sessionId, { outcome: "agreement", note: "双方就赔偿和修复达成一致" });
  await saveDraft(mediator, caseId, { content: completed(mediator, caseId), baseVersion: 0 });
}

async function sign(caseId: string, signer: SessionUser) {
  const { version } = await sendAgreementCode(signer, caseId);
  const code = /验证码 (\d{6})/.exec(sms(signer.phone, "签署"))![1];
  await signAgreement(signer, caseId, { version, code, signature: signaturePng() }, META);
}

/** Creates the demo cases once; returns how many were made. */
export async function seedDemoCases(): Promise<number> {
  const db = getDb();
  if (db.select().from(counters).where(eq(counters.name, MARKER)).get()) return 0;
  const liMing = user("13900000001");
  const wangFang = user("13900000002");
  const zhao = user("13900000003");
  const qian = user("13900000004");
  const cuihu = user("13800000101");

  // 1. An effective agreement with its sealed PDF: the whole 分-调-协议 path.
  const leak = await file(liMing, wangFang, {
    category: "邻里",
    address: "昆明市五华区翠湖南路12号",
    facts: "楼上住户装修期间卫生间防水层破损，多次漏水，导致我家卫生间吊顶和墙面损坏。",
    claims: "请求对方修复防水层并赔偿维修费用3000元",
    amountYuan: 3000,
  });
  await toMediation(leak, cuihu, wangFang);
  await agree(leak, cuihu);
  for (const u of [liMing, wangFang, cuihu]) await sign(leak, u);

  // 2. An agreement drafted and signed by one side: 钱秀英 (born 1950) still has to sign.
  const noise = await file(zhao, qian, {
    category: "邻里",
    address: "昆明市五华区翠湖南路12号",
    facts: "对门住户在楼道长期堆放杂物，影响通行和消防安全，多次沟通未果。",
    claims: "请求对方清理楼道杂物并保持通道畅通",
  });
  await toMediation(noise, cuihu, qian);
  await agree(noise, cuihu);
  await sign(noise, zhao);

  // 3. In mediation, with a session booked for tomorrow.
  const parking = await file(wangFang, zhao, {
    category: "邻里",
    address: "昆明市五华区翠湖南路12号",
    facts: "对方长期将车辆停放在我家车库门口，导致我家车辆无法进出，多次协商未果。",
    claims: "请求对方不再占用车库出入口",
  });
  await toMediation(parking, cuihu, zhao);
  await scheduleSession(cuihu, parking, { scheduledAt: new Date(Date.now() + 24 * 3600_000), durationMin: 60, mode: "joint", note: "请双方准时参加" });

  // 4. Just filed: waiting for 李桂芬 to accept.
  await file(qian, liMing, {
    category: "邻里",
    address: "昆明市五华区翠湖南路12号",
    facts: "楼上住户夜间经常发出很大的噪音，影响老人休息，多次沟通无果。",
    claims: "请求对方晚上十点后保持安静",
  });

  db.insert(counters).values({ name: MARKER, value: 4 }).run();
  return 4;
}
