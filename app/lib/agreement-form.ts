// The agreement editor posts flat fields ("parties.0.ethnicity", "payment.instalments.1.amountYuan");
// this turns them into the content object the schema checks, amounts from 元 text to whole 分.
// Field names mirror the schema's paths so an error lands next to the input it is about.
import { agreementContentSchema, type AgreementContent } from "./agreement-schema";

const YUAN = /^\d{1,13}(\.\d{1,2})?$/; // the schema says how large is too large

/** "12000.5" → 1200050; never through a float. null when empty, NaN when malformed. */
export function yuanTextToFen(text: string): number | null {
  const t = text.trim().replace(/[,，]/g, "");
  if (!t) return null;
  if (!YUAN.test(t)) return Number.NaN;
  const [whole, frac = ""] = t.split(".");
  return Number(whole) * 100 + Number(frac.padEnd(2, "0"));
}

export function fenToYuanText(fen: number | null | undefined): string {
  if (fen == null) return "";
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, "0")}`;
}

/** Input name for a schema path: amounts are typed in 元. */
export function inputName(path: readonly PropertyKey[]): string {
  return path.map(String).join(".").replace(/Fen$/, "Yuan");
}

function str(fd: FormData, name: string): string {
  const v = fd.get(name);
  return typeof v === "string" ? v : "";
}

function indices(fd: FormData, prefix: string): number[] {
  const set = new Set<number>();
  for (const key of fd.keys()) {
    const m = new RegExp(`^${prefix.replace(/\./g, "\\.")}\\.(\\d+)\\.`).exec(key);
    if (m) set.add(Number(m[1]));
  }
  return [...set].sort((a, b) => a - b);
}

export type FormErrors = Record<string, string>;

export function readAgreementForm(fd: FormData): { content: unknown; errors: FormErrors } {
  const errors: FormErrors = {};
  const amount = (name: string, label: string): number | undefined => {
    const fen = yuanTextToFen(str(fd, name));
    if (fen === null) return undefined;
    if (Number.isNaN(fen)) {
      errors[name] = `${label}应为金额数字，最多两位小数，如 12000 或 3500.50`;
      return undefined;
    }
    return fen;
  };
  const int = (name: string): number | undefined => {
    const t = str(fd, name).trim();
    return /^\d{1,3}$/.test(t) ? Number(t) : undefined;
  };

  const parties = indices(fd, "parties").map((i) => {
    const p = (k: string) => str(fd, `parties.${i}.${k}`).trim();
    const common = { partyId: p("partyId"), side: p("side"), kind: p("kind"), name: p("name"), idNumber: p("idNumber"), address: p("address") };
    return common.kind === "org"
      ? { ...common, legalRep: p("legalRep"), legalRepTitle: p("legalRepTitle") || undefined }
      : { ...common, sex: p("sex") || undefined, age: int(`parties.${i}.age`), ethnicity: p("ethnicity"), occupation: p("occupation") };
  });

  // Blank instalment rows (the editor offers spare ones) are ignored.
  const instalments = indices(fd, "payment.instalments")
    .map((i) => ({ dueDate: str(fd, `payment.instalments.${i}.dueDate`).trim(), amountFen: amount(`payment.instalments.${i}.amountYuan`, `第${i + 1}期金额`), raw: str(fd, `payment.instalments.${i}.amountYuan`).trim() }))
    .filter((x) => x.dueDate || x.raw)
    .map(({ dueDate, amountFen }) => ({ dueDate, amountFen }));

  const hasPayment = str(fd, "hasPayment") === "on";
  const content = {
    template: str(fd, "template"),
    parties,
    facts: str(fd, "facts"),
    disputes: str(fd, "disputes"),
    responsibilities: str(fd, "responsibilities"),
    terms: str(fd, "terms")
      .split(/\r?\n/)
      .map((l) => l.replace(/^\s*(\d+[.、．)]|[（(]\d+[)）])\s*/, "").trim())
      .filter(Boolean),
    payment: hasPayment
      ? {
          payerPartyId: str(fd, "payment.payerPartyId"),
          payeePartyId: str(fd, "payment.payeePartyId"),
          totalFen: amount("payment.totalYuan", "协议金额"),
          instalments,
          method: str(fd, "payment.method"),
        }
      : null,
    performance: { manner: str(fd, "performance.manner"), place: str(fd, "performance.place"), deadline: str(fd, "performance.deadline").trim() },
    enforcementClause: str(fd, "enforcementClause") === "on",
    personalStatus: str(fd, "personalStatus") === "on",
    paperSigning: str(fd, "paperSigning") === "on",
    other: str(fd, "other").trim() || undefined,
  };
  return { content, errors };
}

/** Parses the editor's form: the content when valid, else errors keyed by input name. */
export function parseAgreementForm(fd: FormData): { ok: true; content: AgreementContent } | { ok: false; errors: FormErrors } {
  const { content, errors } = readAgreementForm(fd);
  const parsed = agreementContentSchema.safeParse(content);
  if (Object.keys(errors).length === 0 && parsed.success) return { ok: true, content: parsed.data };
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const key = inputName(issue.path);
      // An amount already reported as malformed keeps that clearer message.
      errors[key] ??= issue.message;
    }
  return { ok: false, errors };
}
