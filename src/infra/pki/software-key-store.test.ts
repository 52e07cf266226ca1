import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SigningKeyAlgorithm } from './key-store';
import { SoftwareKeyStore } from './software-key-store';

describe('SoftwareKeyStore', () => {
  it.each<SigningKeyAlgorithm>(['ECDSA-P256', 'RSA-2048'])(
    '%s: signatures are SHA-256, in X.509/CMS encoding, and verify with the exported SPKI',
    async (algorithm) => {
      const store = new SoftwareKeyStore();
      const ref = await store.generate('signer/test', algorithm);
      expect(ref).toMatchObject({ label: 'signer/test', algorithm });
      const data = Buffer.from('signed attributes');
      const signature = await store.sign(ref, data);
      if (algorithm === 'ECDSA-P256') expect(signature[0]).toBe(0x30); // DER Ecdsa-Sig-Value, not r‖s
      const key = createPublicKey({ key: await store.publicKey(ref), format: 'der', type: 'spki' });
      expect(verify('sha256', data, key, signature)).toBe(true);
      expect(verify('sha256', Buffer.from('other'), key, signature)).toBe(false);
    },
  );

  it('imports a PKCS#8 PEM key (config) and forgets destroyed keys', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const store = new SoftwareKeyStore();
    const ref = await store.import(
      'org/bank',
      'ECDSA-P256',
      privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    );
    const signature = await store.sign(ref, Buffer.from('x'));
    expect(verify('sha256', Buffer.from('x'), publicKey, signature)).toBe(true);
    expect((await store.publicKey(ref)).equals(publicKey.export({ type: 'spki', format: 'der' }))).toBe(true);
    await store.destroy(ref);
    await expect(store.sign(ref, Buffer.from('x'))).rejects.toThrow(/unknown key/);
  });

  it('never signs with a key it did not issue the reference for', async () => {
    const store = new SoftwareKeyStore();
    const ref = await store.generate('a');
    await expect(store.sign({ ...ref, id: 'forged' }, Buffer.from('x'))).rejects.toThrow(/unknown key/);
    await expect(store.sign({ ...ref, algorithm: 'RSA-2048' }, Buffer.from('x'))).rejects.toThrow(
      /unknown key/,
    );
  });
});
