import { createHmac, hkdfSync } from 'node:crypto';
import { randomPool } from '../crypto/random-pool';
import type { LedgerSecrets } from '../../features/ledger/ledger-secrets.port';

/**
 * Salts for the ledger's commitments. Derived salts come from a key derived (HKDF) from the master
 * key, so they are stable across restarts and nodes and unknown outside the bank; the openings
 * store keeps a copy of each, so a future change of master key does not orphan old commitments.
 */
export function createLedgerSecrets({ masterKey }: { masterKey: Buffer }): LedgerSecrets {
  const key = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'mianqian/ledger-salt/v1', 32));
  return {
    derivedSalt: (purpose, value) => createHmac('sha256', key).update(`${purpose}\u0000${value}`).digest(),
    randomSalt: () => randomPool(32),
  };
}
