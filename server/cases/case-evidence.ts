// Evidence on a case: who may add it, and reading it back with the access check.
import { and, eq } from "drizzle-orm";
import { getDb } from "../../db/client";
import { evidence } from "../../db/schema";
import type { SessionUser } from "../auth/session";
import { AppError } from "../lib/errors";
import { createId } from "../lib/ids";
import { loadCaseFor } from "./access";
import { actorOf } from "./actor";
import { sniffAndStore } from "./evidence";
import { recordEvent } from "./timeline";

export const MAX_FILES_PER_UPLOAD = 5;
export const MAX_FILES_PER_CASE = 60;

export type Upload = { name: string; bytes: Uint8Array };

/**
 * Stores the files (type sniffed from the bytes), then records them on the case in one
 * transaction. A bad file refuses the whole upload; nothing is recorded.
 */
export async function addEvidence(user: SessionUser, caseId: string, files: Upload[], kind: "evidence" | "power_of_attorney", description?: string) {
  const view = loadCaseFor(user, caseId);
  const mayAdd = view.roles.some((r) => ["filer", "applicant", "respondent", "mediator"].includes(r));
  if (!mayAdd) throw new AppError("FORBIDDEN", "您不能为本案上传材料");
  if (["refused", "consent_expired", "withdrawn"].includes(view.row.status)) throw new AppError("CONFLICT", "案件已结束，不能再上传材料");
  if (files.length === 0) throw new AppError("BAD_INPUT", "请选择要上传的文件", "files");
  if (files.length > MAX_FILES_PER_UPLOAD) throw new AppError("BAD_INPUT", `一次最多上传${MAX_FILES_PER_UPLOAD}个文件`, "files");
  if (kind === "power_of_attorney" && !(view.roles.includes("filer") && view.row.source === "lawyer_referral"))
    throw new AppError("BAD_INPUT", "只有代理律师需要上传授权委托书", "kind");
  const stored: Awaited<ReturnType<typeof sniffAndStore>>[] = [];
  for (const f of files) stored.push(await sniffAndStore(f.bytes, f.name));
  const side: "applicant" | "respondent" | null = view.roles.includes("respondent") ? "respondent" : view.roles.some((r) => r === "filer" || r === "applicant") ? "applicant" : null;
  const db = getDb();
  return db.transaction((tx) => {
    const existing = tx.select({ id: evidence.id }).from(evidence).where(eq(evidence.caseId, caseId)).all().length;
    if (existing + stored.length > MAX_FILES_PER_CASE) throw new AppError("BAD_INPUT", `每个案件最多${MAX_FILES_PER_CASE}份材料`, "files");
    const rows = stored.map((s) => ({ id: createId(), caseId, uploaderId: user.id, side, kind, filename: s.filename, mime: s.mime, size: s.size, sha256: s.sha256, description: description ?? null }));
    tx.insert(evidence).values(rows).run();
    if (view.row.status !== "draft")
      recordEvent(tx, caseId, actorOf(user), {
        type: "evidence_added",
        summary: `上传${kind === "power_of_attorney" ? "授权委托书" : "证据材料"}：${stored.map((s) => s.filename).join("、")}`,
      });
    return rows;
  });
}

/** The file's record, if the user may see the case it belongs to. */
export function evidenceFor(user: SessionUser, caseId: string, evidenceId: string) {
  loadCaseFor(user, caseId);
  const row = getDb().select().from(evidence).where(and(eq(evidence.id, evidenceId), eq(evidence.caseId, caseId))).get();
  if (!row) throw new AppError("NOT_FOUND", "材料不存在");
  return row;
}

/** A draft's filer may remove a file they added before submitting. */
export function removeDraftEvidence(user: SessionUser, caseId: string, evidenceId: string): void {
  const view = loadCaseFor(user, caseId);
  if (view.row.status !== "draft") throw new AppError("CONFLICT", "申请已提交，材料不能删除，可补充上传");
  getDb().delete(evidence).where(and(eq(evidence.id, evidenceId), eq(evidence.caseId, caseId), eq(evidence.uploaderId, user.id))).run();
}
