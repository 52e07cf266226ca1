import type { Capture } from '../../core/ledger/evidence/capture';
import type { CanonicalValue } from '../../core/ledger/evidence/canonical-json';
import { canonicalJson } from '../../core/ledger/evidence/canonical-json';
import { commitValue } from '../../core/ledger/evidence/commit-value';
import { encodeEvidenceLeaf, type EvidenceType } from '../../core/ledger/evidence/evidence-leaf';
import type { PreparedEvidence } from '../../core/ledger/evidence/prepared-evidence';
import { digestOfCanonicalJson } from '../../core/ledger/evidence/record-digest';
import { hashLeaf } from '../../core/ledger/merkle/hash-leaf';
import type { LedgerDeps } from './ledger-deps';
import type { Opening } from './opening-store.port';

export type { Capture };

export interface EvidenceInput {
  readonly type: EvidenceType;
  readonly applicationId: string;
  readonly actor: { readonly accountId: string | null; readonly role: string };
  /** The id of the key that signed what is attested (a certificate, a passkey), if any. */
  readonly keyId?: string | undefined;
  readonly capture?: Capture | undefined;
  /** What is attested. It may hold personal data: it stays in the database (encrypted), the leaf holds its SHA-256. */
  readonly record: CanonicalValue;
  readonly at: Date;
}

/** The commitment to an application id under which all of its leaves are filed. */
export function subjectOf(deps: Pick<LedgerDeps, 'secrets'>, applicationId: string): string {
  return deps.secrets.derivedCommitment('subject', applicationId).commitment;
}

/**
 * Turns one step of a loan into a leaf: the record's digest, commitments to the application, the
 * actor and the capture details, and stores how to open each of them (encrypted) for a court. The
 * leaf goes to the log either at once (`recordEvidence`) or in the same transaction as the change it
 * attests (the application store's outbox).
 */
export async function prepareEvidence(
  deps: Pick<LedgerDeps, 'secrets' | 'openings'>,
  input: EvidenceInput,
): Promise<PreparedEvidence> {
  const openings = new Map<string, Opening>();
  const derived = (purpose: 'subject' | 'account', value: string) => {
    const { salt, commitment } = deps.secrets.derivedCommitment(purpose, value);
    openings.set(commitment, { kind: 'commitment', of: purpose, value, salt: salt.toString('base64') });
    return commitment;
  };
  const fresh = (of: string, value: string | undefined) => {
    if (value === undefined || value === '') return null;
    const salt = deps.secrets.randomSalt();
    const commitment = commitValue(salt, value);
    openings.set(commitment, { kind: 'commitment', of, value, salt: salt.toString('base64') });
    return commitment;
  };
  const json = canonicalJson(input.record);
  const record = digestOfCanonicalJson(json);
  openings.set(record, { kind: 'record', json });
  const subject = derived('subject', input.applicationId);
  const entry = encodeEvidenceLeaf({
    v: 1,
    type: input.type,
    subject,
    at: input.at.toISOString(),
    by: {
      role: input.actor.role,
      account: input.actor.accountId === null ? null : derived('account', input.actor.accountId),
      key: input.keyId ?? null,
    },
    where: {
      device: fresh('device', input.capture?.userAgent),
      ip: fresh('ip', input.capture?.ip),
      location: fresh('location', input.capture?.location),
    },
    attests: { record },
  });
  return { entry, leafHash: hashLeaf(entry), subject, openings: deps.openings.seal(openings) };
}
