import type { ConsentKind } from '../../core/identity/consent-texts';
import type { ConsentRecord } from './identity-store.port';

/** The kinds the account has consented to and not withdrawn. */
export function activeConsentKinds(consents: readonly ConsentRecord[]): Set<ConsentKind> {
  return new Set(consents.filter((c) => c.withdrawnAt === null).map((c) => c.kind));
}

/** Of `needed`, the kinds not currently consented to. */
export function missingConsents(
  consents: readonly ConsentRecord[],
  needed: readonly ConsentKind[],
): ConsentKind[] {
  const active = activeConsentKinds(consents);
  return needed.filter((k) => !active.has(k));
}
