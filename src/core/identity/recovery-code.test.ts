import { describe, expect, it } from 'vitest';
import { formatRecoveryCode, normaliseRecoveryCode } from './recovery-code';

describe('recovery codes', () => {
  it('formats 80 random bits as four groups of base32 and reads them back however typed', () => {
    const code = formatRecoveryCode(Buffer.from('00112233445566778899', 'hex'));
    // RFC 4648 base32 of 00112233445566778899 is AAISEM2EKVTHPCEZ.
    expect(code).toBe('AAIS-EM2E-KVTH-PCEZ');
    expect(normaliseRecoveryCode(code)).toBe('AAISEM2EKVTHPCEZ');
    expect(normaliseRecoveryCode(' aais em2e-kvth pce z ')).toBe('AAISEM2EKVTHPCEZ');
  });

  it('refuses what cannot be a code', () => {
    expect(normaliseRecoveryCode('AAIS-EM2E-KVTH')).toBeUndefined();
    expect(normaliseRecoveryCode('AAIS-EM2E-KVTH-PCE1')).toBeUndefined();
    expect(() => formatRecoveryCode(Buffer.alloc(8))).toThrow();
  });
});
