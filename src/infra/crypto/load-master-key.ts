import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The master key for personal data: from config (production), or generated on first start into
 * `dataDir/keys/master.key` (mode 0600) for the embedded set-up. Losing it loses the personal data,
 * so backups must include it (kept apart from the database backup).
 */
export function loadMasterKey({
  configured,
  dataDir,
}: {
  configured: string | undefined;
  dataDir: string;
}): Buffer {
  if (configured) return Buffer.from(configured, 'base64');
  const dir = join(dataDir, 'keys');
  const file = join(dir, 'master.key');
  try {
    const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte base64 key`);
    return key;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  try {
    writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (e) {
    // Another process created it first: use theirs.
    if ((e as NodeJS.ErrnoException).code === 'EEXIST')
      return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    throw e;
  }
}
