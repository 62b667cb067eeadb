// A round red official seal (公章) drawn with vector paths: outer ring, five-pointed star, the
// organisation's name along the upper arc, and a horizontal line below the star (调解专用章).
// Shared by every issued document: the agreement, the court's 民事裁定书, the notary's 公证书.
// It is the visible sign; what protects the file is the digital signature (seal-pdf.ts).
import { SERIF_BOLD } from "./fonts";
import { lineAt } from "./layout";

export type SealOptions = {
  /** Centre of the seal, in points. */
  x: number;
  y: number;
  radius: number; // a 42 mm seal is 59.5 pt
  /** Along the upper arc, clockwise from lower left: usually the organisation's full name. */
  text: string;
  /** The horizontal line under the star, e.g. 调解专用章; omitted when empty. */
  bottomText?: string;
  color?: string;
  /** A font registered in the document; defaults to the bold CJK serif of createA4Document. */
  font?: string;
  /** Below 1 the text underneath shows through, as through stamp ink. */
  opacity?: number;
};

export const SEAL_RED = "#E60012";

export function drawSeal(pdf: PDFKit.PDFDocument, o: SealOptions): void {
  const { x, y, radius: r } = o;
  const color = o.color ?? SEAL_RED;
  const font = o.font ?? SERIF_BOLD;
  const ring = r * 0.055;
  // The caller's cursor and font come back afterwards: pdf.save() covers only graphics state.
  const caller = pdf as unknown as { x: number; y: number; _font: unknown; _fontSize: number };
  const before = { x: caller.x, y: caller.y, font: caller._font, size: caller._fontSize };
  pdf.save();
  pdf.fillColor(color).strokeColor(color).fillOpacity(o.opacity ?? 0.88).strokeOpacity(o.opacity ?? 0.88);

  pdf.lineWidth(ring).circle(x, y, r - ring / 2).stroke();
  drawStar(pdf, x, y, r * 0.32);
  drawArcText(pdf, o.text, x, y, r, ring, font);

  const bottom = (o.bottomText ?? "").trim();
  if (bottom) {
    const size = r * 0.19;
    const natural = [...bottom].length * size;
    const room = r * 1.15;
    pdf.font(font).fontSize(size);
    withCharacters(pdf, () => {
      // Compressed sideways rather than shrunk when long, as seal engravers do.
      const sx = Math.min(1, room / natural);
      pdf.translate(x, y + r * 0.55).scale(sx, 1);
      lineAt(pdf, bottom, -natural / 2, 0, { width: natural, align: "center", baseline: centred(size) });
    });
  }
  pdf.restore();
  Object.assign(caller, { x: before.x, y: before.y, _font: before.font, _fontSize: before.size });
}

// A numeric pdfkit baseline that centres a CJK character vertically on y: the ideographic em box
// runs from 0.12 em below the baseline to 0.88 em above it, so its middle is 0.38 em up.
const centred = (size: number) => -0.38 * size;

function drawStar(pdf: PDFKit.PDFDocument, x: number, y: number, outer: number): void {
  const inner = outer * 0.382; // a regular pentagram
  const points: [number, number][] = [];
  for (let k = 0; k < 10; k++) {
    const a = -Math.PI / 2 + (k * Math.PI) / 5; // first point straight up
    const rr = k % 2 === 0 ? outer : inner;
    points.push([x + rr * Math.cos(a), y + rr * Math.sin(a)]);
  }
  pdf.polygon(...points).fill();
}

function drawArcText(pdf: PDFKit.PDFDocument, text: string, x: number, y: number, r: number, ring: number, font: string): void {
  const chars = [...text.trim()];
  if (chars.length === 0) return;
  const size = r * (chars.length > 14 ? 0.22 : 0.26);
  const centre = r - ring - r * 0.06 - size / 2; // radius through the middle of the characters
  const natural = (size * 1.08) / centre; // the angle a character needs at full width
  // Long names close up to fill at most 250°; short ones open up a little, towards 200°.
  const deg = Math.PI / 180;
  const tight = natural * (chars.length - 1);
  const span = Math.min(250 * deg, Math.max(tight, Math.min(200 * deg, tight * 1.5)));
  const step = chars.length > 1 ? span / (chars.length - 1) : 0;
  const sx = Math.min(1, (step * centre) / (size * 1.02)) || 1;
  pdf.font(font).fontSize(size);
  chars.forEach((ch, i) => {
    const angle = -span / 2 + i * step; // 0 = twelve o'clock, clockwise
    withCharacters(pdf, () => {
      // Each character stands on the circle with its top pointing outwards.
      pdf.translate(x + centre * Math.sin(angle), y - centre * Math.cos(angle));
      pdf.rotate((angle * 180) / Math.PI);
      pdf.scale(Math.max(sx, 0.45), 1);
      lineAt(pdf, ch, -size / 2, 0, { width: size, align: "center", baseline: centred(size) });
    });
  });
}

function withCharacters(pdf: PDFKit.PDFDocument, draw: () => void): void {
  pdf.save();
  draw();
  pdf.restore();
}
