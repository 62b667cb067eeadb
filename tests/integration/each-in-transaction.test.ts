// The timers' shared loop (server/jobs/each-in-transaction.ts): each item in its own transaction; a
// step that throws is counted and logged, its writes and notices rolled back and its SMS never sent,
// and the items after it still run; SMS go out only after the commit; the count is of steps that did
// something.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { allowConsoleErrors } from "../setup/console";
import { getDb } from "../../db/client";
import { notifications } from "../../db/schema";
import { seed } from "../../db/seed";
import { eachInTransaction } from "../../server/jobs/each-in-transaction";
import { PHONE, smsTo, userByPhone } from "./triage-helpers";

let userId = "";
beforeAll(async () => {
  await seed();
  userId = userByPhone(PHONE.liMing).id;
});

const notesTitled = (title: string) => getDb().select().from(notifications).where(eq(notifications.title, title)).all();

describe("eachInTransaction", () => {
  it("counts the steps that did something; one failure is counted, rolled back, and does not stop the rest", async () => {
    allowConsoleErrors(1);
    const report = { errors: 0 };
    const phone = "13700009999";
    const done = await eachInTransaction(["a", "skip", "boom", "b"], report, "测试任务失败", (tx, fx, item) => {
      if (item === "skip") return false;
      fx.notify({ userId, title: `测试-${item}`, body: item });
      fx.text(phone, `测试短信 ${item}`);
      if (item === "boom") {
        fx.write(tx); // even written, the notice goes with the rolled-back transaction
        throw new Error("坏数据");
      }
      return true;
    });
    expect(done).toBe(2);
    expect(report.errors).toBe(1);
    expect(vi.mocked(console.error)).toHaveBeenCalledWith("测试任务失败", expect.any(Error));
    expect(["a", "boom", "b"].map((i) => notesTitled(`测试-${i}`).length)).toEqual([1, 0, 1]);
    expect(smsTo(phone).map((m) => m.body)).toEqual(["【云解纷】测试短信 a", "【云解纷】测试短信 b"]);
  });
});
