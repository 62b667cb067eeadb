// The CMS SignedData (RFC 5652) inside a PDF signature, as PAdES baseline B-B wants it (ETSI EN
// 319 142-1, subFilter ETSI.CAdES.detached): detached, SHA-256, signed attributes content-type,
// message-digest and signing-certificate-v2, and no signing-time attribute (the claimed time is
// the signature dictionary's /M). Written here rather than with node-forge's pkcs7 because forge
// re-encodes a parsed UTF-8 issuer name wrongly (so validators cannot find the signer's
// certificate) and cannot add signing-certificate-v2; hashing and RSA use Node's native crypto.
import crypto from "node:crypto";
import type { SigningCredentials } from "../certs";

const OID = {
  data: "1.2.840.113549.1.7.1",
  signedData: "1.2.840.113549.1.7.2",
  contentType: "1.2.840.113549.1.9.3",
  messageDigest: "1.2.840.113549.1.9.4",
  signingTime: "1.2.840.113549.1.9.5",
  signingCertificateV2: "1.2.840.113549.1.9.16.2.47",
  sha256: "2.16.840.1.101.3.4.2.1",
  sha256WithRSAEncryption: "1.2.840.113549.1.1.11",
} as const;

// --- a minimal DER writer and reader: only what this structure needs ---

function tlv(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  const len: number[] = [];
  if (body.length < 0x80) len.push(body.length);
  else {
    for (let n = body.length; n > 0; n = Math.floor(n / 256)) len.unshift(n % 256);
    len.unshift(0x80 | len.length);
  }
  return Buffer.concat([Buffer.from([tag, ...len]), body]);
}
const seq = (...c: Buffer[]) => tlv(0x30, ...c);
const set = (...c: Buffer[]) => tlv(0x31, ...c);
const octets = (b: Buffer) => tlv(0x04, b);
const ctx = (n: number, ...c: Buffer[]) => tlv(0xa0 + n, ...c); // [n] constructed
const INT1 = Buffer.from([0x02, 0x01, 0x01]);
const NULL = Buffer.from([0x05, 0x00]);

function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split(".").map(Number);
  const bytes = [40 * a + b];
  for (const n of rest) {
    const chunk = [n & 0x7f];
    for (let v = Math.floor(n / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift(0x80 | (v & 0x7f));
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

const algorithm = (o: string) => seq(oid(o), NULL);

/** The elements (whole TLVs, as slices of the input) inside one constructed element. */
function children(el: Buffer): Buffer[] {
  const out: Buffer[] = [];
  const { start, end } = header(el, 0);
  let i = start;
  while (i < end) {
    const h = header(el, i);
    out.push(el.subarray(i, h.end));
    i = h.end;
  }
  return out;
}

function header(buf: Buffer, at: number): { start: number; end: number } {
  let i = at + 1;
  let len = buf[i++];
  if (len & 0x80) {
    const n = len & 0x7f;
    len = 0;
    for (let k = 0; k < n; k++) len = len * 256 + buf[i++];
  }
  return { start: i, end: i + len };
}

/** Issuer and serial number straight from the certificate's bytes, as the signer id needs them. */
function issuerAndSerial(certDer: Buffer): { issuer: Buffer; serial: Buffer } {
  const tbs = children(children(certDer)[0]);
  const i = tbs[0][0] === 0xa0 ? 1 : 0; // [0] version is optional
  return { serial: tbs[i], issuer: tbs[i + 2] };
}

/**
 * A detached CMS SignedData over `content` (the PDF without its /Contents hole).
 * `signingTime` adds the signing-time attribute, for the older adbe.pkcs7.detached only.
 */
export function cmsSignDetached(content: Buffer, creds: SigningCredentials, signingTime?: Date): Buffer {
  if (creds.key.asymmetricKeyType !== "rsa") throw new Error("印章证书的私钥必须是 RSA 密钥");
  const { issuer, serial } = issuerAndSerial(creds.certDer);
  const sha256 = (b: Buffer) => crypto.createHash("sha256").update(b).digest();
  const attribute = (type: string, value: Buffer) => seq(oid(type), set(value));
  const attrs = [
    attribute(OID.contentType, oid(OID.data)),
    attribute(OID.messageDigest, octets(sha256(content))),
    // ESSCertIDv2 with the default hash (SHA-256) and the issuer as a directoryName [4].
    attribute(OID.signingCertificateV2, seq(seq(seq(octets(sha256(creds.certDer)), seq(seq(ctx(4, issuer)), serial))))),
  ];
  if (signingTime) attrs.push(attribute(OID.signingTime, utcTime(signingTime)));
  // DER: a SET OF is sorted by its encodings; what is signed is the SET, what is stored is [0].
  const attrBytes = Buffer.concat(attrs.sort(Buffer.compare));
  const signature = crypto.sign("sha256", tlv(0x31, attrBytes), creds.key); // RSASSA-PKCS1-v1_5
  const signerInfo = seq(INT1, seq(issuer, serial), algorithm(OID.sha256), tlv(0xa0, attrBytes), algorithm(OID.sha256WithRSAEncryption), octets(signature));
  const signedData = seq(INT1, set(algorithm(OID.sha256)), seq(oid(OID.data)), ctx(0, creds.certDer, ...creds.chainDer), set(signerInfo));
  return seq(oid(OID.signedData), ctx(0, signedData));
}

function utcTime(d: Date): Buffer {
  // YYMMDDHHMMSSZ, valid for 1950–2049 (RFC 5280).
  const s = d.toISOString().replace(/[-:T]/g, "").slice(2, 14) + "Z";
  return tlv(0x17, Buffer.from(s, "ascii"));
}
