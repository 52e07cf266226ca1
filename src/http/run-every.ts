import type { FastifyInstance } from 'fastify';

/**
 * Runs a background job on this app: the first run `firstAfterMs` after start (a minute at most, so
 * that starting is not slowed), then every `everyMs`; a run still going when the next is due is not
 * doubled. The timers do not keep the process alive; closing the app stops them and waits for the run
 * in progress. `job` reports its own outcome (it must not throw: a rejection is passed to `onError`).
 */
export function runEvery(
  app: FastifyInstance,
  {
    job,
    everyMs,
    firstAfterMs = Math.min(60_000, everyMs),
    onError,
  }: {
    job: () => Promise<unknown>;
    everyMs: number;
    firstAfterMs?: number;
    onError: (error: unknown) => void;
  },
): void {
  let running: Promise<unknown> | undefined;
  const run = () => {
    if (running) return;
    running = job()
      .catch(onError)
      .finally(() => {
        running = undefined;
      });
  };
  const first = setTimeout(run, firstAfterMs);
  const timer = setInterval(run, everyMs);
  first.unref();
  timer.unref();
  app.addHook('preClose', async () => {
    clearTimeout(first);
    clearInterval(timer);
    await running;
  });
}
