// The JSON API's view of a case's handoffs (裁) reaches routes through this file (ADR 003, ADR 007).
export { caseHandoffs } from "../../server/api/case-handoffs.server";
