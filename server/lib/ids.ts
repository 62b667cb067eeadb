import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";

/** A random, URL-safe id (80 bits). */
export function createId(): string {
  const bytes = new Uint8Array(10);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}
