import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, otpauthUri, totpCode, verifyTotp } from './totp';

const ascii = (s: string) => Buffer.from(s, 'ascii');

describe('HOTP (RFC 4226 appendix D)', () => {
  const secret = ascii('12345678901234567890');
  const expected = [
    '755224',
    '287082',
    '359152',
    '969429',
    '338314',
    '254676',
    '287922',
    '162583',
    '399871',
    '520489',
  ];
  it.each(expected.map((code, counter) => [counter, code]))('counter %i gives %s', (counter, code) => {
    expect(hotp({ secret, counter })).toBe(code);
  });
});

describe('TOTP (RFC 6238 appendix B)', () => {
  const secrets = {
    sha1: ascii('12345678901234567890'),
    sha256: ascii('12345678901234567890123456789012'),
    sha512: ascii('1234567890123456789012345678901234567890123456789012345678901234'),
  };
  const vectors: [number, string, 'sha1' | 'sha256' | 'sha512'][] = [
    [59, '94287082', 'sha1'],
    [59, '46119246', 'sha256'],
    [59, '90693936', 'sha512'],
    [1111111109, '07081804', 'sha1'],
    [1111111109, '68084774', 'sha256'],
    [1111111109, '25091201', 'sha512'],
    [1111111111, '14050471', 'sha1'],
    [1111111111, '67062674', 'sha256'],
    [1111111111, '99943326', 'sha512'],
    [1234567890, '89005924', 'sha1'],
    [1234567890, '91819424', 'sha256'],
    [1234567890, '93441116', 'sha512'],
    [2000000000, '69279037', 'sha1'],
    [2000000000, '90698825', 'sha256'],
    [2000000000, '38618901', 'sha512'],
    [20000000000, '65353130', 'sha1'],
    [20000000000, '77737706', 'sha256'],
    [20000000000, '47863826', 'sha512'],
  ];
  it.each(vectors)('T=%i gives %s with %s', (seconds, code, algorithm) => {
    expect(totpCode({ secret: secrets[algorithm], at: new Date(seconds * 1000), digits: 8, algorithm })).toBe(
      code,
    );
  });
});

describe('verifyTotp', () => {
  const secret = ascii('12345678901234567890');
  const at = new Date(1_234_567_890_000);
  const step = Math.floor(1_234_567_890 / 30);

  it('accepts the current step and one on either side, and says which step matched', () => {
    expect(verifyTotp({ secret, code: totpCode({ secret, at }), at })).toEqual({ step });
    const before = new Date(at.getTime() - 30_000);
    expect(verifyTotp({ secret, code: totpCode({ secret, at: before }), at })).toEqual({ step: step - 1 });
    const after = new Date(at.getTime() + 30_000);
    expect(verifyTotp({ secret, code: totpCode({ secret, at: after }), at })).toEqual({ step: step + 1 });
  });

  it('refuses codes two steps away, malformed codes and wrong codes', () => {
    const old = new Date(at.getTime() - 60_000);
    expect(verifyTotp({ secret, code: totpCode({ secret, at: old }), at })).toBeUndefined();
    expect(verifyTotp({ secret, code: '12345', at })).toBeUndefined();
    expect(verifyTotp({ secret, code: '12345a', at })).toBeUndefined();
    const right = totpCode({ secret, at });
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
    expect(verifyTotp({ secret, code: wrong, at })).toBeUndefined();
  });
});

describe('base32 (RFC 4648 §10)', () => {
  const vectors: [string, string][] = [
    ['', ''],
    ['f', 'MY'],
    ['fo', 'MZXQ'],
    ['foo', 'MZXW6'],
    ['foob', 'MZXW6YQ'],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI'],
  ];
  it.each(vectors)('%j encodes as %s and back', (plain, encoded) => {
    expect(base32Encode(ascii(plain))).toBe(encoded);
    expect(base32Decode(encoded)?.toString('ascii')).toBe(plain);
    expect(base32Decode(`${encoded.toLowerCase()}====`)?.toString('ascii')).toBe(plain);
  });
  it('refuses characters outside the alphabet', () => {
    expect(base32Decode('MZXW1')).toBeUndefined();
  });
});

describe('otpauthUri', () => {
  it('names the issuer and account and carries the base32 secret', () => {
    const uri = otpauthUri({ secret: ascii('12345678901234567890'), accountName: '138****8000' });
    expect(uri).toBe(
      'otpauth://totp/mianqian%20%E9%9D%A2%E7%AD%BE:138****8000?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=mianqian%20%E9%9D%A2%E7%AD%BE&algorithm=SHA1&digits=6&period=30',
    );
  });
});
