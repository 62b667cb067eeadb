// Routes reach server/handoff/performance (履行: schedule, payments, enforcement route) through this file (ADR 003).
export { confirmPayment } from "../../server/handoff/performance/confirm";
export { fulfilmentSection, type FulfilmentSection } from "../../server/handoff/performance/case-section";
