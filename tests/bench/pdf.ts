// npm run bench:pdf: issuing the agreement PDF (render + the organisation's PAdES seal), measured
// beside a bare one-page pdfkit CJK PDF made in the same process, so that the ratio says what our
// layout, images, QR codes and seal cost rather than how fast this machine is (ADR 012). Prints a
// table and a PASS/FAIL line per target, adds a "pdf" section to tests/bench/results.json, and
// exits 1 if a target fails. BENCH_PDF_RUNS (100) sets the number of warm runs.
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import PDFDocument from "pdfkit";

const RUNS = Number(process.env.BENCH_PDF_RUNS ?? 100);
const TARGET = { warmVsBare: 3, maxBytes: 300 * 1024, coldMs: 1500 };

const log = (s = "") => console.log(s);
const width = (s: string) => [...s].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
const pad = (s: string, n: number) => s + " ".repeat(Math.max(1, n - width(s)));
const ms = (n: number) => `${n < 10 ? n.toFixed(1) : Math.round(n)} ms`;
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];
const median = (xs: number[]) => pct(xs, 50);

// The baseline: what architecture.md describes, pdfkit with the font file read once and cached.
const require = createRequire(import.meta.url);
let bareFont: Buffer | undefined;
const BARE_TEXT =
  "2025年6月10日，被申请人王芳因经营周转向申请人李明借款人民币12000元，通过银行转账交付，双方签订借条，约定于2025年12月31日前归还，未约定利息。" +
  "借款到期后，申请人多次催要，被申请人以资金紧张为由未予归还，申请人于2026年2月向本委员会申请调解。经调解，双方自愿达成协议，被申请人分三期归还借款。";

function barePdf(): Promise<Buffer> {
  bareFont ??= fs.readFileSync(require.resolve("@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf"));
  const pdf = new PDFDocument({ size: "A4" });
  const chunks: Buffer[] = [];
  pdf.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => pdf.on("end", () => resolve(Buffer.concat(chunks))));
  pdf.registerFont("cjk", bareFont);
  pdf.font("cjk").fontSize(18).text("人民调解协议书", { align: "center" }).moveDown();
  pdf.fontSize(12).text(BARE_TEXT.repeat(3), { lineGap: 4, indent: 24 });
  pdf.end();
  return done;
}

const time = async <T>(f: () => Promise<T>): Promise<[number, T]> => {
  const t = performance.now();
  const r = await f();
  return [performance.now() - t, r];
};

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "yjf-pdf-bench-"));
  process.env.SEAL_CERT_DIR = path.join(dir, "certs"); // read lazily, on the first seal
  try {
    const cpus = os.cpus();
    const loadBefore = os.loadavg();
    log(`PDF bench: the agreement issued ${RUNS}× warm, beside a bare pdfkit CJK page (node ${process.version}, ${cpus.length} CPUs)`);
    if (loadBefore[0] > cpus.length / 2) log(`warning: load average ${loadBefore[0].toFixed(1)} on ${cpus.length} CPUs before the run; other work skews the figures`);

    const [importMs, mods] = await time(async () => ({
      certs: await import("../../server/agreements/certs"),
      issue: await import("../../server/agreements/pdf/issue"),
      seal: await import("../../server/agreements/seal-pdf"),
      sample: await import("../../server/agreements/pdf/sample"),
    }));
    const base = mods.sample.sampleAgreementDocument();
    const org = { id: "benchorg", name: base.orgName };
    // The certificate exists before the clock starts, as on a seeded server: cold includes
    // reading it, not generating it.
    const [certGenMs] = await time(async () => mods.certs.ensureOrgCertificate(org));

    // Every run a different document (number, amount, QR), as a server sees them.
    const docFor = (i: number) => {
      const d = mods.sample.sampleAgreementDocument();
      const fen = 1_200_000 + i * 300;
      d.docNo = `五华人调〔2026〕第${String(1000 + i).padStart(4, "0")}号`;
      d.caseNo = `云解纷〔2026〕${String(100000 + i)}号`;
      d.verifyUrl = `https://jiefen.example.cn/verify/AGR-2026-${1000 + i}?c=${(i * 7919).toString(36)}`;
      d.content = { ...d.content, payment: { ...d.content.payment!, totalFen: fen, instalments: d.content.payment!.instalments.map((x, k) => ({ ...x, amountFen: k === 0 ? fen - 800_000 : 400_000 })) } };
      return d;
    };

    const [coldMs, cold] = await time(() => mods.issue.issueAgreementPdf(docFor(0), org));
    const [bareColdMs, bareCold] = await time(barePdf);

    // Interleaved, so that a burst of other work on the machine hits both alike.
    const warm: number[] = [];
    const bare: number[] = [];
    let last = cold;
    for (let i = 1; i <= RUNS; i++) {
      const doc = docFor(i);
      const [a, issued] = await time(() => mods.issue.issueAgreementPdf(doc, org));
      warm.push(a);
      last = issued;
      bare.push((await time(barePdf))[0]);
    }
    // The seal alone, on an already rendered file.
    const rendered = last.pdf;
    const seal: number[] = [];
    for (let i = 0; i < 20; i++) seal.push((await time(() => mods.seal.sealPdf(rendered, org, { reason: "bench", location: "bench", signedAt: new Date() })))[0]);
    // Distinct page objects: the seal's incremental update writes the first page again.
    const pages = new Set([...last.pdf.toString("latin1").matchAll(/(\d+) 0 obj\s*<<\s*\/Type \/Page\b/g)].map((m) => m[1])).size;

    const r = {
      agreement: { coldMs, warmMedianMs: median(warm), warmP99Ms: pct(warm, 99), bytes: last.size, coldBytes: cold.size, pages },
      bare: { coldMs: bareColdMs, warmMedianMs: median(bare), bytes: bareCold.length },
      sealWarmMedianMs: median(seal),
      importMs,
      certGenerationMs: certGenMs,
    };
    const ratio = r.agreement.warmMedianMs / r.bare.warmMedianMs;

    log();
    log(`${pad("", 44)}${pad("cold", 10)}${pad("warm p50", 11)}${pad("warm p99", 11)}size`);
    log(`${pad("agreement issued (render + seal)", 44)}${pad(ms(coldMs), 10)}${pad(ms(r.agreement.warmMedianMs), 11)}${pad(ms(r.agreement.warmP99Ms), 11)}${kb(r.agreement.bytes)}, ${pages} pages`);
    log(`${pad("  of which the PAdES seal", 44)}${pad("", 10)}${pad(ms(r.sealWarmMedianMs), 11)}`);
    log(`${pad("bare pdfkit CJK page", 44)}${pad(ms(bareColdMs), 10)}${pad(ms(r.bare.warmMedianMs), 11)}${pad(ms(pct(bare, 99)), 11)}${kb(r.bare.bytes)}, 1 page`);
    log(`modules loaded in ${ms(importMs)} (not in cold); certificate generated beforehand in ${ms(certGenMs)}`);

    const checks = [
      { target: `warm agreement ≤ ${TARGET.warmVsBare}× the bare page (median)`, actual: `${ratio.toFixed(2)}× (${ms(r.agreement.warmMedianMs)} vs ${ms(r.bare.warmMedianMs)})`, pass: ratio <= TARGET.warmVsBare },
      { target: `size ≤ ${kb(TARGET.maxBytes)}`, actual: kb(Math.max(r.agreement.bytes, r.agreement.coldBytes)), pass: Math.max(r.agreement.bytes, r.agreement.coldBytes) <= TARGET.maxBytes },
      { target: `cold ≤ ${TARGET.coldMs} ms`, actual: ms(coldMs), pass: coldMs <= TARGET.coldMs },
    ];
    log();
    for (const c of checks) log(`${c.pass ? "PASS" : "FAIL"}  ${c.target}: ${c.actual}`);
    const loadAfter = os.loadavg();
    log(`machine: ${cpus.length} cores (${cpus[0]?.model.trim()}), Node ${process.version}; load average ${loadBefore.map((x) => x.toFixed(2)).join(" ")} before, ${loadAfter.map((x) => x.toFixed(2)).join(" ")} after`);

    // Its own section: the HTTP bench owns the rest of the file.
    const out = path.resolve("tests/bench/results.json");
    let results: Record<string, unknown> = {};
    try {
      results = JSON.parse(fs.readFileSync(out, "utf8")) as Record<string, unknown>;
    } catch {
      // no file yet, or an unreadable one: start afresh
    }
    results.pdf = { at: new Date().toISOString(), runs: RUNS, targets: TARGET, ...r, warmVsBare: ratio, machine: { cpus: cpus.length, cpu: cpus[0]?.model.trim(), node: process.version, loadBefore, loadAfter }, checks };
    fs.writeFileSync(out, JSON.stringify(results, null, 2));
    log(`results: ${path.relative(process.cwd(), out)} (pdf)`);
    process.exitCode = checks.every((c) => c.pass) ? 0 : 1;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
