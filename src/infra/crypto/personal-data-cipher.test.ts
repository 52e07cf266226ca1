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
    expect(cipher.encrypt('same')).not.toBe(cipher.encrypt('same')); // fresh data key and IV each time
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

  it('gives stable, purpose-separated lookup hashes', () => {
    expect(cipher.lookupHash('mobile', '13800138000')).toBe(cipher.lookupHash('mobile', '13800138000'));
    expect(cipher.lookupHash('mobile', '13800138000')).not.toBe(
      cipher.lookupHash('id_number', '13800138000'),
    );
  });
});
