// The evidence store: types sniffed from real bytes, content-addressed blobs, safe names.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createHash } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { blobPath, EVIDENCE_MAX_BYTES, readBlobStream, sanitiseFilename, sniffAndStore } from "../../server/cases/evidence";

// getEnv() caches on first call, and evidence.ts calls it lazily: set DATA_DIR before any test.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "yjf-evidence-"));
process.env.DATA_DIR = dataDir;
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

// A real 1×1 PNG.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");
const PDF = Buffer.from("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n", "latin1");
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from("JFIF\0", "latin1"), Buffer.alloc(32)]);
const WAV = Buffer.concat([Buffer.from("RIFF", "latin1"), Buffer.from([36, 0, 0, 0]), Buffer.from("WAVEfmt ", "latin1"), Buffer.alloc(28)]);
const AMR = Buffer.concat([Buffer.from("#!AMR\n", "latin1"), Buffer.alloc(32)]);
// The DOS header every Windows .exe starts with, then a PE signature where e_lfanew points.
const EXE = (() => {
  const b = Buffer.alloc(256);
  b.write("MZ", 0, "latin1");
  b.writeUInt32LE(0x80, 0x3c);
  b.write("PE\0\0", 0x80, "latin1");
  return b;
})();

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

function blobFiles(): string[] {
  const root = path.join(dataDir, "blobs");
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

async function rejection(p: Promise<unknown>) {
  const e = (await p.then(
    () => null,
    (err: unknown) => err,
  )) as { name?: string; code?: string; message?: string } | null;
  expect(e, "expected a refusal").not.toBeNull();
  expect(e!.name).toBe("AppError");
  expect(e!.code).toBe("BAD_INPUT");
  return e!.message;
}

describe("sniffAndStore", () => {
  it("stores a PNG under blobs/<2 hex>/<sha256> with its sniffed type", async () => {
    const r = await sniffAndStore(PNG, "现场照片.png");
    expect(r).toEqual({ sha256: sha(PNG), mime: "image/png", size: PNG.length, filename: "现场照片.png" });
    const file = path.join(dataDir, "blobs", r.sha256.slice(0, 2), r.sha256);
    expect(blobPath(r.sha256)).toBe(path.resolve(file));
    expect(fs.readFileSync(file).equals(PNG)).toBe(true);
  });

  it("accepts a PDF whatever the client called it, and names it .pdf", async () => {
    const r = await sniffAndStore(PDF, "借条扫描件.exe");
    expect(r.mime).toBe("application/pdf");
    expect(r.filename).toBe("借条扫描件.pdf");
  });

  it.each([
    ["JPEG", JPEG, "image/jpeg", "photo.JPG", "photo.jpg"],
    ["WAV", WAV, "audio/wav", "录音", "录音.wav"],
    ["AMR", AMR, "audio/amr", "微信语音.amr", "微信语音.amr"],
  ])("accepts %s", async (_n, bytes, mime, name, filename) => {
    const r = await sniffAndStore(bytes, name);
    expect(r.mime).toBe(mime);
    expect(r.filename).toBe(filename);
  });

  it("refuses an executable renamed .jpg, and stores nothing", async () => {
    const before = blobFiles().length;
    expect(await rejection(sniffAndStore(EXE, "照片.jpg"))).toBe("文件内容不是允许的图片、PDF或音频格式");
    expect(blobFiles().length).toBe(before);
  });

  it("refuses bytes of no known type (plain text called .png)", async () => {
    expect(await rejection(sniffAndStore(Buffer.from("这不是图片", "utf8"), "a.png"))).toBe("文件内容不是允许的图片、PDF或音频格式");
  });

  it("refuses an empty file", async () => {
    expect(await rejection(sniffAndStore(new Uint8Array(0), "空.png"))).toBe("文件为空，请重新选择");
  });

  it("accepts exactly 10 MB and refuses 10 MB + 1 byte", async () => {
    const max = Buffer.alloc(EVIDENCE_MAX_BYTES);
    PNG.copy(max);
    expect((await sniffAndStore(max, "大图.png")).size).toBe(EVIDENCE_MAX_BYTES);
    const over = Buffer.alloc(EVIDENCE_MAX_BYTES + 1);
    PNG.copy(over);
    expect(await rejection(sniffAndStore(over, "大图.png"))).toBe("文件超过10MB上限，请压缩或分段后再上传");
  });

  it("keeps one blob for the same bytes uploaded twice, and leaves no temp files", async () => {
    const bytes = Buffer.concat([PDF, Buffer.from("% unique 1\n")]);
    const a = await sniffAndStore(bytes, "合同.pdf");
    const b = await sniffAndStore(bytes, "合同副本.pdf");
    expect(b.sha256).toBe(a.sha256);
    expect(blobFiles().filter((f) => path.basename(f) === a.sha256)).toHaveLength(1);
    expect(blobFiles().filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("reads a stored blob back as a stream", async () => {
    const r = await sniffAndStore(PNG, "x.png");
    const chunks: Buffer[] = [];
    for await (const c of readBlobStream(r.sha256)) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).equals(PNG)).toBe(true);
  });

  it("strips directories from a traversal attempt: the blob stays inside blobs/", async () => {
    const r = await sniffAndStore(PNG, "../../../etc/passwd.png");
    expect(r.filename).toBe("passwd.png");
    expect(blobFiles().every((f) => f.startsWith(path.join(dataDir, "blobs") + path.sep))).toBe(true);
  });
});

describe("sanitiseFilename", () => {
  const png = ["png"] as const;
  it.each([
    ["..\\..\\Windows\\证据 照片.PNG", "证据 照片.png"],
    ["/etc/passwd", "passwd.png"],
    ["a\u0000b\nc\u0007.png", "abc.png"],
    // U+202E (right-to-left override) would display "invoice\u202Egnp.exe" as "invoiceexe.png".
    ["invoice\u202Egnp.exe", "invoicegnp.png"],
    ['合同<最终>:"版"?.png', "合同_最终___版__.png"],
    ["....", "证据文件.png"],
    ["", "证据文件.png"],
    ["第1.5版 说明", "第1.5版 说明.png"],
  ])("%j → %j", (input, out) => {
    expect(sanitiseFilename(input, png)).toBe(out);
  });

  it("cuts long names to 100 characters, keeping Chinese whole and the extension", () => {
    const name = sanitiseFilename(`${"调解协议书".repeat(40)}.pdf`, ["pdf"]);
    expect(Array.from(name)).toHaveLength(100);
    expect(name.endsWith(".pdf")).toBe(true);
    expect(name.startsWith("调解协议书调解")).toBe(true);
  });
});

describe("blobPath", () => {
  it.each(["../../etc/passwd", "ABCDEF".padEnd(64, "0"), "a".repeat(63), `${"a".repeat(64)}/..`])("refuses %j", (bad) => {
    expect(() => blobPath(bad)).toThrow("证据文件标识无效");
  });

  it("refuses to stream a blob that was never stored", () => {
    expect(() => readBlobStream("0".repeat(64))).toThrow("证据文件不存在或已被删除");
  });
});
