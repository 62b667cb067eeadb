// SMS adapter. The platform only ever talks to `SmsSender`; which gateway stands behind it is
// configuration (SMS_PROVIDER), so that the case flow never changes when a real one arrives.
import { branded, writeOutbox } from "./outbox";

export interface SmsSender {
  send(to: string, body: string): Promise<void>;
}

/** Development: the message lands in the outbox table (see /dev/outbox) instead of a phone. */
export const outboxSmsSender: SmsSender = {
  async send(to, body) {
    writeOutbox("sms", to, branded(body));
  },
};

export function getSmsSender(): SmsSender {
  // Read directly (not via getEnv) so that a provider can be switched per process without
  // touching the validated environment schema.
  const provider = process.env.SMS_PROVIDER ?? "outbox";
  switch (provider) {
    case "outbox":
      return outboxSmsSender;
    // A real gateway (e.g. 阿里云短信 / 腾讯云短信) plugs in here: case "aliyun": return aliyunSmsSender;
    // with its credentials read from the environment and its approved 签名/模板 codes.
    default:
      throw new Error(`未知的短信通道 SMS_PROVIDER=${provider}（当前仅支持 outbox）`);
  }
}
