import type { Config } from '../config';
import { currentScreeningPolicy } from '../core/screening/policy';
import type { AccountsDeps } from '../features/accounts/accounts-deps';
import type { ApplicationsDeps } from '../features/applications/applications-deps';
import type { Infrastructure } from '../infra/open-infrastructure';
import type { SecurityDeps } from '../features/security/security-deps';
import { renderQrCode } from '../infra/security/render-qr-code';
import type { LedgerDeps } from '../features/ledger/ledger-deps';
import { prepareEvidence } from '../features/ledger/prepare-evidence';
import { sequenceQueuedEvidence } from '../features/ledger/sequence-queued-evidence';
import { formatVerifierKey } from '../core/ledger/note/format-verifier-key';
import { randomInt } from 'node:crypto';
import { livenessChallenges } from '../core/identity/liveness-challenge';
import { AppError } from '../core/errors';
import type { IdentityDeps } from '../features/identity/identity-deps';
import { verifyFace } from '../features/identity/verify-face';
import { findActiveConsent } from '../features/identity/find-active-consent';
import { identityApplications } from './identity-applications';
import { currentRiskPolicy } from '../core/risk/decision-policy';
import { platformProtectedInputs } from '../core/risk/protected-inputs';
import type { RiskDeps } from '../features/risk/risk-deps';
import { randomBytes, randomUUID } from 'node:crypto';
import type { ContractsDeps } from '../features/contracts/contracts-deps';
import { sampleContractData } from '../core/contract/sample-contract-data';
import { contractApplications } from './contract-applications';
import { approvedTermsOf } from '../features/approvals/approved-terms-of';
import type { TrustServices } from '../features/trust/trust-services.port';
import { createPlatformTrustServices } from '../infra/pki/platform-trust-services';
import { contractGuarantors } from './compose-guarantors';
import { eraseWithdrawnFaceData } from '../features/privacy/erase-withdrawn-face-data';
import { composePrivacyDeps } from './compose-privacy';

import { createDbAccountClosure } from '../infra/accounts/db-account-closure';
/**
 * What a capability's `register…(app, options)` gets from the composition root: the adapters, the
 * config and clock, and the ledger and applications dependencies every capability shares.
 */
export interface CapabilityOptions {
  infra: Infrastructure;
  config: Config;
  clock: () => Date;
  ledger: LedgerDeps;
  applications: ApplicationsDeps;
}

/**
 * After a commit that queued evidence: sequence the outbox now, without waiting. Failures are
 * retried by the integrator's next tick, which drains the outbox too.
 */
export const nudgeSequencer = (ledger: LedgerDeps) => () =>
  void sequenceQueuedEvidence(ledger).catch(() => {});

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
    secondFactors: infra.secondFactors,
    closure: createDbAccountClosure({ db: infra.database.db, cipher: infra.cipher }),
    clock,
    settings: config,
  };
}

/**
 * The second-factor use cases' dependencies. `listeningPort` gives the port the server actually
 * listens on, for the default WebAuthn origin (`http://localhost:<port>`) when WEBAUTHN_ORIGIN is unset.
 */
export function composeSecurityDeps({
  infra,
  config,
  clock = () => new Date(),
  listeningPort = () => undefined,
}: {
  infra: Infrastructure;
  config: Config;
  clock?: () => Date;
  listeningPort?: () => number | undefined;
}): SecurityDeps {
  return {
    store: infra.secondFactors,
    secondFactors: infra.secondFactors,
    accounts: infra.accounts,
    sessions: infra.sessions,
    rateLimiter: infra.rateLimiter,
    clock,
    settings: config,
    webauthn: {
      rpId: config.webauthnRpId,
      rpName: 'mianqian 面签',
      origins: () =>
        config.webauthnOrigins !== undefined
          ? [...config.webauthnOrigins]
          : [`http://localhost:${listeningPort() ?? config.port}`],
    },
    renderQrCode,
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
      sequence: nudgeSequencer(ledger),
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

/** Identity leaves, filed under the borrower's account (a verification may come before any application). */
export function identityEvidence(ledger: LedgerDeps): IdentityDeps['evidence'] {
  return {
    prepare: ({ accountId, ...input }) => prepareEvidence(ledger, { ...input, applicationId: accountId }),
    sequence: nudgeSequencer(ledger),
  };
}

/** Identity verification's dependencies: its adapters, the face verifier, the ledger and the applications it moves on. */
export function composeIdentityDeps({
  infra,
  config,
  clock = () => new Date(),
  ledger = composeLedgerDeps({ infra, config, clock }),
  applications = composeApplicationsDeps({ infra, config, clock, ledger }),
}: {
  infra: Infrastructure;
  config: Config;
  clock?: () => Date;
  ledger?: LedgerDeps;
  applications?: ApplicationsDeps;
}): IdentityDeps {
  const { identity } = infra;
  return {
    store: identity.store,
    authority: identity.authority,
    registry: config.mode === 'production' ? undefined : identity.registry,
    sms: identity.sms,
    smsOutbox: config.mode === 'production' ? undefined : identity.smsOutbox,
    // Read at call time: the face engine loads its models on first use.
    verifyFace: (input) => {
      const faceEngine = identity.faceEngine;
      if (!faceEngine) throw new AppError('FACE_ENGINE_UNAVAILABLE');
      return verifyFace({ deps: { faceEngine }, ...input });
    },
    evidence: identityEvidence(ledger),
    applications: identityApplications(applications),
    eraseFaceData: ({ accountId }) =>
      eraseWithdrawnFaceData({ deps: composePrivacyDeps({ infra, config, clock }), accountId }),
    clock,
    random:
      config.testFaceChallenge === undefined
        ? () => randomInt(0, 2 ** 32) / 2 ** 32
        : // Test mode only (config refuses it elsewhere): the draw that picks the configured challenge.
          () => (livenessChallenges.indexOf(config.testFaceChallenge!) + 0.5) / livenessChallenges.length,
    newCode: () => String(randomInt(0, 1_000_000)).padStart(6, '0'),
    hashCode: ({ codeId, code }) => infra.cipher.lookupHash('phone_code', `${codeId}:${code}`),
    settings: {
      isDevelopment: config.mode !== 'production',
      faceCheckTtlSeconds: 180,
      maxFrameBytes: 512 * 1024,
      verificationsPerDay: 10,
    },
  };
}

/**
 * Risk assessment's dependencies: its store, the credit bureau and the models (read at call time), the
 * applications it reads, the borrower's credit-inquiry consent from identity verification, the ledger.
 */
export function composeRiskDeps({
  infra,
  config,
  clock = () => new Date(),
  ledger = composeLedgerDeps({ infra, config, clock }),
}: {
  infra: Infrastructure;
  config: Config;
  clock?: () => Date;
  ledger?: LedgerDeps;
}): RiskDeps {
  return {
    store: infra.risk.store,
    bureau: {
      get provider() {
        return infra.risk.bureau.provider;
      },
      query: (q) => infra.risk.bureau.query(q),
    },
    models: { modelFor: (kind) => infra.risk.models.modelFor(kind), all: () => infra.risk.models.all() },
    applications: {
      async find(id) {
        const app = await infra.applications.findById(id);
        return (
          app && {
            id: app.id,
            kind: app.kind,
            status: app.status,
            productCode: app.productCode,
            borrowerAccountId: app.borrowerAccountId,
            details: app.details,
          }
        );
      },
      async screening(id) {
        const s = await infra.applications.latestScreening(id);
        return s && { decision: s.decision, policyVersion: s.policyVersion, results: s.results };
      },
    },
    consents: {
      activeCreditInquiryConsent: ({ accountId, idNumber }) =>
        findActiveConsent({ deps: infra.identity, accountId, kind: 'credit_inquiry', idNumber }),
    },
    evidence: {
      prepare: (input) => prepareEvidence(ledger, input),
      sequence: nudgeSequencer(ledger),
    },
    policy: currentRiskPolicy,
    screeningPolicy: currentScreeningPolicy,
    protectedInputs: platformProtectedInputs,
    clock,
    settings: { minLiveForStability: 30, disparateImpactAlert: 0.8, stabilityAlert: 0.25 },
  };
}

/**
 * Loan contracts' dependencies: the store and the PDF/PKI adapter, the applications they belong to,
 * verified people from identity verification, the terms the approval case concluded on, the ledger.
 */
export function composeContractsDeps({
  infra,
  config,
  clock = () => new Date(),
  ledger = composeLedgerDeps({ infra, config, clock }),
  applications = composeApplicationsDeps({ infra, config, clock, ledger }),
}: {
  infra: Infrastructure;
  config: Config;
  clock?: () => Date;
  ledger?: LedgerDeps;
  applications?: ApplicationsDeps;
}): ContractsDeps {
  return {
    store: infra.contracts.store,
    documents: infra.contracts.documents,
    applications: contractApplications(applications),
    guarantors: contractGuarantors({ infra }),
    people: {
      async verifiedPerson(accountId) {
        const v = await infra.identity.store.verifiedIdentityOf(accountId);
        return v && { name: v.name, idNumber: v.idNumber.toUpperCase() };
      },
      async accountByMobile(mobile) {
        const found = await infra.accounts.findCredentialsByMobile(mobile);
        return found && !found.account.isDisabled
          ? { id: found.account.id, role: found.account.role }
          : undefined;
      },
    },
    terms: {
      async of(application) {
        const approved = await approvedTermsOf({
          deps: { store: infra.approvals.store },
          applicationId: application.id,
        });
        return (
          approved && {
            amount: approved.amount,
            termMonths: approved.termMonths,
            repaymentMethod: approved.repaymentMethod,
            nominalAnnualRate: approved.nominalAnnualRate,
          }
        );
      },
    },
    evidence: {
      prepare: (input) => prepareEvidence(ledger, input),
      sequence: nudgeSequencer(ledger),
    },
    lender: (locale) => sampleContractData(locale).lender,
    clock,
    newId: randomUUID,
    randomSalt: () => randomBytes(32),
  };
}

/** The public trust services (CA certificates, CRLs, OCSP) over the platform PKI, loaded now. */
export async function composeTrustDeps({
  infra,
  clock = () => new Date(),
}: {
  infra: Infrastructure;
  clock?: () => Date;
}): Promise<TrustServices> {
  return createPlatformTrustServices({ pki: await infra.contracts.pki(), clock });
}
