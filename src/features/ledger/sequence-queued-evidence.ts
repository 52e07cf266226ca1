import type { LedgerDeps } from './ledger-deps';

/**
 * Gives the evidence that business transactions queued (their outbox) its place in the log. Use cases
 * call it right after their transaction commits, so a step is anchored before the caller hears of
 * it; the integrator also calls it on every tick, so nothing queued stays behind after a crash.
 */
export async function sequenceQueuedEvidence(deps: Pick<LedgerDeps, 'store'>): Promise<void> {
  await deps.store.sequenceQueued();
}
