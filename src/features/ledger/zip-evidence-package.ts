import { zipSync } from 'fflate';

/** Every file of a package carries this time, so the same files always give the same zip bytes. */
const FIXED_MTIME = new Date('2020-01-01T00:00:00Z');

/**
 * Zips an evidence package canonically: files sorted by path, stored (not compressed), fixed times.
 * A verifier re-zips what it unpacked and compares bytes, so even a byte of zip metadata cannot
 * change unnoticed.
 */
export function zipEvidencePackage(files: ReadonlyMap<string, Uint8Array>): Buffer {
  const sorted = [...files.keys()].sort();
  const input: Record<string, [Uint8Array, { level: 0; mtime: Date }]> = {};
  for (const path of sorted) input[path] = [files.get(path)!, { level: 0, mtime: FIXED_MTIME }];
  return Buffer.from(zipSync(input));
}
