import { sign } from 'node:crypto';
import { cosignatureKeyId } from './cosignature-key-id';
import { cosignatureMessage } from './cosignature-message';
import { ed25519KeyPair } from './ed25519-key-pair';
import { formatSignatureLine } from './format-signature-line';
import { isKeyName } from './is-key-name';
import type { NoteSigner } from './note-signer';
import { parseCheckpoint } from './parse-checkpoint';

/** What to cosign, and with which witness key: a raw seed, or a signer (an HSM) with a type-0x04 key ID. */
export type CosignCheckpointOptions = { checkpointText: string; timestamp: number } & (
  { name: string; seed: Uint8Array } | { signer: NoteSigner }
);

/**
 * A witness cosignature on a checkpoint (c2sp.org/tlog-cosignature v1.0.1, Ed25519): returns the full
 * signature line `— <name> base64(key ID || uint64-BE timestamp || Ed25519 signature)\n`, where the
 * signature covers `cosignature/v1\ntime <timestamp>\n` + the checkpoint text and the key ID is computed
 * with type 0x04. `timestamp` is POSIX seconds, given by the caller (core reads no clock). Only cosign a
 * checkpoint after checking it is consistent with the last one cosigned. Throws RangeError when the text is
 * not a checkpoint, the timestamp is not a safe non-negative integer, or the key is unusable.
 */
export function cosignCheckpoint(p: CosignCheckpointOptions): string {
  const checkpoint = parseCheckpoint(p.checkpointText);
  if (!checkpoint.ok) throw new RangeError(checkpoint.reason);
  const message = cosignatureMessage(p.checkpointText, p.timestamp);
  let signer: NoteSigner;
  if ('signer' in p) {
    signer = p.signer;
  } else {
    if (!isKeyName(p.name)) throw new RangeError(`invalid key name ${JSON.stringify(p.name)}`);
    const { privateKey, publicKey } = ed25519KeyPair(p.seed);
    signer = {
      name: p.name,
      keyId: cosignatureKeyId(p.name, publicKey),
      sign: (m) => sign(null, m, privateKey),
    };
  }
  const signature = signer.sign(message);
  if (signature.length !== 64) throw new RangeError('an Ed25519 signature is 64 bytes');
  const timestamp = Buffer.alloc(8);
  timestamp.writeBigUInt64BE(BigInt(p.timestamp));
  return formatSignatureLine(signer.name, signer.keyId, Buffer.concat([timestamp, signature]));
}
