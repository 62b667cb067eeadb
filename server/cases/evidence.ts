// Evidence files: the type is sniffed from the bytes (never from the name or the browser's
// Content-Type), and blobs are stored content-addressed so the same file uploaded twice, or by
// both sides, is kept once. Rows in `evidence` are the case service's business, not this file's.
import crypto from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { fileTypeFromBuffer } from "file-type";
import { getEnv } from "../env";
import { AppError } from "../lib/errors";

export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;

/** Sniffed MIME type → the extensions a file of that type may carry (first = canonical). */
const ALLOWED: Record<string, readonly string[]> = {
  "image/jpeg": ["jpg", "jpeg", "jfif"],
  "image/png": ["png"],
  "image/webp": ["webp"],
  "image/heic": ["heic", "heif"],
  "image/heif": ["heif", "heic"],
  "application/pdf": ["pdf"],
  "audio/mpeg": ["mp3"],
  "audio/x-m4a": ["m4a"],
  "audio/mp4": ["m4a", "mp4"],
  "audio/wav": ["wav"],
  "audio/amr": ["amr"],
  "audio/ogg": ["ogg", "oga"],
  "audio/ogg; codecs=opus": ["opus", "ogg"],
};

export const EVIDENCE_ALLOWED_MIME = Object.keys(ALLOWED);

const SHA256_HEX = /^[0-9a-f]{64}$/;

export async function sniffAndStore(
  bytes: Uint8Array,
  originalName: string,
): Promise<{ sha256: string; mime: string; size: number; filename: string }> {
  if (bytes.byteLength === 0) throw new AppError("BAD_INPUT", "文件为空，请重新选择", "file");
  if (bytes.byteLength > EVIDENCE_MAX_BYTES) throw new AppError("BAD_INPUT", "文件超过10MB上限，请压缩或分段后再上传", "file");
  const type = await fileTypeFromBuffer(bytes);
  const exts = type ? ALLOWED[type.mime] : undefined;
  if (!type || !exts) throw new AppError("BAD_INPUT", "文件内容不是允许的图片、PDF或音频格式", "file");

  const sha256 = crypto.createHash("sha256").update(bytes).digest("hex");
  await storeBlob(sha256, bytes);
  return { sha256, mime: type.mime, size: bytes.byteLength, filename: sanitiseFilename(originalName, exts) };
}

/** Writes bytes under their SHA-256; the same content is stored once. */
export async function storeBlob(sha256: string, bytes: Uint8Array): Promise<void> {
  const final = blobPath(sha256);
  if (fs.existsSync(final)) return; // same hash, same content: reuse
  await fsp.mkdir(path.dirname(final), { recursive: true });
  // Temp file in the same directory, then rename: a crash never leaves a half-written blob
  // under its final name, and concurrent uploads of the same file both end in a whole one.
  const tmp = `${final}.${crypto.randomBytes(6).toString("hex")}.tmp`;
  try {
    await fsp.writeFile(tmp, bytes, { flag: "wx", mode: 0o640 });
    await fsp.rename(tmp, final);
  } catch (e) {
    await fsp.rm(tmp, { force: true });
    throw e;
  }
}

export function blobPath(sha256: string): string {
  // The hash becomes a path: anything but 64 lower-case hex digits could walk out of the store.
  if (!SHA256_HEX.test(sha256)) throw new AppError("BAD_INPUT", "证据文件标识无效");
  return path.resolve(getEnv().DATA_DIR, "blobs", sha256.slice(0, 2), sha256);
}

export function readBlobStream(sha256: string): fs.ReadStream {
  const file = blobPath(sha256);
  if (!fs.existsSync(file)) throw new AppError("NOT_FOUND", "证据文件不存在或已被删除");
  return fs.createReadStream(file);
}

/**
 * A display name safe for lists and Content-Disposition: no directories, no control or
 * bidi-override characters (which can disguise "gpj.exe" as "exe.jpg"), at most 100 characters,
 * Chinese kept. The extension is made to match the sniffed type, so a name never lies about
 * its content.
 */
export function sanitiseFilename(originalName: string, exts: readonly string[]): string {
  const base = originalName.normalize("NFC").split(/[/\\]/).pop() ?? "";
  const cleaned = base
    .replace(/[\p{Cc}\p{Cf}]/gu, "")
    .replace(/[<>:"|?*]/g, "_")
    .replace(/\s+/g, " ")
    .replace(/^[\s.]+|[\s.]+$/g, "");
  const dot = cleaned.lastIndexOf(".");
  const ext = dot > 0 ? cleaned.slice(dot + 1).toLowerCase() : "";
  const keep = exts.includes(ext);
  // A wrong extension ("合同.exe" holding a PDF) is replaced; a dot inside a title is not one.
  let stem = keep || /^[a-z0-9]{1,5}$/.test(ext) ? cleaned.slice(0, dot) : cleaned;
  const suffix = `.${keep ? ext : exts[0]}`;
  stem = stem.replace(/[\s.]+$/g, "") || "证据文件";
  // Count code points, not UTF-16 units, so a cut never splits a character.
  const room = 100 - suffix.length;
  const chars = Array.from(stem);
  if (chars.length > room) stem = chars.slice(0, room).join("").trimEnd();
  return stem + suffix;
}
