// Drafts are stored as the nested payload Conform parsed from the form; to validate a draft as a
// whole we turn it back into FormData, so that error paths match the field names on the page.

export function toFormData(value: unknown, prefix = "", fd: FormData = new FormData()): FormData {
  if (value == null) return fd;
  if (Array.isArray(value)) {
    value.forEach((v, i) => toFormData(v, `${prefix}[${i}]`, fd));
  } else if (typeof value === "object") {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) toFormData(v, prefix ? `${prefix}.${k}` : k, fd);
  } else {
    fd.append(prefix, String(value));
  }
  return fd;
}

/** Top-level keys replace: each wizard step posts whole top-level fields. */
export function mergeDraft(draft: Record<string, unknown>, payload: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out = { ...draft };
  for (const k of keys) {
    if (k in payload) out[k] = payload[k];
    else delete out[k];
  }
  return out;
}
