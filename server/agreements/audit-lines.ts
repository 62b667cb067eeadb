// How a signer's network address and device are shown on the audit page and the verify page:
// enough to tell signers apart and spot oddities, not enough to locate anyone.

/** 203.0.113.7 → 203.0.113.*; 2001:db8:1:2::5 → 2001:db8:1:*; "::ffff:1.2.3.4" as IPv4. */
export function maskIp(ip: string | null): string {
  if (!ip) return "未知";
  const v4 = /^(?:::ffff:)?(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.\d{1,3}$/.exec(ip);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.*`;
  if (ip.includes(":")) return `${ip.split(":").slice(0, 3).join(":")}:*`;
  return "未知";
}

const SYSTEMS: [RegExp, string][] = [
  [/iPhone|iPad/, "iOS"],
  [/HarmonyOS/, "鸿蒙"],
  [/Android/, "Android"],
  [/Windows/, "Windows"],
  [/Mac OS X|Macintosh/, "macOS"],
  [/Linux/, "Linux"],
];
const BROWSERS: [RegExp, string][] = [
  [/MicroMessenger/, "微信"],
  [/Edg\//, "Edge"],
  [/Firefox\//, "Firefox"],
  [/Chrome\/|Chromium\//, "Chrome"],
  [/Safari\//, "Safari"],
];

/** A short "Android · 微信" from a user agent. */
export function describeDevice(userAgent: string | null): string {
  if (!userAgent) return "未知设备";
  const os = SYSTEMS.find(([re]) => re.test(userAgent))?.[1];
  const browser = BROWSERS.find(([re]) => re.test(userAgent))?.[1];
  return [os, browser].filter(Boolean).join(" · ") || "其他设备";
}
