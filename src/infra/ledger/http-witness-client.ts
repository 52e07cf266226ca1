import type { WitnessClient } from '../../features/ledger/witness-client.port';

/**
 * tlog-witness over HTTP: `POST <url>/add-checkpoint` with the request as text. A 409 answer's body
 * (`text/x.tlog.size`) is the size the witness has recorded for our log.
 */
export function createHttpWitnessClient({ timeoutMs = 5_000 }: { timeoutMs?: number } = {}): WitnessClient {
  return {
    async addCheckpoint(witness, body) {
      const response = await fetch(`${witness.url.replace(/\/$/, '')}/add-checkpoint`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain; charset=utf-8' },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await response.text();
      if (response.status === 409) {
        const size = /^\d+\s*$/.test(text) ? Number(text.trim()) : undefined;
        return { status: 409, size };
      }
      return { status: response.status, body: text };
    },
  };
}
