/**
 * How to open a commitment or a record digest found in a leaf: for a salted commitment the value and
 * its salt (base64); for a record digest the record itself (its canonical JSON).
 */
export type Opening =
  | { readonly kind: 'commitment'; readonly of: string; readonly value: string; readonly salt: string }
  | { readonly kind: 'record'; readonly json: string };

/** Openings are personal data (IP addresses, devices, records): the adapter encrypts them at rest. */
export interface OpeningStore {
  put(openings: readonly { commitment: string; opening: Opening }[]): Promise<void>;
  get(commitments: readonly string[]): Promise<Map<string, Opening>>;
}
