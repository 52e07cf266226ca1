import { finishLtv, signPdfField, type PadesSigner } from './pades';
import type { PlatformPki } from './load-platform-pki';

/** One party to sign: the bank seals with its organisation certificate; people get a certificate for this event. */
export type ContractParty =
  | { readonly fieldName: string; readonly role: 'lender' }
  | {
      readonly fieldName: string;
      readonly role: 'borrower' | 'guarantor';
      /** The verified name (CN of the certificate). */
      readonly name: string;
      /** Commitment (hex) to the verified ID number: the certificate never holds the number itself. */
      readonly idNumberCommitment: string;
      readonly applicationId: string;
    };

/**
 * The signing path: each party in the given order signs its own named field as an incremental PAdES
 * B-T signature (RFC 3161 token from the platform TSA); a person signs with a fresh key and a one-hour
 * certificate issued for this event, the key destroyed afterwards. Then the chain and CRLs go into a
 * DSS with a document timestamp (B-LTA). Earlier signatures stay valid because nothing is rewritten.
 *
 * The appearance text is ASCII (time and reason): the party's name is already printed beside the field
 * on the signature page, and the appearance font cannot show Chinese yet (see docs/architecture.md).
 */
export async function signContract({
  pdf,
  pki,
  parties,
  clock = () => new Date(),
  location = 'Beijing',
}: {
  pdf: Buffer;
  pki: PlatformPki;
  parties: readonly ContractParty[];
  clock?: () => Date;
  location?: string;
}): Promise<Buffer> {
  let signed = pdf;
  for (const party of parties) {
    let signer: PadesSigner;
    let eventKey: PadesSigner['keyRef'] | undefined;
    if (party.role === 'lender') signer = pki.bank;
    else {
      eventKey = await pki.keyStore.generate(`signer/${party.applicationId}/${party.fieldName}`);
      signer = {
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
    }
    const at = clock();
    const reason =
      party.role === 'lender'
        ? 'Lender seal'
        : `${party.role === 'borrower' ? 'Borrower' : 'Guarantor'} agrees`;
    try {
      signed = await signPdfField({
        pdf: signed,
        fieldName: party.fieldName,
        signer,
        keyStore: pki.keyStore,
        tsa: pki.tsa,
        reason,
        location,
        signingTime: at,
        appearance: {
          lines: ['Digitally signed', `${at.toISOString().slice(0, 19).replace('T', ' ')} UTC`, reason],
        },
      });
    } finally {
      if (eventKey !== undefined) await pki.keyStore.destroy(eventKey);
    }
  }
  return finishLtv({ pdf: signed, chain: pki.ca.chain, crls: await pki.crls(), tsa: pki.tsa });
}
