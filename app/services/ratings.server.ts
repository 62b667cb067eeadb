// Routes reach 满意度评价 and 调解员档案 (server/oversight/ratings, server/oversight/records) through this file (ADR 003).
export { rateCase } from "../../server/oversight/ratings/rate";
export { ratingPanel, type RatingPanelData } from "../../server/oversight/ratings/panel";
export { ratingSchema, COMMENT_MAX } from "../../server/oversight/ratings/schema";
// Field → first message: the same helper as the 司法确认 forms.
export { fieldErrors } from "../../server/handoff/confirmation/schemas";
export { mediatorRecordsIndex, mediatorRecord, type MediatorRecord, type MediatorRecordsList } from "../../server/oversight/records/records";
