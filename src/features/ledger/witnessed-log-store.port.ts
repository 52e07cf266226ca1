/** This node's memory, as a witness, of the latest checkpoint it cosigned for each log. */
export interface WitnessedLogStore {
  get(origin: string): Promise<{ size: number; root: Buffer } | undefined>;
  /**
   * Moves a log forward only if its recorded size is still `expectedSize` (0 = never seen); answers
   * the recorded size otherwise, so two concurrent requests can never both win.
   */
  advance(p: {
    origin: string;
    expectedSize: number;
    size: number;
    root: Buffer;
  }): Promise<{ ok: true } | { ok: false; size: number }>;
}
