import type { Config } from '../config';
import { startServer } from '../http/server';
import { openInfrastructure } from '../infra/open-infrastructure';
import { buildWebIfNeeded } from './build-web-if-needed';
import { demoAccounts, seedDemo } from './seed-demo';

/** `mianqian start`: build the web app if needed, migrate, seed on first start (not in production), serve. */
export async function runStart({ config }: { config: Config }): Promise<number> {
  await buildWebIfNeeded();
  const infra = await openInfrastructure({ config });
  if (config.mode !== 'production') {
    const { seeded } = await seedDemo({ infra, config });
    if (seeded) {
      console.log('\nDemo accounts (development only):');
      for (const a of demoAccounts) console.log(`  ${a.role.padEnd(20)} ${a.mobile}  ${a.password}`);
    }
  }
  const server = await startServer({ config, infra });
  console.log(
    `\nmianqian is running at ${server.url} (database: ${infra.database.kind === 'pglite' ? `embedded, ${config.dataDir}` : 'PostgreSQL'})`,
  );
  console.log(`API docs: ${server.url}/api/docs\n`);
  const shutdown = (signal: string) => {
    server.app.log.info({ signal }, 'shutting down');
    server.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  return -1;
}
