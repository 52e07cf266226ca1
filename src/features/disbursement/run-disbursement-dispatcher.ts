import type { DisbursementDeps } from './disbursement-deps';
import { dispatchDisbursements } from './dispatch-disbursements';

/**
 * The outbox relay every node runs, like the ledger integrator: a pass every `intervalMs`, one at a
 * time per node, plus `tick()` after a commit that queued a message (the nudge). The first pass after
 * start takes over every pending message whatever its lease (a node that just started holds none; the
 * lease of one that died would only delay its work; a live peer's work done twice is harmless because
 * every step is idempotent). A pass that finished something runs again at once. `stop()` waits for the
 * pass in progress.
 */
export function runDisbursementDispatcher(
  deps: DisbursementDeps,
  { intervalMs, onError }: { intervalMs: number; onError: (e: unknown) => void },
): { tick(): Promise<void>; stop(): Promise<void> } {
  let running: Promise<void> | undefined;
  let stopped = false;
  let isFirstPass = true;
  const once = async () => {
    try {
      for (let pass = 0; pass < 10 && !stopped; pass++) {
        const ignoresLeases = isFirstPass;
        isFirstPass = false;
        if ((await dispatchDisbursements({ deps, ignoresLeases, onError })) === 0) break;
      }
    } catch (e) {
      onError(e);
    }
  };
  /** A pass that starts after any pass in progress, so it sees everything committed before the call. */
  const tick = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    const next = (running ?? Promise.resolve()).then(once);
    const settled = next.finally(() => {
      if (running === settled) running = undefined;
    });
    running = settled;
    return settled;
  };
  const timer = setInterval(() => {
    if (!stopped && running === undefined) void tick();
  }, intervalMs);
  timer.unref();
  void tick();
  return {
    tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
