import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Builds the web app with Vite when `web/dist` is missing or older than the web sources or the
 * shared contracts. A production image ships a built `web/dist` and skips this.
 */
export async function buildWebIfNeeded({
  root = resolve('.'),
  log = console.log,
}: { root?: string; log?: (m: string) => void } = {}): Promise<boolean> {
  const dist = join(root, 'web', 'dist', 'index.html');
  const sources = [join(root, 'web', 'src'), join(root, 'web', 'index.html'), join(root, 'src', 'contracts')];
  if (!existsSync(join(root, 'web', 'src'))) return false;
  const builtAt = existsSync(dist) ? statSync(dist).mtimeMs : 0;
  const changedAt = Math.max(
    ...sources
      .filter(existsSync)
      .map((s) => (statSync(s).isDirectory() ? newestMtime(s) : statSync(s).mtimeMs)),
  );
  if (builtAt >= changedAt) return false;
  log('Building the web app (web/dist) …');
  const { build } = await import('vite');
  await build({ configFile: join(root, 'web', 'vite.config.ts'), logLevel: 'warn' });
  return true;
}
