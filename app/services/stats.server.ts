// Routes reach server/oversight/stats (统计: charts, tables, CSV) through this file (ADR 003).
export { statsPage, statsCsv, type StatsPage } from "../../server/oversight/stats/page";

