import { createHash } from 'node:crypto';
import { finishLtv, signPdfField, type PadesSigner } from './pades';
import type { PlatformPki } from './load-platform-pki';
import type { ContractLocale } from '../../core/contract/contract-data';
import { appearanceFont } from './appearance-font';
import { sealTexts, type OrganisationSeal } from './bank-seal';
import type { AppearanceLine, SignatureAppearance } from './signature-appearance';
import { x509Name } from './x509-name';
import { pkiEncoding } from './pki-encoding';
import { signatureCertificates } from './signature-certificates';

/** A person who signs: a borrower or guarantor, with a certificate issued for this signing event. */
export interface PersonParty {
  readonly fieldName: string;
  readonly role: 'borrower' | 'guarantor';
  /** The verified name (CN of the certificate). */
  readonly name: string;
  /** Commitment (hex) to the verified ID number: the certificate never holds the number itself. */
  readonly idNumberCommitment: string;
  readonly applicationId: string;
}

/** One party to sign: the bank seals with its organisation certificate; people get a certificate for this event. */
export type ContractParty = { readonly fieldName: string; readonly role: 'lender' } | PersonParty;

/** What one signature step produced: the new revision and the certificate that signed it. */
export interface SignatureStep {
  pdf: Buffer;
  /** SHA-256 (hex) of the signing certificate's DER. */
  certificateSha256: string;
  /** The certificate's serial number (hex). */
  certificateSerial: string;
}

/** Labels in a signature appearance, per contract locale. The seal's inscription is Chinese in both. */
const APPEARANCE_WORDS = {
  'zh-CN': {
    lender: '贷款人（盖章）',
    borrower: '借款人',
    guarantor: '保证人',
    colon: '：',
    signed: '数字签名 / Digitally signed',
  },
  en: {
    lender: 'Lender (seal)',
    borrower: 'Borrower',
    guarantor: 'Guarantor',
    colon: ': ',
    signed: 'Digitally signed',
  },
} as const;

/** 合同专用章: the inscription under the star of the bank's contract seal. */
const CONTRACT_SEAL_LABEL = '合同专用章';

/**
 * The visible appearance of a party's signature field: role and name (张三 as verified; the bank's
 * registered name), "数字签名 / Digitally signed", the signing time in Beijing time and the reason, in
 * a subset of the contract's CJK face holding only these characters; for the lender, its round
 * contract seal drawn as vectors (`sealName`, default `name`).
 */
export async function appearanceFor({
  role,
  name,
  at,
  reason,
  locale = 'zh-CN',
  sealName,
}: {
  role: ContractParty['role'];
  name?: string;
  at: Date;
  reason: string;
  locale?: ContractLocale;
  sealName?: string;
}): Promise<Partial<SignatureAppearance>> {
  const words = APPEARANCE_WORDS[locale];
  const time = `${new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ')} (UTC+8)`;
  const lines: AppearanceLine[] =
    role === 'lender'
      ? [{ text: words.lender, size: 9 }, ...(name ? [{ text: name, size: 8.5 }] : [])]
      : [{ text: name ? `${words[role]}${words.colon}${name}` : words[role], size: 10 }];
  lines.push(
    { text: words.signed, size: 7.5 },
    { text: time, size: 7.5 },
    // The whole reason (with an intent record's hash) is in the signature dictionary; the box shows its start.
    { text: reason.length > 56 ? `${reason.slice(0, 55)}…` : reason, size: 6.5, isMuted: true },
  );
  const sealFor = role === 'lender' ? (sealName ?? name) : undefined;
  const seal: OrganisationSeal | undefined = sealFor
    ? { kind: 'organisation-seal', name: sealFor, label: CONTRACT_SEAL_LABEL }
    : undefined;
  const font = await appearanceFont({
    texts: [...lines.map((l) => l.text), ...(seal ? sealTexts(seal) : [])],
  });
  return { lines, font, ...(seal ? { seal } : {}) };
}

function defaultReason(role: ContractParty['role']): string {
  if (role === 'lender') return 'Lender seal';
  return `${role === 'borrower' ? 'Borrower' : 'Guarantor'} agrees`;
}

/**
 * A person signs their own named field as an incremental PAdES B-T signature (RFC 3161 token from the
 * platform TSA) with a fresh key and a one-hour certificate issued for this event; the key is destroyed
 * afterwards. `reason` is written into the signature dictionary, which the signature covers (so an
 * intent record's hash named there is bound to the signature).
 */
export async function signAsPerson({
  pdf,
  pki,
  party,
  at,
  reason = defaultReason(party.role),
  location = 'Beijing',
  locale = 'zh-CN',
}: {
  pdf: Buffer;
  pki: PlatformPki;
  party: PersonParty;
  at: Date;
  reason?: string;
  location?: string;
  /** Language of the appearance's labels (the contract's). */
  locale?: ContractLocale;
}): Promise<SignatureStep> {
  const eventKey = await pki.keyStore.generate(`signer/${party.applicationId}/${party.fieldName}`);
  try {
    const signer: PadesSigner = {
      keyRef: eventKey,
      certificate: await pki.ca.issueSignerCertificate({
        name: party.name,
        role: party.role,
        applicationId: party.applicationId,
        idNumberCommitment: party.idNumberCommitment,
        publicKey: await pki.keyStore.publicKey(eventKey),
      }),
      chain: pki.ca.chain,
    };
    return await signStep({
      pdf,
      pki,
      signer,
      fieldName: party.fieldName,
      role: party.role,
      at,
      reason,
      location,
      name: party.name,
      locale,
    });
  } finally {
    await pki.keyStore.destroy(eventKey);
  }
}

/** The bank seals its field with its organisation certificate (PAdES B-T, incremental). */
export async function signAsBank({
  pdf,
  pki,
  fieldName,
  at,
  reason = defaultReason('lender'),
  location = 'Beijing',
  locale = 'zh-CN',
  bankName = x509Name.get(pki.bank.certificate.subject, 'O') ??
    x509Name.get(pki.bank.certificate.subject, 'CN'),
}: {
  pdf: Buffer;
  pki: PlatformPki;
  fieldName: string;
  at: Date;
  reason?: string;
  location?: string;
  /** Language of the appearance's labels (the contract's). */
  locale?: ContractLocale;
  /** The name in the appearance and on the seal's arc; defaults to the bank certificate's O (or CN). */
  bankName?: string | undefined;
}): Promise<SignatureStep> {
  return signStep({
    pdf,
    pki,
    signer: pki.bank,
    fieldName,
    role: 'lender',
    at,
    reason,
    location,
    locale,
    ...(bankName !== undefined ? { name: bankName } : {}),
  });
}

/**
 * After the last signature: the chain and revocation data in a DSS — the CRLs, and an OCSP response
 * for every end-entity certificate in the signatures (signers, the bank's seal, the timestamp
 * authorities) plus the current TSA's, whose token the document timestamp will carry — then a
 * document timestamp (B-LTA).
 */
export async function finishSignedContract({ pdf, pki }: { pdf: Buffer; pki: PlatformPki }): Promise<Buffer> {
  const ocsps = await pki.ocspResponsesFor([...signatureCertificates(pdf), pki.tsa.certificate]);
  return finishLtv({ pdf, chain: pki.ca.chain, crls: await pki.crls(), ocsps, tsa: pki.tsa });
}

async function signStep({
  pdf,
  pki,
  signer,
  fieldName,
  role,
  at,
  reason,
  location,
  name,
  locale = 'zh-CN',
}: {
  pdf: Buffer;
  pki: PlatformPki;
  signer: PadesSigner;
  fieldName: string;
  role: ContractParty['role'];
  at: Date;
  reason: string;
  location: string;
  name?: string;
  locale?: ContractLocale;
}): Promise<SignatureStep> {
  const signed = await signPdfField({
    pdf,
    fieldName,
    signer,
    keyStore: pki.keyStore,
    tsa: pki.tsa,
    reason,
    location,
    signingTime: at,
    appearance: await appearanceFor({ role, ...(name !== undefined ? { name } : {}), at, reason, locale }),
  });
  const der = pkiEncoding.der(signer.certificate);
  return {
    pdf: signed,
    certificateSha256: createHash('sha256').update(der).digest('hex'),
    certificateSerial: Buffer.from(signer.certificate.serialNumber.valueBlock.valueHexView).toString('hex'),
  };
}

/**
 * The whole signing path in one call (the CLI's sample, the benchmark): each party in the given order
 * signs its own field, then the contract is finished as B-LTA. Earlier signatures stay valid because
 * nothing is rewritten.
 */
export async function signContract({
  pdf,
  pki,
  parties,
  clock = () => new Date(),
  location = 'Beijing',
  locale = 'zh-CN',
  bankName,
}: {
  pdf: Buffer;
  pki: PlatformPki;
  parties: readonly ContractParty[];
  clock?: () => Date;
  location?: string;
  locale?: ContractLocale;
  /** The lender's name as the contract gives it (on the seal); defaults to the bank certificate's. */
  bankName?: string;
}): Promise<Buffer> {
  let signed = pdf;
  for (const party of parties) {
    const step =
      party.role === 'lender'
        ? await signAsBank({
            pdf: signed,
            pki,
            fieldName: party.fieldName,
            at: clock(),
            location,
            locale,
            bankName,
          })
        : await signAsPerson({ pdf: signed, pki, party, at: clock(), location, locale });
    signed = step.pdf;
  }
  return finishSignedContract({ pdf: signed, pki });
}
