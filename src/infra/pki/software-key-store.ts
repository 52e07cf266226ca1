import { randomUUID, webcrypto } from 'node:crypto';
import { ecdsaP1363ToDer } from './ecdsa-signature';
import type { KeyRef, KeyStore, SigningKeyAlgorithm } from './key-store';

interface Entry {
  ref: KeyRef;
  keys: webcrypto.CryptoKeyPair;
}

const GENERATE: Record<SigningKeyAlgorithm, webcrypto.RsaHashedKeyGenParams | webcrypto.EcKeyGenParams> = {
  'ECDSA-P256': { name: 'ECDSA', namedCurve: 'P-256' },
  'RSA-2048': {
    name: 'RSASSA-PKCS1-v1_5',
    modulusLength: 2048,
    publicExponent: new Uint8Array([1, 0, 1]),
    hash: 'SHA-256',
  },
};

/**
 * The default {@link KeyStore}: WebCrypto keys in process memory, generated non-extractable so not even
 * this process can export a private key. Keys vanish on restart, which suits per-event signer keys;
 * long-lived keys (the bank's seal, the TSA) are loaded into it from config with `import`.
 */
export class SoftwareKeyStore implements KeyStore {
  readonly #entries = new Map<string, Entry>();
  readonly #defaultAlgorithm: SigningKeyAlgorithm;

  constructor({ defaultAlgorithm = 'ECDSA-P256' }: { defaultAlgorithm?: SigningKeyAlgorithm } = {}) {
    this.#defaultAlgorithm = defaultAlgorithm;
  }

  async generate(label: string, algorithm: SigningKeyAlgorithm = this.#defaultAlgorithm): Promise<KeyRef> {
    const keys = (await webcrypto.subtle.generateKey(GENERATE[algorithm], false, [
      'sign',
      'verify',
    ])) as webcrypto.CryptoKeyPair;
    return this.#add(label, algorithm, keys);
  }

  /**
   * Load an existing key pair (PKCS#8 DER or PEM private key, e.g. the bank's seal key from config);
   * the imported private key is non-extractable.
   */
  async import(label: string, algorithm: SigningKeyAlgorithm, pkcs8: Uint8Array | string): Promise<KeyRef> {
    const der = typeof pkcs8 === 'string' ? pemToDer(pkcs8) : pkcs8;
    const params = GENERATE[algorithm];
    const extractable = await webcrypto.subtle.importKey('pkcs8', der, params, true, ['sign']);
    const jwk = await webcrypto.subtle.exportKey('jwk', extractable);
    const privateKey = await webcrypto.subtle.importKey('jwk', jwk, params, false, ['sign']);
    const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = jwk;
    const publicKey = await webcrypto.subtle.importKey(
      'jwk',
      { ...publicJwk, key_ops: ['verify'] },
      params,
      true,
      ['verify'],
    );
    return this.#add(label, algorithm, { privateKey, publicKey });
  }

  async sign(ref: KeyRef, data: Uint8Array): Promise<Buffer> {
    const { keys } = this.#get(ref);
    if (ref.algorithm === 'ECDSA-P256') {
      const raw = await webcrypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, keys.privateKey, data);
      return ecdsaP1363ToDer(Buffer.from(raw));
    }
    return Buffer.from(await webcrypto.subtle.sign('RSASSA-PKCS1-v1_5', keys.privateKey, data));
  }

  async publicKey(ref: KeyRef): Promise<Buffer> {
    return Buffer.from(await webcrypto.subtle.exportKey('spki', this.#get(ref).keys.publicKey));
  }

  async destroy(ref: KeyRef): Promise<void> {
    this.#entries.delete(ref.id);
  }

  #add(label: string, algorithm: SigningKeyAlgorithm, keys: webcrypto.CryptoKeyPair): KeyRef {
    const ref: KeyRef = { id: randomUUID(), label, algorithm };
    this.#entries.set(ref.id, { ref, keys });
    return ref;
  }

  #get(ref: KeyRef): Entry {
    const entry = this.#entries.get(ref.id);
    if (!entry || entry.ref.algorithm !== ref.algorithm)
      throw new Error(`unknown key ${ref.label} (${ref.id})`);
    return entry;
  }
}

function pemToDer(pem: string): Buffer {
  return Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
}
