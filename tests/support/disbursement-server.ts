/**
 * A real mianqian server for the disbursement crash test, started as a child process: the same
 * `openInfrastructure` and `buildApp` as `mianqian start`, without what that command adds around them
 * (building the web app, seeding, the face engine's warm-up), so a restart takes a moment. With
 * `--standby` it loads its code, then waits for a line on stdin before it opens the database (the test
 * warms the next process while the current one works). Prints "listening <url>" once it accepts
 * connections. Run bundled, or with `node --import tsx`.
 */
import { loadConfig } from '../../src/config';
import { buildApp } from '../../src/http/build-app';
import { openInfrastructure } from '../../src/infra/open-infrastructure';

if (process.argv.includes('--standby')) await new Promise((resolve) => process.stdin.once('data', resolve));
const config = loadConfig();
const infra = await openInfrastructure({ config });
const app = await buildApp({ config, infra, logger: { level: config.logLevel } });
const address = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`listening ${address}\n`);
