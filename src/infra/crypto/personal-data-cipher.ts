import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

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

/**
 * Random bytes from the CSPRNG, drawn 8 KiB at a time: each value sealed needs a data key and two
 * IVs, and one system call per draw was a measurable share of a request here. Every byte is used once.
 */
const randomPool = (() => {
  let pool = Buffer.alloc(0);
  let offset = 0;
  return (n: number): Buffer => {
    if (offset + n > pool.length) {
      pool = randomBytes(Math.max(8192, n));
      offset = 0;
    }
    const out = Buffer.from(pool.subarray(offset, offset + n));
    pool.fill(0, offset, offset + n); // a key handed out does not linger in the pool
    offset += n;
    return out;
  };
})();

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
 * Envelope encryption of personal data (个人信息加密存储): each value gets a fresh 256-bit data key,
 * the value is sealed with AES-256-GCM under it, and the data key is wrapped by the KEK. Exact lookups
 * (a mobile number at login, an ID number in the queue search) use a keyed HMAC, never the plaintext.
 */
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
}: {
  kek: KeyEncryptionKey;
  masterKey: Buffer;
}): PersonalDataCipher {
  const hmacKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'mianqian/lookup/v1', 32));
  const PREFIX = 'v1';

  const sealBytes = (plaintext: Buffer): { wrapped: Buffer; body: Buffer } => {
    const dataKey = randomPool(32);
    return { wrapped: kek.wrap(dataKey), body: gcmSeal(dataKey, plaintext, Buffer.from(kek.keyId)) };
  };
  const openBytes = (keyId: string, wrapped: Buffer, body: Buffer): Buffer => {
    if (keyId !== kek.keyId) throw new Error(`data sealed under another key (${keyId})`);
    return gcmOpen(kek.unwrap(wrapped), body, Buffer.from(keyId));
  };

  return {
    encrypt(plaintext) {
      const { wrapped, body } = sealBytes(Buffer.from(plaintext, 'utf8'));
      return `${PREFIX}.${kek.keyId}.${wrapped.toString('base64url')}.${body.toString('base64url')}`;
    },
    decrypt(sealed) {
      const [prefix, keyId, wrapped, body] = sealed.split('.');
      if (prefix !== PREFIX || !keyId || !wrapped || !body) throw new Error('not a sealed value');
      return openBytes(keyId, Buffer.from(wrapped, 'base64url'), Buffer.from(body, 'base64url')).toString(
        'utf8',
      );
    },
    encryptBytes(plaintext) {
      const { wrapped, body } = sealBytes(plaintext);
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
      return openBytes(keyId, wrapped, sealed.subarray(wrappedStart + wrappedLength));
    },
    lookupHash(purpose, value) {
      return createHmac('sha256', hmacKey).update(`${purpose}\u0000${value}`).digest('base64url');
    },
  };
}
