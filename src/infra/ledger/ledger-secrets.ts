import { createHmac, hkdfSync } from 'node:crypto';
import { commitValue } from '../../core/ledger/evidence/commit-value';
import type { LedgerSecrets } from '../../features/ledger/ledger-secrets.port';
import { randomPool } from '../crypto/random-pool';

/**
 * Salts for the ledger's commitments. Derived salts come from a key derived (HKDF) from the master
 * key, so they are stable across restarts and nodes and unknown outside the bank; the openings
 * store keeps a copy of each, so a future change of master key does not orphan old commitments.
 * The last `remembered` derived commitments are kept (every request of a borrower commits to the same
 * account, every step of an application to the same subject): two HMACs fewer per leaf.
 */
export function createLedgerSecrets({
  masterKey,
  remembered = 10_000,
}: {
  masterKey: Buffer;
  remembered?: number;
}): LedgerSecrets {
  const key = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'mianqian/ledger-salt/v1', 32));
  const recent = new Map<string, { salt: Buffer; commitment: string }>();
  return {
    derivedCommitment: (purpose, value) => {
      const id = `${purpose}\u0000${value}`;
      let found = recent.get(id);
      if (found) {
        recent.delete(id);
      } else {
        const salt = createHmac('sha256', key).update(id).digest();
        found = { salt, commitment: commitValue(salt, value) };
        if (recent.size >= remembered) recent.delete(recent.keys().next().value!);
      }
      recent.set(id, found);
      return { salt: Buffer.from(found.salt), commitment: found.commitment };
    },
    randomSalt: () => randomPool(32),
  };
}
