import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatSignerKey } from '../../core/ledger/note/format-signer-key';
import { parseSignerKey } from '../../core/ledger/note/parse-signer-key';

/**
 * A note signing key in Go's `PRIVATE+KEY+<name>+<id>+<key>` form: from config (production; the
 * origin must be its name), or generated on first start into `dataDir/keys/<file>` (mode 0600).
 * Used for the log's checkpoint key and for this node's witness key.
 */
export function loadLedgerKey({
  configured,
  dataDir,
  file,
  name,
  type = 0x01,
}: {
  configured: string | undefined;
  dataDir: string;
  file: string;
  name: string;
  /** 0x01 for a log's note key, 0x04 for a witness's cosignature key. */
  type?: 0x01 | 0x04;
}) {
  const parse = (text: string, where: string) => {
    const key = parseSignerKey(text.trim());
    if (!key.ok) throw new Error(`${where}: ${key.reason}`);
    if (key.value.name !== name)
      throw new Error(`${where}: the key is named ${key.value.name}, expected ${name}`);
    if (key.value.type !== type)
      throw new Error(`${where}: the key has type ${key.value.type}, expected ${type}`);
    return key.value;
  };
  if (configured) return parse(configured, 'configured ledger key');
  const dir = join(dataDir, 'keys');
  const path = join(dir, file);
  try {
    return parse(readFileSync(path, 'utf8'), path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    writeFileSync(path, `${formatSignerKey(name, randomBytes(32), type)}\n`, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e; // another process made it first
  }
  return parse(readFileSync(path, 'utf8'), path);
}
