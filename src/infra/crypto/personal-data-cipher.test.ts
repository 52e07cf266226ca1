import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createLocalKek, createPersonalDataCipher } from './personal-data-cipher';

const masterKey = randomBytes(32);
const cipher = createPersonalDataCipher({ kek: createLocalKek({ masterKey }), masterKey });

describe('personal data cipher', () => {
  it('round-trips text and bytes without leaving the plaintext visible', () => {
    const sealed = cipher.encrypt('11010519491231002X 张三');
    expect(sealed).not.toContain('11010519491231002X');
    expect(cipher.decrypt(sealed)).toBe('11010519491231002X 张三');
    expect(cipher.encrypt('same')).not.toBe(cipher.encrypt('same')); // a fresh IV each time
    const bytes = randomBytes(5000);
    expect(cipher.decryptBytes(cipher.encryptBytes(bytes)).equals(bytes)).toBe(true);
  });

  it('detects any change to a sealed value', () => {
    const sealed = cipher.encrypt('13800138000');
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[body.length - 20]! ^= 1;
    expect(() => cipher.decrypt([...parts.slice(0, 3), body.toString('base64url')].join('.'))).toThrow();
    const blob = cipher.encryptBytes(Buffer.from('hello'));
    blob[blob.length - 1]! ^= 1;
    expect(() => cipher.decryptBytes(blob)).toThrow();
  });

  it('refuses values sealed under another master key', () => {
    const otherKey = randomBytes(32);
    const other = createPersonalDataCipher({
      kek: createLocalKek({ masterKey: otherKey }),
      masterKey: otherKey,
    });
    expect(() => other.decrypt(cipher.encrypt('x'))).toThrow(/another key/);
  });

  it('reuses a data key for a bounded number of values and time, and opens values after the cache forgets', () => {
    const inner = createLocalKek({ masterKey });
    const calls = { wrap: 0, unwrap: 0 };
    const kek = {
      keyId: inner.keyId,
      wrap: (k: Buffer) => (calls.wrap++, inner.wrap(k)),
      unwrap: (w: Buffer) => (calls.unwrap++, inner.unwrap(w)),
    };
    let clock = 0;
    const c = createPersonalDataCipher({
      kek,
      masterKey,
      caching: { maxUses: 3, maxAgeMs: 1000, cachedUnwraps: 2 },
      now: () => clock,
    });
    const wrappedOf = (sealed: string) => sealed.split('.')[2];
    const sealed = ['a', 'b', 'c', 'd'].map((v) => c.encrypt(v));
    expect(new Set(sealed.slice(0, 3).map(wrappedOf)).size).toBe(1); // three values, one data key
    expect(wrappedOf(sealed[3]!)).not.toBe(wrappedOf(sealed[0]!)); // the fourth draws a new one
    clock = 1000;
    const later = c.encrypt('e');
    expect(wrappedOf(later)).not.toBe(wrappedOf(sealed[3]!)); // a key expires with time too
    expect(calls.wrap).toBe(3);
    // The unwrap cache holds two of the three keys; reading all five values in order misses once per
    // key (each miss evicts the key needed next): three unwraps, not five.
    expect([...sealed, later].map((v) => c.decrypt(v))).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(calls.unwrap).toBe(3);
    expect(c.decrypt(later)).toBe('e');
    expect(calls.unwrap).toBe(3);
    // Another node (a cipher with an empty cache) opens every value.
    const other = createPersonalDataCipher({ kek: inner, masterKey });
    expect([...sealed, later].map((v) => other.decrypt(v))).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('gives stable, purpose-separated lookup hashes', () => {
    expect(cipher.lookupHash('mobile', '13800138000')).toBe(cipher.lookupHash('mobile', '13800138000'));
    expect(cipher.lookupHash('mobile', '13800138000')).not.toBe(
      cipher.lookupHash('id_number', '13800138000'),
    );
  });
});
