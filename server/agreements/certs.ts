// One signing certificate per mediation organisation: the key behind its electronic seal (PAdES).
// A PKCS#12 file SEAL_CERT_DIR/<org id>.p12, protected by SEAL_CERT_PASSWORD. A file that exists is
// used as it is, so a CA-issued certificate can be dropped in; otherwise a self-signed one is
// generated (ADR 012).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import forge from "node-forge";
import { getEnv } from "../env";

export type OrgRef = { id: string; name: string };

const TEN_YEARS_MS = 10 * 365.25 * 24 * 3600 * 1000;
// RFC 9336 id-kp-documentSigning; emailProtection beside it is what older validators (NSS, Adobe)
// look for in a signing certificate.
const OID_DOCUMENT_SIGNING = "1.3.6.1.5.5.7.3.36";

function certDir(): string {
  const env = getEnv();
  return path.resolve(env.SEAL_CERT_DIR ?? path.join(env.DATA_DIR, "certs"));
}

function p12PathFor(orgId: string): string {
  // The id becomes a file name: nothing that could climb out of the directory.
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(orgId)) throw new Error(`机构编号不能用作证书文件名：${orgId}`);
  return path.join(certDir(), `${orgId}.p12`);
}

/** The organisation's .p12, generated (self-signed, 10 years) when it does not exist yet. */
export function ensureOrgCertificate(org: OrgRef): { p12Path: string; password: string } {
  const p12Path = p12PathFor(org.id);
  const password = getEnv().SEAL_CERT_PASSWORD;
  // Node's native RSA key generation takes tens of milliseconds; node-forge's JS one takes seconds.
  if (!fs.existsSync(p12Path)) install(p12Path, selfSignedP12(org.name, password, crypto.generateKeyPairSync("rsa", RSA)));
  return { p12Path, password };
}

/** ensureOrgCertificate for many organisations (the seed), their keys generated in parallel. */
export async function ensureOrgCertificates(orgs: OrgRef[]): Promise<void> {
  const password = getEnv().SEAL_CERT_PASSWORD;
  const missing = orgs.filter((o) => !fs.existsSync(p12PathFor(o.id)));
  await Promise.all(missing.map(async (o) => install(p12PathFor(o.id), selfSignedP12(o.name, password, await generateKeyPair("rsa", RSA)))));
}

const RSA = { modulusLength: 2048 } as const;
const generateKeyPair = promisify(crypto.generateKeyPair);

function install(p12Path: string, p12: Buffer): void {
  fs.mkdirSync(path.dirname(p12Path), { recursive: true, mode: 0o700 });
  // Written aside, then linked into place: a concurrent caller sees either no file or a whole
  // one, and when two generate at once the first link wins (the other gets EEXIST), so every
  // caller ends up signing with the same key.
  const tmp = `${p12Path}.${process.pid}.${crypto.randomBytes(4).toString("hex")}.tmp`;
  try {
    fs.writeFileSync(tmp, p12, { mode: 0o600 });
    fs.linkSync(tmp, p12Path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

function selfSignedP12(orgName: string, password: string, pair: { privateKey: crypto.KeyObject; publicKey: crypto.KeyObject }): Buffer {
  const key = forge.pki.privateKeyFromPem(pair.privateKey.export({ type: "pkcs1", format: "pem" }).toString());
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(pair.publicKey.export({ type: "spki", format: "pem" }).toString());
  // Positive (high bit clear) and unique enough to tell regenerated certificates apart.
  cert.serialNumber = `01${crypto.randomBytes(15).toString("hex")}`;
  const now = new Date();
  cert.validity.notBefore = new Date(now.getTime() - 24 * 3600 * 1000); // tolerate clock skew
  cert.validity.notAfter = new Date(now.getTime() + TEN_YEARS_MS);
  // forge encodes UTF8String values itself: pass the name as a JS string.
  const dn = [
    { name: "commonName", value: orgName, valueTagClass: forge.asn1.Type.UTF8 },
    { name: "organizationName", value: orgName, valueTagClass: forge.asn1.Type.UTF8 },
    { name: "countryName", value: "CN" },
  ];
  cert.setSubject(dn as forge.pki.CertificateField[]);
  cert.setIssuer(dn as forge.pki.CertificateField[]);
  cert.setExtensions([
    { name: "basicConstraints", cA: false, critical: true },
    { name: "keyUsage", digitalSignature: true, nonRepudiation: true, critical: true },
    { name: "extKeyUsage", emailProtection: true, [OID_DOCUMENT_SIGNING]: true },
    { name: "subjectKeyIdentifier" },
  ]);
  // What forge's cert.sign does, with the RSA signature from Node (forge's JS RSA is slow).
  cert.signatureOid = cert.siginfo.algorithmOid = forge.pki.oids.sha256WithRSAEncryption;
  cert.tbsCertificate = (forge.pki as unknown as { getTBSCertificate: (c: forge.pki.Certificate) => forge.asn1.Asn1 }).getTBSCertificate(cert);
  const tbs = Buffer.from(forge.asn1.toDer(cert.tbsCertificate).getBytes(), "binary");
  cert.signature = crypto.sign("sha256", tbs, pair.privateKey).toString("binary");
  // 3DES is what every reader of PKCS#12 accepts (Windows, macOS, OpenSSL, node-forge).
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, [cert], password, { algorithm: "3des", friendlyName: orgName });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), "binary");
}

export type SigningCredentials = {
  key: crypto.KeyObject;
  /** The signer's certificate, DER, exactly as stored in the file. */
  certDer: Buffer;
  /** The other certificates in the file (a CA-issued certificate's chain), DER. */
  chainDer: Buffer[];
};

// Decrypting a PKCS#12 is slow in JS (PBE key derivation, 3DES): once per file version.
const loaded = new Map<string, { stamp: string; creds: SigningCredentials }>();

/** The organisation's private key and certificates, generating the file if needed; cached. */
export function orgSigningCredentials(org: OrgRef): SigningCredentials {
  const { p12Path, password } = ensureOrgCertificate(org);
  const st = fs.statSync(p12Path);
  const stamp = `${st.mtimeMs}:${st.size}:${st.ino}`; // a replaced file is read again
  const hit = loaded.get(p12Path);
  if (hit && hit.stamp === stamp) return hit.creds;
  const creds = readP12(fs.readFileSync(p12Path), password, p12Path);
  loaded.set(p12Path, { stamp, creds });
  return creds;
}

function readP12(file: Buffer, password: string, where: string): SigningCredentials {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(file.toString("binary")), false, password);
  } catch (e) {
    throw new Error(`无法读取印章证书 ${where}（密码是否为 SEAL_CERT_PASSWORD？）：${(e as Error).message}`);
  }
  const keyBag =
    p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag]?.[0] ??
    p12.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag]?.[0];
  if (!keyBag?.key) throw new Error(`印章证书 ${where} 中没有 RSA 私钥`);
  const key = crypto.createPrivateKey(forge.pki.privateKeyToPem(keyBag.key));
  // certificateToAsn1 reuses the parsed TBSCertificate, so these are the file's own bytes (forge's
  // re-encoding of a parsed UTF-8 name would not be).
  const certs = (p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? [])
    .filter((b) => b.cert)
    .map((b) => Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(b.cert!)).getBytes(), "binary"));
  const signer = certs.find((der) => new crypto.X509Certificate(der).checkPrivateKey(key));
  if (!signer) throw new Error(`印章证书 ${where} 中没有与私钥匹配的证书`);
  return { key, certDer: signer, chainDer: certs.filter((c) => c !== signer) };
}
