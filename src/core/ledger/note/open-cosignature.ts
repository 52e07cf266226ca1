import type { Parsed } from './parsed';

/**
 * Splits the bytes of an Ed25519 cosignature (after the key ID) into its `timestamped_signature` parts
 * (c2sp.org/tlog-cosignature v1.0.1): a big-endian uint64 POSIX timestamp and a 64-byte Ed25519 signature.
 * Timestamps above 2^53 - 1 (some 285 million years from now) are refused, as the spec allows for
 * timestamps in the future.
 */
export function openCosignature(bytes: Uint8Array): Parsed<{ timestamp: number; signature: Buffer }> {
  if (bytes.length !== 72)
    return { ok: false, reason: 'a cosignature is 8 timestamp bytes and 64 signature bytes' };
  const b = Buffer.from(bytes);
  const timestamp = b.readBigUInt64BE(0);
  if (timestamp > BigInt(Number.MAX_SAFE_INTEGER))
    return { ok: false, reason: 'the cosignature timestamp is too far in the future' };
  return { ok: true, value: { timestamp: Number(timestamp), signature: b.subarray(8) } };
}
