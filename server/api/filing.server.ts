// Filing by API: the body is parsed with the wizard's own schema, chosen by who files, before
// anything is written. Routes import it through app/lib/openapi.server.ts (ADR 007).
import { FILING_SCHEMAS } from "../../app/lib/openapi-schemas";
import type { SessionUser } from "../auth/session";
import { sourceFor, type SubmitInput } from "../cases/filing";
import { isKnownRegion } from "../triage/regions";
import { badInput, parseWith } from "./http.server";

/** The submission for `user`'s kind of filing, or a thrown 400 (or 403 AppError for non-filers). */
export function parseFiling(user: SessionUser, body: unknown): SubmitInput {
  const source = sourceFor(user);
  let input: SubmitInput;
  if (source === "citizen") input = { source, data: parseWith(FILING_SCHEMAS.citizen, body) };
  else if (source === "lawyer_referral") input = { source, data: parseWith(FILING_SCHEMAS.lawyer_referral, body) };
  else {
    const data = parseWith(FILING_SCHEMAS.court, body);
    input = { source: data.mode, data };
  }
  // submitDraft checks these as well, but in the one-call filing the draft exists by then.
  if (!isKnownRegion(input.data.regionCode)) throw badInput("所选区县不存在，请重新选择", "regionCode");
  if (input.data.areaCode && !isKnownRegion(input.data.areaCode)) throw badInput("所选乡镇（街道）不存在，请重新选择", "areaCode");
  return input;
}
