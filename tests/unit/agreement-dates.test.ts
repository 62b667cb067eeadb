// 人民调解法 Art 29: the agreement states the deadline of performance (履行期限), and each instalment
// its due date. A date that does not exist cannot be a deadline: JavaScript's Date rolls 2026-02-30
// over to 2 March, so the schema checks the date reads back as typed.
import { describe, expect, it } from "vitest";
import { instalmentSchema } from "~/lib/agreement-schema";

function dueDateIssues(dueDate: string): string[] {
  const r = instalmentSchema.safeParse({ dueDate, amountFen: 100_000 });
  return r.success ? [] : r.error.issues.map((i) => i.message);
}

describe("履行期限 (人民调解法 Art 29): only days that exist", () => {
  it.each(["2026-02-30", "2026-04-31", "2025-02-29", "2026-13-01", "2026-00-10", "2026-02-00"])("refuses %s", (d) => {
    expect(dueDateIssues(d)).toEqual(["履行期限不是有效日期"]);
  });
  it.each(["2028-02-29", "2024-02-29", "2026-02-28", "2026-04-30", "2026-12-31"])("accepts %s", (d) => {
    expect(dueDateIssues(d)).toEqual([]);
  });
  it("still asks for 年-月-日", () => {
    expect(dueDateIssues("2026/03/01")).toEqual(["履行期限格式应为 年-月-日"]);
  });
});
