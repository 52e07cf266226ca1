import { verify } from 'node:crypto';
import { cosignatureKeyId } from './cosignature-key-id';
import { cosignatureMessage } from './cosignature-message';
import { ed25519PublicKey } from './ed25519-public-key';
import { openCosignature } from './open-cosignature';
import type { Parsed } from './parsed';

/**
 * Checks one Ed25519 witness cosignature (c2sp.org/tlog-cosignature v1.0.1) on a checkpoint text: the
 * line's key ID must be the type-0x04 key ID of its name and `publicKey`, and the signature must verify over
 * `cosignature/v1\ntime <timestamp>\n` + the text. `line` is a signature as `parseNote` returns it. Returns
 * the cosignature's timestamp (POSIX seconds); judging whether it is too old or in the future is the
 * caller's business.
 */
export function verifyCosignature(p: {
  checkpointText: string;
  line: { name: string; keyId: Buffer; signature: Buffer };
  publicKey: Uint8Array;
}): Parsed<{ timestamp: number }> {
  const key = ed25519PublicKey(p.publicKey);
  if (key === undefined) return { ok: false, reason: 'not a 32-byte Ed25519 public key' };
  if (!cosignatureKeyId(p.line.name, p.publicKey).equals(p.line.keyId))
    return { ok: false, reason: 'the key id does not match the cosigner name and key' };
  const cosignature = openCosignature(p.line.signature);
  if (!cosignature.ok) return cosignature;
  const { timestamp, signature } = cosignature.value;
  if (!verify(null, cosignatureMessage(p.checkpointText, timestamp), key, signature))
    return { ok: false, reason: `the cosignature of ${p.line.name} does not verify` };
  return { ok: true, value: { timestamp } };
}
