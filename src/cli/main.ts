import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type ConfigOverrides } from '../config';
import { backupCommand } from './backup-command';
import { checkIdCommand } from './check-id';
import { faceEvalCommand } from './face-eval-command';
import { contractCommand } from './contract-command';
import { ledgerAuditCommand } from './ledger-audit-command';
import { loanScheduleCommand } from './loan-schedule-command';
import { pkiCommand } from './pki-command';
import { recordingsPurgeCommand } from './recordings-purge-command';
import { restoreCommand } from './restore-command';
import { personalDataPurgeCommand } from './personal-data-purge-command';
import { reconciliationCommand } from './reconciliation-command';
import { riskCommand } from './risk-command';
import { verifyCommand } from './verify-command';
import { runStart } from './start';
import { openInfrastructure } from '../infra/open-infrastructure';
import { seedDemo } from './seed-demo';

const usage = `mianqian — 面签 online loan signing

Usage:
  mianqian start [--port <n>] [--data-dir <dir>] [--host <addr>] [--workers <n>]
                                                                   migrate, seed demo data on first start, serve API and web
                                                                   (--workers: server processes sharing the port; PostgreSQL only)
  mianqian migrate [--data-dir <dir>]                              bring the database schema up to date
  mianqian seed [--data-dir <dir>]                                 add the demo accounts and applications (once)
  mianqian identity check-id <number>                              check a resident identity number (exit 0 valid, 1 not)
  mianqian identity face-eval --pairs <csv> --images <dir>         measure face matching on labelled pairs; prints one JSON line
  mianqian verify <package.zip> --vkey <file> [--witness-vkey <file>]…
                                                                   check an evidence package offline (exit 0 intact, 1 not)
  mianqian contract sample --out <pdf> [--locale zh-CN|en]        render and sign a sample three-party contract (signing smoke test)
  mianqian contract verify <pdf> [--root <pem>]                    report each signature: signer, times, timestamp, chain, integrity
  mianqian pki ceremony --out <dir> [--bank-name <name>] [--bank-credit-code <code>] [--public-url <url>]
                                                                   key ceremony into an empty directory: CA, bank seal, TSA and
                                                                   OCSP keys (PKI_DIR) and the root key to take offline
  mianqian ledger audit [--data-dir <dir>]                         recompute the evidence ledger and report any tampering
  mianqian backup <dir> [--data-dir <dir>]                         database, keys, blobs and recordings into a new directory,
                                                                   with a manifest (PGlite: stop the server first; docs/backup-restore.md)
  mianqian restore <dir> [--data-dir <dir>]                        a backup into an empty target, then verify it (ledger, contracts, files)
  mianqian recordings purge [--data-dir <dir>]                     delete interview recordings RECORDING_RETENTION_DAYS after their loan's
                                                                   contract ends (composites, segment files, rows; the server runs it daily)
  mianqian personal-data purge [--data-dir <dir>]                  erase face data of withdrawn consents and closed applications
                                                                   past CLOSED_APPLICATION_RETENTION_DAYS (the server runs it daily)
  mianqian reconciliation run [--date YYYY-MM-DD] [--data-dir <dir>]
                                                                   daily disbursement reconciliation (日终对账) of the complete days not yet
                                                                   stored, or of --date now (replacing its report; the server runs it hourly);
                                                                   exit 0 all matched and balanced, 1 any discrepancy, 2 bad input
  mianqian loan schedule --amount <yuan> --annual-rate <decimal> --months <n> --method <method> [--json]
                                                                   print a repayment schedule and its 年化利率 (--help: all flags)
  mianqian risk train --data <csv> --target <column> --out <model.json> [--exclude <cols>] [--derived taiwan|none] [--challenger]
                                                                   train a WOE scorecard; prints hold-out AUC/KS/Gini and k-fold CV AUC
  mianqian risk evaluate --model <model.json> --data <csv> --target <column>
                                                                   score labelled data with a model; prints {"n","auc","ks","gini"}

Configuration comes from the environment (see README.md); DATABASE_URL selects PostgreSQL.`;

function overridesFrom(values: {
  port?: string | undefined;
  'data-dir'?: string | undefined;
  host?: string | undefined;
  workers?: string | undefined;
}): ConfigOverrides {
  const o: ConfigOverrides = {};
  if (values.port !== undefined) {
    if (!/^\d+$/.test(values.port) || Number(values.port) > 65535)
      throw new ConfigError(`--port must be a port number, got ${values.port}`);
    o.port = Number(values.port);
  }
  if (values['data-dir'] !== undefined) o.dataDir = values['data-dir'];
  if (values.host !== undefined) o.host = values.host;
  if (values.workers !== undefined) {
    if (!/^\d+$/.test(values.workers) || Number(values.workers) < 1 || Number(values.workers) > 64)
      throw new ConfigError(`--workers must be a number from 1 to 64, got ${values.workers}`);
    o.workers = Number(values.workers);
  }
  return o;
}

async function main(argv: string[]): Promise<number> {
  // `loan schedule` has its own flags, which the global parser below would reject.
  if (argv[0] === 'loan' && argv[1] === 'schedule') return loanScheduleCommand(argv.slice(2));
  if (argv[0] === 'risk') return riskCommand(argv.slice(1));
  if (argv[0] === 'identity' && argv[1] === 'face-eval') return faceEvalCommand(argv.slice(2));
  if (argv[0] === 'pki') return pkiCommand(argv.slice(1));
  if (argv[0] === 'contract') {
    const dataDirAt = argv.indexOf('--data-dir');
    const config = loadConfig();
    return contractCommand(argv.slice(1), {
      dataDir: dataDirAt >= 0 && argv[dataDirAt + 1] ? argv[dataDirAt + 1]! : config.dataDir,
      pkiDir: config.pkiDir,
    });
  }
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      host: { type: 'string' },
      workers: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      vkey: { type: 'string' },
      'witness-vkey': { type: 'string', multiple: true },
      date: { type: 'string' },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    console.log(usage);
    return command || values.help ? 0 : 2;
  }
  if (command === 'identity' && rest[0] === 'check-id') return checkIdCommand(rest[1]);
  if (command === 'verify')
    return verifyCommand({ path: rest[0], vkey: values.vkey, witnessVkeys: values['witness-vkey'] ?? [] });
  const config = loadConfig({ overrides: overridesFrom(values) });
  switch (command) {
    case 'start':
      return runStart({ config });
    case 'migrate': {
      const infra = await openInfrastructure({ config });
      await infra.close();
      console.log('The database schema is up to date.');
      return 0;
    }
    case 'seed': {
      const infra = await openInfrastructure({ config });
      try {
        const { seeded } = await seedDemo({ infra, config });
        console.log(seeded ? 'Demo data added.' : 'Demo data was already there.');
      } finally {
        await infra.close();
      }
      return 0;
    }
    case 'ledger':
      if (rest[0] === 'audit') return ledgerAuditCommand({ config });
      console.error(`Unknown ledger command: ${rest[0] ?? ''}\n\n${usage}`);
      return 2;
    case 'backup':
      return backupCommand({ config, dir: rest[0] });
    case 'restore':
      return restoreCommand({ config, dir: rest[0] });
    case 'recordings':
      if (rest[0] === 'purge') return recordingsPurgeCommand({ config });
      console.error(`Unknown recordings command: ${rest[0] ?? ''}\n\n${usage}`);
      return 2;
    case 'personal-data':
      if (rest[0] === 'purge') return personalDataPurgeCommand({ config });
      console.error(`Unknown personal-data command: ${rest[0] ?? ''}\n\n${usage}`);
      return 2;
    case 'reconciliation':
      return reconciliationCommand({ config, args: rest, date: values.date });
    default:
      console.error(`Unknown command: ${command}\n\n${usage}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== -1) process.exitCode = code;
  },
  (err: unknown) => {
    console.error(
      err instanceof ConfigError || (err as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
        ? `mianqian: ${(err as Error).message}`
        : err,
    );
    process.exitCode = 1;
  },
);
