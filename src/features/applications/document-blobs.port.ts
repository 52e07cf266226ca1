/**
 * The bytes of uploaded documents (files in the data directory by default; object storage in a
 * later adapter). Keys are chosen by the store and never derived from user input.
 */
export interface DocumentBlobs {
  put(bytes: Buffer): Promise<string>;
  get(key: string): Promise<Buffer | undefined>;
  /** Removes the bytes for good (retention, docs/personal-data.md); a missing key is not an error. */
  delete(key: string): Promise<void>;
}
