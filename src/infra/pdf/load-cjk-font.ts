import { readFile } from 'node:fs/promises';

/** Where Debian's `fonts-wqy-microhei` puts WenQuanYi Micro Hei (a .ttc with a proportional and a mono face). */
export const DEFAULT_CJK_FONT_PATH = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';

/**
 * Reads the CJK font that contracts embed (as a subset). The project installs WenQuanYi Micro Hei
 * itself (`scripts/ensure-system-packages.mjs`) rather than relying on whatever the machine has: a Noto
 * CJK subset from pdf-lib came out invalid and only looked right where the font was installed, so the
 * PDF must carry a face known to subset correctly. Throws an Error that says what to install when the
 * file is missing, and refuses a file that is not a TrueType font or collection.
 */
export async function loadCjkFont({ path = DEFAULT_CJK_FONT_PATH }: { path?: string } = {}): Promise<Buffer> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT')
      throw new Error(
        `CJK font not found at ${path}: install fonts-wqy-microhei (apt-get install fonts-wqy-microhei), ` +
          'or pass the path of wqy-microhei.ttc',
        { cause: e },
      );
    throw e;
  }
  const magic = bytes.subarray(0, 4).toString('latin1');
  if (magic !== 'ttcf' && magic !== '\x00\x01\x00\x00' && magic !== 'true')
    throw new Error(`${path} is not a TrueType font or collection (install fonts-wqy-microhei)`);
  return bytes;
}
