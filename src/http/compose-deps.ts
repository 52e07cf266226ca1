import type { Config } from '../config';
import { currentScreeningPolicy } from '../core/screening/policy';
import type { AccountsDeps } from '../features/accounts/accounts-deps';
import type { ApplicationsDeps } from '../features/applications/applications-deps';
import type { Infrastructure } from '../infra/open-infrastructure';
import type { LedgerDeps } from '../features/ledger/ledger-deps';
import { prepareEvidence } from '../features/ledger/prepare-evidence';
import { sequenceQueuedEvidence } from '../features/ledger/sequence-queued-evidence';
import { formatVerifierKey } from '../core/ledger/note/format-verifier-key';

/** The accounts use cases' dependencies, from the adapters and config (one place for the app, the seed and jobs). */
export function composeAccountsDeps({
  infra,
  config,
  clock = () => new Date(),
}: {
  infra: Infrastructure;
  config: Config;
  clock?: () => Date;
}): AccountsDeps {
  return {
    accounts: infra.accounts,
    sessions: infra.sessions,
    rateLimiter: infra.rateLimiter,
    passwords: infra.passwords,
    clock,
    settings: config,
  };
}

/** The applications use cases' dependencies, under the screening policy in force. */
export function composeApplicationsDeps({
  infra,
  config,
  clock = () => new Date(),
  ledger = composeLedgerDeps({ infra, config, clock }),
}: {
  infra: Infrastructure;
  config: Config;
  clock?: () => Date;
  ledger?: LedgerDeps;
}): ApplicationsDeps {
  return {
    applications: infra.applications,
    blobs: infra.blobs,
    clock,
    policy: currentScreeningPolicy,
    settings: config,
    evidence: {
      prepare: (input) => prepareEvidence(ledger, input),
      // Failures are retried by the integrator's next tick, which drains the outbox too.
      sequence: () => void sequenceQueuedEvidence(ledger).catch(() => {}),
    },
  };
}

/** The evidence ledger's dependencies: its adapters, keys and witnesses, and what it needs to know of applications. */
export function composeLedgerDeps({
  infra,
  config,
  clock = () => new Date(),
}: {
  infra: Infrastructure;
  config: Config;
  clock?: () => Date;
}): LedgerDeps {
  const { ledger } = infra;
  return {
    store: ledger.store,
    openings: ledger.openings,
    secrets: ledger.secrets,
    applications: {
      async find(id) {
        const app = await infra.applications.findById(id);
        return app && { id: app.id, reference: app.reference, borrowerAccountId: app.borrowerAccountId };
      },
      async ofBorrower(accountId) {
        const { items } = await infra.applications.listByBorrower({
          borrowerAccountId: accountId,
          page: 1,
          pageSize: 1000,
        });
        return items.map((i) => ({ id: i.id, reference: i.reference }));
      },
    },
    origin: config.ledgerOrigin,
    signer: ledger.signer,
    vkey: formatVerifierKey(ledger.signer.name, ledger.signer.publicKey),
    witnesses: config.ledgerWitnesses,
    requiredCosignatures: config.ledgerRequiredCosignatures,
    witnessClient: ledger.witnessClient,
    witness:
      ledger.witnessSigner === undefined
        ? undefined
        : {
            signer: ledger.witnessSigner,
            vkey: formatVerifierKey(ledger.witnessSigner.name, ledger.witnessSigner.publicKey, 0x04),
            logs: config.witnessLogs,
            store: ledger.witnessedLogs,
          },
    clock,
  };
}
