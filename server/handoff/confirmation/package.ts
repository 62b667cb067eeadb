// The package a court receives (民诉解释 Art 354; 司法确认程序规定 Art 3), assembled when the last party
// signs: the application (a PDF generated here, with the proof that the organisation presided and
// each party's identity and contact), the sealed agreement, and the agents' powers of attorney.
// The application PDF is rendered once; its hash and the list of what was sent are recorded on the
// case timeline (the manifest), which is where the court's download finds it again.
import { and, asc, eq } from "drizzle-orm";
import crypto from "node:crypto";
import { getDb } from "../../../db/client";
import { agreements, caseEvents, caseParties, cases, evidence, handoffs, serviceAddresses, users, type CaseParty, type Handoff } from "../../../db/schema";
import { formatDocNo } from "../../../app/lib/agreement-enums";
import type { AgreementParty } from "../../../app/lib/agreement-schema";
import { formatCaseNo } from "../../../app/lib/case-format";
import { issueAgreementPdfOnce } from "../../agreements/issue";
import { chineseCount } from "../../agreements/pdf/format";
import { versionOf } from "../../agreements/store";
import { SYSTEM } from "../../cases/actor";
import { storeBlob } from "../../cases/evidence";
import { recordEvent } from "../../cases/timeline";
import { AppError } from "../../lib/errors";
import { renderApplicationPdf, type ApplicantLine, type ApplicationDocument } from "./pdf/application";
import { applicantsOf, orgById, userName, type Reader } from "./store";

export type Manifest = {
  handoffId: string;
  application: { sha256: string; size: number };
  agreement: { docNo: string; sha256: string; size: number };
  powersOfAttorney: { id: string; filename: string; sha256: string }[];
};

/** The manifest recorded when the package was assembled, if it was. */
export function manifestOf(h: Pick<Handoff, "id" | "caseId">, db: Reader = getDb()): Manifest | null {
  const rows = db
    .select({ data: caseEvents.data })
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, h.caseId), eq(caseEvents.type, "confirmation_package")))
    .all();
  const hit = rows.find((r) => r.data?.handoffId === h.id);
  return (hit?.data as Manifest | undefined) ?? null;
}

function describe(p: AgreementParty | undefined): string {
  if (!p) return "";
  return p.kind === "person" ? `${p.sex}，${p.age}岁，${p.ethnicity}，${p.occupation}` : `法定代表人：${p.legalRep}${p.legalRepTitle ? `（${p.legalRepTitle}）` : ""}`;
}

export type PackageParty = {
  partyId: string;
  label: string;
  side: CaseParty["side"];
  kind: CaseParty["kind"];
  name: string;
  idNumber: string;
  phone: string;
  address: string;
  detail: string;
  agent: { name: string; phone: string } | null;
  signedAt: Date | null;
  signedBy: string | null;
};

/** Each party as the court needs them: identity, contact, agent, and when their part was signed. */
export function packageParties(h: Handoff, db: Reader = getDb()): PackageParty[] {
  const parties = db.select().from(caseParties).where(eq(caseParties.caseId, h.caseId)).orderBy(asc(caseParties.createdAt)).all();
  const ordered = [...parties.filter((p) => p.side === "applicant"), ...parties.filter((p) => p.side === "respondent")];
  const content = h.agreementId ? agreementContent(h.agreementId, db) : null;
  const signed = applicantsOf(h.id, db);
  const addresses = db.select().from(serviceAddresses).where(eq(serviceAddresses.caseId, h.caseId)).all();
  return ordered.map((p, i) => {
    const s = signed.find((x) => x.partyId === p.id);
    const agentName = userName(p.agentUserId, db);
    const agentPhone = p.agentUserId ? (db.select({ phone: users.phone }).from(users).where(eq(users.id, p.agentUserId)).get()?.phone ?? null) : null;
    const confirmed = addresses.find((a) => a.partyId === p.id);
    return {
      partyId: p.id,
      label: ordered.length > 1 ? `申请人${chineseCount(i + 1)}` : "申请人",
      side: p.side,
      kind: p.kind,
      name: p.name,
      idNumber: p.idNumber,
      phone: confirmed?.phone ?? p.phone,
      address: confirmed?.address ?? p.address,
      detail: describe(content?.parties.find((x) => x.partyId === p.id)),
      agent: agentName ? { name: agentName, phone: agentPhone ?? "" } : null,
      signedAt: s?.signedAt ?? null,
      signedBy: s ? (s.userId === p.agentUserId ? `委托代理人${agentName ?? ""}` : "本人") : null,
    };
  });
}

function agreementContent(agreementId: string, db: Reader) {
  const a = db.select().from(agreements).where(eq(agreements.id, agreementId)).get();
  return a ? (versionOf(a.id, a.currentVersion, db)?.content ?? null) : null;
}

export function powersOfAttorney(caseId: string, db: Reader = getDb()) {
  return db
    .select({ id: evidence.id, filename: evidence.filename, sha256: evidence.sha256, side: evidence.side })
    .from(evidence)
    .where(and(eq(evidence.caseId, caseId), eq(evidence.kind, "power_of_attorney")))
    .orderBy(asc(evidence.createdAt))
    .all();
}

/** Everything the application PDF prints, resolved to text and dates. */
export function applicationDocument(h: Handoff, agreementSha256: string, db: Reader = getDb()): ApplicationDocument {
  const row = db.select().from(cases).where(eq(cases.id, h.caseId)).get()!;
  const a = db.select().from(agreements).where(eq(agreements.id, h.agreementId!)).get()!;
  const org = orgById(a.orgId, db)!;
  const court = orgById(h.targetOrgId, db)!;
  const parties = packageParties(h, db);
  const content = versionOf(a.id, a.currentVersion, db)!.content;
  return {
    courtName: court.name,
    caseNo: formatCaseNo(row.caseNo),
    category: row.category ?? "民事",
    agreementDocNo: formatDocNo(a.docNo),
    agreementSha256,
    terms: content.terms,
    orgName: org.name,
    orgAddress: org.address,
    mediatorName: userName(row.mediatorId, db) ?? "调解员",
    mediationAcceptedAt: row.acceptedAt,
    effectiveAt: a.effectiveAt!,
    submittedAt: h.submittedAt ?? new Date(),
    basis: h.basis,
    applicants: parties.map(
      (p): ApplicantLine => ({
        label: p.label,
        kind: p.kind,
        name: p.name,
        idNumber: p.idNumber,
        phone: p.phone,
        address: p.address,
        detail: p.detail,
        agent: p.agent,
        signedBy: p.signedBy ?? "—",
        signedAt: p.signedAt,
      }),
    ),
    powersOfAttorney: powersOfAttorney(h.caseId, db).map((x) => ({ filename: x.filename, sha256: x.sha256 })),
  };
}

const inflight = new Map<string, Promise<Manifest>>();

/** The package's manifest; renders the application and records the manifest the first time. */
export function issueApplicationOnce(handoffId: string): Promise<Manifest> {
  const running = inflight.get(handoffId);
  if (running) return running;
  const run = (async () => {
    const db = getDb();
    const h = db.select().from(handoffs).where(eq(handoffs.id, handoffId)).get();
    if (!h || h.kind !== "confirmation" || !h.agreementId) throw new AppError("NOT_FOUND", "司法确认申请不存在");
    if (!h.submittedAt) throw new AppError("CONFLICT", "申请尚未提交法院，申请材料尚未生成");
    const existing = manifestOf(h, db);
    if (existing) return existing;
    const agreement = await issueAgreementPdfOnce(h.agreementId);
    const pdf = await renderApplicationPdf(applicationDocument(h, agreement.pdfSha256!, db));
    const sha256 = crypto.createHash("sha256").update(pdf).digest("hex");
    await storeBlob(sha256, pdf);
    const manifest: Manifest = {
      handoffId: h.id,
      application: { sha256, size: pdf.length },
      agreement: { docNo: agreement.docNo, sha256: agreement.pdfSha256!, size: agreement.pdfSize! },
      powersOfAttorney: powersOfAttorney(h.caseId, db).map((x) => ({ id: x.id, filename: x.filename, sha256: x.sha256 })),
    };
    return db.transaction((tx) => {
      // Two processes may race here: the first manifest recorded is the one that counts.
      const again = manifestOf(h, tx);
      if (again) return again;
      const court = orgById(h.targetOrgId, tx)!.name;
      const poa = manifest.powersOfAttorney.length;
      recordEvent(tx, h.caseId, SYSTEM, {
        type: "confirmation_package",
        summary: `司法确认申请材料已自动生成并送达${court}：司法确认申请书（含调解组织主持调解的证明、当事人身份及联系方式）、调解协议书${poa ? `、授权委托书${poa}份` : ""}`,
        data: manifest as unknown as Record<string, unknown>,
      });
      return manifest;
    });
  })().finally(() => inflight.delete(handoffId));
  inflight.set(handoffId, run);
  return run;
}
