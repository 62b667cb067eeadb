// The CJK font for every PDF the platform issues: Noto Serif SC (SIL OFL), regular and bold.
// pdfkit embeds only the glyphs a document uses (a subset), which keeps a document at tens of
// kilobytes. The TTFs are 15 MB each: each is read and parsed once per process, and the parsed
// font is shared by every document (see registerCjkFonts for why that matters).
import fs from "node:fs";
import { createRequire } from "node:module";

/** Names under which createA4Document registers the fonts: pass them to pdf.font(). */
export const SERIF = "NotoSerifSC";
export const SERIF_BOLD = "NotoSerifSC-Bold";

const FILES = {
  [SERIF]: "@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf",
  [SERIF_BOLD]: "@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf",
} as const;

/** What pdfkit needs from a fontkit font (it accepts one wherever it accepts a font file). */
type FontkitFont = { layout: (text: string) => unknown; postscriptName: string };

const require = createRequire(import.meta.url);
// pdfkit's own fontkit, resolved from pdfkit's location: the same version pdfkit was built with,
// without declaring a second copy in package.json.
const fontkit = createRequire(require.resolve("pdfkit"))("fontkit") as { create: (data: Buffer) => FontkitFont };
const parsed = new Map<string, FontkitFont>();

function font(name: keyof typeof FILES): FontkitFont {
  let f = parsed.get(name);
  if (!f) {
    f = withMemos(fontkit.create(fs.readFileSync(require.resolve(FILES[name]))));
    parsed.set(name, f);
  }
  return f;
}

type GlyphRun = { glyphs: unknown[]; positions: object[] };
type Glyph = { _decode?: () => unknown };
const MEMO_LIMIT = 50_000;

/**
 * The font with two results remembered across documents, both of which depend on the font alone:
 * - text shaping (fontkit's layout: cmap, GSUB, GPOS), most of the cost of setting text, which
 *   pdfkit remembers only within one document and per line-breaking unit (for Chinese, every
 *   character); pdfkit scales the positions it gets in place, hence the copies;
 * - a glyph's decoded outline, which fontkit's subsetter decodes again for every document just to
 *   see whether the glyph is composite (fontkit keeps the glyph objects, not their outlines).
 * Everything else reaches the font itself. This is an optimisation only: if fontkit's internals
 * change, the outline memo does nothing and the output stays the same.
 */
function withMemos(f: FontkitFont): FontkitFont {
  const runs = new Map<string, GlyphRun>();
  const copy = (run: GlyphRun): GlyphRun =>
    Object.assign(Object.create(Object.getPrototypeOf(run)) as GlyphRun, run, {
      positions: run.positions.map((p) => Object.assign(Object.create(Object.getPrototypeOf(p)) as object, p)),
    });
  const layout = (text: string, ...rest: unknown[]) => {
    if (rest.some((r) => r !== undefined)) return (f.layout as (...a: unknown[]) => GlyphRun)(text, ...rest);
    const hit = runs.get(text);
    if (hit) return copy(hit);
    const run = f.layout(text) as GlyphRun;
    if (runs.size >= MEMO_LIMIT) runs.clear();
    runs.set(text, copy(run));
    return run;
  };
  const decoded = new WeakSet<Glyph>();
  const getGlyph = function (this: FontkitFont, ...args: unknown[]) {
    const glyph = (Reflect.get(f, "getGlyph", f) as (...a: unknown[]) => Glyph).apply(this, args);
    const decode = glyph?._decode;
    if (typeof decode === "function" && !decoded.has(glyph)) {
      decoded.add(glyph);
      let outline: unknown;
      glyph._decode = function (this: Glyph) {
        return (outline ??= decode.call(this));
      };
    }
    return glyph;
  };
  const proxy: FontkitFont = new Proxy(f, {
    // Getters run with the font as `this`; methods are called on the proxy, so that their own
    // calls to layout and getGlyph come back here.
    get: (target, key) => (key === "layout" ? layout : key === "getGlyph" ? getGlyph : Reflect.get(target, key, target)),
  });
  return proxy;
}

/**
 * Registers both weights. Two pdfkit details make this fast:
 * - a parsed fontkit font, not the file's bytes: with bytes, every document parses the font's
 *   tables (cmap, metrics, GSUB) again, which costs more than everything else on a page;
 * - the family given as the registered name: pdfkit restores a previous font by its source and
 *   family (its tables do after every cell), and only a family finds the already-open font; with
 *   a bare source it opens and compares a new font each time.
 */
export function registerCjkFonts(pdf: PDFKit.PDFDocument): void {
  for (const name of [SERIF, SERIF_BOLD] as const) {
    pdf.registerFont(name, font(name) as unknown as PDFKit.Mixins.PDFFontSource, name);
  }
}
