// Side effects of a case change, collected during the transaction and released after commit:
// notification rows are written with the change; sockets and SMS go out only once it is durable.
import { queueNotifications, type NotificationInput } from "../notify/notify";
import { getSmsSender } from "../notify/sms";
import type { Tx } from "./timeline";

export class Effects {
  private notes: NotificationInput[] = [];
  private sms: { to: string; body: string }[] = [];
  private after: (() => void)[] = [];

  notify(...items: NotificationInput[]): this {
    this.notes.push(...items);
    return this;
  }
  text(to: string, body: string): this {
    this.sms.push({ to, body });
    return this;
  }
  then(fn: () => void): this {
    this.after.push(fn);
    return this;
  }
  /** Inside the transaction, last thing before it commits. */
  write(tx: Tx): void {
    if (this.notes.length) this.after.push(queueNotifications(tx, this.notes));
    this.notes = [];
  }
  /** After commit. SMS failures are logged, never undo the committed change. */
  async flush(): Promise<void> {
    for (const fn of this.after) fn();
    const sender = getSmsSender();
    await Promise.all(
      this.sms.map((m) =>
        sender.send(m.to, m.body).catch((e: unknown) => console.error("短信发送失败", m.to, e)),
      ),
    );
  }
}
