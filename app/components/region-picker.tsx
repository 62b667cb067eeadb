import { useCallback, useEffect, useId, useRef, useState } from "react";

type Region = { code: string; name: string };

const LEVELS = [
  { label: "省", length: 2 },
  { label: "市", length: 4 },
  { label: "区县", length: 6 },
  { label: "乡镇/街道", length: 9 },
] as const;

// Shared by every picker on the page; a failed request is forgotten so that it can be retried.
const cache = new Map<string, Promise<Region[]>>();

function fetchChildren(parent: string | null): Promise<Region[]> {
  const key = parent ?? "";
  let p = cache.get(key);
  if (!p) {
    p = fetch(parent ? `/api/v1/regions?parent=${encodeURIComponent(parent)}` : "/api/v1/regions", {
      headers: { Accept: "application/json" },
    })
      .then((r) => {
        if (!r.ok) throw new Error(`HTTP ${r.status}`);
        return r.json() as Promise<{ items: Region[] }>;
      })
      .then((body) => body.items);
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  return p;
}

/** The codes of the chain down to `value`: "530102001" → ["53", "5301", "530102", "530102001"]. */
function chainOf(value: string | undefined): string[] {
  if (!value || !/^\d+$/.test(value)) return [];
  return LEVELS.filter((l) => value.length >= l.length).map((l) => value.slice(0, l.length));
}

/**
 * 省 / 市 / 区县 / 乡镇(街道) selects filled from /api/v1/regions as the user chooses. Submits
 * `name` (the deepest division chosen) and `countyName` (default `regionCode`: the county, 6
 * digits; pass null to leave it out, e.g. for a second picker in the same form).
 */
export function RegionPicker({
  name,
  defaultValue,
  label,
  required = false,
  error,
  countyName = "regionCode",
}: {
  name: string;
  defaultValue?: string;
  label: string;
  required?: boolean;
  error?: string;
  countyName?: string | null;
}) {
  const id = useId();
  const [codes, setCodes] = useState<string[]>(() => chainOf(defaultValue));
  // options[i]: the choices at level i; null while not (yet) loaded.
  const [options, setOptions] = useState<(Region[] | null)[]>([null, null, null, null]);
  const [loading, setLoading] = useState<boolean[]>([false, false, false, false]);
  const [failed, setFailed] = useState<number | null>(null);
  // The parent each level was last asked for, so that a slow answer for an old choice is dropped.
  const asked = useRef<(string | null | undefined)[]>([undefined, undefined, undefined, undefined]);

  const load = useCallback((level: number, parent: string | null) => {
    asked.current[level] = parent;
    setLoading((l) => l.map((v, i) => (i === level ? true : v)));
    fetchChildren(parent).then(
      (items) => {
        if (asked.current[level] !== parent) return;
        setOptions((o) => o.map((v, i) => (i === level ? items : v)));
        setLoading((l) => l.map((v, i) => (i === level ? false : v)));
        setFailed((f) => (f === level ? null : f));
        // A single choice (北京市 → 市辖区, 东莞市 → 东莞市) is chosen for the user.
        setCodes((c) => (c.length === level && items.length === 1 ? [...c, items[0].code] : c));
      },
      () => {
        if (asked.current[level] !== parent) return;
        setLoading((l) => l.map((v, i) => (i === level ? false : v)));
        setFailed(level);
      },
    );
  }, []);

  // Whenever the chain grows, load what the next level needs (and, on first render, the whole
  // preloaded chain).
  useEffect(() => {
    for (let level = 0; level <= Math.min(codes.length, LEVELS.length - 1); level++) {
      const parent = level === 0 ? null : codes[level - 1];
      if (asked.current[level] !== parent) load(level, parent);
    }
  }, [codes, load]);

  function choose(level: number, value: string) {
    for (let i = level + 1; i < LEVELS.length; i++) asked.current[i] = undefined;
    setOptions((o) => o.map((v, i) => (i > level ? null : v)));
    setLoading((l) => l.map((v, i) => (i > level ? false : v)));
    setCodes((c) => (value ? [...c.slice(0, level), value] : c.slice(0, level)));
  }

  const deepest = codes[codes.length - 1] ?? "";
  const county = codes[2] ?? "";
  const errorId = `${id}-error`;
  const statusId = `${id}-status`;
  const busy = loading.some(Boolean);

  return (
    <fieldset className="field region-picker" aria-describedby={error ? errorId : undefined}>
      <legend>
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </legend>
      <div className="grid grid-4">
        {LEVELS.map((l, level) => {
          const selectId = `${id}-${level}`;
          const list = options[level];
          const chosen = codes[level] ?? "";
          const enabled = level === 0 || !!codes[level - 1];
          const isLoading = loading[level];
          return (
            <div className="field" key={l.label}>
              <label htmlFor={selectId}>{l.label}</label>
              <select
                id={selectId}
                value={chosen}
                onChange={(e) => choose(level, e.currentTarget.value)}
                disabled={!enabled || (isLoading && !chosen)}
                required={required && enabled && (list === null || list.length > 0)}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? errorId : undefined}
                aria-busy={isLoading || undefined}
              >
                <option value="">{isLoading ? "加载中…" : enabled ? `请选择${l.label}` : `请先选择${LEVELS[level - 1]?.label ?? ""}`}</option>
                {list
                  ? list.map((r) => (
                      <option key={r.code} value={r.code}>
                        {r.name}
                      </option>
                    ))
                  : chosen
                    ? <option value={chosen}>加载中…</option>
                    : null}
              </select>
            </div>
          );
        })}
      </div>
      <p id={statusId} className="hint" role="status" aria-live="polite">
        {failed !== null ? (
          <>
            地区列表加载失败，请检查网络后{" "}
            <button
              type="button"
              className="btn btn-ghost"
              onClick={() => load(failed, failed === 0 ? null : codes[failed - 1])}
            >
              重试
            </button>
          </>
        ) : busy ? (
          "正在加载地区列表…"
        ) : null}
      </p>
      <noscript>
        <p className="hint">选择地区需要浏览器启用 JavaScript。</p>
      </noscript>
      {error ? (
        <p id={errorId} className="error" role="alert">
          {error}
        </p>
      ) : null}
      {countyName && countyName !== name ? <input type="hidden" name={countyName} value={county} /> : null}
      <input type="hidden" name={name} value={name === countyName ? county : deepest} />
    </fieldset>
  );
}
