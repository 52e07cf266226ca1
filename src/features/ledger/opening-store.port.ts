/**
 * How to open a commitment or a record digest found in a leaf: for a salted commitment the value and
 * its salt (base64); for a record digest the record itself (its canonical JSON).
 */
export type Opening =
  | { readonly kind: 'commitment'; readonly of: string; readonly value: string; readonly salt: string }
  | { readonly kind: 'record'; readonly json: string };

/**
 * The openings of each leaf. They are personal data (IP addresses, devices, records): `seal` encrypts
 * them, and they travel with the leaf (outbox, then sequencing) into one row per leaf, keyed by its hash.
 */
export interface OpeningStore {
  seal(openings: ReadonlyMap<string, Opening>): string;
  /** Every opening of the given leaves, by commitment (or record digest). */
  forLeaves(leafHashes: readonly Buffer[]): Promise<Map<string, Opening>>;
}
