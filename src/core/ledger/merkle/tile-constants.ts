/** C2SP tlog-tiles: every tile spans 8 levels of the tree (the spec's fixed height). */
export const TILE_HEIGHT = 8;

/** C2SP tlog-tiles: a full tile holds 2^TILE_HEIGHT = 256 hashes (or an entry bundle 256 entries). */
export const TILE_WIDTH = 256;
