import { unzipSync } from 'fflate';
import {
  verifyEvidencePackage,
  type PackageCheck,
} from '../core/ledger/evidence-package/verify-evidence-package';
import { zipEvidencePackage } from '../features/ledger/zip-evidence-package';

/**
 * Checks an evidence package zip offline: it must unzip, be in the one canonical zip form (so no byte
 * of the container can change unnoticed), and pass every check of `verifyEvidencePackage`.
 */
export function verifyPackageBytes(
  zip: Uint8Array,
  options: { logVkey: string; witnessVkeys?: readonly string[] },
): { ok: boolean; checks: PackageCheck[] } {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip);
  } catch (e) {
    return {
      ok: false,
      checks: [{ item: 'zip', ok: false, reason: `not a readable zip (${(e as Error).message})` }],
    };
  }
  const map = new Map(Object.entries(files).filter(([path]) => !path.endsWith('/')));
  const canonical = zipEvidencePackage(map).equals(Buffer.from(zip));
  const result = verifyEvidencePackage(map, options);
  const checks: PackageCheck[] = [
    canonical
      ? { item: 'zip', ok: true }
      : {
          item: 'zip',
          ok: false,
          reason: 'the zip is not in canonical form: it was changed after it was made',
        },
    ...result.checks,
  ];
  return { ok: canonical && result.ok, checks };
}
