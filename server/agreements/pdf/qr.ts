// QR codes drawn as vector rectangles: sharp at any zoom and printer, a few hundred bytes of
// content stream, and no PNG encoding/decoding per page.
import QRCode from "qrcode";

export type QrMatrix = { size: number; dark: (row: number, col: number) => boolean };

/** Encode once per document; draw with drawQr on as many pages as needed. */
export function qrMatrix(text: string): QrMatrix {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  return { size: modules.size, dark: (r, c) => modules.data[r * modules.size + c] === 1 };
}

/** The symbol in a `size`-point square at (x, y), quiet zone included (4 modules each side). */
export function drawQr(pdf: PDFKit.PDFDocument, qr: QrMatrix, x: number, y: number, size: number): void {
  const m = size / (qr.size + 8);
  const x0 = x + 4 * m;
  const y0 = y + 4 * m;
  pdf.save();
  // One rectangle per horizontal run of dark modules, all filled at once.
  for (let r = 0; r < qr.size; r++) {
    for (let c = 0; c < qr.size; ) {
      if (!qr.dark(r, c)) {
        c++;
        continue;
      }
      let end = c;
      while (end < qr.size && qr.dark(r, end)) end++;
      // A hair of overlap downwards hides the seams some viewers show between rows.
      pdf.rect(x0 + c * m, y0 + r * m, (end - c) * m, m + 0.05);
      c = end;
    }
  }
  pdf.fillColor("#000000").fill();
  pdf.restore();
}
