import { createCipheriv, createDecipheriv, createHmac, hkdfSync } from 'node:crypto';
import { randomPool } from './random-pool';

/**
 * The key-encryption key behind a KMS port: it wraps and unwraps data keys and never leaves its
 * adapter. `createLocalKek` holds the key in memory (from config or the data directory); a KMS or HSM
 * adapter implements the same two calls remotely.
 */
export interface KeyEncryptionKey {
  readonly keyId: string;
  wrap(dataKey: Buffer): Buffer;
  unwrap(wrapped: Buffer): Buffer;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

function gcmSeal(key: Buffer, plaintext: Buffer, aad: Buffer): Buffer {
  const iv = randomPool(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]);
}

function gcmOpen(key: Buffer, sealed: Buffer, aad: Buffer): Buffer {
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new Error('ciphertext too short');
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  return Buffer.concat([
    decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)),
    decipher.final(),
  ]);
}

/** A key-encryption key held locally (AES-256-GCM key wrap). */
export function createLocalKek({ masterKey }: { masterKey: Buffer }): KeyEncryptionKey {
  if (masterKey.length !== 32) throw new Error('the master key must be 32 bytes');
  const wrapKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'mianqian/kek/v1', 32));
  const keyId = createHmac('sha256', masterKey).update('mianqian/key-id').digest('hex').slice(0, 16);
  const aad = Buffer.from(`kek:${keyId}`);
  return {
    keyId,
    wrap: (dataKey) => gcmSeal(wrapKey, dataKey, aad),
    unwrap: (wrapped) => gcmOpen(wrapKey, wrapped, aad),
  };
}

/**
 * Envelope encryption of personal data (个人信息加密存储): each value is sealed with AES-256-GCM (a
 * fresh random IV each time) under a 256-bit data key, and the data key is wrapped by the KEK and
 * stored beside the value. Exact lookups (a mobile number at login, an ID number in the queue search)
 * use a keyed HMAC, never the plaintext.
 *
 * Data keys are cached as envelope-encryption libraries do (the AWS Encryption SDK's caching
 * materials manager): one data key seals at most `maxUses` values during at most `maxAgeMs`, then a
 * new one is drawn, and unwrapped data keys are remembered (at most `cachedUnwraps`). With a local KEK
 * this halves the AES work per value; with a remote KMS it is what keeps one call per value off the
 * request path. The limits stay far inside GCM's bound for random IVs (2^32 messages per key).
 */
export interface DataKeyCaching {
  readonly maxUses: number;
  readonly maxAgeMs: number;
  readonly cachedUnwraps: number;
}

export const defaultDataKeyCaching: DataKeyCaching = { maxUses: 1024, maxAgeMs: 60_000, cachedUnwraps: 4096 };

export interface PersonalDataCipher {
  encrypt(plaintext: string): string;
  decrypt(sealed: string): string;
  encryptBytes(plaintext: Buffer): Buffer;
  decryptBytes(sealed: Buffer): Buffer;
  /** Keyed hash for equality lookups; `purpose` separates the hash spaces (mobile, id_number, …). */
  lookupHash(purpose: string, value: string): string;
}

export function createPersonalDataCipher({
  kek,
  masterKey,
  caching = defaultDataKeyCaching,
  now = Date.now,
}: {
  kek: KeyEncryptionKey;
  masterKey: Buffer;
  caching?: DataKeyCaching;
  now?: () => number;
}): PersonalDataCipher {
  const hmacKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'mianqian/lookup/v1', 32));
  const PREFIX = 'v1';
  const aad = Buffer.from(kek.keyId);

  /** Unwrapped data keys by their wrapped form (base64url), least recently used first. */
  const unwrapped = new Map<string, Buffer>();
  const remember = (wrappedText: string, dataKey: Buffer) => {
    unwrapped.delete(wrappedText);
    unwrapped.set(wrappedText, dataKey);
    if (unwrapped.size > caching.cachedUnwraps) unwrapped.delete(unwrapped.keys().next().value!);
  };
  let current:
    { dataKey: Buffer; wrapped: Buffer; wrappedText: string; uses: number; until: number } | undefined;
  const dataKeyForSealing = () => {
    const t = now();
    if (!current || current.uses >= caching.maxUses || t >= current.until) {
      const dataKey = randomPool(32);
      const wrapped = kek.wrap(dataKey);
      current = {
        dataKey,
        wrapped,
        wrappedText: wrapped.toString('base64url'),
        uses: 0,
        until: t + caching.maxAgeMs,
      };
      remember(current.wrappedText, dataKey);
    }
    current.uses++;
    return current;
  };
  const openBytes = (keyId: string, wrappedText: string, wrapped: () => Buffer, body: Buffer): Buffer => {
    if (keyId !== kek.keyId) throw new Error(`data sealed under another key (${keyId})`);
    let dataKey = unwrapped.get(wrappedText);
    if (!dataKey) {
      dataKey = kek.unwrap(wrapped());
      remember(wrappedText, dataKey);
    }
    return gcmOpen(dataKey, body, aad);
  };

  return {
    encrypt(plaintext) {
      const { dataKey, wrappedText } = dataKeyForSealing();
      const body = gcmSeal(dataKey, Buffer.from(plaintext, 'utf8'), aad);
      return `${PREFIX}.${kek.keyId}.${wrappedText}.${body.toString('base64url')}`;
    },
    decrypt(sealed) {
      const [prefix, keyId, wrapped, body] = sealed.split('.');
      if (prefix !== PREFIX || !keyId || !wrapped || !body) throw new Error('not a sealed value');
      return openBytes(
        keyId,
        wrapped,
        () => Buffer.from(wrapped, 'base64url'),
        Buffer.from(body, 'base64url'),
      ).toString('utf8');
    },
    encryptBytes(plaintext) {
      const { dataKey, wrapped } = dataKeyForSealing();
      const body = gcmSeal(dataKey, plaintext, aad);
      const header = Buffer.from(`${PREFIX}.${kek.keyId}.`, 'utf8');
      const len = Buffer.alloc(2);
      len.writeUInt16BE(wrapped.length);
      return Buffer.concat([header, len, wrapped, body]);
    },
    decryptBytes(sealed) {
      const firstDot = sealed.indexOf(0x2e);
      const secondDot = sealed.indexOf(0x2e, firstDot + 1);
      if (firstDot < 0 || secondDot < 0) throw new Error('not a sealed blob');
      const prefix = sealed.subarray(0, firstDot).toString('utf8');
      const keyId = sealed.subarray(firstDot + 1, secondDot).toString('utf8');
      if (prefix !== PREFIX) throw new Error('not a sealed blob');
      const wrappedLength = sealed.readUInt16BE(secondDot + 1);
      const wrappedStart = secondDot + 3;
      const wrapped = sealed.subarray(wrappedStart, wrappedStart + wrappedLength);
      return openBytes(
        keyId,
        wrapped.toString('base64url'),
        () => wrapped,
        sealed.subarray(wrappedStart + wrappedLength),
      );
    },
    lookupHash(purpose, value) {
      return createHmac('sha256', hmacKey).update(`${purpose}\u0000${value}`).digest('base64url');
    },
  };
}
