#!/usr/bin/env node
// Installs the Debian packages the tests need when they are missing: Chromium for the end-to-end
// tests (never a downloaded browser), a CJK font (Chinese pages in screenshots, contract PDFs), and
// poppler-utils (pdfsig, pdffonts, pdftoppm: the independent checks of signed contracts) and ffmpeg
// (interview recordings).
// Fails loudly rather than letting end-to-end tests skip.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const needed = [
  { pkg: 'chromium', present: () => existsSync('/usr/bin/chromium') },
  { pkg: 'fonts-wqy-microhei', present: () => existsSync('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc') },
  { pkg: 'poppler-utils', present: () => existsSync('/usr/bin/pdfsig') && existsSync('/usr/bin/pdftoppm') },
  // ffmpeg/ffprobe: the interview recordings (composite after the call, duration checks).
  { pkg: 'ffmpeg', present: () => existsSync('/usr/bin/ffmpeg') && existsSync('/usr/bin/ffprobe') },
];

const missing = needed.filter((n) => !n.present()).map((n) => n.pkg);
if (missing.length === 0) process.exit(0);
if (process.getuid?.() !== 0) {
  console.error(
    `Missing Debian packages: ${missing.join(' ')}. Install them with: sudo apt-get install -y ${missing.join(' ')}`,
  );
  process.exit(1);
}
console.log(`Installing ${missing.join(' ')} from Debian …`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execFileSync('apt-get', ['update', '-q'], { stdio: 'inherit', env });
execFileSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], {
  stdio: 'inherit',
  env,
});
for (const n of needed) {
  if (!n.present()) {
    console.error(`${n.pkg} is still missing after apt-get install`);
    process.exit(1);
  }
}
