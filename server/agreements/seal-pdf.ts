// The organisation's electronic seal on a finished PDF: a PAdES signature (ETSI.CAdES.detached)
// over the whole file with the organisation's certificate (certs.ts). Any later change to a
// signed byte makes every PDF reader report the signature as broken.
import { plainAddPlaceholder } from "@signpdf/placeholder-plain";
import { SignPdf } from "@signpdf/signpdf";
import { Signer, SUBFILTER_ETSI_CADES_DETACHED } from "@signpdf/utils";
import { orgSigningCredentials, type OrgRef, type SigningCredentials } from "./certs";
import { cmsSignDetached } from "./pdf/cms";

export type SealMeta = { reason: string; location: string; signedAt: Date };

class CmsSigner extends Signer {
  constructor(private readonly creds: SigningCredentials) {
    super();
  }
  async sign(pdf: Buffer): Promise<Buffer> {
    return cmsSignDetached(pdf, this.creds);
  }
}

/** `pdf` with the organisation's digital signature added as an incremental update. */
export async function sealPdf(pdf: Buffer, org: OrgRef, meta: SealMeta): Promise<Buffer> {
  const creds = orgSigningCredentials(org);
  const withPlaceholder = plainAddPlaceholder({
    pdfBuffer: pdf,
    reason: meta.reason,
    location: meta.location,
    name: org.name,
    contactInfo: "",
    signingTime: meta.signedAt, // the /M entry: PAdES keeps the claimed time out of the CMS
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    // Room for the CMS (certificates, attributes, the RSA signature) with a margin; the default
    // 8 KB would add 16 KB of hex zeros to every file.
    signatureLength: creds.certDer.length + creds.chainDer.reduce((s, c) => s + c.length, 0) + 2048,
    appName: "云解纷",
  });
  return new SignPdf().sign(withPlaceholder, new CmsSigner(creds));
}
