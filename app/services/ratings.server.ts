// Routes reach 满意度评价 and 调解员档案 (server/oversight/ratings, server/oversight/records) through this file (ADR 003).
export { rateCase } from "../../server/oversight/ratings/rate";
export { ratingPanel, type RatingPanelData } from "../../server/oversight/ratings/panel";
export { ratingSchema, fieldErrorsOf, COMMENT_MAX } from "../../server/oversight/ratings/schema";
export { mediatorRecordsIndex, mediatorRecord, type MediatorRecord, type MediatorRecordsList } from "../../server/oversight/records/records";
