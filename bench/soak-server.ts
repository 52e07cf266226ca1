/**
 * The server bench/soak drives: bench/journey-server.ts (an ordinary API node with the demo seed, the
 * benchmark's credit-bureau file and the scripted interview), which also reports its own memory every
 * SOAK_MEMORY_REPORT_MS (default 10 s) as a line `memory {"rss":…,"heapUsed":…,"heapTotal":…,
 * "external":…}` on standard output, so that the soak can tell a leak (a heap that keeps growing) from
 * a process that merely holds on to pages. Started with --expose-gc, it collects garbage first, so
 * heapUsed is the live heap.
 */
await import('./journey-server');

const everyMs = Number(process.env.SOAK_MEMORY_REPORT_MS ?? 10_000);
const gc = (globalThis as { gc?: () => void }).gc;
setInterval(() => {
  // With --expose-gc (bench/soak passes it) the heap is measured right after a full collection.
  gc?.();
  const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
  process.stdout.write(`memory ${JSON.stringify({ rss, heapUsed, heapTotal, external })}\n`);
}, everyMs).unref();

export {};
