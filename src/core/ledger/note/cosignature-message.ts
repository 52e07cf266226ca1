/**
 * The message an Ed25519 witness cosignature signs (c2sp.org/tlog-cosignature v1.0.1, "Ed25519 signed
 * message"): `cosignature/v1\ntime <timestamp>\n` followed by the whole checkpoint text, extension lines
 * included, signature lines excluded.
 */
export function cosignatureMessage(checkpointText: string, timestamp: number): Buffer {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0)
    throw new RangeError('a cosignature timestamp is a non-negative integer number of seconds');
  return Buffer.from(`cosignature/v1\ntime ${timestamp}\n${checkpointText}`, 'utf8');
}
