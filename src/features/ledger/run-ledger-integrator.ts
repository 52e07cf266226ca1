import { integrateLedger } from './integrate-ledger';
import type { LedgerDeps } from './ledger-deps';
import { publishCheckpoint } from './publish-checkpoint';

/**
 * The background loop every node runs (after warming its tile cache): sequence what the outbox holds, integrate new entries, sign
 * a checkpoint, gather cosignatures and publish. The tree lock makes the nodes take turns, so more
 * nodes only make integration more available, never forked. Failures are reported and retried on the
 * next tick. `stop()` waits for the tick in progress.
 */
export function runLedgerIntegrator(
  deps: LedgerDeps,
  { intervalMs, onError }: { intervalMs: number; onError: (e: unknown) => void },
): { stop(): Promise<void>; tick(): Promise<void> } {
  let running: Promise<void> | undefined;
  let stopped = false;
  const once = async () => {
    try {
      await integrateLedger(deps);
      await publishCheckpoint(deps);
    } catch (e) {
      onError(e);
    }
  };
  /** A full pass that starts after any pass in progress, so it sees everything committed before the call. */
  const tick = (): Promise<void> => {
    const next = (running ?? Promise.resolve()).then(once);
    const settled = next.finally(() => {
      if (running === settled) running = undefined;
    });
    running = settled;
    return settled;
  };
  // A node starting up loads the stored tiles into its cache, so its first proofs need no reads.
  void deps.store.warmUp().catch(onError);
  const timer = setInterval(() => {
    if (!stopped && running === undefined) void tick(); // the timer never queues behind a pass
  }, intervalMs);
  timer.unref();
  return {
    tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
