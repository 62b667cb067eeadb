// A small CSV writer (RFC 4180) for every export on the platform, and a reader for tests.
// Excel opens a UTF-8 file as the local code page (GBK in China) unless it starts with a byte
// order mark, so files carry one; lines end in CRLF; a field is quoted when it holds a comma, a
// quote, a line break or edge spaces, with quotes doubled. Text that a spreadsheet would run as a
// formula (=, +, -, @ and control characters at the start) gets a leading apostrophe (OWASP
// "CSV injection"); numbers are written as numbers.

export const BOM = "\uFEFF";

export type CsvValue = string | number | boolean | null | undefined | Date;

export function csvField(v: CsvValue): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
  if (typeof v === "boolean") return v ? "是" : "否";
  let s = v instanceof Date ? v.toISOString() : v;
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function toCsv(rows: readonly (readonly CsvValue[])[], opts: { bom?: boolean } = {}): string {
  return (opts.bom === false ? "" : BOM) + rows.map((r) => r.map(csvField).join(",") + "\r\n").join("");
}

/** RFC 5987 / 8187 ext-value: percent-encode all but attr-char (encodeURIComponent leaves ' ( ) * ! alone). */
function encodeExtValue(s: string): string {
  return encodeURIComponent(s).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Headers for a CSV download: the UTF-8 name for browsers that read filename* (RFC 6266), and an
 * ASCII fallback for those that do not.
 */
export function csvHeaders(filename: string, asciiFallback: string): Record<string, string> {
  const fallback = asciiFallback.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="${fallback}"; filename*=UTF-8''${encodeExtValue(filename)}`,
    "Cache-Control": "private, no-store",
    "X-Content-Type-Options": "nosniff",
  };
}

/** Parses CSV text (a leading BOM is dropped) into rows of strings. */
export function parseCsv(text: string): string[][] {
  const s = text.startsWith(BOM) ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" || c === "\n") {
      if (c === "\r" && s[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
