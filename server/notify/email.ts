// E-mail adapter, the twin of sms.ts: callers use `EmailSender`, EMAIL_PROVIDER picks the backend.
import { branded, writeOutbox } from "./outbox";

export interface EmailSender {
  send(to: string, subject: string, body: string): Promise<void>;
}

/** Development: the outbox has one text column, so the subject becomes the first line. */
export const outboxEmailSender: EmailSender = {
  async send(to, subject, body) {
    writeOutbox("email", to, `${branded(subject)}\n\n${body}`);
  },
};

export function getEmailSender(): EmailSender {
  const provider = process.env.EMAIL_PROVIDER ?? "outbox";
  switch (provider) {
    case "outbox":
      return outboxEmailSender;
    // A real SMTP relay or mail API plugs in here, configured from the environment.
    default:
      throw new Error(`未知的邮件通道 EMAIL_PROVIDER=${provider}（当前仅支持 outbox）`);
  }
}
