import { randomBytes } from 'node:crypto';
import {
  formatRecoveryCode,
  normaliseRecoveryCode,
  RECOVERY_CODE_BYTES,
  RECOVERY_CODE_COUNT,
} from '../../core/identity/recovery-code';
import type { SecurityDeps } from './security-deps';

/** Draws a new set of recovery codes (replacing any earlier set) and returns them for showing once. */
export async function issueRecoveryCodes({
  deps,
  accountId,
}: {
  deps: Pick<SecurityDeps, 'store'>;
  accountId: string;
}): Promise<string[]> {
  const shown = Array.from({ length: RECOVERY_CODE_COUNT }, () =>
    formatRecoveryCode(randomBytes(RECOVERY_CODE_BYTES)),
  );
  await deps.store.replaceRecoveryCodes({ accountId, codes: shown.map((c) => normaliseRecoveryCode(c)!) });
  return shown;
}
