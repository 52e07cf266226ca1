import { AppError } from '../../core/errors';
import { parseTilePath } from '../../core/ledger/merkle/parse-tile-path';
import { TILE_WIDTH } from '../../core/ledger/merkle/tile-constants';
import type { LedgerDeps } from './ledger-deps';

/**
 * Serves a C2SP tlog-tiles resource (`tile/<L>/<N>[.p/<W>]` or `tile/entries/<N>[.p/<W>]`) from the
 * integrated tree. A full tile never changes (it may be cached for ever); a partial tile of width W is
 * the first W hashes of its stored tile, so every width the tree has passed through stays readable.
 * Entry bundles are uint16-length-prefixed leaves.
 */
export async function readLedgerTile(
  deps: Pick<LedgerDeps, 'store'>,
  path: string,
): Promise<{ bytes: Buffer; isFull: boolean }> {
  const tile = parseTilePath(path);
  if (tile === undefined) throw new AppError('LEDGER_TILE_NOT_FOUND');
  const { size } = await deps.store.tree();
  if (tile.kind === 'entries') {
    const from = tile.index * TILE_WIDTH;
    if (from + tile.width > size) throw new AppError('LEDGER_TILE_NOT_FOUND');
    const entries = await deps.store.readEntries(from, from + tile.width);
    const parts: Buffer[] = [];
    for (const e of entries) {
      const length = Buffer.alloc(2);
      length.writeUInt16BE(e.entry.length);
      parts.push(length, e.entry);
    }
    return { bytes: Buffer.concat(parts), isFull: tile.width === TILE_WIDTH };
  }
  // Hashes stored at tile level L are tree nodes at level 8L; the level holds floor(size / 256^L) of them.
  const available = Math.floor(size / TILE_WIDTH ** tile.level);
  if (tile.index * TILE_WIDTH + tile.width > available) throw new AppError('LEDGER_TILE_NOT_FOUND');
  const stored = (await deps.store.readTiles([tile])).get(`${tile.level}/${tile.index}`);
  if (stored === undefined || stored.length < tile.width * 32) throw new AppError('LEDGER_TILE_NOT_FOUND');
  return { bytes: stored.subarray(0, tile.width * 32), isFull: tile.width === TILE_WIDTH };
}
