import type { Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import * as m0001 from './migrations/0001-foundation';
import * as m0002 from './migrations/0002-ledger';
import * as m0003 from './migrations/0003-openings-in-outbox';
import * as m0004 from './migrations/0004-second-factors';
import * as m0005 from './migrations/0005-identity-verification';
import * as m0006 from './migrations/0006-risk-assessments';
import * as m0007 from './migrations/0007-contracts';
import * as m0008 from './migrations/0008-approvals';
import * as m0009 from './migrations/0009-disbursements';
import * as m0010 from './migrations/0010-collateral';
import * as m0011 from './migrations/0011-guarantors';
import * as m0012 from './migrations/0012-conditions-precedent';
import * as m0013 from './migrations/0013-notifications';
import * as m0014 from './migrations/0014-interviews';
import * as m0015 from './migrations/0015-interview-media';
import * as m0016 from './migrations/0016-interview-face-samples';
import * as m0017 from './migrations/0017-personal-data-erasure';
import * as m0018 from './migrations/0018-reconciliation-reports';
import * as m0019 from './migrations/0019-legal-holds';
import * as m0020 from './migrations/0020-account-closure';

/** Migrations in order; one set for PGlite and PostgreSQL. Add new files here. */
const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-ledger': m0002,
  '0003-openings-in-outbox': m0003,
  '0004-second-factors': m0004,
  '0005-identity-verification': m0005,
  '0006-risk-assessments': m0006,
  '0007-contracts': m0007,
  '0008-approvals': m0008,
  '0009-disbursements': m0009,
  '0010-collateral': m0010,
  '0011-guarantors': m0011,
  '0012-conditions-precedent': m0012,
  '0013-notifications': m0013,
  '0014-interviews': m0014,
  '0015-interview-media': m0015,
  '0016-interview-face-samples': m0016,
  '0017-personal-data-erasure': m0017,
  '0018-reconciliation-reports': m0018,
  '0019-legal-holds': m0019,
  '0020-account-closure': m0020,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the schema to the latest version; concurrent callers (several nodes) are serialised by Kysely's lock. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the migrator works on any schema
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
