import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The shared face photos (tests and measurements only, never shipped): MIANQIAN_FACES_DIR, else
 * /work/shared/data/faces, else ../shared/data/faces beside the repository. Missing photos fail the
 * caller with this message; face tests never skip.
 */
export function facesDir(): string {
  const candidates = [
    process.env.MIANQIAN_FACES_DIR,
    '/work/shared/data/faces',
    resolve(import.meta.dirname, '../../../shared/data/faces'),
  ].filter((d): d is string => !!d);
  const found = candidates.find((d) => existsSync(join(d, 'face-recognition-pivot.csv')));
  if (!found)
    throw new Error(
      `The face test photos were not found (looked in ${candidates.join(', ')}). ` +
        'Set MIANQIAN_FACES_DIR to the folder holding img1.jpg … and face-recognition-pivot.csv.',
    );
  return found;
}
