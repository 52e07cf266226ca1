/**
 * The server bench/journey drives: an ordinary mianqian API node (no web app), in development mode
 * with the demo seed, the benchmark's credit-bureau file and the scripted interview
 * (MIANQIAN_BENCH_SCRIPTED_INTERVIEW=1, which production mode refuses). Run as its own process so
 * that its CPU time can be measured apart from the scripted clients'. Prints `listening <url>` once
 * ready; stops on SIGTERM.
 */
import { seedDemo } from '../src/cli/seed-demo';
import { loadConfig } from '../src/config';
import { startServer } from '../src/http/server';
import { openInfrastructure } from '../src/infra/open-infrastructure';

const config = loadConfig();
const infra = await openInfrastructure({ config });
await seedDemo({ infra, config });
await infra.contracts.pki();
const server = await startServer({ config, infra });
console.log(`listening ${server.url}`);
process.once('SIGTERM', () => {
  server.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
