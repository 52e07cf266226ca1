import { join } from 'node:path';
import { Redis } from 'ioredis';
import type { Config } from '../config';
import type { AccountStore } from '../features/accounts/account-store.port';
import type { PasswordHasher } from '../features/accounts/password-hasher.port';
import type { RateLimiter } from '../features/accounts/rate-limiter.port';
import type { SessionStore } from '../features/accounts/session-store.port';
import type { ApplicationStore } from '../features/applications/application-store.port';
import type { SecondFactorStore } from '../features/security/second-factor-store.port';
import type { DocumentBlobs } from '../features/applications/document-blobs.port';
import type { LedgerSecrets } from '../features/ledger/ledger-secrets.port';
import type { LedgerStore } from '../features/ledger/ledger-store.port';
import type { OpeningStore } from '../features/ledger/opening-store.port';
import type { WitnessClient } from '../features/ledger/witness-client.port';
import type { WitnessedLogStore } from '../features/ledger/witnessed-log-store.port';
import type { NoteSigner } from '../core/ledger/note/note-signer';
import { createArgon2PasswordHasher } from './accounts/argon2-password-hasher';
import { createDbAccountStore } from './accounts/db-account-store';
import { createDbRateLimiter } from './accounts/db-rate-limiter';
import { createDbSessionStore } from './accounts/db-session-store';
import { createRedisRateLimiter } from './accounts/redis-rate-limiter';
import { createRedisSessionStore } from './accounts/redis-session-store';
import { createDbApplicationStore } from './applications/db-application-store';
import { createDbSecondFactorStore } from './security/db-second-factor-store';
import { createFileDocumentBlobs } from './blob/file-document-blobs';
import { loadMasterKey } from './crypto/load-master-key';
import {
  createLocalKek,
  createPersonalDataCipher,
  type PersonalDataCipher,
} from './crypto/personal-data-cipher';
import { createDatabase, type DatabaseHandle } from './db/create-database';
import { migrateToLatest } from './db/migrate';
import { createDbLedgerStore } from './ledger/db-ledger-store';
import { createDbOpeningStore } from './ledger/db-opening-store';
import { createDbWitnessedLogStore } from './ledger/db-witnessed-log-store';
import { createHttpWitnessClient } from './ledger/http-witness-client';
import { createLedgerSecrets } from './ledger/ledger-secrets';
import { loadLedgerKey } from './ledger/load-ledger-key';
import type { FaceEngine } from '../features/identity/face-engine.port';
import type { IdentityAuthority, IdentityRegistry } from '../features/identity/identity-authority.port';
import type { IdentityStore } from '../features/identity/identity-store.port';
import type { SmsOutbox, SmsSender } from '../features/identity/sms-sender.port';
import { createHumanFaceEngine } from './face/human-face-engine';
import { createDbIdentityStore } from './identity/db-identity-store';
import { createLocalRegistryAuthority } from './identity/local-registry-authority';
import { createOutboxSmsSender } from './sms/outbox-sms-sender';
import type { CreditBureau } from '../features/risk/credit-bureau.port';
import type { RiskStore } from '../features/risk/risk-store.port';
import type { ScorecardRegistry } from '../features/risk/scorecard-registry.port';
import { createDbRiskStore } from './risk/db-risk-store';
import { createLocalFileCreditBureau } from './risk/local-file-credit-bureau';
import { createScorecardRegistry, loadScorecardModels } from './risk/load-scorecard-models';
import type { ContractStore } from '../features/contracts/contract-store.port';
import type { ContractDocuments } from '../features/contracts/contract-documents.port';
import { createDbContractStore } from './contracts/db-contract-store';
import type { ApprovalStore } from '../features/approvals/approval-store.port';
import { createDbApprovalStore } from './approvals/db-approval-store';
import type { DisbursementStore } from '../features/disbursement/disbursement-store.port';
import { createDbDisbursementStore } from './disbursement/db-disbursement-store';
import { createPdfContractDocuments } from './contracts/pdf-contract-documents';
import { loadPlatformPki, type PlatformPki } from './pki/load-platform-pki';

/** Every adapter the platform runs on, chosen once from config. Tests use the same factory. */
export interface Infrastructure {
  database: DatabaseHandle;
  cipher: PersonalDataCipher;
  accounts: AccountStore;
  sessions: SessionStore;
  rateLimiter: RateLimiter;
  passwords: PasswordHasher;
  /** TOTP secrets, recovery codes, passkeys and WebAuthn challenges (always in the database). */
  secondFactors: SecondFactorStore;
  applications: ApplicationStore;
  blobs: DocumentBlobs;
  redis: Redis | undefined;
  /** Identity verification: its store, the identity authority (local registry), SMS (outbox), face engine. */
  identity: {
    store: IdentityStore;
    authority: IdentityAuthority;
    /** Present while the authority is the local registry (demo, tests, development). */
    registry: IdentityRegistry | undefined;
    sms: SmsSender;
    /** Present while SMS go to the development outbox. */
    smsOutbox: SmsOutbox | undefined;
    /** Read at call time (so a test can put a double in its place); models load on first use. */
    faceEngine: FaceEngine | undefined;
  };
  ledger: {
    store: LedgerStore;
    openings: OpeningStore;
    secrets: LedgerSecrets;
    /** The checkpoint signing key (its name is the origin). */
    signer: NoteSigner & { publicKey: Buffer };
    witnessClient: WitnessClient;
    witnessedLogs: WitnessedLogStore;
    /** This node's cosigning key, when it is a witness. */
    witnessSigner: (NoteSigner & { publicKey: Buffer }) | undefined;
  };
  /** Risk assessment: its store, the credit bureau (local file), the models in service. */
  risk: {
    store: RiskStore;
    bureau: CreditBureau;
    /** Read at call time (so a test can put another registry in its place). */
    models: ScorecardRegistry;
  };
  /** Loan contracts: their store, the PDF and signing adapter, and the platform PKI (loaded on first use). */
  contracts: {
    store: ContractStore;
    documents: ContractDocuments;
    pki: () => Promise<PlatformPki>;
  };
  /** Approval cases, their decisions and the approved terms. */
  approvals: { store: ApprovalStore };
  /** Disbursements, their outbox and Idempotency-Key records. */
  disbursement: { store: DisbursementStore };
  /** True when the database answers a query. */
  isHealthy(): Promise<boolean>;
  close(): Promise<void>;
}

export async function openInfrastructure({
  config,
  migrate = true,
  isDatabaseInMemory = false,
}: {
  config: Pick<
    Config,
    | 'databaseUrl'
    | 'dataDir'
    | 'databasePoolSize'
    | 'redisUrl'
    | 'masterKey'
    | 'ledgerOrigin'
    | 'ledgerSigningKey'
    | 'witnessName'
    | 'witnessKey'
    | 'pkiDir'
    | 'pkiPublicUrl'
  > &
    Partial<Pick<Config, 'creditBureauFile'>>;
  migrate?: boolean;
  /** Tests: embedded database in memory (blobs and keys still go to `dataDir`). */
  isDatabaseInMemory?: boolean;
}): Promise<Infrastructure> {
  const database = await createDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: isDatabaseInMemory ? 'memory' : config.dataDir,
    poolSize: config.databasePoolSize,
  });
  try {
    if (migrate) await migrateToLatest(database.db);
  } catch (e) {
    await database.close();
    throw e;
  }
  const { db } = database;
  // Before anything else opens: a model reading a protected characteristic stops the start here.
  let models: ScorecardRegistry;
  try {
    models = createScorecardRegistry({ models: loadScorecardModels() });
  } catch (e) {
    await database.close();
    throw e;
  }
  const masterKey = loadMasterKey({ configured: config.masterKey, dataDir: config.dataDir });
  const cipher = createPersonalDataCipher({ kek: createLocalKek({ masterKey }), masterKey });
  const accounts = createDbAccountStore({ db, cipher });
  const redis = config.redisUrl
    ? new Redis(config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 2, enableOfflineQueue: true })
    : undefined;
  if (redis) {
    redis.on('error', () => {}); // reported by the failing command; reconnects on its own
    await redis.connect();
  }
  return {
    database,
    cipher,
    accounts,
    sessions: redis ? createRedisSessionStore({ redis, accounts }) : createDbSessionStore({ db, cipher }),
    rateLimiter: redis ? createRedisRateLimiter({ redis }) : createDbRateLimiter({ db }),
    passwords: createArgon2PasswordHasher(),
    secondFactors: createDbSecondFactorStore({ db, cipher }),
    applications: createDbApplicationStore({ db, cipher }),
    blobs: createFileDocumentBlobs({ dir: join(config.dataDir, 'blobs'), cipher }),
    redis,
    identity: (() => {
      const local = createLocalRegistryAuthority({ db, cipher });
      const sms = createOutboxSmsSender({ db, cipher });
      return {
        store: createDbIdentityStore({ db, cipher }),
        authority: local,
        registry: local,
        sms,
        smsOutbox: sms,
        faceEngine: createHumanFaceEngine(),
      };
    })(),
    ledger: {
      store: createDbLedgerStore({ db }),
      openings: createDbOpeningStore({ db, cipher }),
      secrets: createLedgerSecrets({ masterKey }),
      signer: loadLedgerKey({
        configured: config.ledgerSigningKey,
        dataDir: config.dataDir,
        file: 'ledger-signing.key',
        name: config.ledgerOrigin,
      }),
      witnessClient: createHttpWitnessClient(),
      witnessedLogs: createDbWitnessedLogStore({ db }),
      witnessSigner:
        config.witnessName === undefined
          ? undefined
          : loadLedgerKey({
              configured: config.witnessKey,
              dataDir: config.dataDir,
              file: 'witness.key',
              name: config.witnessName,
              type: 0x04,
            }),
    },
    risk: {
      store: createDbRiskStore({ db, cipher }),
      bureau: createLocalFileCreditBureau(
        config.creditBureauFile === undefined ? {} : { file: config.creditBureauFile },
      ),
      models,
    },
    contracts: (() => {
      let pki: Promise<PlatformPki> | undefined;
      const loadPki = () =>
        (pki ??= loadPlatformPki({
          dataDir: config.dataDir,
          configured: config.pkiDir,
          publicUrl: config.pkiPublicUrl,
        }).catch((e: unknown) => {
          pki = undefined;
          throw e;
        }));
      return {
        store: createDbContractStore({ db, cipher }),
        documents: createPdfContractDocuments({ pki: loadPki }),
        pki: loadPki,
      };
    })(),
    approvals: { store: createDbApprovalStore({ db, cipher }) },
    disbursement: { store: createDbDisbursementStore({ db }) },
    async isHealthy() {
      try {
        await db.selectFrom('accounts').select('id').limit(1).execute();
        if (redis) await redis.ping();
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      redis?.disconnect();
      await database.close();
    },
  };
}
