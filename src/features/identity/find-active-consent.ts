import type { ConsentKind } from '../../core/identity/consent-texts';
import type { IdentityStore } from './identity-store.port';

/**
 * The account's newest unwithdrawn consent of `kind`, given for the person with `idNumber` — the
 * person whose ID details the authority checked for this account — or undefined. A consent covers only
 * the person checked: a borrower cannot authorise, say, a credit inquiry into someone else.
 */
export async function findActiveConsent({
  deps,
  accountId,
  kind,
  idNumber,
}: {
  deps: { store: Pick<IdentityStore, 'verifiedIdentityOf' | 'latestVerification' | 'consentsOf'> };
  accountId: string;
  kind: ConsentKind;
  idNumber: string;
}): Promise<{ id: string; givenAt: Date } | undefined> {
  const [checked, consents] = await Promise.all([
    // The verified person; before anyone is verified, the person of the attempt under way.
    deps.store.verifiedIdentityOf(accountId).then(async (v) => v ?? deps.store.latestVerification(accountId)),
    deps.store.consentsOf(accountId),
  ]);
  if (checked?.idNumber.toUpperCase() !== idNumber.toUpperCase()) return undefined;
  const active = consents
    .filter((c) => c.kind === kind && c.withdrawnAt === null)
    .sort((a, b) => b.givenAt.getTime() - a.givenAt.getTime())[0];
  return active && { id: active.id, givenAt: active.givenAt };
}
