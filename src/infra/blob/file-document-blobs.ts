import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { DocumentBlobs } from '../../features/applications/document-blobs.port';
import type { PersonalDataCipher } from '../crypto/personal-data-cipher';

/**
 * Document bytes as files under `dir`, encrypted (ID copies and statements are personal data). Keys
 * are random UUIDs, so no user input ever reaches a path. Writes are atomic: temp file, fsync, rename.
 */
export function createFileDocumentBlobs({
  dir,
  cipher,
}: {
  dir: string;
  cipher: PersonalDataCipher;
}): DocumentBlobs {
  const pathOf = (key: string) => join(dir, key.slice(0, 2), key);
  return {
    async put(bytes) {
      const key = randomUUID();
      const target = pathOf(key);
      await mkdir(join(dir, key.slice(0, 2)), { recursive: true });
      const tmp = `${target}.tmp`;
      const handle = await open(tmp, 'wx', 0o600);
      try {
        await handle.writeFile(cipher.encryptBytes(bytes));
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(tmp, target);
      return key;
    },
    async get(key) {
      if (!/^[0-9a-f-]{36}$/.test(key)) return undefined;
      try {
        return cipher.decryptBytes(await readFile(pathOf(key)));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw e;
      }
    },
    async delete(key) {
      // Keys the store made are UUIDs; anything else names no file of ours.
      if (!/^[0-9a-f-]{36}$/.test(key)) return;
      await rm(pathOf(key), { force: true });
    },
  };
}
