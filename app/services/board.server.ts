// Routes reach the 矛调中心 board (server/oversight/board) through this file (ADR 003).
export { dispatchBoard, parseBoardQuery, type BoardQuery, type DispatchBoard } from "../../server/oversight/board/board";
export { escalateFromBoard, reassignFromBoard } from "../../server/oversight/board/acts";
