// What a signature binds to: the SHA-256 of the version's content in a canonical JSON form
// (keys sorted), so the same content always hashes the same however it was built.
import crypto from "node:crypto";

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === "object")
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
        .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
    );
  return v;
}

export function contentSha256(content: unknown): string {
  return crypto.createHash("sha256").update(JSON.stringify(canonical(content))).digest("hex");
}
