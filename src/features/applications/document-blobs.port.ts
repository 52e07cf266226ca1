/**
 * The bytes of uploaded documents (files in the data directory by default; object storage in a
 * later adapter). Keys are chosen by the store and never derived from user input.
 */
export interface DocumentBlobs {
  put(bytes: Buffer): Promise<string>;
  get(key: string): Promise<Buffer | undefined>;
}
